// Data files (datafiles.js): added files reach the kernel and the panel, removing one
// takes it from both, a file that cannot be read says so; sizes; dropped files sorted.
import { test } from "node:test";
import assert from "node:assert/strict";
import { DataFiles, formatSize, sortDropped, drawDataFiles } from "../src/datafiles.js";
import { FakeElement, FakeKernel, FakeNotices } from "./pagefakes.js";

const sizes = [
  [0, "0 B"],
  [1023, "1023 B"],
  [1024, "1.0 KiB"],
  [1536, "1.5 KiB"],
  [1024 * 1024, "1.0 MiB"],
  [5.25 * 1024 * 1024, "5.3 MiB"],
];
for (const [bytes, want] of sizes) test(`${bytes} bytes show as ${want}`, () => assert.equal(formatSize(bytes), want));

const file = (name, text = "x") => ({ name, arrayBuffer: async () => new TextEncoder().encode(text).buffer });

function harness(kernel = new FakeKernel()) {
  const notices = new FakeNotices();
  const drawn = [];
  const files = new DataFiles({ kernel: () => kernel, notices, render: (entries, remove) => drawn.push({ entries, remove }) });
  return { files, kernel, notices, drawn };
}

test("added files go to the kernel and the panel, sorted by name", async () => {
  const { files, kernel, notices, drawn } = harness();
  await files.add([file("b.csv", "1,2"), file("a.jsonl")]);
  assert.deepEqual([...kernel.files.keys()].sort(), ["a.jsonl", "b.csv"]);
  assert.deepEqual(drawn.at(-1).entries, [{ name: "a.jsonl", size: 1 }, { name: "b.csv", size: 3 }]);
  assert.equal(notices.statusText, "Added data files b.csv, a.jsonl");
  assert.deepEqual([...files.entries()].map(([n]) => n), ["b.csv", "a.jsonl"], "what a new kernel gets");
});

test("Remove takes a file from the kernel and the panel", async () => {
  const { files, kernel, notices, drawn } = harness();
  await files.add([file("a.csv")]);
  drawn.at(-1).remove("a.csv");
  assert.equal(kernel.files.size, 0);
  assert.deepEqual(drawn.at(-1).entries, []);
  assert.equal(notices.statusText, "Removed data file a.csv");
});

test("a file that cannot be read says so and the others are added", async () => {
  const { files, notices } = harness(null);
  await files.add([{ name: "gone.csv", arrayBuffer: async () => Promise.reject(new Error("NotFoundError")) }, file("ok.csv")]);
  assert.equal(notices.bannerText, "Could not read gone.csv: NotFoundError");
  assert.equal(notices.statusText, "Added data file ok.csv");
});

test("dropped files: the first notebook opens, the others are data", () => {
  const { notebook, data } = sortDropped([{ name: "a.csv" }, { name: "n.ipynb" }, { name: "m.ipynb" }]);
  assert.equal(notebook.name, "n.ipynb");
  assert.deepEqual(data.map((f) => f.name), ["a.csv"]);
});

test("the panel lists each file with its size and a labelled Remove button, and hides when empty", () => {
  const section = new FakeElement("section");
  const list = new FakeElement("ul");
  const removed = [];
  drawDataFiles(section, list, [{ name: "a.csv", size: 2048 }], (n) => removed.push(n));
  assert.equal(section.hidden, false);
  const [label, size, button] = list.children[0].children;
  assert.deepEqual([label.textContent, size.textContent, button.attributes["aria-label"]], ["a.csv", "2.0 KiB", "Remove data file a.csv"]);
  button.click();
  assert.deepEqual(removed, ["a.csv"]);
  drawDataFiles(section, list, [], () => {});
  assert.equal(section.hidden, true);
});
