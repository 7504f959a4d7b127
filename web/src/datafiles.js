// datafiles.js: the files cells read by name that come from the user's computer (Add
// data file…, or dropped on the page), kept for the page's life and given to every
// kernel it starts (so a restart keeps them); the Data files panel listing them with a
// Remove button each; and dropping files on the page (a notebook opens, the other files
// become data files).
//
// DataFiles knows the kernel through kernel() and draws through render(), so tests give
// it stand-ins; drawDataFiles and bindDrop are the DOM's side.

import { isNotebookFile } from "./files.js";

/** @typedef {import("./kernel.js").Kernel} Kernel */
/** @typedef {import("./notices.js").Notices} Notices */

/** A file's size as the panel shows it: "512 B", "1.5 KiB", "2.0 MiB". @param {number} bytes */
export function formatSize(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** A data file as the panel lists it. @typedef {{name: string, size: number}} DataFileEntry */

/**
 * @typedef {object} DataFilesOptions
 * @property {() => Kernel | null} kernel the kernel running now, if any
 * @property {Notices} notices
 * @property {(entries: DataFileEntry[], remove: (name: string) => void) => void} render draws the panel
 */

export class DataFiles {
  /** @type {Map<string, Uint8Array>} name -> bytes */
  #files = new Map();
  #o;

  /** @param {DataFilesOptions} options */
  constructor(options) {
    this.#o = options;
  }

  /** The files, [name, bytes] (for a kernel that starts). */
  entries() {
    return this.#files.entries();
  }

  /** The files by name, with their sizes, as the panel lists them. @returns {DataFileEntry[]} */
  list() {
    return [...this.#files.keys()].sort().map((name) => ({ name, size: this.#files.get(name).byteLength }));
  }

  /**
   * Reads files and makes them readable by cells, now and after every restart.
   * @param {Array<{name: string, arrayBuffer(): Promise<ArrayBuffer>}>} files
   */
  async add(files) {
    if (!files.length) return;
    const { kernel, notices } = this.#o;
    const added = [];
    for (const file of files) {
      try {
        const data = new Uint8Array(await file.arrayBuffer());
        this.#files.set(file.name, data);
        kernel()?.addFile(file.name, data);
        added.push(file.name);
      } catch (err) {
        notices.banner(`Could not read ${file.name}: ${err.message}`, "error");
      }
    }
    this.#draw();
    if (added.length) notices.status(`Added data file${added.length > 1 ? "s" : ""} ${added.join(", ")}`);
  }

  /** Forgets data file name (the kernel too). @param {string} name */
  remove(name) {
    this.#files.delete(name);
    this.#o.kernel()?.removeFile(name);
    this.#draw();
    this.#o.notices.status(`Removed data file ${name}`);
  }

  #draw() {
    this.#o.render(this.list(), (name) => this.remove(name));
  }
}

/**
 * Draws the Data files panel: section hidden when there are none, list holding a line per
 * file with its name, size and Remove button.
 * @param {HTMLElement} section @param {HTMLElement} list
 * @param {DataFileEntry[]} entries @param {(name: string) => void} remove
 */
export function drawDataFiles(section, list, entries, remove) {
  const doc = list.ownerDocument;
  list.replaceChildren(
    ...entries.map(({ name, size }) => {
      const li = doc.createElement("li");
      const label = doc.createElement("code");
      label.textContent = name;
      const sizeText = doc.createElement("span");
      sizeText.className = "data-file-size";
      sizeText.textContent = formatSize(size);
      const button = doc.createElement("button");
      button.type = "button";
      button.className = "data-file-remove";
      button.textContent = "Remove";
      button.setAttribute("aria-label", `Remove data file ${name}`);
      button.addEventListener("click", () => remove(name));
      li.append(label, sizeText, button);
      return li;
    }),
  );
  section.hidden = entries.length === 0;
}

/**
 * Splits files dropped on the page: the first notebook among them (opened), and the
 * others (data files).
 * @template {{name: string}} F
 * @param {F[]} files
 * @returns {{notebook: F | undefined, data: F[]}}
 */
export function sortDropped(files) {
  return { notebook: files.find(isNotebookFile), data: files.filter((f) => !isNotebookFile(f)) };
}

/**
 * Makes zone (the page's body) take dropped files: while files are dragged over it, it
 * has the class "dropping"; a dropped notebook opens, the other files become data files.
 * @param {HTMLElement} zone
 * @param {{openFile(file: File): void, addData(files: File[]): void}} actions
 */
export function bindDrop(zone, { openFile, addData }) {
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
    const { notebook, data } = sortDropped(files);
    if (notebook) openFile(notebook);
    addData(data);
  });
}
