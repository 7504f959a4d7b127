// main.js: the notebook page. Wires the model (notebook.js), the cell views (cellview.js),
// the kernel (kernel.js), the run queue (runqueue.js), local autosave (storage.js) and
// share links (share.js) to the toolbar and the keyboard.

import { Notebook } from "./notebook.js";
import { CellView, preloadEditor } from "./cellview.js";
import { Kernel, lostOutput } from "./kernel.js";
import { parseNotebook, serializeNotebook, serializeNotebookCompact, emptyNotebook } from "./ipynb.js";
import { NotebookStore, digest } from "./storage.js";
import { encodeShare, decodeShare, payloadFromHash, shareURL } from "./share.js";
import { failingLine } from "./traceback.js";
import { EXPORT_EVENT } from "./tabledownload.js";
import { TRACE_EVENT } from "./trace.js";
import { refreshNotebookGraphs } from "./livegraph.js";
import { RunQueue } from "./runqueue.js";
import { ExercisePanel, HintMemory, judgeCheck, markSolved, readExercise } from "./exercise.js";
import { CommandKeys } from "./keys.js";
import { DeletedCells } from "./undo.js";
import { SessionUse, addressFor, needsFreshSession } from "./session.js";
import { askConfirm } from "./confirm.js";
import { showToast } from "./toast.js";
import { MenuButton } from "./menu.js";

export { Kernel };

const $ = (id) => document.getElementById(id);

// How long one slice of drawing cells below the fold may take, at least (ms).
const DRAW_SLICE_MS = 8;

// Runs fn(deadline) when the page is idle (or in 100 ms at most); deadline is undefined
// where there is no requestIdleCallback.
const whenIdle = (fn) => (globalThis.requestIdleCallback ? requestIdleCallback(fn, { timeout: 100 }) : setTimeout(fn, 0));

// Under the cell that was running when the kernel's worker died, beside the error output.
const LOST_MESSAGE = "A new kernel is starting. All variables from this session are lost: run the cells you need again.";

// Under each queued cell the death of the kernel took off the queue.
const NOT_RUN_MESSAGE = "Not run: the kernel stopped before this cell's turn. Run it again once the kernel is idle.";

// Why the queue was cleared, as RunQueue's onDrop hears it: only a dead kernel leaves a notice.
const LOST = "lost";

class App {
  store = new NotebookStore();
  notebook = null;
  views = new Map();
  selected = null;
  origin = null; // {key, kind: "url"|"shared"|"file"|"untitled", ref, name}
  kernel = null;
  // The one queue of cells waiting to run: the kernel's worker and bridge hold none.
  queue = new RunQueue({
    run: (id, job) => this.runCell(id, job),
    ready: () => this.kernel?.canExecute ?? false,
    expectsError: (id) => (this.notebook.cell(id)?.metadata?.tags ?? []).includes("raises-exception"),
    onDrop: (ids, why) => {
      for (const id of ids) {
        const view = this.views.get(id);
        view?.setState("idle"); // back to its previous prompt
        if (why === LOST) view?.addNotice(NOT_RUN_MESSAGE);
        const panel = this.exercises.get(id);
        if (panel?.isChecking) panel.show("cell-stopped", "Not checked: the cell was taken off the queue before its turn.");
      }
    },
  });
  saveTimer = null;
  saving = Promise.resolve(); // the autosave being written, so copies are written in order
  examples = [];
  commandKeys = new CommandKeys();
  deleted = new DeletedCells(); // what Z brings back
  sessionUse = new SessionUse(); // whether the kernel's session has state
  runAllPending = false; // ?run=all is in the address until Run all has started
  dataFiles = new Map(); // name -> Uint8Array: files cells read by name, sent to every kernel
  liveOutputs = new WeakMap(); // output -> {kernel, session} that produced it
  kernelDown = false; // the banner says the kernel stopped; it goes once a kernel is idle
  exercises = new Map(); // cell id -> ExercisePanel, for exercise cells
  hintMemory = new HintMemory(); // hints revealed, per notebook and cell, for the tab's session
  checking = null; // {id, lost}: the exercise whose check runs now

