// autosave.js: the browser's copy of the notebook shown. A change is saved 400 ms after
// the last one (storage.js writes it into IndexedDB), copies are written in order, and
// leaving the page saves at once. A copy that cannot be written (too big, storage full,
// not JSON) leaves the copy saved before and the notebook on the page as they were, and
// the banner says why and offers Download, until a save works again.

import { serializeNotebookCompact } from "./ipynb.js";

/** @typedef {import("./notebook.js").Notebook} Notebook */
/** @typedef {import("./notices.js").Notices} Notices */

/** How long after the last change the copy is written (ms). */
export const SAVE_DELAY_MS = 400;

/**
 * @typedef {object} AutosaveOptions
 * @property {{save(key: string, text: string): Promise<void>}} store storage.js's NotebookStore
 * @property {() => Notebook | null} notebook the notebook shown
 * @property {() => string} key the key it is saved under
 * @property {Notices} notices
 * @property {() => void} download the banner's Download button
 * @property {() => Date} [now]
 * @property {number} [delay]
 */

export class Autosave {
  /** The copies being written, one after the other: settles when the last is written or refused. */
  saving = Promise.resolve();
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  #timer;
  #o;

  /** @param {AutosaveOptions} options */
  constructor(options) {
    this.#o = options;
  }

  /** Saves in a moment (after SAVE_DELAY_MS without another change). */
  schedule() {
    clearTimeout(this.#timer);
    this.#o.notices.status("Saving…");
    this.#timer = setTimeout(() => this.saveNow(), this.#o.delay ?? SAVE_DELAY_MS);
  }

  /** Forgets a save scheduled and not begun (the copies are about to be erased). */
  cancel() {
    clearTimeout(this.#timer);
  }

  /**
   * Writes the browser's copy now; returns a promise settled when it is written or
   * refused (never rejected: a refusal is shown).
   * @returns {Promise<void>}
   */
  saveNow() {
    const { notebook, key, store, notices, now = () => new Date() } = this.#o;
    clearTimeout(this.#timer);
    const shown = notebook();
    if (!shown) return this.saving;
    const k = key();
    let text;
    try {
      text = serializeNotebookCompact(shown.model);
    } catch (err) {
      this.#failed(`the notebook cannot be written as JSON: ${err.message}`);
      return this.saving;
    }
    this.saving = this.saving
      .then(() => store.save(k, text))
      .then(
        () => {
          notices.status(`Saved in this browser ${now().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })}`);
          if (notices.offersDownload) notices.banner(null); // the save failure is over
        },
        (err) => this.#failed(err.reason ?? err.message),
      );
    return this.saving;
  }

  // Says that the notebook could not be saved in the browser, and why, and offers Download.
  #failed(reason) {
    const { notices } = this.#o;
    notices.status("Not saved");
    notices.banner(`Could not save this notebook in the browser (${reason}) — Download it to keep it`, "error");
    notices.offerDownload(this.#o.download);
  }
}
