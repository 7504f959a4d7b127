// Exercise cells (exercise.js): their metadata is read as Go's notebook.Exercise reads
// it, a check's result becomes plain words (never a traceback for an AssertionError), a
// passed check marks the exercise solved, and the hints revealed are remembered for the
// tab's session.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { EXERCISE_KEYS, HintMemory, MAX_HINTS, hintLabel, judgeCheck, markSolved, readExercise } from "../src/exercise.js";
import { parseNotebook, serializeNotebook } from "../src/ipynb.js";

const good = () => ({ title: "Write a filter stage", check: "if x != 1:\n    raise AssertionError('x is %d' % x)\n", hints: ["one", "two"], solution: "x = 1\n" });
const cellWith = (exercise, cell_type = "code") => ({ cell_type, id: "ex", source: "x = 0\n", metadata: { tags: ["t"], pushbook: { exercise } }, outputs: [], execution_count: null });

test("a cell without metadata.pushbook.exercise is not an exercise", () => {
  assert.equal(readExercise({ cell_type: "code", metadata: {} }), null);
  assert.equal(readExercise({ cell_type: "code", metadata: { pushbook: { other: 1 } } }), null);
  assert.equal(readExercise({ cell_type: "code" }), null);
});

test("a well-formed exercise is read with its defaults", () => {
  assert.deepEqual(readExercise(cellWith(good())), { exercise: { ...good(), solved: false } });
  const { hints, ...noHints } = good();
  assert.deepEqual(readExercise(cellWith({ ...noHints, solved: true })), { exercise: { ...noHints, hints: [], solved: true } });
  assert.deepEqual(EXERCISE_KEYS, ["title", "check", "hints", "solution", "solved"]);
  assert.equal(MAX_HINTS, 3);
});

for (const [name, change, want] of [
  ["not an object", () => "check me", "metadata.pushbook.exercise: want an object, got a string"],
  ["unknown key", (e) => ({ ...e, hint: "x" }), 'metadata.pushbook.exercise: unknown key "hint" (the keys are title, check, hints, solution, solved)'],
  ["four hints", (e) => ({ ...e, hints: ["1", "2", "3", "4"] }), "metadata.pushbook.exercise.hints: 4 hints; at most 3"],
  ["empty check", (e) => ({ ...e, check: " \n" }), "metadata.pushbook.exercise.check is empty"],
  ["no solution", ({ solution, ...e }) => e, "metadata.pushbook.exercise.solution is missing"],
  ["title not a string", (e) => ({ ...e, title: 3 }), "metadata.pushbook.exercise.title: want a string, got a number"],
  ["hints not a list", (e) => ({ ...e, hints: "a" }), "metadata.pushbook.exercise.hints: want a list of strings, got a string"],
  ["empty hint", (e) => ({ ...e, hints: ["a", ""] }), "metadata.pushbook.exercise.hints[1] is empty"],
  ["solved not a boolean", (e) => ({ ...e, solved: "yes" }), "metadata.pushbook.exercise.solved: want true or false, got a string"],
]) {
  test(`a malformed exercise says what is wrong: ${name}`, () => {
    assert.deepEqual(readExercise(cellWith(change(good()))), { error: want });
  });
}

test("several problems are all listed; a Markdown cell cannot be an exercise", () => {
  assert.deepEqual(readExercise(cellWith({ ...good(), x: 1, check: "" })), {
    error: 'metadata.pushbook.exercise: unknown key "x" (the keys are title, check, hints, solution, solved)\nmetadata.pushbook.exercise.check is empty',
  });
  assert.deepEqual(readExercise(cellWith(good(), "markdown")), { error: "metadata.pushbook.exercise: only a code cell can be an exercise, this is a markdown cell" });
});

test("markSolved sets solved once, and it is saved in the .ipynb with the rest of the metadata", () => {
  const nb = { nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [cellWith(good())] };
  const model = parseNotebook(JSON.stringify(nb));
  assert.equal(markSolved(model.cells[0]), true);
  assert.equal(markSolved(model.cells[0]), false, "already solved");
  assert.equal(markSolved({ cell_type: "code", metadata: {} }), false, "not an exercise");
  const saved = JSON.parse(serializeNotebook(model)).cells[0].metadata;
  assert.deepEqual(saved, { tags: ["t"], pushbook: { exercise: { ...good(), solved: true } } });
});

