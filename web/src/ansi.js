// ansi.js: turn text with ANSI escape sequences (as in Jupyter tracebacks) into styled
// segments.
//
// parseAnsi is pure: it returns [{text, style}] where style names the SGR state (colours as
// palette names such as "red" or "bright-blue", or "#rrggbb" for 256-colour and true-colour
// codes). Sequences other than SGR (cursor moves, OSC titles) are dropped. The renderer turns
// segments into <span>s with textContent, never innerHTML.
//
// TerminalText takes a stream's text chunk by chunk, as a terminal does: it keeps the lines
// with carriage returns applied and the style each line starts in, so a view can draw any
// line range, or only what was added, in the right colours without reading the whole text.

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

const NO_STYLE = Object.freeze({});

// The numbers of an SGR sequence's parameter text ("1;31" -> [1, 31]; empty ones are 0).
function sgrParams(text) {
  return text === "" ? [] : text.split(";").map((x) => (x === "" ? 0 : Number(x)));
}

// CSI sequences (ESC [ params final) and OSC sequences (ESC ] ... BEL or ESC \).
const ESCAPE = /\x1b\[([0-9;?]*)([@-~])|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]?/g;

/**
 * Splits text into [{text, style}] segments following ANSI SGR codes; drops other escapes.
 * style is the SGR state the text starts in (none by default).
 */
export function parseAnsi(text, style = NO_STYLE) {
  const segments = [];
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
      style = applySGR(style, sgrParams(m[1]));
    }
  }
  push(text.slice(last));
  return segments;
}

/** The SGR state after text, which starts in style: the style the text that follows it starts in. */
export function styleAfter(text, style = NO_STYLE) {
  if (!text.includes("\x1b")) return style;
  for (const m of text.matchAll(ESCAPE)) {
    if (m[2] === "m") style = applySGR(style, sgrParams(m[1]));
  }
  return style;
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
 * A stream's text as a terminal shows it, built chunk by chunk: the finished lines (each
 * ending in "\n") with carriage returns applied as applyCarriageReturns does, the SGR style
 * each line starts in, and the unfinished last line. However the text is split into chunks,
 * the result is the same; appending costs O(chunk), plus the last line's length when a
 * carriage return rewrites it (a progress bar).
 */
export class TerminalText {
  /** The finished lines, each ending in "\n". */
  lines = [];
  /** styles[i] is the SGR style lines[i] starts in; styles[lines.length], the last line's. */
  styles = [NO_STYLE];
  /** The unfinished last line (no "\n"), carriage returns applied. */
  current = "";
  /** The length of the finished lines together. */
  finishedLength = 0;
  #column = 0; // where the last line's next character goes: 0 after "\r"

  /** Adds text written to the stream. */
  append(chunk) {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf("\n", start);
      this.#write(nl < 0 ? (start ? chunk.slice(start) : chunk) : chunk.slice(start, nl));
      if (nl < 0) return;
      const line = this.current + "\n";
      this.lines.push(line);
      this.finishedLength += line.length;
      this.styles.push(styleAfter(line, this.styles[this.styles.length - 1]));
      this.current = "";
      this.#column = 0;
      start = nl + 1;
    }
  }

  // Writes text without "\n" at the column: "\r" goes back to the line's start, other
  // characters overwrite what is there (or extend the line).
  #write(text) {
    let start = 0;
    for (;;) {
      const cr = text.indexOf("\r", start);
      const part = cr < 0 ? (start ? text.slice(start) : text) : text.slice(start, cr);
      if (part) {
        const cur = this.current;
        const col = this.#column;
        this.current = col === cur.length ? cur + part : cur.slice(0, col) + part + cur.slice(col + part.length);
        this.#column = col + part.length;
      }
      if (cr < 0) return;
      this.#column = 0;
      start = cr + 1;
    }
  }

  /** The number of lines as text.split(/(?<=\n)/) counts them: the unfinished one too, if any. */
  get lineCount() {
    return this.lines.length + (this.current !== "" || this.lines.length === 0 ? 1 : 0);
  }

  /** Line i (counted as lineCount does): a finished line with its "\n", or the last one. */
  line(i) {
    return i < this.lines.length ? this.lines[i] : this.current;
  }

  /** The length of the whole text. */
  get length() {
    return this.finishedLength + this.current.length;
  }

  /** Lines from up to end (line indices), joined. */
  slice(from, end = this.lineCount) {
    const upTo = Math.min(end, this.lines.length);
    const finished = from < upTo ? this.lines.slice(from, upTo).join("") : "";
    return from <= this.lines.length && end > this.lines.length ? finished + this.current : finished;
  }

  /** The whole text, carriage returns applied: applyCarriageReturns of everything appended. */
  get text() {
    return this.slice(0);
  }
}

/**
 * Renders text with ANSI codes into a DocumentFragment of text nodes and <span>s (classes
 * ansi-<colour>-fg/-bg, ansi-bold, ...; inline colour for 256/true colours). Needs a document.
 * style is the SGR state the text starts in (see TerminalText.styles).
 */
export function ansiToFragment(text, doc = globalThis.document, startStyle = NO_STYLE) {
  const frag = doc.createDocumentFragment();
  for (const { text: chunk, style } of parseAnsi(text, startStyle)) {
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
