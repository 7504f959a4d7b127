// files.js: where the notebook shown comes from and goes to. Opening: the first notebook
// (a share link, ?notebook=, the one shown last, else the seed), one from the site by URL
// (only the same site's), a shared one, a local file, a new one; the Examples list;
// Download, Share link, Reset to original and Erase local data. Each notebook has an
// origin ({key, kind, ref, name}): the key its browser copy is saved under (storage.js),
// where it came from ("url", "shared", "file" or "untitled") and its file name.
//
// The page shows a notebook with show(model, origin); the network, the store, the
// address and the browser's dialogs come in as options, so tests give it stand-ins.

import { parseNotebook, serializeNotebook, serializeNotebookCompact, emptyNotebook } from "./ipynb.js";
import { digest } from "./storage.js";
import { encodeShare, decodeShare, payloadFromHash, shareURL } from "./share.js";

/** @typedef {import("./notebook.js").Notebook} Notebook */
/** @typedef {import("./notices.js").Notices} Notices */

/**
 * Where a notebook came from.
 * @typedef {object} Origin
 * @property {string} key its browser copy's key: "url:PATH", "shared:DIGEST", "file:NAME", "untitled:TIME"
 * @property {"url" | "shared" | "file" | "untitled"} kind
 * @property {string} ref the path, share payload or file name
 * @property {string} name its file name, for Download and the page's title
 */

/** An entry of examples/index.json. @typedef {{name: string, path: string, title?: string}} Example */

/**
 * @typedef {object} NotebookFilesOptions
 * @property {{load(key: string): Promise<{text: string} | null>, last(): Promise<string | null>, remove(key: string): Promise<void>, eraseAll(): Promise<number>}} store
 * @property {(url: string) => Promise<Response>} fetch
 * @property {() => {href: string, origin: string, search: string, hash: string}} location
 * @property {(model: any, origin: Origin) => void} show shows a notebook
 * @property {() => Notebook | null} notebook the notebook shown
 * @property {Notices} notices
 * @property {{saveNow(): Promise<void>, cancel(): void, saving: Promise<void>}} autosave
 * @property {(question: string) => boolean} confirm
 * @property {(name: string, text: string) => void} saveFile hands a file to the browser to save
 * @property {(link: string) => void} showShareLink
 */

/** The origin of the notebook saved under key, for a key of kind other than "url". @param {string} key */
export function originOfKey(key) {
  const [kind, ...rest] = key.split(":");
  const ref = rest.join(":");
  const name = kind === "file" ? ref : kind === "shared" ? "shared.ipynb" : kind === "url" ? ref.split("/").pop() || ref : "untitled.ipynb";
  return /** @type {Origin} */ ({ key, kind, ref, name });
}

/** The file name Download saves a notebook named name under. @param {string} name */
export function downloadName(name) {
  return name.endsWith(".ipynb") ? name : `${name}.ipynb`;
}

/** Whether file is a notebook (by its name). @param {{name: string}} file */
export function isNotebookFile(file) {
  return /\.ipynb$/i.test(file.name);
}

export class NotebookFiles {
  /** @type {Origin | null} the notebook shown's */
  origin = null;
  /** @type {Example[]} */
  examples = [];
  #o;

  /** @param {NotebookFilesOptions} options */
  constructor(options) {
    this.#o = options;
  }

  /** Reads examples/index.json into examples ([] when there is none). */
  async loadExamples() {
    try {
      const resp = await this.#o.fetch("examples/index.json");
      const list = resp.ok ? await resp.json() : [];
      this.examples = Array.isArray(list) ? list : [];
    } catch {
      this.examples = [];
    }
    return this.examples;
  }

  /** Opens the first notebook: a share link's, ?notebook=, the one shown last, the seed, else a new one. */
  async openInitial() {
    const { location, store, notices } = this.#o;
    const payload = payloadFromHash(location().hash);
    const params = new URLSearchParams(location().search);
    try {
      if (payload) return await this.openShared(payload);
      if (params.get("notebook")) return await this.openURL(params.get("notebook"));
      const last = await store.last();
      if (last && (await store.load(last))) return await this.openKey(last);
      const seed = this.examples.find((e) => e.name === "seed.ipynb") ?? this.examples[0];
      if (seed) return await this.openURL(seed.path);
    } catch (err) {
      notices.banner(err.message, "error");
    }
    this.openUntitled();
  }

  /** Opens the notebook saved under key, with the origin the key names. @param {string} key */
  async openKey(key) {
    const origin = originOfKey(key);
    if (origin.kind === "url") return this.openURL(origin.ref);
    const saved = await this.#o.store.load(key);
    this.#o.show(parseNotebook(saved.text), origin);
  }

