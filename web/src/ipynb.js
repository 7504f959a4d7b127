// ipynb.js: read and write Jupyter notebooks (nbformat 4).
//
// In memory every multi-line string (cell source, stream text, text-like MIME data) is
// one plain string; on disk it is a list of lines, as Jupyter writes it. Fields this page
// does not know (notebook metadata, cell metadata, attachments, extra keys) are kept as
// they came, so opening and saving a notebook never loses anything: every key, "__proto__"
// included (copies go through ownCopy and setOwn, never through assignment), and metadata
// nested deeper than the JS stack (stringifyJSON writes with a loop, not recursion).

/** Sets obj[key] = value as an own data property, so that a key "__proto__" stays a key. */
export function setOwn(obj, key, value) {
  Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
  return obj;
}

/** Returns a shallow copy of obj with every own enumerable key (as spread does, "__proto__" kept). */
export function ownCopy(obj) {
  const out = {};
  for (const key of Object.keys(obj)) setOwn(out, key, obj[key]);
  return out;
}

/** Splits text into lines that keep their "\n", as nbformat stores multi-line strings. */
export function splitLines(text) {
  if (text === "") return [];
  const lines = text.split(/(?<=\n)/);
  return lines;
}

/** Joins an nbformat multi-line string (a string or a list of strings) into one string. */
export function joinLines(value) {
  if (Array.isArray(value)) return value.join("");
  if (value == null) return "";
  return String(value);
}

// MIME types whose values are JSON documents, not text.
function isJSONMime(mime) {
  return mime === "application/json" || mime.endsWith("+json");
}

// MIME types written as line lists, like Jupyter does.
function isLineMime(mime) {
  return mime.startsWith("text/") || mime === "image/svg+xml" || mime === "application/javascript";
}

/** Makes a fresh random cell id (nbformat 4.5: 1-64 chars of [a-zA-Z0-9-_]). */
export function newCellId() {
  const bytes = new Uint8Array(6);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Returns a new cell of the given type ("code", "markdown" or "raw") holding source. */
export function newCell(cellType = "code", source = "") {
  const cell = { cell_type: cellType, id: newCellId(), metadata: {}, source };
  if (cellType === "code") {
    cell.execution_count = null;
    cell.outputs = [];
  }
  return cell;
}

/** Returns an empty notebook (nbformat 4.5) with one empty code cell. */
export function emptyNotebook() {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: { name: "pushbook", display_name: "Python (pushbook)", language: "python" },
      language_info: { name: "python", file_extension: ".py" },
    },
    cells: [newCell("code", "")],
  };
}

/** Normalizes one nbformat output so that its multi-line strings are plain strings. */
export function normalizeOutput(output) {
  const out = ownCopy(output);
  if (out.output_type === "stream") out.text = joinLines(out.text);
  if (out.data && typeof out.data === "object") {
    const data = {};
    for (const [mime, value] of Object.entries(out.data)) {
      setOwn(data, mime, isJSONMime(mime) ? value : joinLines(value));
    }
    out.data = data;
  }
  if ((out.output_type === "execute_result" || out.output_type === "display_data") && !out.metadata) {
    out.metadata = {};
  }
  if (out.output_type === "error" && !Array.isArray(out.traceback)) out.traceback = [];
  return out;
}

function normalizeCell(raw, index) {
  if (!raw || typeof raw !== "object") throw new Error(`cell ${index}: not an object`);
  const type = raw.cell_type;
  if (type !== "code" && type !== "markdown" && type !== "raw") {
    throw new Error(`cell ${index}: unknown cell_type ${JSON.stringify(type)}`);
  }
  const cell = ownCopy(raw);
  cell.source = joinLines(raw.source);
  cell.metadata = raw.metadata ?? {};
  if (typeof cell.id !== "string" || !/^[a-zA-Z0-9-_]{1,64}$/.test(cell.id)) cell.id = newCellId();
  if (type === "code") {
    cell.outputs = Array.isArray(raw.outputs) ? raw.outputs.map(normalizeOutput) : [];
    cell.execution_count = Number.isInteger(raw.execution_count) ? raw.execution_count : null;
  } else {
    delete cell.outputs;
    delete cell.execution_count;
  }
  return cell;
}

/**
 * Parses notebook JSON text into the in-memory model. Accepts nbformat 4 with sources as
 * strings or line lists; throws an Error that says what is wrong and where.
 */
