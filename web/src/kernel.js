// kernel.js: a tiny ES module API over the kernel's Web Worker, and the page's end of the
// worker protocol (web/PROTOCOL.md has the whole message set; worker.js is the other end).
//
//   import { Kernel } from "./app.js";            // or from this module when bundling
//   const k = await Kernel.start({ base: "./" });
//   const { execution_count, status } = await k.execute('print("hi")', {
//     onOutput: (output) => console.log(output),    // nbformat 4 output objects, as they happen
//   });
//   await k.check(exerciseCheck, { onOutput });   // an exercise's check, after its cell
//   k.interrupt();  await k.restart();
//   k.addFile("events.jsonl", bytes); k.setBase(notebookURL); // files cells can read
//   const csv = await k.exportTable(3, "csv");             // a shown table, whole
//   const { from, items } = await k.complete("stages.pu", 9); // names at the cursor, with docs
//   const [error] = await k.diagnose("class X:\n    pass");  // syntax errors, nothing run
//   const data = await k.graph(output.metadata.pushbook.graph); // a shown pipeline graph, now
//   k.addEventListener("status", (e) => e.detail.state); // "starting" | "idle" | "busy" | "dead"
//   k.addEventListener("lost", (e) => e.detail.message); // the worker died and is being replaced; variables gone
//
// The first worker downloads and compiles main.wasm (WebAssembly.compileStreaming) and sends
// the compiled WebAssembly.Module back; the page hands it to every worker it starts after,
// so replacing a stuck worker takes milliseconds, not a second download and compile.
//
// One cell at a time: the worker and the Go bridge run exactly the cell they are sent and
// hold no queue, so Kernel sends an execute only when nothing is in flight (no execute
// and no restart waiting for its reply). execute() while one is in flight rejects: await
// it first, or queue cells yourself as the notebook page does (runqueue.js).

/** How long Stop waits for the running cell to give up before the worker is replaced. */
export const INTERRUPT_GRACE_MS = 1500;

/**
 * How long complete() and diagnose() wait for the worker's answer before resolving with
 * null: the worker answers whenever the kernel lets its event loop in (every 20 ms while a
 * cell runs), but a long built-in can keep it out for longer.
 */
export const ASSIST_TIMEOUT_MS = 1500;

/** How long a new worker may take to report ready. */
export const START_TIMEOUT_MS = 30000;

/**
 * Returns, once, what index.html's inline script started before the page's code loaded
 * ({worker, messages}: the first worker, already sent its init, and what it said
 * meanwhile), if it started it for base; otherwise null.
 */
function takeEarlyStart(baseURL) {
  const early = globalThis.pushbookEarlyStart;
  if (!early) return null;
  delete globalThis.pushbookEarlyStart;
  const hasWorker = typeof Worker !== "undefined" && early.worker instanceof Worker;
  const usable = hasWorker && Array.isArray(early.messages);
  if (usable && new URL("./", location.href).href === baseURL) return early;
  if (hasWorker) early.worker.terminate();
  return null;
}

/**
 * Sets performance.mark(name) unless a mark of that name exists: the page's start-up marks
 * (web/PROTOCOL.md, Starting fast) record the first time only. startTime, when given, is
 * in ms since this page's time origin.
 * @param {string} name
 * @param {number} [startTime]
 */
export function markOnce(name, startTime) {
  if (typeof performance === "undefined" || performance.getEntriesByName(name, "mark").length) return;
  performance.mark(name, startTime === undefined ? undefined : { startTime: Math.max(0, startTime) });
}

/**
 * Puts the worker's start-up marks (ready's marks: [{name, time}], time in ms since the
 * Unix epoch) on the page's timeline, the first kernel's only.
 * @param {unknown} marks
 */
function markWorkerStart(marks) {
  if (!Array.isArray(marks) || typeof performance === "undefined") return;
  for (const m of marks) {
    if (typeof m?.name === "string" && m.name.startsWith("pushbook-") && Number.isFinite(m.time)) markOnce(m.name, m.time - performance.timeOrigin);
  }
}

/**
 * The nbformat error output for a cell that was running when the kernel's worker died
 * (reason: the "lost" event's message). Saved with the notebook, so a reader knows why
 * the cell has no result.
 */
export function lostOutput(reason) {
  const evalue = `the kernel stopped while this cell ran (${reason}); the variables defined so far are lost`;
  return { output_type: "error", ename: "KernelStopped", evalue, traceback: [`KernelStopped: ${evalue}`] };
}

/** A running kernel: one worker at a time, replaced when it stops answering. */
export class Kernel extends EventTarget {
  #module = null; // the compiled main.wasm, once a worker has sent it
  #base;
  #worker = null;
  #current = null; // the one request in flight: {kind: "execute" | "restart", type?: "execute" | "check", id, resolve, onOutput}
  #nextId = 1;
  #state = "starting";
  #watchdog = null;
  #exports = new Map(); // id -> {resolve, reject}
  #assists = new Map(); // id -> finish(answer): pending complete, diagnose and graph requests
  #files = new Map(); // name -> Uint8Array, sent again to every new worker
  #dataBase = "";
  #session = 0;

