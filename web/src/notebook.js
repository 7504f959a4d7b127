// notebook.js: the notebook model the page edits: an ordered list of cells plus the
// notebook's metadata, with operations that send "change" events.
//
// The model is the ipynb.js in-memory form; views listen for events and redraw only what
// changed. Nothing here touches the DOM or the kernel.

import { newCell, newCellId, notebookFromJSON, emptyNotebook } from "./ipynb.js";

// The text appended to each merged stream output and not yet read with streamTextFrom:
// output -> {start, size, parts}: parts, size characters in all, follow offset start.
const appended = new WeakMap();

/**
 * Appends an nbformat output to an outputs list, as Jupyter does: a stream output that
 * follows a stream output of the same name is merged into it (its text grows in place, in
 * O(chunk): see streamTextFrom). Returns the index of the output that holds the new content.
 */
export function appendOutput(outputs, output) {
  const last = outputs[outputs.length - 1];
  if (output.output_type === "stream" && last?.output_type === "stream" && last.name === output.name) {
    const text = String(output.text ?? "");
    if (typeof last.text !== "string") last.text = String(last.text ?? "");
    let log = appended.get(last);
    if (!log || log.start + log.size !== last.text.length) appended.set(last, (log = { start: last.text.length, size: 0, parts: [] }));
    log.parts.push(text);
    log.size += text.length;
    last.text += text;
    return outputs.length - 1;
  }
  outputs.push(output);
  return outputs.length - 1;
}

/**
 * Returns a stream output's text from offset start on. It costs O(what it returns) when
 * start is where the text stood at the last call (or when drawing began): a view that
 * draws a growing stream reads only what was appended, never the whole text again.
 */
export function streamTextFrom(output, start) {
  const text = output.text;
  const log = appended.get(output);
  if (start >= text.length) {
    if (log && start === text.length) appended.delete(output); // all read
    return "";
  }
  if (!log || start < log.start || log.start + log.size !== text.length) return text.slice(start);
  appended.delete(output);
  let at = log.start;
  let i = 0;
  while (at + log.parts[i].length <= start) at += log.parts[i++].length;
  const parts = log.parts.slice(i);
  parts[0] = parts[0].slice(start - at);
  return parts.join("");
}

/** A notebook being edited. Emits "change" events with detail {kind, id?, index?}. */
export class Notebook extends EventTarget {
  /** Wraps a model from ipynb.js (or an empty notebook when none is given). */
  constructor(model = emptyNotebook()) {
    super();
    this.model = notebookFromJSON(model);
  }

  /** The cells, in order (read-only use; change them with the methods). */
  get cells() {
    return this.model.cells;
  }

  #emit(kind, extra = {}) {
    this.dispatchEvent(new CustomEvent("change", { detail: { kind, ...extra } }));
  }

  /** Returns the index of the cell with this id, or -1. */
  indexOf(id) {
    return this.model.cells.findIndex((c) => c.id === id);
  }

  /** Returns the cell with this id; throws when there is none. */
  cell(id) {
    const cell = this.model.cells[this.indexOf(id)];
    if (!cell) throw new Error(`no cell with id ${id}`);
    return cell;
  }

  /** Inserts a new cell at index (clamped) and returns it. */
  insertCell(index, cellType = "code", source = "") {
    const cell = newCell(cellType, source);
    const at = Math.max(0, Math.min(index, this.model.cells.length));
    this.model.cells.splice(at, 0, cell);
    this.#emit("insert", { id: cell.id, index: at });
    return cell;
  }

  /**
   * Puts back a cell that deleteCell took out (undo), at index (clamped), with its source,
   * outputs and metadata; returns it.
   */
  restoreCell(index, cell) {
    if (this.indexOf(cell.id) >= 0) cell.id = newCellId();
    const at = Math.max(0, Math.min(index, this.model.cells.length));
    this.model.cells.splice(at, 0, cell);
    this.#emit("insert", { id: cell.id, index: at });
    return cell;
  }

  /** Deletes a cell; a notebook is never left without cells (an empty one is added). */
  deleteCell(id) {
    const index = this.indexOf(id);
    if (index < 0) return;
    const [cell] = this.model.cells.splice(index, 1);
    this.#emit("delete", { id, index, cell });
    if (this.model.cells.length === 0) this.insertCell(0, "code");
  }

  /** Moves a cell by delta places (-1 up, +1 down); returns whether it moved. */
  moveCell(id, delta) {
    const from = this.indexOf(id);
    const to = from + delta;
    if (from < 0 || to < 0 || to >= this.model.cells.length) return false;
    const [cell] = this.model.cells.splice(from, 1);
    this.model.cells.splice(to, 0, cell);
    this.#emit("move", { id, index: to, from });
    return true;
  }

  /** Changes a cell's type, keeping its source; code cells gain empty outputs, others lose them. */
  setCellType(id, cellType) {
    const cell = this.cell(id);
    if (cell.cell_type === cellType) return;
    cell.cell_type = cellType;
    if (cellType === "code") {
      cell.outputs = [];
      cell.execution_count = null;
    } else {
      delete cell.outputs;
      delete cell.execution_count;
    }
    this.#emit("type", { id });
  }

  /** Sets a cell's source text. */
  setSource(id, source) {
    const cell = this.cell(id);
    if (cell.source === source) return;
    cell.source = source;
    this.#emit("source", { id });
  }

  /** Removes a code cell's outputs and execution count (every code cell's when id is omitted). */
  clearOutputs(id) {
    const cells = id === undefined ? this.model.cells : [this.cell(id)];
    for (const cell of cells) {
      if (cell.cell_type !== "code") continue;
      cell.outputs = [];
      cell.execution_count = null;
      this.#emit("outputs", { id: cell.id });
    }
  }

  /** Adds an output to a code cell (merging streams); returns the index it landed at. */
  addOutput(id, output) {
    const cell = this.cell(id);
    const index = appendOutput(cell.outputs, output);
    this.#emit("output", { id, index });
    return index;
  }

  /**
   * Replaces the data of a code cell's output number index (a pipeline graph drawn again
   * with current counts) and sends an "outputData" change: the model, and so a save or a
   * download, has the new data; the view is left to whoever changed it (livegraph.js
   * replaces the picture in place).
   */
  setOutputData(id, index, data) {
    const output = this.cell(id).outputs?.[index];
    if (!output) return;
    output.data = data;
    this.#emit("outputData", { id, index });
  }

  /**
   * Changes a cell's metadata in place with change(metadata), which returns whether it
   * changed anything; a "metadata" change event follows if it did.
   */
  changeMetadata(id, change) {
    const cell = this.cell(id);
    cell.metadata ??= {};
    if (change(cell.metadata, cell)) this.#emit("metadata", { id });
  }

  /** Sets a code cell's execution count. */
  setExecutionCount(id, count) {
    this.cell(id).execution_count = count;
    this.#emit("count", { id });
  }
}
