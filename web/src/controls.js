// controls.js: the page's controls bound to what they do. The toolbar's buttons and
// menus, the command-mode keys (keys.js names the action of a key press; the table here
// does it), the Share link dialog, the Examples menu, dropping files, the events cells'
// outputs send (Download CSV, Trace a value…), and leaving the page or following a new
// share link.
//
// toolbarActions and commandActions are plain tables over the page's parts, so tests
// check them with stand-ins; bindControls is the DOM's side.

import { MenuButton } from "./menu.js";
import { EXPORT_EVENT } from "./tabledownload.js";
import { TRACE_EVENT } from "./trace.js";
import { payloadFromHash } from "./share.js";
import { bindDrop } from "./datafiles.js";

/**
 * The page's parts the controls act on (main.js makes them).
 * @typedef {object} PageParts
 * @property {import("./selection.js").Selection} selection
 * @property {import("./cellrunner.js").CellRunner} runner
 * @property {import("./kernelhost.js").KernelHost} host
 * @property {import("./files.js").NotebookFiles} files
 * @property {import("./autosave.js").Autosave} autosave
 * @property {import("./notices.js").Notices} notices
 * @property {import("./datafiles.js").DataFiles} dataFiles
 * @property {() => import("./notebook.js").Notebook | null} notebook
 * @property {(id: string) => {edit(): void} | undefined} view
 */

/**
 * What a click on each toolbar button (by id) does. Open… and Add data file… click their
 * hidden file inputs, given as pickNotebook and pickData.
 * @param {PageParts} p
 * @param {{pickNotebook(): void, pickData(): void}} pickers
 * @returns {Record<string, () => void>}
 */
export function toolbarActions(p, { pickNotebook, pickData }) {
  const { selection, runner, host, files, autosave, notices } = p;
  return {
    new: () => (autosave.saveNow(), files.openUntitled()),
    open: pickNotebook,
    download: () => files.download(),
    share: () => void files.share().catch((err) => notices.banner(`Could not make a share link: ${err.message}`, "error")),
    "insert-below": () => selection.insert(1),
    delete: () => selection.deleteSelected(),
    "move-up": () => selection.moveCell(-1),
    "move-down": () => selection.moveCell(1),
    run: () => selection.runFrom(selection.selected, "next"),
    "run-all": () => runner.runAll(),
    stop: () => host.stop(),
    restart: () => void host.askRestart(),
    clear: () => p.notebook().clearOutputs(),
    reset: () => void files.resetToOriginal(),
    erase: () => void files.eraseLocal(),
    "banner-close": () => notices.banner(null),
    "add-data": pickData,
  };
}

/**
 * What each command-mode action (keys.js's names) does; the actions that concern a cell
 * get its id.
 * @param {PageParts} p
 * @returns {Record<string, (id: string) => void>}
 */
export function commandActions(p) {
  const { selection, host } = p;
  return {
    "run-next": (id) => selection.runFrom(id, "next"),
    "run-stay": (id) => selection.runFrom(id, "stay"),
    "run-insert": (id) => selection.runFrom(id, "insert"),
    edit: (id) => p.view(id).edit(),
    "select-above": () => selection.move(-1),
    "select-below": () => selection.move(1),
    "insert-above": () => selection.insert(0),
    "insert-below": () => selection.insert(1),
    "to-markdown": () => selection.setType("markdown"),
    "to-code": () => selection.setType("code"),
    "undo-delete": () => selection.undoDelete(),
    delete: () => selection.deleteSelected(),
    stop: () => host.stop(),
  };
}

/**
 * Shows the Share link dialog holding link, selected.
 * @param {(id: string) => any} byId
 * @param {string} link
 */
export function showShareDialog(byId, link) {
  byId("share-link").value = link;
  byId("share-size").textContent = `${link.length.toLocaleString()} characters; the notebook travels inside the link (after #), so no server sees it.`;
  byId("share-dialog").showModal();
  byId("share-link").select();
}

/**
 * Binds the page's controls in doc (and win's events) to p.
 * @param {Document} doc
 * @param {Window} win
 * @param {PageParts} p
 * @param {import("./keys.js").CommandKeys} keys
 */
export function bindControls(doc, win, p, keys) {
  const byId = (id) => /** @type {any} */ (doc.getElementById(id));
  const { selection, runner, files, autosave, notices, dataFiles } = p;
  const toolbar = toolbarActions(p, { pickNotebook: () => byId("file-input").click(), pickData: () => byId("data-input").click() });
  for (const [id, action] of Object.entries(toolbar)) byId(id).addEventListener("click", action);
  new MenuButton(byId("more"), byId("more-menu"));
  byId("file-input").addEventListener("change", (e) => {
    const file = e.target.files[0];
    if (file) files.openFile(file);
    e.target.value = "";
  });
  byId("data-input").addEventListener("change", (e) => {
    dataFiles.add([...e.target.files]);
    e.target.value = "";
  });
  byId("cell-type").addEventListener("change", (e) => selection.setType(e.target.value));
  byId("examples").addEventListener("change", async (e) => {
    if (!e.target.value) return;
    autosave.saveNow();
    try {
      await files.openURL(e.target.value);
    } catch (err) {
      notices.banner(err.message, "error");
    }
  });
  byId("share-copy").addEventListener("click", async () => {
    try {
      await win.navigator.clipboard.writeText(byId("share-link").value);
      byId("share-copy").textContent = "Copied";
    } catch {
      byId("share-link").select();
      doc.execCommand("copy");
    }
  });
  byId("share-dialog").addEventListener("close", () => (byId("share-copy").textContent = "Copy link"));
  win.addEventListener("beforeunload", () => autosave.saveNow());
  win.addEventListener("hashchange", () => {
    const payload = payloadFromHash(win.location.hash);
    if (payload) files.openShared(payload).catch((err) => notices.banner(err.message, "error"));
  });
  bindDrop(doc.body, { openFile: (file) => files.openFile(file), addData: (list) => dataFiles.add(list) });

  // Command-mode keys: a cell focused, not its editor.
  const notebookEl = byId("notebook");
  notebookEl.addEventListener("focusin", () => {
    const cell = p.notebook()?.cell(selection.selected);
    if (cell) byId("cell-type").value = cell.cell_type;
  });
  const actions = commandActions(p);
  doc.addEventListener("keydown", (e) => {
    const target = /** @type {HTMLElement} */ (e.target);
    const section = target.closest?.(".cell");
    if (!section || target !== section || !p.notebook()) return keys.reset();
    const action = keys.press(e);
    if (!action) return;
    e.preventDefault();
    actions[action](/** @type {HTMLElement} */ (section).dataset.id);
  });

  // What outputs ask for: a shown table's text, and "Trace a value…" (a new cell below its cell, ready to edit).
  notebookEl.addEventListener(EXPORT_EVENT, (e) => {
    const { output, table, format, respond } = e.detail;
    respond(runner.exportTable(output, table, format));
  });
  notebookEl.addEventListener(TRACE_EVENT, (e) => {
    const id = e.target.closest("section.cell")?.dataset.id;
    const index = id ? p.notebook().indexOf(id) : -1;
    if (index >= 0) selection.insertAt(index + 1, e.detail.code);
  });
}
