// kernelhost.js: the page's kernel, from start to restart: starting it (or saying it is
// unavailable), the kernel chip in the toolbar and the buttons that depend on its state,
// Stop, Restart (asking first when the session has state), a fresh session for another
// notebook, and the banner when the kernel's worker dies or stops for good.
//
// It knows the kernel (kernel.js) and the run queue (runqueue.js), not the cells: what a
// dead worker means for the running and the queued cells is the page's onLost, and
// forgetting execution counts after a restart its onRestarted.

import { needsFreshSession } from "./session.js";

/** @typedef {import("./kernel.js").Kernel} Kernel */
/** @typedef {import("./runqueue.js").RunQueue} RunQueue */
/** @typedef {import("./session.js").SessionUse} SessionUse */
/** @typedef {import("./notices.js").Notices} Notices */

/** The states the chip shows: the kernel's own, and "unavailable" when it could not start. */
const WORDS = { starting: "starting", idle: "idle", busy: "busy", dead: "stopped", unavailable: "unavailable" };

/**
 * @typedef {object} KernelControls what the toolbar shows for a kernel state
 * @property {string} text the chip's text
 * @property {string} title the chip's tooltip
 * @property {boolean} runDisabled Run and Run all
 * @property {boolean} stopDisabled
 * @property {boolean} restartDisabled
 * @property {string} restartTitle
 */

/**
 * What the chip and the kernel's buttons show in state (detail, when given, is the chip's
 * tooltip: why the kernel stopped or is unavailable).
 * @param {string} state
 * @returns {KernelControls}
 */
export function kernelControls(state, detail = "") {
  const text = `Kernel ${WORDS[state] ?? state}`;
  const usable = state === "idle" || state === "busy";
  return {
    text,
    title: detail || text,
    runDisabled: !usable && state !== "starting",
    stopDisabled: state !== "busy",
    restartDisabled: state === "starting",
    restartTitle: state === "unavailable" ? "Try to load the kernel again" : "Restart the kernel: clears every variable",
  };
}

/**
 * Shows state on the page: the chip (#kernel-state) and Run, Run all, Stop, Restart.
 * @param {(id: string) => any} byId document.getElementById
 * @param {string} state
 */
export function showKernelState(byId, state, detail = "") {
  const c = kernelControls(state, detail);
  const chip = byId("kernel-state");
  chip.dataset.state = state;
  chip.title = c.title;
  byId("kernel-state-text").textContent = c.text;
  for (const id of ["run", "run-all"]) byId(id).disabled = c.runDisabled;
  byId("stop").disabled = c.stopDisabled;
  byId("restart").disabled = c.restartDisabled;
  byId("restart").title = c.restartTitle;
}

/**
 * @typedef {object} KernelHostOptions
 * @property {() => Promise<Kernel>} start starts a kernel (Kernel.start)
 * @property {(state: string, detail?: string) => void} showState the chip and buttons
 * @property {(version: string) => void} [showVersion] the kernel's version, once started
 * @property {Notices} notices
 * @property {RunQueue} queue
 * @property {SessionUse} sessionUse
 * @property {() => Iterable<[string, Uint8Array]>} dataFiles the files every kernel gets
 * @property {() => string | null} dataBase where cells' other file names resolve; null before a notebook is shown
 * @property {(question: {title: string, message: string, confirmLabel: string}) => Promise<boolean>} confirm
 * @property {(message: string) => void} toast
 * @property {(reason: string) => void} onLost the worker died: the running and queued cells say so
 * @property {() => void} onRestarted a restart happened: execution counts go
 * @property {() => void} [markReady] the first kernel-ready time (for the benchmark)
 */

export class KernelHost {
  /** @type {Kernel | null} */
  kernel = null;
  /** The state the chip shows ("unavailable" when the kernel could not start). */
  state = "starting";
  /** Whether the banner says the kernel stopped; it goes once a kernel is idle. */
  down = false;
  #o;

  /** @param {KernelHostOptions} options */
  constructor(options) {
    this.#o = options;
  }

