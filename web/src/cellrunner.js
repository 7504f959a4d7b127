// cellrunner.js: running cells. Queues a cell (runqueue.js holds it, shown as In [*]),
// runs it on the kernel when its turn comes and shows its outputs, prompt and failing
// line, runs an exercise's check after its cell and shows the verdict in the exercise's
// feedback box, says in the cells what a dead kernel cost them, and remembers which
// kernel session showed each output (a table is downloaded from the session that showed
// it, not from a later one).
//
// It knows the notebook model, the run queue and the kernel; cell views and exercise
// panels come through view(id) and exercise(id), so tests give it stand-ins.

import { RunQueue } from "./runqueue.js";
import { lostOutput } from "./kernel.js";
import { failingLine } from "./traceback.js";
import { judgeCheck, markSolved } from "./exercise.js";

/** @typedef {import("./kernel.js").Kernel} Kernel */
/** @typedef {import("./notebook.js").Notebook} Notebook */
/** @typedef {import("./session.js").SessionUse} SessionUse */

/**
 * What the runner needs of a cell's view (cellview.js's CellView).
 * @typedef {object} RunnableView
 * @property {string} state
 * @property {(state: string) => void} setState
 * @property {(message: string) => void} addNotice
 * @property {() => void} render a Markdown cell's "run": show it rendered
 * @property {() => void} renderOutputs
 * @property {(line: number | null) => void} markError
 */

/**
 * What the runner needs of an exercise's panel (exercise.js's ExercisePanel).
 * @typedef {object} CheckPanel
 * @property {any} exercise
 * @property {boolean} isChecking
 * @property {() => void} checking
 * @property {(kind: string, message: string) => void} show
 * @property {(verdict: any) => void} showResult
 */

/** Under the cell that was running when the kernel's worker died, beside the error output. */
export const LOST_MESSAGE = "A new kernel is starting. All variables from this session are lost: run the cells you need again.";

/** Under each queued cell the death of the kernel took off the queue. */
export const NOT_RUN_MESSAGE = "Not run: the kernel stopped before this cell's turn. Run it again once the kernel is idle.";

/** Under a cell that cannot run because no kernel could be started. */
export const UNAVAILABLE_MESSAGE = "The kernel is unavailable, so this cell cannot run (see the message at the top).";

// Why the queue was cleared, as RunQueue's onDrop hears it: only a dead kernel leaves a notice.
const LOST = "lost";

/**
 * @typedef {object} CellRunnerOptions
 * @property {() => Notebook} notebook the notebook shown
 * @property {(id: string) => RunnableView | undefined} view
 * @property {(id: string) => CheckPanel | undefined} exercise
 * @property {() => Kernel | null} kernel
 * @property {() => boolean} unavailable whether no kernel could be started
 * @property {SessionUse} sessionUse told of every session a cell runs in
 * @property {(notebook: Notebook, kernel: Kernel) => void} [afterRun] graphs shown earlier: redrawn as they are now
 */

export class CellRunner {
  /** The one queue of cells waiting to run: the kernel's worker and bridge hold none. */
  queue;
  /** @type {{id: string, lost: string | null} | null} the exercise whose check runs now */
  #checking = null;
  /** @type {WeakMap<object, {kernel: Kernel, session: number}>} output -> the session that showed it */
  #shownBy = new WeakMap();
  #o;

  /** @param {CellRunnerOptions} options */
  constructor(options) {
    this.#o = options;
    this.queue = new RunQueue({
      run: (id, job) => this.#run(id, job),
      ready: () => options.kernel()?.canExecute ?? false,
      expectsError: (id) => (options.notebook().cell(id)?.metadata?.tags ?? []).includes("raises-exception"),
      onDrop: (ids, why) => {
        for (const id of ids) {
          const view = options.view(id);
          view?.setState("idle"); // back to its previous prompt
          if (why === LOST) view?.addNotice(NOT_RUN_MESSAGE);
          const panel = options.exercise(id);
          if (panel?.isChecking) panel.show("cell-stopped", "Not checked: the cell was taken off the queue before its turn.");
        }
      },
    });
  }

  /**
   * Queues cell id to run; with check, its exercise's check runs after it (the queue's
   * job for the cell runs both, one after the other). A Markdown cell is rendered.
   * @param {string} id
   */
  enqueue(id, { check = false } = {}) {
    const o = this.#o;
    const cell = o.notebook().cell(id);
    const view = o.view(id);
    if (cell.cell_type === "markdown") {
      view.render();
      return;
    }
    if (cell.cell_type !== "code") return;
    if (!o.kernel() && o.unavailable()) {
      view.renderOutputs();
      view.addNotice(UNAVAILABLE_MESSAGE);
      return;
    }
    if (check) o.exercise(id)?.checking();
    if (this.queue.has(id)) {
      if (check) this.queue.add(id, { check }); // its job runs the check too
      return;
    }
    view.setState("queued"); // In [*] until its turn (add may start it at once)
    this.queue.add(id, { check });
  }

