// The notebook on the page (notebookview.js) with stand-in views: a view per cell in the
// notebook's order, the ones on screen drawn at once and the rest when idle, and each
// change of the model reaching the view it concerns.
import { test } from "node:test";
import assert from "node:assert/strict";
import { NotebookView } from "../src/notebookview.js";
import { FakeElement, FakeView } from "./pagefakes.js";

const code = (id, extra = {}) => ({ cell_type: "code", id, source: id, metadata: {}, outputs: [], execution_count: null, ...extra });
const model = (...cells) => ({ cells, metadata: {}, nbformat: 4, nbformat_minor: 5 });

function harness({ height = 1000 } = {}) {
  const container = new FakeElement("notebook");
  const log = [];
  const idle = [];
  let changes = 0;
  let made = 0;
  const view = new NotebookView({
    container,
    makeView: (cell) => {
      const v = new FakeView(cell, log);
      v.el.top = 600 * made++; // each cell 600 px below the one before
      v.el.append(new FakeElement("input"));
      return v;
    },
    makePanel: (cell, onCheck) => ({ header: new FakeElement("header"), panel: new FakeElement("panel"), exercise: { solved: false }, update() {}, destroy: () => log.push(`${cell.id} panel destroyed`), onCheck }),
    onCheck: (id) => log.push(`check ${id}`),
    onDelete: (d) => log.push(`deleted ${d.id} at ${d.index}`),
    onChange: () => changes++,
    whenIdle: (fn) => idle.push(fn),
    viewportHeight: () => height,
  });
  const order = () => container.children.map((el) => el.name);
  return { view, container, log, idle, order, changes: () => changes };
}

test("the cells on screen are drawn at once, the rest when the page is idle", () => {
  const { view, idle } = harness();
  view.show(model(code("a"), code("b"), code("c")));
  assert.deepEqual([...view.views.values()].map((v) => v.drawn), [true, true, false], "0 and 600 px are on screen, 1200 px is not");
  idle.shift()();
  assert.ok([...view.views.values()].every((v) => v.drawn));
});

test("inserted, moved and deleted cells keep the page in the notebook's order", () => {
  const { view, order, log, changes } = harness();
  const notebook = view.show(model(code("a"), code("b")));
  const cell = notebook.insertCell(1, "code");
  assert.deepEqual(order(), ["a", cell.id, "b"]);
  notebook.moveCell("a", 5);
  assert.deepEqual(order(), ["a", cell.id, "b"], "a move past the end is refused");
  notebook.moveCell("a", 1);
  assert.deepEqual(order(), [cell.id, "a", "b"]);
  notebook.deleteCell("b");
  assert.deepEqual(order(), [cell.id, "a"]);
  assert.ok(log.includes("b destroy") && log.includes("deleted b at 2"));
  assert.equal(view.view("b"), undefined);
  assert.equal(changes(), 3, "every change is saved");
});

const changes = [
  { what: "a new source", change: (nb) => nb.setSource("a", "x = 1"), want: "a sourceChanged" },
  { what: "cleared outputs", change: (nb) => nb.clearOutputs("a"), want: "a renderOutputs" },
  { what: "a count", change: (nb) => nb.setExecutionCount("a", 3), want: "a state idle" },
  { what: "a new type", change: (nb) => nb.setCellType("a", "markdown"), want: "a refresh" },
];
for (const c of changes) {
  test(`${c.what} reaches the cell's view`, () => {
    const { view, log } = harness();
    const notebook = view.show(model(code("a")));
    c.change(notebook);
    assert.equal(log.at(-1), c.want);
  });
}

test("an exercise cell gets its panel, Check reaches the page, and the panel goes when it stops being one", () => {
  const { view, log } = harness();
  const notebook = view.show(model(code("ex", { metadata: { pushbook: { exercise: { check: "assert True" } } } })));
  const panel = view.exercise("ex");
  assert.ok(panel, "a panel");
  assert.ok(view.view("ex").el.classList.contains("exercise-cell"));
  assert.deepEqual(view.view("ex").el.children.map((c) => c.name), ["header", "input", "panel"]);
  panel.onCheck();
  assert.ok(log.includes("check ex"));
  notebook.changeMetadata("ex", (m) => (delete m.pushbook, true));
  assert.equal(view.exercise("ex"), undefined);
  assert.ok(log.includes("ex panel destroyed"));
});

test("clear takes every view off", () => {
  const { view, log } = harness();
  view.show(model(code("a")));
  view.clear();
  assert.equal(view.views.size, 0);
  assert.ok(log.includes("a destroy"));
});
