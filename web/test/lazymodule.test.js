import { test } from "node:test";
import assert from "node:assert/strict";
import { lazyModule } from "../src/lazymodule.js";

test("lazyModule imports once however many callers load it at the same time", async () => {
  let imports = 0;
  const mod = { createEditor() {} };
  const lazy = lazyModule("editor", async () => (imports++, mod));
  const [a, b] = await Promise.all([lazy.load(), lazy.load()]);
  assert.equal(a, mod);
  assert.equal(b, mod);
  await lazy.load();
  assert.equal(imports, 1, "one import for three loads");
});

test("lazyModule gives the module synchronously only once its import has finished", async () => {
  let finish;
  const mod = { name: "editor" };
  const lazy = lazyModule("editor", () => new Promise((resolve) => (finish = resolve)));
  assert.equal(lazy.loaded, null, "before load()");
  const loading = lazy.load();
  assert.equal(lazy.loaded, null, "while the import is pending");
  finish(mod);
  assert.equal(await loading, mod);
  assert.equal(lazy.loaded, mod, "after the import finished");
});

test("lazyModule names what failed to load and tries again on the next load", async () => {
  let imports = 0;
  const mod = { name: "editor" };
  const lazy = lazyModule("cell editor", async () => {
    if (++imports === 1) throw new TypeError("Failed to fetch dynamically imported module");
    return mod;
  });
  await assert.rejects(lazy.load(), (err) => {
    assert.equal(err.message, "loading the cell editor: Failed to fetch dynamically imported module");
    assert.ok(err.cause instanceof TypeError, "the import's error is the cause");
    return true;
  });
  assert.equal(lazy.loaded, null, "a failed import leaves nothing loaded");
  assert.equal(await lazy.load(), mod, "the second load imports again");
  assert.equal(imports, 2);
});
