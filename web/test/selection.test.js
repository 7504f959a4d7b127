// The selection and the commands on it (selection.js), on the real notebook model and
// stand-in views: which cell is selected, in command mode (focus) or edit mode (edit).
import { test } from "node:test";
import assert from "node:assert/strict";
import { Notebook } from "../src/notebook.js";
import { DeletedCells } from "../src/undo.js";
import { Selection } from "../src/selection.js";
import { FakeView } from "./pagefakes.js";

const cell = (id, type = "code") => ({ cell_type: type, id, source: id, metadata: {}, ...(type === "code" ? { outputs: [], execution_count: null } : {}) });

function harness(cells = [cell("a"), cell("b"), cell("c", "markdown")]) {
  const notebook = new Notebook({ cells, metadata: {}, nbformat: 4, nbformat_minor: 5 });
  const log = [];
  const views = new Map();
  const view = (id) => {
    if (id === null) return undefined;
    if (!views.has(id) && notebook.indexOf(id) >= 0) views.set(id, new FakeView(notebook.cell(id), log));
    return views.get(id);
  };
  const deleted = new DeletedCells();
  notebook.addEventListener("change", (e) => e.detail.kind === "delete" && deleted.push(e.detail.cell, e.detail.index));
  const shown = { status: "", type: "" };
  const selection = new Selection({ notebook: () => notebook, view, deleted, run: (id) => log.push(`run ${id}`), status: (m) => (shown.status = m), showType: (t) => (shown.type = t) });
  return { notebook, selection, log, shown };
}

test("selecting a cell unselects the one before; with focus it is in command mode", () => {
  const { selection, log } = harness();
  selection.select("a");
  selection.select("b", true);
  assert.deepEqual(log, ["a selected", "a unselected", "b selected", "b focus"]);
  assert.equal(selection.selected, "b");
  assert.equal(selection.index, 1);
});

const runs = [
  { mode: "next", from: "a", selected: "b", last: "b edit", cells: 3, why: "Shift+Enter edits the next code cell" },
  { mode: "next", from: "b", selected: "c", last: "c focus", cells: 3, why: "Shift+Enter focuses the next Markdown cell" },
  { mode: "next", from: "c", selected: null, last: "edit", cells: 4, why: "Shift+Enter on the last cell inserts a code cell" },
  { mode: "stay", from: "b", selected: "b", last: "b focus", cells: 3, why: "Ctrl+Enter stays" },
  { mode: "insert", from: "a", selected: null, last: "edit", cells: 4, why: "Alt+Enter inserts a cell below and edits it" },
];

for (const r of runs) {
  test(`running in mode ${r.mode} from ${r.from}: ${r.why}`, () => {
    const { notebook, selection, log } = harness();
    selection.runFrom(r.from, r.mode);
    assert.ok(log.includes(`run ${r.from}`));
    assert.equal(notebook.cells.length, r.cells);
    if (r.selected) assert.equal(selection.selected, r.selected);
    else assert.equal(notebook.indexOf(selection.selected), notebook.indexOf(r.from) + 1, "the new cell, below");
    assert.ok(log.at(-1).endsWith(r.last), `last: ${log.at(-1)}, want ${r.last}`);
  });
}

test("A and B insert above and below in command mode", () => {
  const { notebook, selection, log } = harness();
  selection.select("b");
  selection.insert(1);
  assert.equal(notebook.indexOf(selection.selected), 2, "B: below");
  assert.ok(log.at(-1).endsWith("focus"));
  selection.insert(0);
  assert.equal(notebook.indexOf(selection.selected), 2, "A: above the new one");
});

test("moving the selection is clamped to the notebook", () => {
  const { selection } = harness();
  selection.select("b");
  selection.move(-5);
  assert.equal(selection.selected, "a");
  selection.move(9);
  assert.equal(selection.selected, "c");
});

test("D D deletes the selected cell and Z brings it back where it was", () => {
  const { notebook, selection, shown } = harness();
  selection.select("b");
  selection.deleteSelected();
  assert.deepEqual(notebook.cells.map((c) => c.id), ["a", "c"]);
  assert.equal(selection.selected, "c", "the cell in its place is selected");
  selection.undoDelete();
  assert.deepEqual(notebook.cells.map((c) => c.id), ["a", "b", "c"]);
  assert.equal(selection.selected, "b");
  assert.equal(shown.status, "Cell restored");
  selection.undoDelete(); // nothing left: nothing happens
  assert.equal(notebook.cells.length, 3);
});

test("M and Y change the selected cell's type and the menu shows it", () => {
  const { notebook, selection, shown } = harness();
  selection.select("a");
  selection.setType("markdown");
  assert.equal(notebook.cell("a").cell_type, "markdown");
  assert.equal(shown.type, "markdown");
});