  async boot() {
    this.bindToolbar();
    this.bindKeys();
    this.bindDrop();
    this.bindDataFiles();
    const kernelReady = this.startKernel(); // loads while the notebook opens
    // The editor's code is not needed to show the notebook: load it once the kernel is up
    // (or known unavailable) and the page is idle, so the first edit need not wait for it.
    kernelReady.then(() => whenIdle(() => preloadEditor().catch((err) => console.warn(`pushbook: ${err.message}`))));
    this.examples = await this.loadExamples();
    this.fillExamples();
    this.runAllPending = new URLSearchParams(location.search).get("run") === "all";
    await this.openInitial();
    if (this.runAllPending && (await kernelReady)) this.runAll();
    this.runAllPending = false;
    this.updateURL(); // without run=all: a reload does not run everything again
  }

  // ---- notices and status ----

  banner(message, kind = "info") {
    const box = $("banner");
    box.hidden = !message;
    box.className = `banner banner-${kind}`;
    $("banner-text").textContent = message ?? "";
    document.getElementById("banner-download")?.remove(); // offered again by saveFailed
  }

  status(message) {
    $("save-state").textContent = message;
  }

  setKernelState(state, detail = "") {
    const box = $("kernel-state");
    box.dataset.state = state;
    const words = { starting: "starting", idle: "idle", busy: "busy", dead: "stopped", unavailable: "unavailable" };
    $("kernel-state-text").textContent = `Kernel ${words[state] ?? state}`;
    box.title = detail || `Kernel ${words[state] ?? state}`;
    const usable = state === "idle" || state === "busy";
    for (const id of ["run", "run-all"]) $(id).disabled = !usable && state !== "starting";
    $("stop").disabled = state !== "busy";
    $("restart").disabled = state === "starting";
    $("restart").title = state === "unavailable" ? "Try to load the kernel again" : "Restart the kernel: clears every variable";
  }

  // ---- kernel ----

  async startKernel() {
    this.setKernelState("starting");
    try {
      this.kernel = await Kernel.start({ base: "./" });
    } catch (err) {
      this.kernel = null;
      this.setKernelState("unavailable", err.message);
      this.banner(`Kernel unavailable: ${err.message}. You can read, edit and save this notebook, but cells cannot run.`, "error");
      this.queue.clear();
      return false;
    }
    this.kernel.addEventListener("status", (e) => this.onKernelState(e.detail.state));
    this.kernel.addEventListener("lost", (e) => this.onKernelLost(e.detail.message));
    this.kernel.addEventListener("fatal", (e) => {
      this.setKernelState("dead", e.detail.message);
      this.kernelDown = true;
      this.banner(`The kernel stopped: ${e.detail.message}. Press Restart to start a new one.`, "error");
    });
    for (const [name, data] of this.dataFiles) this.kernel.addFile(name, data);
    if (this.origin) this.kernel.setBase(this.dataBase());
    this.setKernelState(this.kernel.state === "starting" ? "idle" : this.kernel.state);
    // The first kernel-ready time since navigation start, for the speed benchmark.
    if (!performance.getEntriesByName("pushbook-kernel-ready").length) performance.mark("pushbook-kernel-ready");
    $("kernel-version").textContent = this.kernel.version ? `kernel ${this.kernel.version}` : "";
    this.queue.pump();
    return true;
  }

  onKernelState(state) {
    this.setKernelState(state);
    if (state !== "idle") return;
    if (this.kernelDown) {
      this.kernelDown = false;
      this.banner(null);
    }
    this.queue.pump(); // cells queued while the kernel was starting
  }

  // The kernel's worker died (crashed, exited, failed, or did not stop after Stop) and a
  // new one is starting: the running cell says so in an error output, the queued cells
  // go back to their previous prompts with a notice, and the banner stays until the new
  // kernel is idle. Called while the running cell's execute is still pending.
  onKernelLost(reason) {
    const id = this.queue.running;
    if (this.checking && this.checking.id === id) {
      this.checking.lost = reason; // the check, not the cell, was running: its feedback says so
    } else if (id !== null && this.notebook.indexOf(id) >= 0) {
      this.notebook.addOutput(id, lostOutput(reason));
      this.views.get(id)?.addNotice(LOST_MESSAGE);
    }
    this.queue.clear(LOST);
    this.kernelDown = true;
    this.banner(`The kernel stopped: ${reason}. All variables from this session are lost; a new kernel is starting.`, "warn");
  }

