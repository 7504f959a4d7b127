// main.js: the notebook page's composition root. Makes the page's parts, each with one job,
// and wires them to each other and to the page:
//
//   notices.js      the banner and the status line
//   kernelhost.js   the kernel: start, chip, Stop, Restart, a dead worker, a fresh session
//   cellrunner.js   running cells through the run queue (runqueue.js), exercise checks
//   notebookview.js the cell views (cellview.js) of the notebook shown, kept in step with it
//   selection.js    the selected cell and the commands on it (command and edit mode)
//   files.js        opening, Download, Share link, Reset, Erase; the notebook's origin
//   autosave.js     the browser's copy (storage.js)
//   datafiles.js    files cells read by name: added, dropped, listed
//   controls.js     the toolbar, menus, keys (keys.js) and dialogs bound to the above
//
// and shows a notebook (show below): what every part does when another notebook appears.

import { CellView, preloadEditor } from "./cellview.js";
import { Kernel, markOnce } from "./kernel.js";
import { NotebookStore } from "./storage.js";
import { refreshNotebookGraphs } from "./livegraph.js";
import { ExercisePanel, HintMemory } from "./exercise.js";
import { CommandKeys } from "./keys.js";
import { DeletedCells } from "./undo.js";
import { SessionUse, addressFor } from "./session.js";
import { askConfirm } from "./confirm.js";
import { showToast } from "./toast.js";
import { Notices } from "./notices.js";
import { KernelHost, showKernelState } from "./kernelhost.js";
import { CellRunner } from "./cellrunner.js";
import { NotebookView } from "./notebookview.js";
import { Selection } from "./selection.js";
import { Autosave } from "./autosave.js";
import { NotebookFiles, fillExamplesMenu, saveWithBrowser } from "./files.js";
import { DataFiles, drawDataFiles } from "./datafiles.js";
import { bindControls, showShareDialog } from "./controls.js";

export { Kernel };

/** @param {string} id */
const $ = (id) => /** @type {any} */ (document.getElementById(id));

// Runs fn(deadline) when the page is idle (or in 100 ms at most); deadline is undefined
// where there is no requestIdleCallback.
const whenIdle = (fn) => (globalThis.requestIdleCallback ? requestIdleCallback(fn, { timeout: 100 }) : setTimeout(fn, 0));

/** The page: its parts, and what the browser tests reach through globalThis.pushbookApp. */
class App {
  store = new NotebookStore();
  deleted = new DeletedCells(); // what Z brings back
  sessionUse = new SessionUse(); // whether the kernel's session has state
  hintMemory = new HintMemory(); // hints revealed, per notebook and cell, for the tab's session
  runAllPending = false; // ?run=all is in the address until Run all has started

  notices = new Notices({ banner: $("banner"), text: $("banner-text"), close: $("banner-close"), status: $("save-state"), doc: document });

  runner = new CellRunner({
    notebook: () => this.notebook,
    view: (id) => this.view.view(id),
    exercise: (id) => this.view.exercise(id),
    kernel: () => this.host.kernel,
    unavailable: () => this.host.state === "unavailable",
    sessionUse: this.sessionUse,
    afterRun: (notebook, kernel) => refreshNotebookGraphs(notebook, kernel, $("notebook")), // graphs shown earlier: counts as they are now
  });

  host = new KernelHost({
    start: () => Kernel.start({ base: "./" }),
    showState: (state, detail) => showKernelState($, state, detail),
    showVersion: (text) => ($("kernel-version").textContent = text),
    notices: this.notices,
    queue: this.runner.queue,
    sessionUse: this.sessionUse,
    dataFiles: () => this.dataFiles.entries(),
    dataBase: () => this.files.dataBase(),
    confirm: askConfirm,
    toast: showToast,
    onLost: (reason) => this.runner.kernelLost(reason),
    onRestarted: () => {
      for (const cell of this.notebook.cells) if (cell.execution_count != null) this.notebook.setExecutionCount(cell.id, null);
    },
    // The first kernel-ready time since navigation start, for the speed benchmark.
    markReady: () => markOnce("pushbook-kernel-ready"),
  });

  view = new NotebookView({
    container: $("notebook"),
    makeView: (cell, options) => this.makeCellView(cell, options),
    makePanel: (cell, onCheck) => new ExercisePanel(cell, { memory: this.hintMemory, onCheck }),
    onCheck: (id) => (this.selection.select(id), this.runner.enqueue(id, { check: true })),
    onDelete: (d) => (this.deleted.push(d.cell, d.index), this.runner.queue.remove(d.id)),
    onChange: () => this.autosave.schedule(),
    whenIdle,
    viewportHeight: () => window.innerHeight,
  });

  selection = new Selection({
    notebook: () => this.notebook,
    view: (id) => this.view.view(id),
    deleted: this.deleted,
    run: (id) => this.runner.enqueue(id, { check: this.runner.isExercise(id) }),
    status: (message) => this.notices.status(message),
    showType: (type) => ($("cell-type").value = type),
  });

