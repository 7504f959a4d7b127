// memoryidb.js: an in-memory stand-in for the parts of IndexedDB storage.js uses (open with
// an upgrade, one object store, put/get/delete/clear/count/getAllKeys in transactions that
// commit or abort as a whole), so the store's logic runs under Node.

const later = (fn) => setTimeout(fn, 0);

class MemoryObjectStore {
  constructor(map, tx) {
    this.map = map;
    this.tx = tx; // null while upgrading: writes apply at once
  }
  #write(op) {
    if (this.tx) this.tx.ops.push(op);
    else op();
    return {};
  }
  #read(fn) {
    const request = {};
    later(() => {
      request.result = fn();
      request.onsuccess?.();
    });
    return request;
  }
  put(value, key) {
    return this.#write(() => this.map.set(key, structuredClone(value)));
  }
  delete(key) {
    return this.#write(() => this.map.delete(key));
  }
  clear() {
    return this.#write(() => this.map.clear());
  }
  get(key) {
    return this.#read(() => structuredClone(this.map.get(key)));
  }
  count() {
    return this.#read(() => this.map.size);
  }
  getAllKeys() {
    return this.#read(() => [...this.map.keys()]);
  }
}

class MemoryTransaction {
  ops = [];
  error = null;
  constructor(factory, map) {
    this.store = new MemoryObjectStore(map, this);
    later(() => {
      if (this.ops.length && factory.failWrites) {
        this.error = factory.failWrites;
        this.onabort?.();
        return;
      }
      for (const op of this.ops) op();
      this.oncomplete?.();
    });
  }
  objectStore() {
    return this.store;
  }
}

/** An IDBFactory stand-in; set failWrites to an error to make every write transaction abort. */
export class MemoryIndexedDB {
  databases = new Map(); // name -> Map(store name -> Map)
  failWrites = null;

  open(name) {
    const request = {};
    later(() => {
      let stores = this.databases.get(name);
      const fresh = !stores;
      if (fresh) this.databases.set(name, (stores = new Map()));
      request.result = {
        createObjectStore: (store) => {
          stores.set(store, new Map());
          return new MemoryObjectStore(stores.get(store), null);
        },
        transaction: (store) => new MemoryTransaction(this, stores.get(store)),
      };
      if (fresh) request.onupgradeneeded?.();
      request.onsuccess?.();
    });
    return request;
  }
}

/** A Web Storage (localStorage) stand-in. */
export class MemoryStorage {
  #m = new Map();
  get length() {
    return this.#m.size;
  }
  key(i) {
    return [...this.#m.keys()][i] ?? null;
  }
  getItem(k) {
    return this.#m.has(k) ? this.#m.get(k) : null;
  }
  setItem(k, v) {
    this.#m.set(k, String(v));
  }
  removeItem(k) {
    this.#m.delete(k);
  }
}