export function parseNotebook(text) {
  let raw;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new Error(`not a notebook: invalid JSON: ${err.message}`, { cause: err });
  }
  return notebookFromJSON(raw);
}

/** Builds the in-memory model from an already-parsed notebook object. */
export function notebookFromJSON(raw) {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) throw new Error("not a notebook: top level is not an object");
  if (raw.nbformat !== 4) throw new Error(`unsupported nbformat ${JSON.stringify(raw.nbformat)} (want 4)`);
  if (!Array.isArray(raw.cells)) throw new Error("not a notebook: no cells list");
  const nb = ownCopy(raw);
  nb.metadata = raw.metadata ?? {};
  nb.cells = raw.cells.map(normalizeCell);
  // Cell ids exist from nbformat 4.5 on; every cell now has one.
  nb.nbformat_minor = Math.max(Number.isInteger(raw.nbformat_minor) ? raw.nbformat_minor : 0, 5);
  return nb;
}

function outputToJSON(output) {
  const out = ownCopy(output);
  if (out.output_type === "stream") out.text = splitLines(out.text ?? "");
  if (out.data) {
    const data = {};
    for (const [mime, value] of Object.entries(out.data)) {
      setOwn(data, mime, typeof value === "string" && isLineMime(mime) ? splitLines(value) : value);
    }
    out.data = data;
  }
  return out;
}

function cellToJSON(cell) {
  const out = ownCopy(cell);
  out.source = splitLines(cell.source ?? "");
  if (cell.cell_type === "code") out.outputs = (cell.outputs ?? []).map(outputToJSON);
  return out;
}

/** Returns the nbformat-4 JSON object for a notebook model (sources as line lists). */
export function notebookToJSON(nb) {
  const out = ownCopy(nb);
  out.cells = nb.cells.map(cellToJSON);
  return out;
}

/**
 * Writes a JSON value as JSON.stringify(value, null, indent) would, with every object's
 * keys sorted (so files read like Jupyter's and diffs stay small). It walks with its own
 * stack, so nesting of any depth works where JSON.stringify throws RangeError (about 5,000
 * levels in V8); it costs O(size of the output). Throws TypeError on a cycle, as
 * JSON.stringify does.
 */
export function stringifyJSON(value, indent = "") {
  const parts = [];
  const pads = [""];
  const pad = (depth) => (pads[depth] ??= indent.repeat(depth));
  const newline = indent ? "\n" : "";
  const colon = indent ? ": " : ":";
  const stack = []; // {value, keys (null for an array), next, depth}
  const open = new Set(); // the objects on the stack, to catch cycles
  const skipped = (v) => v === undefined || typeof v === "function" || typeof v === "symbol";
  const write = (v, depth) => {
    if (v && typeof v.toJSON === "function") v = v.toJSON();
    if (v === null || typeof v !== "object") {
      parts.push(skipped(v) ? "null" : JSON.stringify(v));
      return;
    }
    if (open.has(v)) throw new TypeError("Converting circular structure to JSON");
    const keys = Array.isArray(v) ? null : Object.keys(v).filter((k) => !skipped(v[k])).sort();
    if ((keys ?? v).length === 0) {
      parts.push(keys ? "{}" : "[]");
      return;
    }
    parts.push(keys ? "{" : "[");
    open.add(v);
    stack.push({ value: v, keys, next: 0, depth });
  };
  write(value, 0);
  while (stack.length) {
    const top = stack[stack.length - 1];
    const { value: v, keys, depth } = top;
    if (top.next === (keys ?? v).length) {
      parts.push(newline + pad(depth) + (keys ? "}" : "]"));
      open.delete(v);
      stack.pop();
      continue;
    }
    parts.push((top.next ? "," : "") + newline + pad(depth + 1));
    const i = top.next++;
    if (keys) {
      parts.push(JSON.stringify(keys[i]) + colon);
      write(v[keys[i]], depth + 1);
    } else {
      write(v[i], depth + 1);
    }
  }
  return parts.join("");
}

/** Serializes a notebook model as Jupyter does: sorted keys, one-space indent, final newline. */
export function serializeNotebook(nb) {
  return stringifyJSON(notebookToJSON(nb), " ") + "\n";
}

/** Serializes a notebook model compactly (no indentation): for the browser's copy and share links. */
export function serializeNotebookCompact(nb) {
  return stringifyJSON(notebookToJSON(nb));
}