  autosave = new Autosave({
    store: this.store,
    notebook: () => this.notebook,
    key: () => this.files.origin.key,
    notices: this.notices,
    download: () => this.files.download(),
  });

  files = new NotebookFiles({
    store: this.store,
    fetch: (url) => fetch(url),
    location: () => location,
    show: (model, origin) => this.show(model, origin),
    notebook: () => this.notebook,
    notices: this.notices,
    autosave: this.autosave,
    confirm: (question) => confirm(question),
    saveFile: (name, text) => saveWithBrowser(document, name, text),
    showShareLink: (link) => showShareDialog($, link),
  });

  dataFiles = new DataFiles({
    kernel: () => this.host.kernel,
    notices: this.notices,
    render: (entries, remove) => drawDataFiles($("data-files"), $("data-files-list"), entries, remove),
  });

  async boot() {
    markOnce("pushbook-app-boot"); // start-up marks: web/PROTOCOL.md, Starting fast
    bindControls(document, window, this.parts(), new CommandKeys());
    const kernelReady = this.host.start(); // loads while the notebook opens
    // The editor's code is not needed to show the notebook: load it once the kernel is up
    // (or known unavailable) and the page is idle, so the first edit need not wait for it.
    kernelReady.then(() => whenIdle(() => preloadEditor().catch((err) => console.warn(`pushbook: ${err.message}`))));
    fillExamplesMenu($("examples"), document.querySelector(".examples-label"), await this.files.loadExamples());
    this.runAllPending = new URLSearchParams(location.search).get("run") === "all";
    await this.files.openInitial();
    markOnce("pushbook-notebook-shown");
    if (this.runAllPending && (await kernelReady)) this.runner.runAll();
    this.runAllPending = false;
    this.updateURL(); // without run=all: a reload does not run everything again
  }

  /** @returns {import("./controls.js").PageParts} */
  parts() {
    const { selection, runner, host, files, autosave, notices, dataFiles } = this;
    return { selection, runner, host, files, autosave, notices, dataFiles, notebook: () => this.notebook, view: (id) => this.view.view(id) };
  }

  makeCellView(cell, options) {
    const kernel = () => this.host.kernel;
    const view = new CellView(
      cell,
      {
        onSource: (text) => this.notebook.setSource(cell.id, text),
        onRun: (mode) => this.selection.runFrom(cell.id, mode),
        onEscape: () => view.focusCell(),
        onNavigate: (delta) => this.selection.move(delta, true),
        onFocus: () => this.selection.select(cell.id, false),
        complete: (code, pos, opts) => kernel()?.complete(code, pos, opts) ?? null,
        diagnose: (code, opts) => kernel()?.diagnose(code, opts) ?? null,
      },
      options,
    );
    return view;
  }

  // Shows the notebook of model, from origin: a fresh kernel session when the one running
  // has state, no undo across notebooks, the page's title, menus and address follow it.
  show(model, origin) {
    this.view.clear();
    this.runner.queue.clear();
    this.host.freshSession(this.files.origin?.key, origin.key); // one kernel session per notebook, as in Jupyter
    if (this.files.origin?.key !== origin.key) this.deleted.clear();
    this.files.origin = origin;
    this.hintMemory.setScope(origin.key);
    const notebook = this.view.show(model);
    this.selection.select(notebook.cells[0].id);
    $("nb-name").textContent = origin.name;
    document.title = `${origin.name.replace(/\.ipynb$/, "")} · pushbook`;
    $("reset").disabled = !(origin.kind === "url" || origin.kind === "shared");
    const listed = origin.kind === "url" && [...$("examples").options].some((o) => o.value === origin.ref);
    $("examples").value = listed ? origin.ref : ""; // "Choose…" for notebooks not in the menu
    this.store.setLast(origin.key).catch(() => {}); // a failing store shows itself on save
    this.updateURL();
    this.host.kernel?.setBase(this.files.dataBase());
  }

  updateURL() {
    if (!this.files.origin) return;
    const address = addressFor(location.href, this.files.origin, { keepRun: this.runAllPending });
    if (address !== location.href) history.replaceState(null, "", address);
  }

  // What the browser tests (e2e/) read and call.
  get notebook() {
    return this.view.notebook;
  }
  get views() {
    return this.view.views;
  }
  get kernel() {
    return this.host.kernel;
  }
  get origin() {
    return this.files.origin;
  }
  get selected() {
    return this.selection.selected;
  }
  get saving() {
    return this.autosave.saving;
  }
  select(id, focus = false) {
    this.selection.select(id, focus);
  }
  runFrom(id, mode) {
    this.selection.runFrom(id, mode);
  }
  saveNow() {
    return this.autosave.saveNow();
  }
}

const app = new App();
globalThis.pushbookApp = app;
app.boot().catch((err) => {
  console.error(err);
  app.notices.banner(`The page failed to start: ${err.message}`, "error");
});
