// Command-mode keys (keys.js) and the deleted-cells stack Z restores from (undo.js).
import { test } from "node:test";
import assert from "node:assert/strict";
import { CommandKeys } from "../src/keys.js";
import { DeletedCells } from "../src/undo.js";
import { Notebook } from "../src/notebook.js";

const press = (keys, ...names) => names.map((key) => keys.press(typeof key === "string" ? { key } : key));

test("single keys name Jupyter's command-mode actions", () => {
  const keys = new CommandKeys();
  assert.deepEqual(press(keys, "a", "b", "Enter", "j", "k", "ArrowUp", "ArrowDown", "m", "y", "z", "x"), [
    "insert-above", "insert-below", "edit", "select-below", "select-above", "select-above", "select-below", "to-markdown", "to-code", "undo-delete", null,
  ]);
});

test("Enter with Shift, Ctrl/Cmd or Alt runs the cell", () => {
  const keys = new CommandKeys();
  assert.equal(keys.press({ key: "Enter", shiftKey: true }), "run-next");
  assert.equal(keys.press({ key: "Enter", ctrlKey: true }), "run-stay");
  assert.equal(keys.press({ key: "Enter", metaKey: true }), "run-stay");
  assert.equal(keys.press({ key: "Enter", altKey: true }), "run-insert");
  assert.equal(keys.press({ key: "a", ctrlKey: true }), null, "Ctrl+A is the browser's");
  assert.equal(keys.press({ key: "b", shiftKey: true }), null);
});

test("D D deletes and I I stops only when the same key comes twice in a row", () => {
  const keys = new CommandKeys();
  assert.deepEqual(press(keys, "d", "d"), [null, "delete"]);
  assert.deepEqual(press(keys, "d", "i", "d"), [null, null, null], "another key in between starts over");
  assert.deepEqual(press(keys, "i", "i", "i"), [null, "stop", null], "a third press starts a new command");
  keys.press({ key: "d" });
  keys.reset();
  assert.equal(keys.press({ key: "d" }), null, "reset forgets the first D");
});

test("deleted cells come back last first, at the place they were deleted from", () => {
  const nb = new Notebook();
  const [a] = nb.cells;
  const b = nb.insertCell(1, "code", "b = 1");
  const c = nb.insertCell(2, "markdown", "# c");
  nb.addOutput(b.id, { output_type: "stream", name: "stdout", text: "out\n" });
  const deleted = new DeletedCells();
  nb.addEventListener("change", (e) => e.detail.kind === "delete" && deleted.push(e.detail.cell, e.detail.index));
  nb.deleteCell(b.id);
  nb.deleteCell(c.id);
  assert.deepEqual(nb.cells.map((x) => x.id), [a.id]);
  assert.equal(deleted.size, 2);
  let { cell, index } = deleted.pop();
  nb.restoreCell(index, cell);
  ({ cell, index } = deleted.pop());
  nb.restoreCell(index, cell);
  assert.deepEqual(nb.cells.map((x) => x.id), [a.id, b.id, c.id], "both back in their places");
  assert.equal(nb.cell(b.id).outputs[0].text, "out\n", "with their outputs");
  assert.equal(deleted.pop(), null, "nothing more to bring back");
});

test("the stack keeps only the last cells deleted", () => {
  const deleted = new DeletedCells(2);
  for (const id of ["1", "2", "3"]) deleted.push({ id }, 0);
  assert.deepEqual([deleted.pop().cell.id, deleted.pop().cell.id, deleted.pop()], ["3", "2", null]);
});
