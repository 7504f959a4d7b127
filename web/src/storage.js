// storage.js: autosave notebooks in the browser (localStorage) so nothing is lost on reload.
//
// Every notebook has a key saying where it came from: "example:seed.ipynb",
// "url:path/to.ipynb", "shared:<digest>", "file:name.ipynb" or "untitled". Saved copies live
// under "pushbook:nb:<key>"; "pushbook:last" remembers the key open last. All keys start
// with "pushbook:", which is how "Erase local data" finds them.

const NS = "pushbook:";

/** Local notebook storage over a Web Storage object (window.localStorage by default). */
export class NotebookStore {
  /** Uses store (anything with getItem/setItem/removeItem/key/length). */
  constructor(store = globalThis.localStorage) {
    this.store = store;
  }

  /** Saves notebook text under key and records key as the last one open; throws on quota. */
  save(key, text) {
    try {
      this.store.setItem(NS + "nb:" + key, JSON.stringify({ savedAt: Date.now(), text }));
      this.store.setItem(NS + "last", key);
    } catch (err) {
      throw new Error(`autosave of ${key} failed (browser storage full or disabled): ${err.message}`, { cause: err });
    }
  }

  /** Returns {text, savedAt} saved under key, or null. */
  load(key) {
    const raw = this.store.getItem(NS + "nb:" + key);
    if (raw === null) return null;
    try {
      const { text, savedAt } = JSON.parse(raw);
      return typeof text === "string" ? { text, savedAt } : null;
    } catch {
      return null;
    }
  }

  /** Forgets the copy saved under key. */
  remove(key) {
    this.store.removeItem(NS + "nb:" + key);
  }

  /** Records key as the notebook open last (without saving it). */
  setLast(key) {
    this.store.setItem(NS + "last", key);
  }

  /** Returns the key of the notebook open last, or null. */
  last() {
    return this.store.getItem(NS + "last");
  }

  /** Returns the keys of every saved notebook. */
  keys() {
    const out = [];
    for (let i = 0; i < this.store.length; i++) {
      const k = this.store.key(i);
      if (k?.startsWith(NS + "nb:")) out.push(k.slice(NS.length + 3));
    }
    return out;
  }

  /** Removes everything this page stored; returns how many entries went. */
  eraseAll() {
    const mine = [];
    for (let i = 0; i < this.store.length; i++) {
      const k = this.store.key(i);
      if (k?.startsWith(NS)) mine.push(k);
    }
    for (const k of mine) this.store.removeItem(k);
    return mine.length;
  }
}

/** Returns a short hex digest of text (SHA-256, first 16 hex digits), used for shared keys. */
export async function digest(text) {
  const hash = await globalThis.crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(hash).slice(0, 8), (b) => b.toString(16).padStart(2, "0")).join("");
}