  // Queues cell id to run; with check, its exercise's check runs after it (the queue's
  // job for the cell runs both, one after the other).
  enqueue(id, { check = false } = {}) {
    const cell = this.notebook.cell(id);
    const view = this.views.get(id);
    if (cell.cell_type === "markdown") {
      view.render();
      return;
    }
    if (cell.cell_type !== "code") return;
    if (!this.kernel && $("kernel-state").dataset.state === "unavailable") {
      view.renderOutputs();
      view.addNotice("The kernel is unavailable, so this cell cannot run (see the message at the top).");
      return;
    }
    if (check) this.exercises.get(id)?.checking();
    if (this.queue.has(id)) {
      if (check) this.queue.add(id, { check }); // its job runs the check too
      return;
    }
    view.setState("queued"); // In [*] until its turn (add may start it at once)
    this.queue.add(id, { check });
  }

  // Whether cell id is an exercise that can be checked.
  isExercise(id) {
    return this.exercises.get(id)?.exercise != null;
  }

  // Runs cell id on the kernel, for the queue, and shows its result; resolves with its
  // status, or null when the cell was deleted meanwhile. As in JupyterLab, the queue
  // goes on after an error only in a cell tagged raises-exception (expectsError above).
  async runCell(id, job = {}) {
    if (this.notebook.indexOf(id) < 0) return null;
    const view = this.views.get(id);
    view.setState("running");
    this.notebook.clearOutputs(id);
    const code = this.notebook.cell(id).source;
    const session = { kernel: this.kernel, session: this.kernel.session };
    this.sessionUse.ran(this.kernel.session);
    const onOutput = (o) => {
      if (this.notebook.indexOf(id) < 0) return;
      this.liveOutputs.set(o, session);
      this.notebook.addOutput(id, o);
    };
    const result = await this.kernel.execute(code, { onOutput });
    refreshNotebookGraphs(this.notebook, this.kernel, $("notebook")); // graphs shown earlier: counts as they are now
    if (this.notebook.indexOf(id) < 0) return null;
    this.notebook.setExecutionCount(id, result.execution_count);
    view.setState("idle");
    if (result.status === "error") {
      const err = this.notebook.cell(id).outputs.findLast((o) => o.output_type === "error");
      if (err) view.markError(failingLine(err.traceback, result.execution_count)?.line ?? null);
    }
    if (job.check) await this.runCheck(id, result.status);
    return result.status; // the cell's: a check that fails is feedback, and the queue goes on
  }

  // Runs the check of exercise cell id after the cell ended with cellStatus, for the
  // queue's job that ran the cell, and shows the verdict in the exercise's feedback box
  // (never among the cell's outputs). A check that passes marks the exercise solved.
  async runCheck(id, cellStatus) {
    const panel = this.exercises.get(id);
    const exercise = panel?.exercise;
    if (!exercise) return;
    if (cellStatus !== "ok") {
      panel.showResult(judgeCheck(cellStatus));
      return;
    }
    const outputs = [];
    this.checking = { id, lost: null };
    let result;
    try {
      result = await this.kernel.check(exercise.check, { onOutput: (o) => outputs.push(o) });
    } finally {
      const lost = this.checking?.lost;
      this.checking = null;
      if (lost) {
        panel.show("error", `The kernel stopped while checking (${lost}). A new kernel is starting: run the cells this one needs, then press Check again.`);
        return;
      }
    }
    if (this.notebook.indexOf(id) < 0) return;
    const verdict = judgeCheck(cellStatus, result.status, outputs);
    panel.showResult(verdict);
    if (verdict.verdict === "solved") this.notebook.changeMetadata(id, (_, cell) => markSolved(cell));
  }

  stop() {
    this.queue.clear();
    this.kernel?.interrupt();
  }

  // The Restart button: asks first when the session has state (a cell ran in it).
  async askRestart() {
    const usable = this.kernel && (this.kernel.state === "idle" || this.kernel.state === "busy");
    if (usable && this.sessionUse.hasState(this.kernel.session)) {
      const ok = await askConfirm({
        title: "Restart the kernel?",
        message: "Every variable of this session is lost, and the In [ ] counts start again from 1. The notebook and its outputs stay.",
        confirmLabel: "Restart",
      });
      if (!ok) return;
    }
    await this.restart();
  }

  async restart() {
    this.queue.clear();
    this.kernelDown = false;
    this.banner(null);
    if (!this.kernel) {
      await this.startKernel();
      return;
    }
    await this.kernel.restart(); // a dead or busy kernel gets a new worker
    for (const cell of this.notebook.cells) if (cell.execution_count != null) this.notebook.setExecutionCount(cell.id, null);
    this.status("Kernel restarted: variables cleared.");
    showToast("Kernel restarted: variables cleared, counts start again at 1.");
    this.queue.pump(); // cells run while it restarted
  }