  #show(state, detail = "") {
    this.state = state;
    this.#o.showState(state, detail);
  }

  /** Starts a kernel; resolves true when it runs, false when it is unavailable. */
  async start() {
    const o = this.#o;
    this.#show("starting");
    try {
      this.kernel = await o.start();
    } catch (err) {
      this.kernel = null;
      this.#show("unavailable", err.message);
      o.notices.banner(`Kernel unavailable: ${err.message}. You can read, edit and save this notebook, but cells cannot run.`, "error");
      o.queue.clear();
      return false;
    }
    const kernel = this.kernel;
    kernel.addEventListener("status", (e) => this.#onState(/** @type {CustomEvent} */ (e).detail.state));
    kernel.addEventListener("lost", (e) => this.#onLost(/** @type {CustomEvent} */ (e).detail.message));
    kernel.addEventListener("fatal", (e) => {
      const { message } = /** @type {CustomEvent} */ (e).detail;
      this.#show("dead", message);
      this.down = true;
      o.notices.banner(`The kernel stopped: ${message}. Press Restart to start a new one.`, "error");
    });
    for (const [name, data] of o.dataFiles()) kernel.addFile(name, data);
    const base = o.dataBase();
    if (base !== null) kernel.setBase(base);
    this.#show(kernel.state === "starting" ? "idle" : kernel.state);
    o.markReady?.();
    o.showVersion?.(kernel.version ? `kernel ${kernel.version}` : "");
    o.queue.pump();
    return true;
  }

  #onState(state) {
    this.#show(state);
    if (state !== "idle") return;
    if (this.down) {
      this.down = false;
      this.#o.notices.banner(null);
    }
    this.#o.queue.pump(); // cells queued while the kernel was starting
  }

  // The kernel's worker died (crashed, exited, failed, or did not stop after Stop) and a
  // new one is starting: the page's cells say so (onLost), and the banner stays until the
  // new kernel is idle. Called while the running cell's execute is still pending.
  #onLost(reason) {
    this.#o.onLost(reason);
    this.down = true;
    this.#o.notices.banner(`The kernel stopped: ${reason}. All variables from this session are lost; a new kernel is starting.`, "warn");
  }

  /** Whether the kernel can run cells (idle or busy). */
  get usable() {
    return this.kernel !== null && (this.kernel.state === "idle" || this.kernel.state === "busy");
  }

  /** Stop: drops the queue and interrupts the running cell. */
  stop() {
    this.#o.queue.clear();
    this.kernel?.interrupt();
  }

  /** The Restart button: asks first when the session has state (a cell ran in it). */
  async askRestart() {
    if (this.usable && this.#o.sessionUse.hasState(this.kernel.session)) {
      const ok = await this.#o.confirm({
        title: "Restart the kernel?",
        message: "Every variable of this session is lost, and the In [ ] counts start again from 1. The notebook and its outputs stay.",
        confirmLabel: "Restart",
      });
      if (!ok) return;
    }
    await this.restart();
  }

  /** Restarts the kernel (a dead or busy one gets a new worker), or starts one if there was none. */
  async restart() {
    const o = this.#o;
    o.queue.clear();
    this.down = false;
    o.notices.banner(null);
    if (!this.kernel) {
      await this.start();
      return;
    }
    await this.kernel.restart();
    o.onRestarted();
    o.notices.status("Kernel restarted: variables cleared.");
    o.toast("Kernel restarted: variables cleared, counts start again at 1.");
    o.queue.pump(); // cells run while it restarted
  }

  /**
   * A fresh session for the notebook saved under nextKey, shown after currentKey, when
   * the session running has state (one kernel session per notebook, as in Jupyter).
   * @param {string | undefined} currentKey
   * @param {string} nextKey
   */
  freshSession(currentKey, nextKey) {
    const kernel = this.kernel;
    if (!kernel || !needsFreshSession(currentKey, nextKey, this.#o.sessionUse.hasState(kernel.session))) return;
    kernel.restart().then(() => this.#o.queue.pump());
  }
}
