// notebookview.js: the notebook on the page. Makes a cell view for every cell of the
// notebook shown (drawing those on screen at once and the rest in slices of idle time, so
// a long notebook neither delays the first paint nor keeps the kernel's "ready"
// waiting), gives exercise cells their header and feedback panel, and keeps the views in
// step with the model: each change event (notebook.js) goes to the view it concerns.
//
// The views and panels are made by the page's makeView and makePanel (cellview.js,
// exercise.js), so tests give it stand-ins.

import { Notebook } from "./notebook.js";
import { readExercise } from "./exercise.js";

/** @typedef {import("./cellview.js").CellView} CellViewLike */
/** @typedef {import("./exercise.js").ExercisePanel} PanelLike */

/** How long one slice of drawing cells below the fold may take, at least (ms). */
export const DRAW_SLICE_MS = 8;

/**
 * @typedef {object} NotebookViewOptions
 * @property {HTMLElement} container the cells' parent (#notebook)
 * @property {(cell: any, options?: {deferred?: boolean}) => CellViewLike} makeView
 * @property {(cell: any, onCheck: () => void) => PanelLike} makePanel
 * @property {(id: string) => void} onCheck an exercise's Check was pressed
 * @property {(change: any) => void} onDelete a cell was deleted ({id, index, cell})
 * @property {() => void} onChange after any change of the model
 * @property {(fn: (deadline?: IdleDeadline) => void) => void} whenIdle
 * @property {() => number} viewportHeight
 * @property {() => number} [now]
 */

export class NotebookView {
  /** @type {Notebook | null} */
  notebook = null;
  /** @type {Map<string, CellViewLike>} cell id -> view */
  views = new Map();
  /** @type {Map<string, PanelLike>} cell id -> panel, for exercise cells */
  exercises = new Map();
  #o;

  /** @param {NotebookViewOptions} options */
  constructor(options) {
    this.#o = options;
  }

  /** The view of cell id. @param {string} id */
  view(id) {
    return this.views.get(id);
  }

  /** The exercise panel of cell id, if it is an exercise. @param {string} id */
  exercise(id) {
    return this.exercises.get(id);
  }

  /** Takes every view off the page. */
  clear() {
    for (const view of this.views.values()) view.destroy();
    this.views.clear();
    this.exercises.clear();
  }

  /**
   * Shows the notebook of model (nbformat JSON), drawn as described above; returns it.
   * @param {any} model
   */
  show(model) {
    this.notebook = new Notebook(model);
    const views = this.notebook.cells.map((cell) => this.#make(cell, { deferred: true }));
    this.#o.container.append(...views.map((v) => v.el));
    this.#draw(views);
    this.notebook.addEventListener("change", (e) => this.#onChange(/** @type {CustomEvent} */ (e).detail));
    return this.notebook;
  }

  // Draws the views on screen now and the rest in slices of idle time.
  #draw(views) {
    const { whenIdle, viewportHeight, now = () => performance.now() } = this.#o;
    let i = 0;
    while (i < views.length && views[i].el.getBoundingClientRect().top < viewportHeight()) views[i++].draw();
    const rest = views.slice(i);
    const slice = (deadline) => {
      const until = now() + Math.max(DRAW_SLICE_MS, deadline?.timeRemaining?.() ?? 0);
      while (rest.length && now() < until) rest.shift().draw();
      if (rest.length) whenIdle(slice);
    };
    if (rest.length) whenIdle(slice);
  }

  #make(cell, options) {
    const view = this.#o.makeView(cell, options);
    this.views.set(cell.id, view);
    this.#attachExercise(view);
    return view;
  }

  // Gives view the exercise header and panel if its cell is an exercise (or takes them
  // away if it no longer is one).
  #attachExercise(view) {
    const id = view.cell.id;
    const isExercise = readExercise(view.cell) !== null;
    let panel = this.exercises.get(id);
    if (!isExercise) {
      panel?.destroy();
      this.exercises.delete(id);
      view.el.classList.remove("exercise-cell");
      return;
    }
    if (panel) {
      panel.update(view.cell);
    } else {
      panel = this.#o.makePanel(view.cell, () => this.#o.onCheck(id));
      this.exercises.set(id, panel);
      const input = view.el.querySelector(":scope > .cell-input");
      view.el.insertBefore(panel.header, input);
      view.el.insertBefore(panel.panel, input.nextSibling);
    }
    view.el.classList.add("exercise-cell");
    view.el.classList.toggle("exercise-solved", panel.exercise?.solved === true);
  }

  // Before the view of the cell after index (null: at the end).
  #placeAt(el, index) {
    const next = this.notebook.cells[index + 1];
    this.#o.container.insertBefore(el, next ? this.views.get(next.id).el : null);
  }

  #onChange(d) {
    const view = this.views.get(d.id);
    switch (d.kind) {
      case "insert":
        this.#placeAt(this.#make(this.notebook.cell(d.id)).el, d.index);
        break;
      case "delete":
        this.exercises.get(d.id)?.destroy();
        this.exercises.delete(d.id);
        view?.destroy();
        this.views.delete(d.id);
        this.#o.onDelete(d);
        break;
      case "move":
        this.#placeAt(view.el, d.index);
        break;
      case "type":
        view.refresh();
        this.#attachExercise(view);
        break;
      case "metadata":
        this.#attachExercise(view);
        break;
      case "source":
        view.sourceChanged();
        break;
      case "outputs":
        view.renderOutputs();
        break;
      case "output":
        view.updateOutput(d.index);
        break;
      case "count":
        view.setState(view.state);
        break;
    }
    this.#o.onChange();
  }
}