  // A fresh session for the notebook about to be shown, when the one running has state.
  freshSession(nextKey) {
    const kernel = this.kernel;
    if (!kernel || !needsFreshSession(this.origin?.key, nextKey, this.sessionUse.hasState(kernel.session))) return;
    kernel.restart().then(() => this.queue.pump());
  }

  runAll() {
    for (const cell of this.notebook.cells) if (cell.cell_type === "code") this.enqueue(cell.id);
  }

  // ---- notebook and views ----

  load(model, origin) {
    for (const view of this.views.values()) view.destroy();
    this.views.clear();
    this.exercises.clear();
    this.queue.clear();
    this.freshSession(origin.key); // one kernel session per notebook, as in Jupyter
    if (this.origin?.key !== origin.key) this.deleted.clear();
    this.origin = origin;
    this.hintMemory.setScope(origin.key);
    this.notebook = new Notebook(model);
    const list = $("notebook");
    const views = this.notebook.cells.map((cell) => this.makeView(cell, { deferred: true }));
    list.append(...views.map((v) => v.el));
    this.drawViews(views);
    this.notebook.addEventListener("change", (e) => this.onChange(e.detail));
    this.select(this.notebook.cells[0].id);
    $("nb-name").textContent = origin.name;
    document.title = `${origin.name.replace(/\.ipynb$/, "")} · pushbook`;
    $("reset").disabled = !(origin.kind === "url" || origin.kind === "shared");
    const listed = origin.kind === "url" && [...$("examples").options].some((o) => o.value === origin.ref);
    $("examples").value = listed ? origin.ref : ""; // "Choose…" for notebooks not in the menu
    this.store.setLast(origin.key).catch(() => {}); // a failing store shows itself on save
    this.updateURL();
    this.kernel?.setBase(this.dataBase());
  }

  // Draws the cells on screen now and the rest in slices of idle time, so a long notebook
  // neither delays the first paint nor keeps the kernel's "ready" waiting.
  drawViews(views) {
    let i = 0;
    while (i < views.length && views[i].el.getBoundingClientRect().top < window.innerHeight) views[i++].draw();
    const rest = views.slice(i);
    const slice = (deadline) => {
      const until = performance.now() + Math.max(DRAW_SLICE_MS, deadline?.timeRemaining?.() ?? 0);
      while (rest.length && performance.now() < until) rest.shift().draw();
      if (rest.length) whenIdle(slice);
    };
    if (rest.length) whenIdle(slice);
  }

  // The URL that cells' file names not dropped on the page resolve against: the
  // notebook's own URL when it came from the site, else the site's root.
  dataBase() {
    if (this.origin?.kind === "url") return new URL(this.origin.ref, location.href).href;
    return new URL("./", location.href).href;
  }

  updateURL() {
    if (!this.origin) return;
    const address = addressFor(location.href, this.origin, { keepRun: this.runAllPending });
    if (address !== location.href) history.replaceState(null, "", address);
  }

  makeView(cell, options) {
    const view = new CellView(cell, {
      onSource: (text) => this.notebook.setSource(cell.id, text),
      onRun: (mode) => this.runFrom(cell.id, mode),
      onEscape: () => view.focusCell(),
      onNavigate: (delta) => this.moveSelection(delta, true),
      onFocus: () => this.select(cell.id, false),
      complete: (code, pos, opts) => this.kernel?.complete(code, pos, opts) ?? null, diagnose: (code, opts) => this.kernel?.diagnose(code, opts) ?? null,
    }, options);
    this.views.set(cell.id, view);
    this.attachExercise(view);
    return view;
  }