  constructor(base) {
    super();
    this.#base = base;
    /** The kernel's version string, as the Go side reports it. */
    this.version = "";
  }

  /**
   * Starts a kernel whose files (worker.js, wasm_exec.js, main.wasm) sit at base (a URL,
   * relative to the page by default). Rejects with a readable Error when they cannot load.
   */
  static async start({ base = "./" } = {}) {
    const baseURL = new URL(base, globalThis.location?.href).href;
    const kernel = new Kernel(baseURL);
    await kernel.#spawn(takeEarlyStart(baseURL));
    return kernel;
  }

  /** The kernel's state: "starting", "idle", "busy" or "dead". */
  get state() {
    return this.#state;
  }

  /**
   * Whether execute() would send a cell now: a worker is ready and nothing is in flight
   * (no cell running, no restart under way).
   */
  get canExecute() {
    return this.#worker !== null && this.#current === null && (this.#state === "idle" || this.#state === "busy");
  }

  #setState(state) {
    if (state === this.#state) return;
    this.#state = state;
    this.dispatchEvent(new CustomEvent("status", { detail: { state } }));
  }

  // Starts a worker (or takes over index.html's early one, whose buffered messages are
  // handled first) and resolves once the kernel in it is ready. The worker gets the
  // compiled module if a worker before it sent one; else it compiles main.wasm itself.
  #spawn(early = null) {
    this.#setState("starting");
    const worker = early?.worker ?? new Worker(new URL("worker.js", this.#base));
    this.#worker = worker;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => fail(new Error(`kernel did not start within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
      let settled = false;
      const fail = (err) => {
        clearTimeout(timer);
        if (settled) return;
        settled = true;
        if (this.#worker === worker) this.#die(err.message);
        reject(err);
      };
      worker.onerror = (e) => fail(new Error(`kernel worker failed: ${e.message || "worker.js could not load"}`));
      if (worker.earlyError !== undefined) fail(new Error(`kernel worker failed: ${worker.earlyError || "worker.js could not load"}`));
      worker.onmessage = (e) => {
        const msg = e.data;
        if (msg.type === "ready") {
          clearTimeout(timer);
          settled = true;
          this.version = msg.version;
          markWorkerStart(msg.marks);
          this.#session++;
          this.#sendData(worker);
          this.#setState("idle");
          worker.onmessage = (ev) => this.#receive(worker, ev.data);
          worker.onerror = (ev) => {
            ev.preventDefault?.();
            if (this.#worker === worker) this.#lose(`the kernel's worker failed: ${ev.message || "an uncaught error"}`);
          };
          resolve();
        } else if (msg.type === "module") {
          this.#keepModule(msg.module);
        } else if (msg.type === "fatal") {
          fail(new Error(msg.message));
        }
      };
      for (const data of early?.messages.splice(0) ?? []) worker.onmessage({ data });
      if (settled || early) return; // index.html's script has sent the early worker its init
      const wasmURL = new URL("main.wasm", this.#base).href;
      try {
        worker.postMessage({ type: "init", module: this.#module, wasmURL });
      } catch {
        // This browser cannot pass a compiled module to a worker: the worker compiles it.
        worker.postMessage({ type: "init", module: null, wasmURL });
      }
    });
  }

  #keepModule(module) {
    if (module instanceof WebAssembly.Module) this.#module = module;
  }

  #receive(worker, msg) {
    if (worker !== this.#worker) return;
    switch (msg.type) {
      case "status":
        if (msg.state === "idle") this.#clearWatchdog();
        this.#setState(msg.state);
        break;
      case "output":
        markOnce("pushbook-first-output-message");
        if (this.#current?.kind === "execute" && this.#current.id === msg.id) this.#current.onOutput?.(msg.output);
        break;
      case "module":
        this.#keepModule(msg.module);
        break;
      case "done":
        if (this.#current?.kind !== "execute" || this.#current.id !== msg.id) break;
        this.#clearWatchdog(); // the cell ended, so Stop got through
        this.#settle({ execution_count: msg.execution_count, status: msg.status });
        break;
      case "exported": {
        const job = this.#exports.get(msg.id);
        this.#exports.delete(msg.id);
        if (msg.error !== undefined) job?.reject(new Error(msg.error));
        else job?.resolve(msg.text);
        break;
      }
      case "completions":
        this.#assists.get(msg.id)?.({ from: msg.from, items: Array.isArray(msg.items) ? msg.items : [] });
        break;
      case "diagnostics":
        this.#assists.get(msg.id)?.(Array.isArray(msg.diagnostics) ? msg.diagnostics : []);
        break;
      case "drawn":
        this.#assists.get(msg.id)?.(msg.data && typeof msg.data === "object" ? msg.data : null);
        break;
      case "restarted":
        if (this.#current?.kind === "restart" && this.#current.id === msg.id) this.#settle();
        break;
      case "fatal":
        this.#lose(msg.message);
        break;
    }
  }

  // The one path for a worker that dies after it was ready, however the page learns it
  // (its "fatal" message: the Go program crashed or exited; its "error" event; Stop's
  // watchdog): the state becomes "dead", a "lost" event says why (while the running
  // execute is still pending, so listeners know which cell it was), every pending call
  // ends (a running execute as "aborted"), and a fresh worker starts from the compiled
  // module.
  async #lose(reason) {
    this.#stopWorker();
    this.#setState("dead");
    this.dispatchEvent(new CustomEvent("lost", { detail: { message: reason } }));
    this.#abortPending();
    try {
      await this.#spawn();
    } catch {
      // #spawn already reported the failure as "fatal".
    }
  }

  #stopWorker() {
    this.#clearWatchdog();
    this.#worker?.terminate();
    this.#worker = null;
  }

  #die(message) {
    this.#stopWorker();
    this.#abortPending();
    this.#setState("dead");
    this.dispatchEvent(new CustomEvent("fatal", { detail: { message } }));
  }

  // Ends the request in flight with value; the next may be sent from then on.
  #settle(value) {
    const job = this.#current;
    this.#current = null;
    job?.resolve(value);
  }

  #abortPending() {
    this.#settle(this.#current?.kind === "execute" ? { execution_count: null, status: "aborted" } : undefined);
    for (const job of this.#exports.values()) job.reject(new Error("the kernel stopped before answering: run the table's cell again"));
    this.#exports.clear();
    for (const finish of [...this.#assists.values()]) finish(null);
  }

  #clearWatchdog() {
    clearTimeout(this.#watchdog);
    this.#watchdog = null;
  }

  /**
   * Runs code as a cell. onOutput receives each nbformat output as it happens. Resolves
   * with {execution_count, status} where status is "ok", "error" or "aborted" (also when
   * the worker dies meanwhile, or there is no worker). Rejects, sending nothing, while
   * another execute or a restart is in flight: the kernel runs one cell at a time and
   * keeps no queue, so the caller sends the next cell after this one's reply.
   * @param {string} code
   * @param {{onOutput?: (output: any) => void}} [options]
   */
  execute(code, { onOutput } = {}) {
    return this.#send("execute", code, onOutput);
  }

  /**
   * Runs code as an exercise's check (PROTOCOL.md: the check message): like execute, in
   * the same session, after the cell it checks, one request at a time; but it takes no
   * execution number (execution_count is null) and its traceback frames read "Exercise
   * check". A check that raises AssertionError ends with status "error" and an error
   * output whose evalue is its message.
   * @param {string} code
   * @param {{onOutput?: (output: any) => void}} [options]
   */
  check(code, { onOutput } = {}) {
    return this.#send("check", code, onOutput);
  }

  #send(type, code, onOutput) {
    if (!this.#worker) return Promise.resolve({ execution_count: null, status: "aborted" });
    if (this.#current) return Promise.reject(new Error(`the kernel is busy (${this.#current.type ?? this.#current.kind} in flight): await it before the next ${type}`));
    const id = this.#nextId++;
    return new Promise((resolve) => {
      // A check is an execute to everything below but the message's type.
      this.#current = { kind: "execute", type, id, resolve, onOutput };
      markOnce("pushbook-first-execute");
      this.#worker.postMessage({ type, id, code });
    });
  }

  /**
   * Stops the running cell (there is no queue here to drop: the caller's queue is its
   * own). If the cell is inside a long built-in and does not stop within
   * INTERRUPT_GRACE_MS, the worker is replaced: a "lost" event says so, and every
   * variable of the session is gone.
   */
  interrupt() {
    if (!this.#worker || this.#current?.kind !== "execute") return;
    this.#worker.postMessage({ type: "interrupt" });
    if (this.#watchdog) return;
    this.#watchdog = setTimeout(() => this.#lose(`the running cell did not stop within ${INTERRUPT_GRACE_MS / 1000} s of Stop`), INTERRUPT_GRACE_MS);
  }

  /**
   * Starts a fresh session (execution counts back to 1, no variables). A busy or dead
   * kernel's worker is replaced instead, without a "lost" event: the caller asked for it.
   */
  async restart() {
    if (!this.#worker || this.#state !== "idle" || this.#current) {
      this.#stopWorker();
      this.#abortPending();
      try {
        await this.#spawn();
      } catch {
        // #spawn already reported the failure as "fatal".
      }
      return;
    }
    const id = this.#nextId++;
    this.#session++;
    await new Promise((resolve) => {
      this.#current = { kind: "restart", id, resolve };
      this.#worker.postMessage({ type: "restart", id });
    });
  }

  /**
   * Which session of the kernel is running: a number that changes whenever the variables
   * (and the shown tables) are lost, by a restart or a replaced worker.
   */
  get session() {
    return this.#session;
  }

  #sendData(worker) {
    worker.postMessage({ type: "base", url: this.#dataBase });
    for (const [name, data] of this.#files) worker.postMessage({ type: "file", name, data });
  }

  /**
   * Makes a data file (a Uint8Array or ArrayBuffer) readable by cells as name
   * (from files import read_events, read_table, read_text). Kept here and sent
   * again to every new worker, so it survives a restart or a replaced worker.
   */
  addFile(name, data) {
    const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
    this.#files.set(name, bytes);
    if (this.#state !== "starting") this.#worker?.postMessage({ type: "file", name, data: bytes });
  }

  /** Forgets a data file added with addFile. */
  removeFile(name) {
    this.#files.delete(name);
    if (this.#state !== "starting") this.#worker?.postMessage({ type: "removeFile", name });
  }

  /** The data files added with addFile: [{name, size}], sorted by name. */
  get files() {
    return [...this.#files].map(([name, data]) => ({ name, size: data.byteLength })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /**
   * Sets the URL that names of files not added are fetched relative to (same origin
   * only): the notebook's own URL, or the site's root for notebooks from elsewhere.
   */
  setBase(url) {
    this.#dataBase = String(url);
    if (this.#state !== "starting") this.#worker?.postMessage({ type: "base", url: this.#dataBase });
  }

  /**
   * Resolves with the whole of table id (shown by an earlier cell of this session) as
   * format "csv" or "jsonl" text; rejects with the kernel's reason, such as a table that
   * is no longer in the session ("run its cell again").
   */
  exportTable(id, format) {
    if (!this.#worker || this.#state === "starting") return Promise.reject(new Error("the kernel is not running"));
    const reqId = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#exports.set(reqId, { resolve, reject });
      this.#worker.postMessage({ type: "export", id: reqId, table: id, format });
    });
  }

  /**
   * Resolves with the completions of the word that ends at pos (a UTF-16 offset, as
   * JavaScript counts) in code: {from, items: [{name, kind, doc}]}, where from is where
   * that word starts and kind is "variable", "function", "module", "class" or "keyword".
   * The kernel answers at once, also while a cell runs (then without the session's own
   * names). Resolves with null, never rejects, when there is no answer: no kernel, the
   * worker did not answer within ASSIST_TIMEOUT_MS, or signal (an AbortSignal) aborted.
   * @param {string} code @param {number} pos
   * @param {{signal?: AbortSignal}} [options]
   */
  complete(code, pos, { signal } = {}) {
    return this.#assist({ type: "complete", code: String(code), pos: Number(pos) }, signal);
  }

  /**
   * Resolves with the syntax errors of code, found by parsing it (nothing runs):
   * [{name: "SyntaxError", line, col, message}], line and col 1-based (col in UTF-16
   * units); [] when it parses. Resolves with null as complete() does.
   * @param {string} code
   * @param {{signal?: AbortSignal}} [options]
   */
  diagnose(code, { signal } = {}) {
    return this.#assist({ type: "diagnose", code: String(code) }, signal);
  }

  /**
   * Resolves with the MIME bundle ({"image/svg+xml", "text/plain"}) of the pipeline graph
   * whose id an earlier cell's output carries (metadata.pushbook.graph), drawn with the
   * counts and states as they are now. Resolves with null, never rejects, when the
   * session did not show it (an output saved with the notebook, or from before a
   * restart), keeps it no longer, or a cell is running; and as complete() does.
   * @param {string} id
   * @param {{signal?: AbortSignal}} [options]
   */
  graph(id, { signal } = {}) {
    return this.#assist({ type: "graph", graph: String(id) }, signal);
  }

  #assist(msg, signal) {
    if (!this.#worker || this.#state === "starting" || this.#state === "dead" || signal?.aborted) return Promise.resolve(null);
    const id = this.#nextId++;
    return new Promise((resolve) => {
      const finish = (answer) => {
        if (!this.#assists.delete(id)) return;
        clearTimeout(timer);
        signal?.removeEventListener("abort", abort);
        resolve(answer);
      };
      const abort = () => finish(null);
      const timer = setTimeout(abort, ASSIST_TIMEOUT_MS);
      signal?.addEventListener("abort", abort, { once: true });
      this.#assists.set(id, finish);
      this.#worker.postMessage({ ...msg, id });
    });
  }

  /** Stops the worker for good. */
  shutdown() {
    this.#die("kernel shut down");
  }
}