  /**
   * Opens the notebook at path on this site: the browser's copy of it if there is one
   * (unless fresh), else the site's.
   * @param {string} path
   */
  async openURL(path, { fresh = false } = {}) {
    const { location, store, show, notices } = this.#o;
    // Only notebooks from this site: one from elsewhere would run its outputs and code here.
    if (new URL(path, location().href).origin !== location().origin) {
      throw new Error(`Refused to open ${path}: only notebooks from this site can be opened by URL (use Open… for a file from elsewhere)`);
    }
    const origin = originOfKey(`url:${path}`);
    const saved = fresh ? null : await store.load(origin.key);
    if (saved) {
      show(parseNotebook(saved.text), origin);
      notices.status("Restored your edits saved in this browser");
      return;
    }
    let text;
    try {
      const resp = await this.#o.fetch(path);
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
    show(model, origin);
  }

  /** Opens a share link's notebook (payload: after #nb=), or the browser's copy of it unless fresh. @param {string} payload */
  async openShared(payload, { fresh = false } = {}) {
    const key = `shared:${await digest(payload)}`;
    const saved = fresh ? null : await this.#o.store.load(key);
    const text = saved ? saved.text : await decodeShare(payload);
    let model;
    try {
      model = parseNotebook(text);
    } catch (err) {
      throw new Error(`The shared notebook cannot be opened: ${err.message}`, { cause: err });
    }
    this.#o.show(model, { key, kind: "shared", ref: payload, name: "shared.ipynb" });
  }

  /** Opens a new notebook. */
  openUntitled() {
    this.#o.show(emptyNotebook(), { key: `untitled:${Date.now()}`, kind: "untitled", ref: "", name: "untitled.ipynb" });
  }

  /** Opens a local .ipynb file (Open…, or dropped on the page). @param {File} file */
  async openFile(file) {
    const { autosave, show, notices } = this.#o;
    try {
      const model = parseNotebook(await file.text());
      autosave.saveNow();
      show(model, { key: `file:${file.name}`, kind: "file", ref: file.name, name: file.name });
      autosave.saveNow();
      notices.banner(null);
    } catch (err) {
      notices.banner(`Could not open ${file.name}: ${err.message}`, "error");
    }
  }

  /** Download: the notebook as a .ipynb file, outputs included. */
  download() {
    this.#o.autosave.saveNow();
    let text;
    try {
      text = serializeNotebook(this.#o.notebook().model);
    } catch (err) {
      this.#o.notices.banner(`Could not download this notebook: ${err.message}`, "error");
      return;
    }
    this.#o.saveFile(downloadName(this.origin.name), text);
  }

  /** Share link: the notebook, compressed, after #nb= in a link to this page. */
  async share() {
    const text = serializeNotebookCompact(this.#o.notebook().model);
    this.#o.showShareLink(shareURL(this.#o.location().href, await encodeShare(text)));
  }

  /** Reset to original: drops the browser's copy of a notebook from the site or a share link, and opens it again. */
  async resetToOriginal() {
    const { kind, ref, key } = this.origin;
    const { confirm, store, notices } = this.#o;
    if (!confirm("Discard your edits to this notebook and restore the original?")) return;
    try {
      await store.remove(key);
      if (kind === "url") await this.openURL(ref, { fresh: true });
      else if (kind === "shared") await this.openShared(ref, { fresh: true });
      notices.status("Restored the original");
    } catch (err) {
      notices.banner(err.message, "error");
    }
  }

  /** Erase local data: every copy the page saved, then the notebook shown opened afresh. */
  async eraseLocal() {
    const { confirm, store, notices, autosave } = this.#o;
    if (!confirm("Erase every notebook this page saved in your browser? Edits not downloaded are lost.")) return;
    autosave.cancel();
    await autosave.saving;
    const n = await store.eraseAll();
    notices.status(`Erased ${n} saved item${n === 1 ? "" : "s"}`);
    const { kind, ref } = this.origin;
    try {
      if (kind === "url") await this.openURL(ref, { fresh: true });
      else if (kind === "shared") await this.openShared(ref, { fresh: true });
      else this.openUntitled();
    } catch (err) {
      notices.banner(err.message, "error");
      this.openUntitled();
    }
  }

  /**
   * The URL that cells' file names not dropped on the page resolve against: the
   * notebook's own URL when it came from the site, else the site's root; null before a
   * notebook is shown.
   */
  dataBase() {
    if (!this.origin) return null;
    const href = this.#o.location().href;
    if (this.origin.kind === "url") return new URL(this.origin.ref, href).href;
    return new URL("./", href).href;
  }
}

/**
 * Hands text to the browser to save as a file named name.
 * @param {Document} doc @param {string} name @param {string} text
 */
export function saveWithBrowser(doc, name, text) {
  const blob = new Blob([text], { type: "application/x-ipynb+json" });
  const a = doc.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = name;
  doc.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}

/**
 * Fills the Examples menu (hidden, with its label, when there are none).
 * @param {HTMLSelectElement} select @param {HTMLElement} label @param {Example[]} examples
 */
export function fillExamplesMenu(select, label, examples) {
  for (const ex of examples) {
    const opt = select.ownerDocument.createElement("option");
    opt.value = ex.path;
    opt.textContent = ex.title || ex.name;
    select.appendChild(opt);
  }
  select.hidden = examples.length === 0;
  label.hidden = examples.length === 0;
}
