import { test } from "node:test";
import assert from "node:assert/strict";
import { NotebookStore, SaveError, QUOTA_CHECK_AT } from "../src/storage.js";
import { MemoryIndexedDB, MemoryStorage } from "./memoryidb.js";

const quotaError = Object.assign(new Error("the quota has been exceeded"), { name: "QuotaExceededError" });

test("store saves, loads, remembers the last key and erases only its own entries", async () => {
  const legacy = new MemoryStorage();
  legacy.setItem("other-app", "keep");
  const store = new NotebookStore({ indexedDB: new MemoryIndexedDB(), legacy, storage: null });
  await store.save("example:seed.ipynb", "{1}");
  await store.save("file:a.ipynb", "{2}");
  assert.equal((await store.load("example:seed.ipynb")).text, "{1}");
  assert.equal(await store.last(), "file:a.ipynb");
  assert.deepEqual((await store.keys()).sort(), ["example:seed.ipynb", "file:a.ipynb"]);
  assert.equal(await store.load("missing"), null);
  assert.equal(await store.eraseAll(), 3, "two notebooks and the last key");
  assert.equal(await store.load("file:a.ipynb"), null);
  assert.equal(legacy.getItem("other-app"), "keep");
});

test("store moves the copies localStorage holds into IndexedDB on first open", async () => {
  const legacy = new MemoryStorage();
  legacy.setItem("other-app", "keep");
  legacy.setItem("pushbook:nb:url:examples/seed.ipynb", JSON.stringify({ savedAt: 5, text: "{old}" }));
  legacy.setItem("pushbook:last", "url:examples/seed.ipynb");
  const store = new NotebookStore({ indexedDB: new MemoryIndexedDB(), legacy, storage: null });
  assert.deepEqual(await store.load("url:examples/seed.ipynb"), { text: "{old}", savedAt: 5 });
  assert.equal(await store.last(), "url:examples/seed.ipynb");
  assert.equal(legacy.getItem("pushbook:last"), null, "the localStorage copy is gone once moved");
  assert.equal(legacy.getItem("other-app"), "keep");
});

test("store keeps the last good copy when a write fails or the quota has no room", async () => {
  const idb = new MemoryIndexedDB();
  let free = Infinity;
  const storage = { estimate: async () => ({ usage: 0, quota: free }) };
  const store = new NotebookStore({ indexedDB: idb, legacy: new MemoryStorage(), storage });
  await store.save("untitled:1", "{good}");

  idb.failWrites = quotaError;
  await assert.rejects(store.save("untitled:1", "{new}"), (err) => err instanceof SaveError && err.reason === "browser storage is full");
  assert.equal((await store.load("untitled:1")).text, "{good}");

  idb.failWrites = null;
  free = QUOTA_CHECK_AT; // less than a copy of QUOTA_CHECK_AT characters needs
  const big = "x".repeat(QUOTA_CHECK_AT);
  await assert.rejects(store.save("untitled:1", big), /Could not save this notebook in the browser \(browser storage is full: the notebook needs 2\.0 MiB, 1\.0 MiB is free\) — Download it to keep it/);
  assert.equal((await store.load("untitled:1")).text, "{good}");
});

test("store without IndexedDB refuses to save with a reason and loads nothing", async () => {
  const store = new NotebookStore({ indexedDB: undefined, legacy: new MemoryStorage(), storage: null });
  await assert.rejects(store.save("untitled:1", "{}"), /\(browser storage failed: IndexedDB is not available\)/);
  assert.equal(await store.load("untitled:1"), null);
  assert.equal(await store.last(), null);
});
