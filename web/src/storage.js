// storage.js: autosave notebooks in the browser (IndexedDB) so nothing is lost on reload.
//
// Every notebook has a key saying where it came from: "example:seed.ipynb",
// "url:path/to.ipynb", "shared:<digest>", "file:name.ipynb" or "untitled". Saved copies are
// {text, savedAt} records under "nb:<key>" in the object store "entries" of the IndexedDB
// database "pushbook"; "last" remembers the key open last. A copy is written in one
// transaction: when the write fails (quota, storage disabled) the transaction aborts and the
// last good copy stays as it was. Before a big copy is written, navigator.storage.estimate()
// must show room for it, so a notebook that cannot fit is refused up front with a reason.
//
// Earlier versions saved in localStorage under "pushbook:nb:<key>" and "pushbook:last";
// those are moved into IndexedDB the first time the database is opened.

const DB_NAME = "pushbook";
const STORE = "entries";
const LEGACY = "pushbook:";

/** Copies at least this long (in UTF-16 code units) are checked against the storage quota first. */
export const QUOTA_CHECK_AT = 1 << 20;

/** A notebook could not be saved in the browser; reason says why, in a few words. */
export class SaveError extends Error {
  constructor(reason, options) {
    super(`Could not save this notebook in the browser (${reason}) — Download it to keep it`, options);
    this.name = "SaveError";
    this.reason = reason;
  }
}

// Resolves an IDBRequest or settles with its transaction.
function done(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function committed(tx) {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = tx.onerror = () => reject(tx.error ?? new Error("transaction aborted"));
  });
}

const mib = (n) => `${(n / 2 ** 20).toFixed(1)} MiB`;

/** Local notebook storage in IndexedDB; every method is async. */
export class NotebookStore {
  #db = null;

  /**
   * Uses the given IndexedDB factory, the Web Storage to migrate from and the StorageManager
   * to ask for the quota (the browser's by default; tests pass stand-ins).
   */
  constructor({ indexedDB = globalThis.indexedDB, legacy = globalThis.localStorage, storage = globalThis.navigator?.storage } = {}) {
    this.indexedDB = indexedDB;
    this.legacy = legacy;
    this.storage = storage;
  }

  // Opens the database once, moving localStorage copies into it on creation.
  #open() {
    this.#db ??= (async () => {
      if (!this.indexedDB) throw new Error("IndexedDB is not available");
      const request = this.indexedDB.open(DB_NAME, 1);
      let migrated = false;
      request.onupgradeneeded = () => {
        const store = request.result.createObjectStore(STORE);
        for (const [k, v] of this.#legacyEntries()) store.put(v, k);
        migrated = true;
      };
      const db = await done(request);
      if (migrated) this.#eraseLegacy(); // only once they are in the database
      return db;
    })();
    this.#db.catch(() => (this.#db = null)); // try again next time
    return this.#db;
  }

  // The localStorage entries of earlier versions, as [IndexedDB key, value] pairs.
  #legacyEntries() {
    /** @type {Array<[string, any]>} */
    const out = [];
    try {
      for (let i = 0; i < (this.legacy?.length ?? 0); i++) {
        const k = this.legacy.key(i);
        const raw = this.legacy.getItem(k);
        if (k === LEGACY + "last") out.push(["last", raw]);
        else if (k?.startsWith(LEGACY + "nb:")) {
          try {
            const { text, savedAt } = JSON.parse(raw);
            if (typeof text === "string") out.push([k.slice(LEGACY.length), { text, savedAt }]);
          } catch {
            // a damaged entry: nothing to move
          }
        }
      }
    } catch {
      // localStorage disabled: nothing to move
    }
    return out;
  }

  #eraseLegacy() {
    let n = 0;
    try {
      const mine = [];
      for (let i = 0; i < (this.legacy?.length ?? 0); i++) {
        const k = this.legacy.key(i);
        if (k?.startsWith(LEGACY)) mine.push(k);
      }
      for (const k of mine) this.legacy.removeItem(k);
      n = mine.length;
    } catch {
      // localStorage disabled
    }
    return n;
  }

  async #tx(mode, fn) {
    const db = await this.#open();
    const tx = db.transaction(STORE, mode);
    const result = fn(tx.objectStore(STORE));
    await committed(tx);
    return result;
  }

  async #get(key) {
    const db = await this.#open();
    return done(db.transaction(STORE, "readonly").objectStore(STORE).get(key));
  }

  // Refuses a copy the storage quota has no room for; a browser without estimate() is trusted.
  async #checkQuota(text) {
    if (text.length < QUOTA_CHECK_AT || !this.storage?.estimate) return;
    const { usage = 0, quota = Infinity } = await this.storage.estimate();
    const need = text.length * 2; // UTF-16, the worst case
    if (quota - usage < need) throw new SaveError(`browser storage is full: the notebook needs ${mib(need)}, ${mib(Math.max(0, quota - usage))} is free`);
  }

  /**
   * Saves notebook text under key and records key as the last one open, in one transaction:
   * the copy saved before stays until this one is written. Throws SaveError with the reason.
   */
  async save(key, text) {
    try {
      await this.#checkQuota(text);
      await this.#tx("readwrite", (store) => {
        store.put({ text, savedAt: Date.now() }, "nb:" + key);
        store.put(key, "last");
      });
    } catch (err) {
      if (err instanceof SaveError) throw err;
      const reason = err?.name === "QuotaExceededError" ? "browser storage is full" : `browser storage failed: ${err?.message || err}`;
      throw new SaveError(reason, { cause: err });
    }
  }

  /** Returns {text, savedAt} saved under key, or null (also when storage cannot be read). */
  async load(key) {
    try {
      const saved = await this.#get("nb:" + key);
      return typeof saved?.text === "string" ? { text: saved.text, savedAt: saved.savedAt } : null;
    } catch {
      return null;
    }
  }

  /** Forgets the copy saved under key. */
  async remove(key) {
    await this.#tx("readwrite", (store) => store.delete("nb:" + key));
  }

  /** Records key as the notebook open last (without saving it). */
  async setLast(key) {
    await this.#tx("readwrite", (store) => store.put(key, "last"));
  }

  /** Returns the key of the notebook open last, or null. */
  async last() {
    try {
      return (await this.#get("last")) ?? null;
    } catch {
      return null;
    }
  }

  /** Returns the keys of every saved notebook. */
  async keys() {
    const db = await this.#open();
    const all = await done(db.transaction(STORE, "readonly").objectStore(STORE).getAllKeys());
    return all.filter((k) => typeof k === "string" && k.startsWith("nb:")).map((k) => k.slice(3));
  }

  /** Removes everything this page stored; returns how many entries went. */
  async eraseAll() {
    let n = this.#eraseLegacy();
    try {
      const db = await this.#open();
      n += await done(db.transaction(STORE, "readonly").objectStore(STORE).count());
      await this.#tx("readwrite", (store) => store.clear());
    } catch {
      // nothing stored there
    }
    return n;
  }
}

/** Returns a short hex digest of text (SHA-256, first 16 hex digits), used for shared keys. */
export async function digest(text) {
  const hash = await globalThis.crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(hash).slice(0, 8), (b) => b.toString(16).padStart(2, "0")).join("");
}
