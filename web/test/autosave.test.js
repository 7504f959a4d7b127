// The browser's copy (autosave.js) with a stand-in store: saved after the last change,
// in order, and a copy that cannot be written says why and offers Download until a save
// works again.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Notebook } from "../src/notebook.js";
import { Autosave } from "../src/autosave.js";
import { FakeNotices } from "./pagefakes.js";

function harness({ save } = {}) {
  const notebook = new Notebook();
  const saved = [];
  const notices = new FakeNotices();
  const autosave = new Autosave({
    store: { save: save ?? (async (key, text) => saved.push([key, text])) },
    notebook: () => notebook,
    key: () => "untitled:1",
    notices,
    download: () => {},
    now: () => new Date(2026, 0, 1, 10, 42),
    delay: 5,
  });
  return { notebook, autosave, saved, notices };
}

test("changes are saved once, a moment after the last one", async () => {
  const { autosave, saved, notices } = harness();
  autosave.schedule();
  autosave.schedule();
  assert.equal(notices.statusText, "Saving…");
  await new Promise((r) => setTimeout(r, 20));
  await autosave.saving;
  assert.equal(saved.length, 1);
  assert.equal(saved[0][0], "untitled:1");
  assert.match(notices.statusText, /^Saved in this browser 10:42/);
});

test("a copy the store refuses says why, offers Download, and the next save that works clears it", async () => {
  let refuse = true;
  const { autosave, notices } = harness({
    save: async () => {
      if (refuse) throw Object.assign(new Error("quota"), { reason: "the browser's storage is full" });
    },
  });
  await autosave.saveNow();
  assert.equal(notices.statusText, "Not saved");
  assert.equal(notices.bannerText, "Could not save this notebook in the browser (the browser's storage is full) — Download it to keep it");
  assert.equal(notices.offersDownload, true);
  refuse = false;
  await autosave.saveNow();
  assert.equal(notices.bannerText, null, "the failure is over");
});

test("copies are written in the order they were made", async () => {
  const order = [];
  let release;
  const first = new Promise((r) => (release = r));
  const { autosave, notebook } = harness({ save: async (_, text) => (order.length === 0 ? (order.push(text), first) : order.push(text)) });
  autosave.saveNow();
  notebook.setSource(notebook.cells[0].id, "second");
  const done = autosave.saveNow();
  release();
  await done;
  assert.equal(order.length, 2);
  assert.ok(order[1].includes("second") && !order[0].includes("second"));
});
