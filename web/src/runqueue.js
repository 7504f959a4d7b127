// runqueue.js: the page's run queue, the one place a cell waiting to run is held.
//
// Run all, Shift+Enter while a cell runs and ?run=all add cells here; the page shows
// them as queued (In [*]). The queue hands the kernel one cell at a time and the next
// only after the previous cell's reply, so neither the kernel's worker nor the wasm
// bridge ever holds a cell of its own (the protocol: web/PROTOCOL.md). As in Jupyter, a
// cell that fails drops the rest of the queue (unless the page says its error was
// expected: the raises-exception tag), a stopped cell does too, and the page drops it on
// Stop, on Restart, when it opens another notebook and when the kernel's worker dies.
//
// It knows nothing of the DOM or the kernel: the page gives it
//
//   run(id, job)     runs cell id on the kernel; resolves with its status, "ok", "error"
//                    or "aborted", or null when there is no status to judge (the cell was
//                    deleted while it ran): the queue then goes on. job is {check}: whether
//                    the cell's exercise check should run after it, in the same turn
//                    (read it once the cell has run: Check pressed meanwhile sets it)
//   ready()          whether the kernel can take a cell now; when it cannot, the queue
//                    waits until the page calls pump() again (the kernel is idle)
//   expectsError(id) whether an error in cell id is the point of the cell
//   onDrop(ids, why) cells taken off the queue without running: "failed" (the cell
//                    before them failed or was stopped) or the reason given to clear()

/** The reason clear() passes to onDrop when the caller gives none. */
export const CLEARED = "cleared";

/** The reason onDrop gets when a failed or stopped cell drops the cells behind it. */
export const FAILED = "failed";

export class RunQueue {
  #waiting = [];
  #running = null;
  #jobs = new Map(); // id -> {check}, for every waiting or running cell
  #run;
  #ready;
  #expectsError;
  #onDrop;

  /**
   * @param {object} page
   * @param {(id: string, job: {check: boolean}) => Promise<string | null>} page.run
   * @param {() => boolean} [page.ready]
   * @param {(id: string) => boolean} [page.expectsError]
   * @param {(ids: string[], why: string) => void} [page.onDrop]
   */
  constructor({ run, ready = () => true, expectsError = () => false, onDrop = () => {} }) {
    this.#run = run;
    this.#ready = ready;
    this.#expectsError = expectsError;
    this.#onDrop = onDrop;
  }

  /** The cell running now (its run() has not resolved), or null. */
  get running() {
    return this.#running;
  }

  /** The cells waiting to run, in order. */
  get waiting() {
    return [...this.#waiting];
  }

  /** Whether cell id is waiting or running. */
  has(id) {
    return this.#running === id || this.#waiting.includes(id);
  }

  /**
   * Puts cell id at the end of the queue and starts it if nothing runs. With check, its
   * exercise's check runs after it (run() is told). Returns false when the cell is
   * already waiting or running: then only check is added to its job.
   */
  add(id, { check = false } = {}) {
    if (this.has(id)) {
      if (check) this.#jobs.get(id).check = true;
      return false;
    }
    this.#jobs.set(id, { check });
    this.#waiting.push(id);
    this.pump();
    return true;
  }

  /** Takes cell id off the queue (it was deleted); a running cell runs on. */
  remove(id) {
    this.#waiting = this.#waiting.filter((w) => w !== id);
    if (this.#running !== id) this.#jobs.delete(id);
  }

  /**
   * Takes every waiting cell off the queue and returns them; onDrop hears of them with
   * reason. The running cell is not touched: stopping it is the kernel's business.
   */
  clear(reason = CLEARED) {
    const dropped = this.#waiting.splice(0);
    for (const id of dropped) if (id !== this.#running) this.#jobs.delete(id);
    if (dropped.length) this.#onDrop(dropped, reason);
    return dropped;
  }

  /**
   * Runs waiting cells, one at a time, while the kernel is ready. Called by add() and
   * by the page whenever the kernel may have become ready (idle, restarted, replaced).
   */
  async pump() {
    if (this.#running !== null) return;
    while (this.#waiting.length && this.#ready()) {
      const id = this.#waiting.shift();
      this.#running = id;
      let status;
      try {
        status = await this.#run(id, this.#jobs.get(id));
      } catch (err) {
        console.error(`pushbook: running cell ${id}: ${err?.message ?? err}`);
        status = "error";
      } finally {
        this.#running = null;
        this.#jobs.delete(id);
      }
      if (status !== null && status !== "ok" && !(status === "error" && this.#expectsError(id))) this.clear(FAILED);
    }
  }
}