  // Gives view the exercise header and panel if its cell is an exercise (or takes them
  // away if it no longer is one).
  attachExercise(view) {
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
      panel = new ExercisePanel(view.cell, { memory: this.hintMemory, onCheck: () => this.checkExercise(id) });
      this.exercises.set(id, panel);
      const input = view.el.querySelector(":scope > .cell-input");
      view.el.insertBefore(panel.header, input);
      view.el.insertBefore(panel.panel, input.nextSibling);
    }
    view.el.classList.add("exercise-cell");
    view.el.classList.toggle("exercise-solved", panel.exercise?.solved === true);
  }

  // The Check button: runs the cell, then its check.
  checkExercise(id) {
    this.select(id);
    this.enqueue(id, { check: true });
  }

  onChange(d) {
    const view = this.views.get(d.id);
    switch (d.kind) {
      case "insert": {
        const v = this.makeView(this.notebook.cell(d.id));
        const next = this.notebook.cells[d.index + 1];
        $("notebook").insertBefore(v.el, next ? this.views.get(next.id).el : null);
        break;
      }
      case "delete":
        this.deleted.push(d.cell, d.index);
        this.exercises.get(d.id)?.destroy();
        this.exercises.delete(d.id);
        view?.destroy();
        this.views.delete(d.id);
        this.queue.remove(d.id);
        break;
      case "move": {
        const next = this.notebook.cells[d.index + 1];
        $("notebook").insertBefore(view.el, next ? this.views.get(next.id).el : null);
        break;
      }
      case "type":
        view.refresh();
        this.attachExercise(view);
        break;
      case "metadata":
        this.attachExercise(view);
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
    this.scheduleSave();
  }

  scheduleSave() {
    clearTimeout(this.saveTimer);
    this.status("Saving…");
    this.saveTimer = setTimeout(() => this.saveNow(), 400);
  }

  // Writes the browser's copy now; returns a promise settled when it is written or refused.
  // A refused copy leaves the copy saved before and the page's notebook as they were.
  saveNow() {
    clearTimeout(this.saveTimer);
    if (!this.notebook) return this.saving;
    const key = this.origin.key;
    let text;
    try {
      text = serializeNotebookCompact(this.notebook.model);
    } catch (err) {
      this.saveFailed(`the notebook cannot be written as JSON: ${err.message}`);
      return this.saving;
    }
    this.saving = this.saving
      .then(() => this.store.save(key, text))
      .then(
        () => {
          this.status(`Saved in this browser ${new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })}`);
          if (document.getElementById("banner-download")) this.banner(null); // the save failure is over
        },
        (err) => this.saveFailed(err.reason ?? err.message),
      );
    return this.saving;
  }

  // Says that the notebook could not be saved in the browser, and why, and offers Download.
  saveFailed(reason) {
    this.status("Not saved");
    this.banner(`Could not save this notebook in the browser (${reason}) — Download it to keep it`, "error");
    const button = document.createElement("button");
    button.id = "banner-download";
    button.type = "button";
    button.textContent = "Download";
    button.addEventListener("click", () => this.download());
    $("banner-close").before(button);
  }

  select(id, focus = false) {
    if (this.selected !== id) {
      this.views.get(this.selected)?.setSelected(false);
      this.selected = id;
      this.views.get(id)?.setSelected(true);
    }
    if (focus) this.views.get(id)?.focusCell();
  }

  selectedIndex() {
    return Math.max(0, this.notebook.indexOf(this.selected));
  }

  moveSelection(delta, edit = false) {
    const cells = this.notebook.cells;
    const next = cells[Math.max(0, Math.min(cells.length - 1, this.selectedIndex() + delta))];
    this.select(next.id, !edit);
    if (edit) this.views.get(next.id).edit();
  }

  // Runs cell id (Shift+Enter: "next", Ctrl+Enter: "stay", Alt+Enter: "insert"); an
  // exercise cell's check runs after it.
  runFrom(id, mode) {
    this.select(id);
    this.enqueue(id, { check: this.isExercise(id) });
    const index = this.notebook.indexOf(id);
    if (mode === "insert") {
      const cell = this.notebook.insertCell(index + 1, "code");
      this.select(cell.id);
      this.views.get(cell.id).edit();
    } else if (mode === "next") {
      let next = this.notebook.cells[index + 1];
      if (!next) next = this.notebook.insertCell(index + 1, "code");
      this.select(next.id);
      if (next.cell_type === "code") this.views.get(next.id).edit();
      else this.views.get(next.id).focusCell();
    } else {
      this.views.get(id).focusCell();
    }
  }

  // Inserts a cell above (offset 0) or below (1) the selected one and selects it, in
  // command mode as in Jupyter (Enter then edits it), or in its editor with edit.
  insert(offset, { edit = false } = {}) {
    const cell = this.notebook.insertCell(this.selectedIndex() + offset, "code");
    this.select(cell.id, !edit);
    if (edit) this.views.get(cell.id).edit();
  }

  // Z: brings back the cell deleted last, where it was, selected.
  undoDelete() {
    const last = this.deleted.pop();
    if (!last) return;
    const cell = this.notebook.restoreCell(last.index, last.cell);
    this.select(cell.id, true);
    this.status(this.deleted.size ? `Cell restored (Z again restores ${this.deleted.size} more)` : "Cell restored");
  }

  deleteSelected() {
    const index = this.selectedIndex();
    this.notebook.deleteCell(this.selected);
    const cells = this.notebook.cells;
    this.select(cells[Math.min(index, cells.length - 1)].id, true);
  }

  setType(type) {
    this.notebook.setCellType(this.selected, type);
    $("cell-type").value = type;
  }

  // ---- opening and saving ----

  async loadExamples() {
    try {
      const resp = await fetch("examples/index.json");
      if (!resp.ok) return [];
      const list = await resp.json();
      return Array.isArray(list) ? list : [];
    } catch {
      return [];
    }
  }

  fillExamples() {
    const select = $("examples");
    for (const ex of this.examples) {
      const opt = document.createElement("option");
      opt.value = ex.path;
      opt.textContent = ex.title || ex.name;
      select.appendChild(opt);
    }
    // No examples shipped: no menu, rather than an empty one.
    select.hidden = this.examples.length === 0;
    document.querySelector(".examples-label").hidden = this.examples.length === 0;
  }

  async openInitial() {
    const payload = payloadFromHash(location.hash);
    const params = new URLSearchParams(location.search);
    try {
      if (payload) return await this.openShared(payload);
      if (params.get("notebook")) return await this.openURL(params.get("notebook"));
      const last = await this.store.last();
      if (last && (await this.store.load(last))) return await this.openKey(last);
      const seed = this.examples.find((e) => e.name === "seed.ipynb") ?? this.examples[0];
      if (seed) return await this.openURL(seed.path);
    } catch (err) {
      this.banner(err.message, "error");
    }
    this.openUntitled();
  }

  // Opens a notebook saved under key, with the origin the key names.
  async openKey(key) {
    const [kind, ...rest] = key.split(":");
    const ref = rest.join(":");
    if (kind === "url") return this.openURL(ref);
    const saved = await this.store.load(key);
    const name = kind === "file" ? ref : kind === "shared" ? "shared.ipynb" : "untitled.ipynb";
    this.load(parseNotebook(saved.text), { key, kind, ref, name });
  }

  async openURL(path, { fresh = false } = {}) {
    // Only notebooks from this site: one from elsewhere would run its outputs and code here.
    if (new URL(path, location.href).origin !== location.origin) {
      throw new Error(`Refused to open ${path}: only notebooks from this site can be opened by URL (use Open… for a file from elsewhere)`);
    }
    const key = `url:${path}`;
    const name = path.split("/").pop() || path;
    const saved = fresh ? null : await this.store.load(key);
    if (saved) {
      this.load(parseNotebook(saved.text), { key, kind: "url", ref: path, name });
      this.status("Restored your edits saved in this browser");
      return;
    }
    let text;
    try {
      const resp = await fetch(path);
      if (!resp.ok) throw new Error(`HTTP ${resp.status}`);
      text = await resp.text();
    } catch (err) {
      throw new Error(`Could not open ${path}: ${err.message}`, { cause: err });
    }
    let model;
    try {
      model = parseNotebook(text);
    } catch (err) {
      throw new Error(`Could not open ${path}: ${err.message}`, { cause: err });
    }
    this.load(model, { key, kind: "url", ref: path, name });
  }

  async openShared(payload, { fresh = false } = {}) {
    const key = `shared:${await digest(payload)}`;
    const saved = fresh ? null : await this.store.load(key);
    const text = saved ? saved.text : await decodeShare(payload);
    let model;
    try {
      model = parseNotebook(text);
    } catch (err) {
      throw new Error(`The shared notebook cannot be opened: ${err.message}`, { cause: err });
    }
    this.load(model, { key, kind: "shared", ref: payload, name: "shared.ipynb" });
  }

  openUntitled() {
    this.load(emptyNotebook(), { key: `untitled:${Date.now()}`, kind: "untitled", ref: "", name: "untitled.ipynb" });
  }

  async openFile(file) {
    try {
      const model = parseNotebook(await file.text());
      this.saveNow();
      this.load(model, { key: `file:${file.name}`, kind: "file", ref: file.name, name: file.name });
      this.saveNow();
      this.banner(null);
    } catch (err) {
      this.banner(`Could not open ${file.name}: ${err.message}`, "error");
    }
  }

  download() {
    this.saveNow();
    let text;
    try {
      text = serializeNotebook(this.notebook.model);
    } catch (err) {
      this.banner(`Could not download this notebook: ${err.message}`, "error");
      return;
    }
    const blob = new Blob([text], { type: "application/x-ipynb+json" });
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = this.origin.name.endsWith(".ipynb") ? this.origin.name : `${this.origin.name}.ipynb`;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  }

  async share() {
    const dialog = $("share-dialog");
    const text = serializeNotebookCompact(this.notebook.model);
    const link = shareURL(location.href, await encodeShare(text));
    $("share-link").value = link;
    $("share-size").textContent = `${link.length.toLocaleString()} characters; the notebook travels inside the link (after #), so no server sees it.`;
    dialog.showModal();
    $("share-link").select();
  }

  async resetToOriginal() {
    const { kind, ref, key } = this.origin;
    if (!confirm("Discard your edits to this notebook and restore the original?")) return;
    try {
      await this.store.remove(key);
      if (kind === "url") await this.openURL(ref, { fresh: true });
      else if (kind === "shared") await this.openShared(ref, { fresh: true });
      this.status("Restored the original");
    } catch (err) {
      this.banner(err.message, "error");
    }
  }

  async eraseLocal() {
    if (!confirm("Erase every notebook this page saved in your browser? Edits not downloaded are lost.")) return;
    clearTimeout(this.saveTimer);
    await this.saving;
    const n = await this.store.eraseAll();
    this.status(`Erased ${n} saved item${n === 1 ? "" : "s"}`);
    const { kind, ref } = this.origin;
    try {
      if (kind === "url") await this.openURL(ref, { fresh: true });
      else if (kind === "shared") await this.openShared(ref, { fresh: true });
      else this.openUntitled();
    } catch (err) {
      this.banner(err.message, "error");
      this.openUntitled();
    }
  }

  // ---- wiring ----

  bindToolbar() {
    const on = (id, fn) => $(id).addEventListener("click", fn);
    on("new", () => (this.saveNow(), this.openUntitled()));
    on("open", () => $("file-input").click());
    $("file-input").addEventListener("change", (e) => {
      const file = e.target.files[0];
      if (file) this.openFile(file);
      e.target.value = "";
    });
    on("download", () => this.download());
    on("share", () => this.share().catch((err) => this.banner(`Could not make a share link: ${err.message}`, "error")));
    on("insert-below", () => this.insert(1));
    on("delete", () => this.deleteSelected());
    on("move-up", () => this.notebook.moveCell(this.selected, -1));
    on("move-down", () => this.notebook.moveCell(this.selected, 1));
    on("run", () => this.runFrom(this.selected, "next"));
    on("run-all", () => this.runAll());
    on("stop", () => this.stop());
    on("restart", () => this.askRestart());
    on("clear", () => this.notebook.clearOutputs());
    on("reset", () => this.resetToOriginal());
    on("erase", () => this.eraseLocal());
    on("banner-close", () => this.banner(null));
    new MenuButton($("more"), $("more-menu"));
    $("cell-type").addEventListener("change", (e) => this.setType(e.target.value));
    $("examples").addEventListener("change", async (e) => {
      if (!e.target.value) return;
      this.saveNow();
      try {
        await this.openURL(e.target.value);
      } catch (err) {
        this.banner(err.message, "error");
      }
    });
    $("share-copy").addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText($("share-link").value);
        $("share-copy").textContent = "Copied";
      } catch {
        $("share-link").select();
        document.execCommand("copy");
      }
    });
    $("share-dialog").addEventListener("close", () => ($("share-copy").textContent = "Copy link"));
    window.addEventListener("beforeunload", () => this.saveNow());
    window.addEventListener("hashchange", () => {
      const payload = payloadFromHash(location.hash);
      if (payload) this.openShared(payload).catch((err) => this.banner(err.message, "error"));
    });
  }

  // Command-mode keys (a cell focused, not its editor), as in Jupyter: keys.js names the
  // action, this table does it.
  bindKeys() {
    $("notebook").addEventListener("focusin", () => {
      const cell = this.notebook?.cell(this.selected);
      if (cell) $("cell-type").value = cell.cell_type;
    });
    const actions = {
      "run-next": (id) => this.runFrom(id, "next"),
      "run-stay": (id) => this.runFrom(id, "stay"),
      "run-insert": (id) => this.runFrom(id, "insert"),
      edit: (id) => this.views.get(id).edit(),
      "select-above": () => this.moveSelection(-1),
      "select-below": () => this.moveSelection(1),
      "insert-above": () => this.insert(0),
      "insert-below": () => this.insert(1),
      "to-markdown": () => this.setType("markdown"),
      "to-code": () => this.setType("code"),
      "undo-delete": () => this.undoDelete(),
      delete: () => this.deleteSelected(),
      stop: () => this.stop(),
    };
    document.addEventListener("keydown", (e) => {
      const section = e.target.closest?.(".cell");
      if (!section || e.target !== section || !this.notebook) return this.commandKeys.reset();
      const action = this.commandKeys.press(e);
      if (!action) return;
      e.preventDefault();
      actions[action](section.dataset.id);
    });
  }

  bindDrop() {
    const zone = document.body;
    zone.addEventListener("dragover", (e) => {
      if (![...e.dataTransfer.types].includes("Files")) return;
      e.preventDefault();
      zone.classList.add("dropping");
    });
    zone.addEventListener("dragleave", (e) => {
      if (e.relatedTarget === null) zone.classList.remove("dropping");
    });
    zone.addEventListener("drop", (e) => {
      const files = [...e.dataTransfer.files];
      zone.classList.remove("dropping");
      if (!files.length) return;
      e.preventDefault();
      const notebook = files.find(isNotebookFile);
      if (notebook) this.openFile(notebook);
      this.addDataFiles(files.filter((f) => !isNotebookFile(f)));
    });
  }

  // ---- data files and table downloads ----

  bindDataFiles() {
    $("add-data").addEventListener("click", () => $("data-input").click());
    $("data-input").addEventListener("change", (e) => {
      this.addDataFiles([...e.target.files]);
      e.target.value = "";
    });
    $("notebook").addEventListener(EXPORT_EVENT, (e) => {
      const { output, table, format, respond } = e.detail;
      respond(this.exportTable(output, table, format));
    });
    // "Trace a value…" on a pipeline graph: a new cell below its cell, ready to edit
    $("notebook").addEventListener(TRACE_EVENT, (e) => {
      const id = e.target.closest("section.cell")?.dataset.id;
      const index = id ? this.notebook.indexOf(id) : -1;
      if (index < 0) return;
      const cell = this.notebook.insertCell(index + 1, "code", e.detail.code);
      this.select(cell.id);
      this.views.get(cell.id).edit();
    });
  }

  // Reads files and makes them readable by cells, now and after every restart.
  async addDataFiles(files) {
    if (!files.length) return;
    const added = [];
    for (const file of files) {
      try {
        const data = new Uint8Array(await file.arrayBuffer());
        this.dataFiles.set(file.name, data);
        this.kernel?.addFile(file.name, data);
        added.push(file.name);
      } catch (err) {
        this.banner(`Could not read ${file.name}: ${err.message}`, "error");
      }
    }
    this.showDataFiles();
    if (added.length) this.status(`Added data file${added.length > 1 ? "s" : ""} ${added.join(", ")}`);
  }

  removeDataFile(name) {
    this.dataFiles.delete(name);
    this.kernel?.removeFile(name);
    this.showDataFiles();
    this.status(`Removed data file ${name}`);
  }

  showDataFiles() {
    const list = $("data-files-list");
    const names = [...this.dataFiles.keys()].sort();
    list.replaceChildren(
      ...names.map((name) => {
        const li = document.createElement("li");
        const label = document.createElement("code");
        label.textContent = name;
        const size = document.createElement("span");
        size.className = "data-file-size";
        size.textContent = formatSize(this.dataFiles.get(name).byteLength);
        const remove = document.createElement("button");
        remove.type = "button";
        remove.className = "data-file-remove";
        remove.textContent = "Remove";
        remove.setAttribute("aria-label", `Remove data file ${name}`);
        remove.addEventListener("click", () => this.removeDataFile(name));
        li.append(label, size, remove);
        return li;
      }),
    );
    $("data-files").hidden = names.length === 0;
  }

  // The text of a shown table, from the kernel session that showed it.
  exportTable(output, table, format) {
    const from = this.liveOutputs.get(output);
    if (!this.kernel || !from || from.kernel !== this.kernel || from.session !== this.kernel.session) {
      return Promise.reject(new Error(`Table ${table} is not in the running kernel session (it was shown before a restart, or saved with the notebook): run its cell again to download it.`));
    }
    return this.kernel.exportTable(table, format);
  }
}

function isNotebookFile(file) {
  return /\.ipynb$/i.test(file.name);
}

function formatSize(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

const app = new App();
globalThis.pushbookApp = app;
app.boot().catch((err) => {
  console.error(err);
  app.banner(`The page failed to start: ${err.message}`, "error");
});
