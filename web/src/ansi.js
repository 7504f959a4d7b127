// ansi.js: turn text with ANSI escape sequences (as in Jupyter tracebacks) into styled
// segments.
//
// The SGR codes (colours, 256-colour and true-colour codes, bold, dim, italic, underline,
// inverse...) are interpreted by anser, chunk by chunk through its processChunkJson, which
// returns plain data, never HTML. What stays here: dropping the sequences that are not SGR
// (cursor moves, erase-line, OSC titles: anser would keep an OSC's text and forget the colour
// after an erase-line), the SGR state as a small object a line can start in (anser keeps its
// state inside an instance and offers no way to read or set it, and TerminalText needs the
// style each line starts in to draw any line range alone), and carriage returns.
//
// parseAnsi is pure: it returns [{text, style}] where style names the SGR state (colours as
// palette names such as "red" or "bright-blue", or "#rrggbb" for 256-colour and true-colour
// codes). The renderer turns segments into <span>s with textContent, never innerHTML.
//
// TerminalText takes a stream's text chunk by chunk, as a terminal does: it keeps the lines
// with carriage returns applied and the style each line starts in, so a view can draw any
// line range, or only what was added, in the right colours without reading the whole text.

import Anser from "anser";

const NO_STYLE = Object.freeze({});

// anser's 256-colour palette ("r, g, b" strings), for codes 38;5;N and 48;5;N with N >= 16,
// which anser names by class ("ansi-palette-N") when asked for classes.
let palette = null;
function paletteColour(n) {
  if (!palette) {
    const a = new Anser();
    a.setupPalette();
    palette = /** @type {any} */ (a).PALETTE_COLORS; // set by setupPalette, not in anser's types
  }
  return rgbHex(palette[n]);
}

// "1, 2, 255" -> "#0102ff".
function rgbHex(text) {
  return "#" + text.split(",").map((v) => Math.max(0, Math.min(255, Number(v) | 0)).toString(16).padStart(2, "0")).join("");
}

// anser's colour (a class name with use_classes) as this module names it.
function colour(name, truecolor) {
  if (!name) return undefined;
  if (name === "ansi-truecolor") return truecolor ? rgbHex(truecolor) : undefined;
  if (name.startsWith("ansi-palette-")) return paletteColour(Number(name.slice(13)));
  return name.slice(5); // "ansi-red" -> "red", "ansi-bright-red" -> "bright-red"
}

// anser's decorations kept here, under this module's names.
const FLAGS = { bold: "bold", dim: "dim", italic: "italic", underline: "underline", reverse: "inverse", strikethrough: "strikethrough" };
const FLAG_CODES = { bold: 1, dim: 2, italic: 3, underline: 4, inverse: 7, strikethrough: 9 };
const ORDER = ["fg", "bg", "bold", "dim", "italic", "underline", "inverse", "strikethrough"];

// The style of one of anser's JSON chunks (the state after the chunk's SGR code).
function styleOf(chunk) {
  const s = {};
  const fg = colour(chunk.fg, chunk.fg_truecolor);
  const bg = colour(chunk.bg, chunk.bg_truecolor);
  if (fg) s.fg = fg;
  if (bg) s.bg = bg;
  for (const d of chunk.decorations) if (FLAGS[d]) s[FLAGS[d]] = true;
  const out = {};
  for (const k of ORDER) if (k in s) out[k] = s[k];
  return Object.keys(out).length ? out : NO_STYLE;
}

// The SGR parameters that set style from nothing ("0;1;31"), to start anser in a style.
function sgrOf(style) {
  const codes = [0];
  const col = (value, base) => {
    if (value.startsWith("#")) {
      const n = parseInt(value.slice(1), 16);
      return [base + 8, 2, (n >> 16) & 255, (n >> 8) & 255, n & 255];
    }
    const bright = value.startsWith("bright-");
    const i = NAMES.indexOf(bright ? value.slice(7) : value);
    return [(bright ? base + 60 : base) + i];
  };
  if (style.fg) codes.push(...col(style.fg, 30));
  if (style.bg) codes.push(...col(style.bg, 40));
  for (const [flag, code] of Object.entries(FLAG_CODES)) if (style[flag]) codes.push(code);
  return codes.join(";");
}

const NAMES = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"];
const OPTIONS = Object.freeze({ use_classes: true });

// Every escape sequence: CSI (ESC [ params final), OSC (ESC ] ... BEL or ESC \), other ESC x.
const ESCAPE = /\x1b\[([0-9;?]*)([@-~])|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]?/g;

// Text with every escape sequence but SGR ones (ESC [ ... m) removed.
function onlySGR(text) {
  return text.replace(ESCAPE, (m, params, final) => (final === "m" && /^[0-9;]*$/.test(params) ? m : ""));
}

/**
 * Splits text into [{text, style}] segments following ANSI SGR codes; drops other escapes.
 * style is the SGR state the text starts in (none by default).
 */
export function parseAnsi(text, style = NO_STYLE) {
  const segments = [];
  const push = (chunk, s) => {
    if (!chunk) return;
    const prev = segments[segments.length - 1];
    if (prev && sameStyle(prev.style, s)) prev.text += chunk;
    else segments.push({ text: chunk, style: s });
  };
  if (!text.includes("\x1b")) {
    push(text, style);
    return segments;
  }
  const [first, ...rest] = onlySGR(text).split("\x1b[");
  push(first, style);
  const anser = startIn(style);
  for (const raw of rest) {
    const chunk = anser.processChunkJson(raw, { ...OPTIONS }, true);
    style = styleOf(chunk);
    push(chunk.content, style);
    reseedIfNeeded(anser, chunk, style);
  }
  return segments;
}

// A fresh anser whose SGR state is style.
function startIn(style) {
  const anser = new Anser();
  if (style !== NO_STYLE && Object.keys(style).length) anser.processChunkJson(sgrOf(style) + "m", { ...OPTIONS }, true);
  return anser;
}

// anser adds a decoration again when its code repeats ("1;1"), and a reset code (22) then
// removes only one: when a chunk's decorations repeat, start the state over from style.
function reseedIfNeeded(anser, chunk, style) {
  if (new Set(chunk.decorations).size !== chunk.decorations.length) anser.processChunkJson(sgrOf(style) + "m", { ...OPTIONS }, true);
}

/** The SGR state after text, which starts in style: the style the text that follows it starts in. */
export function styleAfter(text, style = NO_STYLE) {
  if (!text.includes("\x1b")) return style;
  const [, ...rest] = onlySGR(text).split("\x1b[");
  if (rest.length === 0) return style;
  const anser = startIn(style);
  for (const raw of rest) {
    const chunk = anser.processChunkJson(raw, { ...OPTIONS }, true);
    style = styleOf(chunk);
    reseedIfNeeded(anser, chunk, style);
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
    for (const flag of ["bold", "dim", "italic", "underline", "strikethrough"]) if (style[flag]) span.classList.add(`ansi-${flag}`);
    frag.appendChild(span);
  }
  return frag;
}
