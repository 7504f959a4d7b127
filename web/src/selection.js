// selection.js: which cell is selected, and the commands that act on it, as in Jupyter.
// A selected cell is in command mode (the cell has the focus: keys.js's keys act on it)
// or in edit mode (its editor has the focus). Running a cell moves the selection
// (Shift+Enter to the next cell, inserting one at the end; Alt+Enter to a new cell
// below; Ctrl+Enter stays); A/B insert above/below in command mode; D D deletes and Z
// brings the deleted cell back where it was (undo.js); M/Y change the type.
//
// It knows the notebook model; views come through view(id), so tests give it stand-ins.

/** @typedef {import("./notebook.js").Notebook} Notebook */
/** @typedef {import("./undo.js").DeletedCells} DeletedCells */

/**
 * What the selection needs of a cell's view (cellview.js's CellView).
 * @typedef {object} SelectableView
 * @property {(selected: boolean) => void} setSelected
 * @property {() => void} focusCell command mode: the cell has the focus
 * @property {() => void} edit edit mode: its editor has the focus
 */

/**
 * @typedef {object} SelectionOptions
 * @property {() => Notebook} notebook
 * @property {(id: string) => SelectableView | undefined} view
 * @property {DeletedCells} deleted
 * @property {(id: string) => void} run queues cell id (with its exercise's check)
 * @property {(message: string) => void} status
 * @property {(type: string) => void} showType the toolbar's cell type menu
 */

export class Selection {
  /** @type {string | null} the selected cell's id */
  selected = null;
  #o;

  /** @param {SelectionOptions} options */
  constructor(options) {
    this.#o = options;
  }

  /**
   * Selects cell id; with focus, the cell takes the focus (command mode).
   * @param {string} id
   */
  select(id, focus = false) {
    const { view } = this.#o;
    if (this.selected !== id) {
      view(this.selected)?.setSelected(false);
      this.selected = id;
      view(id)?.setSelected(true);
    }
    if (focus) view(id)?.focusCell();
  }

  /** The selected cell's position (0 when none is). */
  get index() {
    return Math.max(0, this.#o.notebook().indexOf(this.selected));
  }

  /** Selects the cell delta places away (clamped): in command mode, or in its editor with edit. */
  move(delta, edit = false) {
    const cells = this.#o.notebook().cells;
    const next = cells[Math.max(0, Math.min(cells.length - 1, this.index + delta))];
    this.select(next.id, !edit);
    if (edit) this.#o.view(next.id).edit();
  }

  /**
   * Runs cell id and moves on as mode says: "next" (Shift+Enter), "stay" (Ctrl+Enter),
   * "insert" (Alt+Enter).
   * @param {string} id @param {"next" | "stay" | "insert"} mode
   */
  runFrom(id, mode) {
    const { notebook, view } = this.#o;
    this.select(id);
    this.#o.run(id);
    const index = notebook().indexOf(id);
    if (mode === "insert") {
      this.insertAt(index + 1);
    } else if (mode === "next") {
      let next = notebook().cells[index + 1];
      if (!next) next = notebook().insertCell(index + 1, "code");
      this.select(next.id);
      if (next.cell_type === "code") view(next.id).edit();
      else view(next.id).focusCell();
    } else {
      view(id).focusCell();
    }
  }

  /**
   * Inserts a code cell (with source) at index, selected, in its editor; returns it.
   * @param {number} index
   */
  insertAt(index, source = "") {
    const cell = this.#o.notebook().insertCell(index, "code", source);
    this.select(cell.id);
    this.#o.view(cell.id).edit();
    return cell;
  }

  /**
   * Inserts a cell above (offset 0) or below (1) the selected one and selects it, in
   * command mode as in Jupyter (Enter then edits it), or in its editor with edit.
   */
  insert(offset, { edit = false } = {}) {
    const cell = this.#o.notebook().insertCell(this.index + offset, "code");
    this.select(cell.id, !edit);
    if (edit) this.#o.view(cell.id).edit();
  }

  /** Z: brings back the cell deleted last, where it was, selected. */
  undoDelete() {
    const { deleted } = this.#o;
    const last = deleted.pop();
    if (!last) return;
    const cell = this.#o.notebook().restoreCell(last.index, last.cell);
    this.select(cell.id, true);
    this.#o.status(deleted.size ? `Cell restored (Z again restores ${deleted.size} more)` : "Cell restored");
  }

  /** D D: deletes the selected cell and selects the one in its place. */
  deleteSelected() {
    const index = this.index;
    const notebook = this.#o.notebook();
    notebook.deleteCell(this.selected);
    const cells = notebook.cells;
    this.select(cells[Math.min(index, cells.length - 1)].id, true);
  }

  /** Moves the selected cell by delta places (-1 up, +1 down). */
  moveCell(delta) {
    this.#o.notebook().moveCell(this.selected, delta);
  }

  /** M/Y and the cell type menu: makes the selected cell "markdown" or "code". @param {string} type */
  setType(type) {
    this.#o.notebook().setCellType(this.selected, type);
    this.#o.showType(type);
  }
}