test("the example exercise of the browser tests reads", () => {
  const nb = parseNotebook(readFileSync(new URL("../../e2e/testdata/exercise.ipynb", import.meta.url), "utf8"));
  const { exercise } = readExercise(nb.cells.find((c) => c.id === "filter"));
  assert.equal(exercise.title, "Write a filter stage");
  assert.equal(exercise.hints.length, 3);
  assert.equal(exercise.solved, false);
});

const printed = { output_type: "stream", name: "stdout", text: "the sink received [1, 3] ...\n" };
const assertion = { output_type: "error", ename: "AssertionError", evalue: "the sink received 7 values; expected 10: is the filter inverted?", traceback: ["Traceback ...", "Exercise check, line 3"] };
const nameError = { output_type: "error", ename: "NameError", evalue: "name 'keep' is not defined", traceback: ["Traceback ..."] };

test("judgeCheck: a passed check is solved, with what it printed", () => {
  assert.deepEqual(judgeCheck("ok", "ok", [printed]), { verdict: "solved", message: "Solved!", outputs: [printed] });
});

test("judgeCheck: an AssertionError is its message in plain words, without its traceback", () => {
  const v = judgeCheck("ok", "error", [printed, assertion]);
  assert.deepEqual(v, { verdict: "wrong", message: assertion.evalue, outputs: [printed] });
  assert.equal(judgeCheck("ok", "error", [{ ...assertion, evalue: "" }]).message, "Not yet: the check found something wrong but did not say what.");
});

test("judgeCheck: another error is shown as an error, traceback and all", () => {
  const v = judgeCheck("ok", "error", [printed, nameError]);
  assert.equal(v.verdict, "error");
  assert.deepEqual(v.outputs, [printed, nameError]);
});

test("judgeCheck: a stopped check, and a cell that failed or was stopped, say so", () => {
  assert.equal(judgeCheck("ok", "aborted", []).verdict, "stopped");
  assert.deepEqual(judgeCheck("error"), { verdict: "cell-failed", message: "The cell raised an error (shown under it), so it was not checked. Fix the error and press Check again.", outputs: [] });
  assert.equal(judgeCheck("aborted").verdict, "cell-stopped");
});

test("hintLabel counts the next hint", () => {
  assert.equal(hintLabel(0, 3), "Hint (1 of 3)");
  assert.equal(hintLabel(2, 3), "Hint (3 of 3)");
  assert.equal(hintLabel(0, 1), "Hint");
});

// A Storage stand-in.
class MemoryStorage {
  items = new Map();
  getItem(k) {
    return this.items.has(k) ? this.items.get(k) : null;
  }
  setItem(k, v) {
    this.items.set(k, String(v));
  }
}

test("HintMemory remembers per notebook and cell, in the tab's session storage", () => {
  const storage = new MemoryStorage();
  const memory = new HintMemory(storage);
  memory.setScope("url:examples/a.ipynb");
  assert.deepEqual(memory.get("ex"), { hints: 0, solution: false });
  memory.set("ex", { hints: 2, solution: false });
  assert.deepEqual(memory.get("ex"), { hints: 2, solution: false });
  assert.deepEqual(memory.get("other"), { hints: 0, solution: false }, "per cell");

  const reloaded = new HintMemory(storage); // a reload: a new page, the same tab
  reloaded.setScope("url:examples/a.ipynb");
  assert.deepEqual(reloaded.get("ex"), { hints: 2, solution: false });
  reloaded.setScope("url:examples/b.ipynb");
  assert.deepEqual(reloaded.get("ex"), { hints: 0, solution: false }, "per notebook");
});

test("HintMemory works without storage, or with storage that refuses", () => {
  const none = new HintMemory(null);
  none.set("ex", { hints: 1, solution: true });
  assert.deepEqual(none.get("ex"), { hints: 1, solution: true });
  const refusing = new HintMemory({
    getItem() {
      throw new Error("denied");
    },
    setItem() {
      throw new Error("full");
    },
  });
  refusing.set("ex", { hints: 3, solution: false });
  assert.deepEqual(refusing.get("ex"), { hints: 3, solution: false });
  const garbage = new HintMemory({ getItem: () => "{not json", setItem() {} });
  assert.deepEqual(garbage.get("ex"), { hints: 0, solution: false });
});
