import { test } from "node:test";
import assert from "node:assert/strict";
import { Notebook, appendOutput } from "../src/notebook.js";
import { failingLine } from "../src/traceback.js";

test("stream outputs of the same name merge, others stay apart", () => {
  const outs = [];
  appendOutput(outs, { output_type: "stream", name: "stdout", text: "a\n" });
  appendOutput(outs, { output_type: "stream", name: "stdout", text: "b\n" });
  appendOutput(outs, { output_type: "stream", name: "stderr", text: "e\n" });
  appendOutput(outs, { output_type: "display_data", data: {}, metadata: {} });
  appendOutput(outs, { output_type: "stream", name: "stderr", text: "f\n" });
  assert.deepEqual(outs.map((o) => o.text ?? o.output_type), ["a\nb\n", "e\n", "display_data", "f\n"]);
});

test("notebook edits emit change events and keep at least one cell", () => {
  const nb = new Notebook();
  const kinds = [];
  nb.addEventListener("change", (e) => kinds.push(e.detail.kind));
  const first = nb.cells[0].id;
  const md = nb.insertCell(1, "markdown", "# hi");
  assert.equal(nb.moveCell(md.id, -1), true);
  assert.equal(nb.moveCell(md.id, -1), false, "cannot move above the top");
  assert.deepEqual(nb.cells.map((c) => c.id), [md.id, first]);
  nb.setCellType(md.id, "code");
  assert.deepEqual(nb.cell(md.id).outputs, []);
  nb.addOutput(md.id, { output_type: "stream", name: "stdout", text: "x" });
  nb.setExecutionCount(md.id, 1);
  nb.clearOutputs();
  assert.deepEqual(nb.cell(md.id).outputs, []);
  assert.equal(nb.cell(md.id).execution_count, null);
  nb.deleteCell(md.id);
  nb.deleteCell(first);
  assert.equal(nb.cells.length, 1, "an empty cell replaces the last one deleted");
  assert.deepEqual(kinds, ["insert", "move", "type", "output", "count", "outputs", "outputs", "delete", "delete", "insert"]);
});

test("failingLine finds the deepest frame of the cell that ran", () => {
  const cases = [
    [["Traceback (most recent call last):", "  In [3]:2:5: in <toplevel>", "  In [1]:7:3: in f", "Error: boom"], 3, { line: 2, column: 5 }],
    [["\x1b[31m<cell 4>:10:1\x1b[0m: in <toplevel>", "<cell 4>:12:9: in g"], 4, { line: 12, column: 9 }],
    [['  File "In [2]", line 6', "    x = y", "SyntaxError"], null, { line: 6, column: null }],
    [["Cell In[7], line 3"], 7, { line: 3, column: null }],
    [["In [2], line 6", "NameError"], 2, { line: 6, column: null }],
    [["In [5]:3:1: in f"], 6, null],
    [[], 1, null],
  ];
  for (const [tb, count, want] of cases) assert.deepEqual(failingLine(tb, count), want, JSON.stringify(tb));
});