  /** Whether cell id is an exercise that can be checked. @param {string} id */
  isExercise(id) {
    return this.#o.exercise(id)?.exercise != null;
  }

  /** Queues every code cell, in order. */
  runAll() {
    for (const cell of this.#o.notebook().cells) if (cell.cell_type === "code") this.enqueue(cell.id);
  }

  // Runs cell id on the kernel, for the queue, and shows its result; resolves with its
  // status, or null when the cell was deleted meanwhile. As in JupyterLab, the queue
  // goes on after an error only in a cell tagged raises-exception (expectsError above).
  async #run(id, job = { check: false }) {
    const o = this.#o;
    // The notebook and kernel are read anew after every await, as they may be replaced meanwhile.
    if (o.notebook().indexOf(id) < 0) return null;
    const view = o.view(id);
    view.setState("running");
    o.notebook().clearOutputs(id);
    const code = o.notebook().cell(id).source;
    const kernel = o.kernel();
    const shownBy = { kernel, session: kernel.session };
    o.sessionUse.ran(kernel.session);
    const onOutput = (output) => {
      if (o.notebook().indexOf(id) < 0) return;
      this.#shownBy.set(output, shownBy);
      o.notebook().addOutput(id, output);
    };
    const result = await kernel.execute(code, { onOutput });
    o.afterRun?.(o.notebook(), o.kernel());
    const notebook = o.notebook();
    if (notebook.indexOf(id) < 0) return null;
    notebook.setExecutionCount(id, result.execution_count);
    view.setState("idle");
    if (result.status === "error") {
      const err = notebook.cell(id).outputs.findLast((out) => out.output_type === "error");
      if (err) view.markError(failingLine(err.traceback, result.execution_count)?.line ?? null);
    }
    if (job.check) await this.#check(id, result.status);
    return result.status; // the cell's: a check that fails is feedback, and the queue goes on
  }

  // Runs the check of exercise cell id after the cell ended with cellStatus, for the
  // queue's job that ran the cell, and shows the verdict in the exercise's feedback box
  // (never among the cell's outputs). A check that passes marks the exercise solved.
  async #check(id, cellStatus) {
    const o = this.#o;
    const panel = o.exercise(id);
    const exercise = panel?.exercise;
    if (!exercise) return;
    if (cellStatus !== "ok") {
      panel.showResult(judgeCheck(cellStatus));
      return;
    }
    const outputs = [];
    this.#checking = { id, lost: null };
    let result;
    try {
      result = await o.kernel().check(exercise.check, { onOutput: (out) => outputs.push(out) });
    } finally {
      const lost = this.#checking?.lost;
      this.#checking = null;
      if (lost) {
        panel.show("error", `The kernel stopped while checking (${lost}). A new kernel is starting: run the cells this one needs, then press Check again.`);
        return;
      }
    }
    const notebook = o.notebook();
    if (notebook.indexOf(id) < 0) return;
    const verdict = judgeCheck(cellStatus, result.status, outputs);
    panel.showResult(verdict);
    if (verdict.verdict === "solved") notebook.changeMetadata(id, (_, cell) => markSolved(cell));
  }

  /**
   * The kernel's worker died: the running cell gets an error output and a notice (or its
   * exercise's feedback says the check was cut short), and the queued cells go back to
   * their previous prompts with a "not run" notice.
   * @param {string} reason
   */
  kernelLost(reason) {
    const notebook = this.#o.notebook();
    const id = this.queue.running;
    if (this.#checking && this.#checking.id === id) {
      this.#checking.lost = reason; // the check, not the cell, was running: its feedback says so
    } else if (id !== null && notebook.indexOf(id) >= 0) {
      notebook.addOutput(id, lostOutput(reason));
      this.#o.view(id)?.addNotice(LOST_MESSAGE);
    }
    this.queue.clear(LOST);
  }

  /**
   * The text of a shown table (format "csv" or "jsonl"), from the kernel session that
   * showed output; rejects when that session is gone.
   * @param {object} output @param {number} table @param {string} format
   * @returns {Promise<string>}
   */
  exportTable(output, table, format) {
    const kernel = this.#o.kernel();
    const from = this.#shownBy.get(output);
    if (!kernel || !from || from.kernel !== kernel || from.session !== kernel.session) {
      return Promise.reject(new Error(`Table ${table} is not in the running kernel session (it was shown before a restart, or saved with the notebook): run its cell again to download it.`));
    }
    return kernel.exportTable(table, format);
  }
}
