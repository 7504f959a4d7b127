// Running cells (cellrunner.js) on a stand-in kernel and stand-in views: a cell's turn,
// its outputs, prompt and failing line; what a dead kernel leaves in the cells; exercise
// checks; and table downloads only from the session that showed the table.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Notebook } from "../src/notebook.js";
import { SessionUse } from "../src/session.js";
import { CellRunner, LOST_MESSAGE, NOT_RUN_MESSAGE, UNAVAILABLE_MESSAGE } from "../src/cellrunner.js";
import { FakeKernel, FakeView, tick } from "./pagefakes.js";

const code = (id, source = id, extra = {}) => ({ cell_type: "code", id, source, metadata: {}, outputs: [], execution_count: null, ...extra });
const markdown = (id) => ({ cell_type: "markdown", id, source: `# ${id}`, metadata: {} });

function harness(cells, { kernel = new FakeKernel(), unavailable = false, panels = {} } = {}) {
  const notebook = new Notebook({ cells, metadata: {}, nbformat: 4, nbformat_minor: 5 });
  const log = [];
  const views = new Map(notebook.cells.map((c) => [c.id, new FakeView(c, log)]));
  const sessionUse = new SessionUse();
  const runner = new CellRunner({
    notebook: () => notebook,
    view: (id) => views.get(id),
    exercise: (id) => panels[id],
    kernel: () => kernel,
    unavailable: () => unavailable,
    sessionUse,
  });
  return { notebook, runner, kernel, log, sessionUse };
}

test("a queued cell shows In [*], then runs and shows its outputs and count", async () => {
  const { notebook, runner, kernel, log, sessionUse } = harness([code("a"), code("b")]);
  runner.enqueue("a");
  runner.enqueue("b");
  assert.deepEqual(log, ["a state queued", "a state running", "b state queued"]);
  assert.deepEqual(kernel.log, ["execute a"], "one cell at a time");
  await kernel.finish("ok", [{ output_type: "stream", name: "stdout", text: "hi\n" }]);
  assert.equal(notebook.cell("a").execution_count, 1);
  assert.equal(notebook.cell("a").outputs[0].text, "hi\n");
  assert.deepEqual(kernel.log, ["execute a", "execute b"]);
  assert.equal(sessionUse.hasState(kernel.session), true, "the session has state once a cell ran");
});

test("a failed cell marks its failing line and drops the cells queued after it", async () => {
  const { runner, kernel, log } = harness([code("a"), code("b")]);
  runner.runAll();
  const traceback = ["Traceback (most recent call last):", '  File "<cell 1>", line 3, in <module>', "NameError: x"];
  await kernel.finish("error", [{ output_type: "error", ename: "NameError", evalue: "x", traceback }]);
  assert.ok(log.includes("a markError 3"), `the error's line marked: ${log}`);
  assert.ok(log.includes("b state idle"), "b is back to its prompt");
  assert.ok(!log.some((l) => l.startsWith("b notice")), "a failure leaves no notice");
  assert.deepEqual(kernel.log, ["execute a"]);
});

test("a Markdown cell is rendered, not run", () => {
  const { runner, kernel, log } = harness([markdown("m")]);
  runner.enqueue("m");
  assert.deepEqual(log, ["m render"]);
  assert.deepEqual(kernel.log, []);
});

test("without a kernel a cell says it cannot run", () => {
  const { runner, log } = harness([code("a")], { kernel: null, unavailable: true });
  runner.enqueue("a");
  assert.deepEqual(log, ["a renderOutputs", `a notice ${UNAVAILABLE_MESSAGE}`]);
});

test("a dead kernel leaves an error and a notice in the running cell, and 'not run' in the queued ones", async () => {
  const { notebook, runner, kernel, log } = harness([code("a"), code("b"), code("c")]);
  runner.runAll();
  runner.kernelLost("the kernel crashed");
  assert.equal(notebook.cell("a").outputs.at(-1).output_type, "error");
  assert.ok(log.includes(`a notice ${LOST_MESSAGE}`));
  for (const id of ["b", "c"]) assert.ok(log.includes(`${id} notice ${NOT_RUN_MESSAGE}`), `${id}: ${log}`);
  assert.equal(runner.queue.waiting.length, 0);
  kernel.finish("aborted");
});

// An exercise panel that logs what it showed.
function fakePanel(log) {
  return {
    exercise: { check: "assert ok", solved: false },
    isChecking: false,
    checking() {
      this.isChecking = true;
    },
    show: (kind, message) => log.push(`panel ${kind} ${message}`),
    showResult: (verdict) => log.push(`panel verdict ${verdict.verdict}`),
  };
}

const checks = [
  { name: "a check that passes marks the exercise solved", cell: "ok", check: "ok", verdict: "solved", solved: true },
  { name: "a check that fails is feedback, not solved", cell: "ok", check: "error", verdict: "not-yet", solved: false },
  { name: "a cell that fails is judged without running the check", cell: "error", check: null, verdict: "cell-error", solved: false },
];

for (const c of checks) {
  test(c.name, async () => {
    const log = [];
    const panel = fakePanel(log);
    const { notebook, runner, kernel } = harness([code("ex", "x = 1", { metadata: { pushbook: { exercise: { check: "assert ok" } } } })], { panels: { ex: panel } });
    assert.equal(runner.isExercise("ex"), true);
    runner.enqueue("ex", { check: true });
    await kernel.finish(c.cell, c.cell === "error" ? [{ output_type: "error", ename: "E", evalue: "", traceback: [] }] : []);
    if (c.check) await kernel.finish(c.check, c.check === "error" ? [{ output_type: "error", ename: "AssertionError", evalue: "no", traceback: [] }] : []);
    assert.deepEqual(kernel.log, c.check ? ["execute x = 1", "check assert ok"] : ["execute x = 1"]);
    const verdict = log.find((l) => l.startsWith("panel verdict"));
    assert.ok(verdict, `a verdict shown: ${log}`);
    assert.equal(notebook.cell("ex").metadata.pushbook.exercise.solved === true, c.solved, `solved mark for ${c.name}: ${verdict}`);
  });
}

test("a table downloads only from the kernel session that showed it", async () => {
  const { runner, kernel } = harness([code("a")]);
  runner.enqueue("a");
  const output = { output_type: "display_data", data: {}, metadata: {} };
  await kernel.finish("ok", [output]);
  assert.equal(await runner.exportTable(output, 1, "csv"), "table 1 as csv");
  await assert.rejects(runner.exportTable({ output_type: "display_data" }, 2, "csv"), /Table 2 is not in the running kernel session/);
  await kernel.restart();
  await assert.rejects(runner.exportTable(output, 1, "csv"), /run its cell again/);
});

test("a cell deleted while it runs ends its turn without a status and the queue goes on", async () => {
  const { notebook, runner, kernel } = harness([code("a"), code("b")]);
  runner.runAll();
  notebook.deleteCell("a");
  await kernel.finish("error");
  await tick();
  assert.deepEqual(kernel.log, ["execute a", "execute b"]);
});
