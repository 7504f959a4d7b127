// mathmarkdown.js: $...$ and $$...$$ in Markdown, as Jupyter reads them, for markdown-it.
//
// The rules only find the math; they do not typeset it. Each piece becomes an element of
// class "math" that shows the TeX as text, delimiters included (<span class="math
// math-inline">$x^2$</span>, or math-display for $$...$$), and math.js, loaded only when a
// cell has such an element, typesets it with KaTeX.
//
// Jupyter's rules, as kept here:
// - `$` opens inline math only when the next character is not a space, and closes it only
//   after a character that is not a space ("$5 and $6" stays text); the math is not empty.
// - `$$` opens display math, closed by the next `$$`, inline or on a line of its own.
// - `\$` is a dollar sign, outside math and inside it (it does not close the math).
// - Code spans and code blocks are untouched: the backtick rule takes them first.
// - Inside math, Markdown is not read: `*`, `_` and `\\` reach KaTeX as written.

const DOLLAR = 0x24;
const BACKSLASH = 0x5c;

function isSpace(code) {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

/**
 * Finds the closing delimiter of math opened at src[from - open.length]: the index of the
 * closing `$` (or `$$`), or -1. Escaped dollars (`\$`) do not close.
 */
export function findClose(src, from, max, display) {
  for (let pos = from; pos < max; pos++) {
    const c = src.charCodeAt(pos);
    if (c === BACKSLASH) {
      pos++; // the escaped character, whatever it is
      continue;
    }
    if (c !== DOLLAR) continue;
    if (display) {
      if (src.charCodeAt(pos + 1) === DOLLAR) return pos;
      continue;
    }
    if (!isSpace(src.charCodeAt(pos - 1))) return pos;
  }
  return -1;
}

// Inline rule: $...$ and $$...$$ inside a paragraph.
function mathInline(state, silent) {
  const { src, pos: start, posMax: max } = state;
  if (src.charCodeAt(start) !== DOLLAR) return false;
  const display = src.charCodeAt(start + 1) === DOLLAR;
  const open = display ? 2 : 1;
  if (start + open >= max) return false;
  if (!display && isSpace(src.charCodeAt(start + 1))) return false;
  const close = findClose(src, start + open, max, display);
  if (close < 0 || close === start + open) return false;
  if (!silent) {
    const token = state.push("math_inline", "span", 0);
    token.markup = display ? "$$" : "$";
    token.info = display ? "display" : "inline";
    token.content = src.slice(start + open, close);
  }
  state.pos = close + open;
  return true;
}

// Block rule: a paragraph of its own that starts with $$ and whose last line ends with $$.
function mathBlock(state, startLine, endLine, silent) {
  let pos = state.bMarks[startLine] + state.tShift[startLine];
  let max = state.eMarks[startLine];
  if (state.sCount[startLine] - state.blkIndent >= 4) return false; // indented code
  if (!state.src.startsWith("$$", pos)) return false;
  pos += 2;
  const first = state.src.slice(pos, max).trim();
  let content;
  let last = startLine;
  if (first.endsWith("$$") && first.length >= 2) {
    // $$ ... $$ on one line: a block only if nothing follows and nothing but the closing
    // $$ in between ("$$a$$ and $$b$$" is a paragraph of inline display math).
    const inner = first.slice(0, -2);
    if (inner.includes("$$") || inner.trim() === "") return false;
    content = inner;
  } else {
    if (first.includes("$$")) return false;
    const lines = [first];
    let found = false;
    for (let line = startLine + 1; line < endLine; line++) {
      const s = state.bMarks[line] + state.tShift[line];
      const e = state.eMarks[line];
      const text = state.src.slice(s, e).trimEnd();
      if (text.includes("$$")) {
        if (!text.endsWith("$$") || text.indexOf("$$") !== text.length - 2) return false;
        lines.push(text.slice(0, -2));
        last = line;
        found = true;
        break;
      }
      if (text === "") return false; // a blank line ends the paragraph first
      lines.push(text);
    }
    if (!found) return false;
    content = lines.join("\n").trim();
    if (content === "") return false;
  }
  if (silent) return true;
  state.line = last + 1;
  const token = state.push("math_block", "div", 0);
  token.block = true;
  token.markup = "$$";
  token.content = content;
  token.map = [startLine, state.line];
  return true;
}

/** The markdown-it plugin: md.use(mathPlugin). */
export function mathPlugin(md) {
  md.inline.ruler.after("escape", "math_inline", mathInline);
  md.block.ruler.before("fence", "math_block", mathBlock, { alt: ["paragraph", "reference", "blockquote", "list"] });
  const esc = md.utils.escapeHtml;
  md.renderer.rules.math_inline = (tokens, idx) => {
    const t = tokens[idx];
    return `<span class="math math-${t.info}">${esc(t.markup + t.content + t.markup)}</span>`;
  };
  md.renderer.rules.math_block = (tokens, idx) => `<div class="math math-display">${esc("$$" + tokens[idx].content + "$$")}</div>\n`;
}

/** The TeX of an element the plugin made, and whether it is display math. */
export function mathSource(text, display) {
  const n = display ? 2 : 1;
  return text.slice(n, text.length - n);
}
