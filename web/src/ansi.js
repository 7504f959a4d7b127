// ansi.js: turn text with ANSI escape sequences (as in Jupyter tracebacks) into styled
// segments.
//
// parseAnsi is pure: it returns [{text, style}] where style names the SGR state (colours as
// palette names such as "red" or "bright-blue", or "#rrggbb" for 256-colour and true-colour
// codes). Sequences other than SGR (cursor moves, OSC titles) are dropped. The renderer turns
// segments into <span>s with textContent, never innerHTML.

const NAMES = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"];

function xterm256(n) {
  if (n < 8) return NAMES[n];
  if (n < 16) return "bright-" + NAMES[n - 8];
  const hex = (v) => v.toString(16).padStart(2, "0");
  if (n < 232) {
    const i = n - 16;
    const level = (c) => (c === 0 ? 0 : 55 + c * 40);
    return "#" + hex(level(Math.floor(i / 36))) + hex(level(Math.floor(i / 6) % 6)) + hex(level(i % 6));
  }
  const g = 8 + (n - 232) * 10;
  return "#" + hex(g) + hex(g) + hex(g);
}

function rgb(r, g, b) {
  const hex = (v) => Math.max(0, Math.min(255, v | 0)).toString(16).padStart(2, "0");
  return "#" + hex(r) + hex(g) + hex(b);
}

// Applies one SGR parameter list to style (mutated copy returned).
function applySGR(style, params) {
  const s = { ...style };
  const p = params.length ? params : [0];
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === 0) for (const k of Object.keys(s)) delete s[k];
    else if (c === 1) s.bold = true;
    else if (c === 2) s.dim = true;
    else if (c === 3) s.italic = true;
    else if (c === 4) s.underline = true;
    else if (c === 7) s.inverse = true;
    else if (c === 22) {
      delete s.bold;
      delete s.dim;
    } else if (c === 23) delete s.italic;
    else if (c === 24) delete s.underline;
    else if (c === 27) delete s.inverse;
    else if (c >= 30 && c <= 37) s.fg = NAMES[c - 30];
    else if (c === 39) delete s.fg;
    else if (c >= 40 && c <= 47) s.bg = NAMES[c - 40];
    else if (c === 49) delete s.bg;
    else if (c >= 90 && c <= 97) s.fg = "bright-" + NAMES[c - 90];
    else if (c >= 100 && c <= 107) s.bg = "bright-" + NAMES[c - 100];
    else if (c === 38 || c === 48) {
      const key = c === 38 ? "fg" : "bg";
      if (p[i + 1] === 5 && i + 2 < p.length) {
        s[key] = xterm256(p[i + 2]);
        i += 2;
      } else if (p[i + 1] === 2 && i + 4 < p.length) {
        s[key] = rgb(p[i + 2], p[i + 3], p[i + 4]);
        i += 4;
      }
    }
  }
  return s;
}

// CSI sequences (ESC [ params final) and OSC sequences (ESC ] ... BEL or ESC \).
const ESCAPE = /\x1b\[([0-9;?]*)([@-~])|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]?/g;

/** Splits text into [{text, style}] segments following ANSI SGR codes; drops other escapes. */
export function parseAnsi(text) {
  const segments = [];
  let style = {};
  let last = 0;
  const push = (chunk) => {
    if (!chunk) return;
    const prev = segments[segments.length - 1];
    if (prev && sameStyle(prev.style, style)) prev.text += chunk;
    else segments.push({ text: chunk, style });
  };
  for (const m of text.matchAll(ESCAPE)) {
    push(text.slice(last, m.index));
    last = m.index + m[0].length;
    if (m[2] === "m") {
      const params = m[1] === "" ? [] : m[1].split(";").map((x) => (x === "" ? 0 : Number(x)));
      style = applySGR(style, params);
    }
  }
  push(text.slice(last));
  return segments;
}

function sameStyle(a, b) {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

/** Returns text with every ANSI escape sequence removed. */
export function stripAnsi(text) {
  return text.replace(ESCAPE, "");
}

/**
 * Applies carriage returns the way a terminal shows them: within each line, text after the
 * last "\r" overwrites what came before (so progress bars show their final state).
 */
export function applyCarriageReturns(text) {
  if (!text.includes("\r")) return text;
  return text
    .replace(/\r\n/g, "\n")
    .split("\n")
    .map((line) => {
      const parts = line.split("\r");
      let out = "";
      for (const part of parts) out = part + out.slice(part.length);
      return out;
    })
    .join("\n");
}

/**
 * Renders text with ANSI codes into a DocumentFragment of text nodes and <span>s (classes
 * ansi-<colour>-fg/-bg, ansi-bold, ...; inline colour for 256/true colours). Needs a document.
 */
export function ansiToFragment(text, doc = globalThis.document) {
  const frag = doc.createDocumentFragment();
  for (const { text: chunk, style } of parseAnsi(text)) {
    if (Object.keys(style).length === 0) {
      frag.appendChild(doc.createTextNode(chunk));
      continue;
    }
    const span = doc.createElement("span");
    span.textContent = chunk;
    let { fg, bg } = style;
    if (style.inverse) [fg, bg] = [bg ?? "default-bg", fg ?? "default-fg"];
    for (const [key, value] of [["fg", fg], ["bg", bg]]) {
      if (!value) continue;
      if (value.startsWith("#")) span.style[key === "fg" ? "color" : "backgroundColor"] = value;
      else span.classList.add(`ansi-${value}-${key}`);
    }
    for (const flag of ["bold", "dim", "italic", "underline"]) if (style[flag]) span.classList.add(`ansi-${flag}`);
    frag.appendChild(span);
  }
  return frag;
}
