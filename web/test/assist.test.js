// Completion and the syntax check as you type (issue #11): the editor's completion source
// and diagnostic mapping (editor.js), Kernel.complete/diagnose (kernel.js) over a stand-in
// worker, and the worker's answers (worker.js) over a stand-in Go bridge.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import vm from "node:vm";
import { EditorState, Text } from "@codemirror/state";
import { CompletionContext } from "@codemirror/autocomplete";
import { python } from "@codemirror/lang-python";
import { ensureSyntaxTree } from "@codemirror/language";
import { toCompletion, kernelCompletionSource, diagnosticsFrom, kernelLintSource } from "../src/editor.js";
import { ASSIST_TIMEOUT_MS } from "../src/kernel.js";
import { FakeWorker, startedKernel, tick } from "./fakeworker.js";

function context(doc, { pos = doc.length, explicit = false } = {}) {
  const state = EditorState.create({ doc, extensions: [python()] });
  ensureSyntaxTree(state, state.doc.length, 1000);
  return new CompletionContext(state, pos, explicit);
}

// A stand-in for Kernel.complete that records its calls and answers with items.
function fakeComplete(answer) {
  const calls = [];
  const fn = async (code, pos, { signal } = {}) => {
    calls.push({ code, pos, signal });
    return typeof answer === "function" ? answer(code, pos) : answer;
  };
  fn.calls = calls;
  return fn;
}

test("a kernel item becomes a completion with its kind's icon and its doc as info", () => {
  assert.deepEqual(toCompletion({ name: "push", kind: "function", doc: "push(source, head, block=1): a source in Go" }), {
    label: "push",
    type: "function",
    info: "push(source, head, block=1): a source in Go",
  });
  assert.deepEqual(toCompletion({ name: "stages", kind: "module", doc: "" }), { label: "stages", type: "module" });
  assert.equal(toCompletion({ name: "while", kind: "keyword" }).boost, -1, "keywords after names");
  assert.equal(toCompletion({ name: "x", kind: "something new" }).type, "variable");
});

test("after a dot the source asks the kernel and offers a module's members from where the name starts", async () => {
  const complete = fakeComplete({ from: 7, items: [{ name: "push", kind: "function", doc: "push(source, head, block=1): a source in Go" }] });
  const result = await kernelCompletionSource(complete)(context("stages.pu"));
  assert.deepEqual(complete.calls.map(({ code, pos }) => ({ code, pos })), [{ code: "stages.pu", pos: 9 }]);
  assert.equal(result.from, 7);
  assert.deepEqual(result.options.map((o) => [o.label, o.type, o.info]), [["push", "function", "push(source, head, block=1): a source in Go"]]);
  assert.ok(result.validFor("pus"), "typing more of the name needs no new request");
  assert.ok(!result.validFor("pu."), "a dot asks again");
  assert.ok(!result.validFor("push"), "the name typed out in full closes the list");
  const typed = await kernelCompletionSource(fakeComplete({ from: 7, items: [{ name: "push", kind: "function" }] }))(context("stages.push"));
  assert.equal(typed, null, "nothing to offer beyond what is typed: Enter breaks the line");

  const afterDot = await kernelCompletionSource(fakeComplete({ from: 7, items: [{ name: "push", kind: "function" }] }))(context("stages."));
  assert.equal(afterDot.options[0].label, "push", "a bare dot asks too");
});

test("as you type, only a dot or an import asks; never a number, a string or a comment; Ctrl+Space anywhere", async () => {
  const answer = { from: 0, items: [{ name: "print", kind: "function", doc: "print(*args)" }] };
  for (const doc of ["x = ", "pri", "x = 12", "x = 1.", "print('a.", "# stages.", "f(a, "]) {
    const complete = fakeComplete(answer);
    assert.equal(await kernelCompletionSource(complete)(context(doc)), null, doc);
    assert.equal(complete.calls.length, 0, `${doc}: no request`);
  }
  for (const doc of ["stages.", "import ", "from stages import ", "from sta", "  x = np.ar"]) {
    const complete = fakeComplete({ from: doc.length, items: [{ name: "zzz", kind: "variable" }] });
    await kernelCompletionSource(complete)(context(doc));
    assert.equal(complete.calls.length, 1, `${doc}: asks`);
  }
  const explicit = fakeComplete(answer);
  await kernelCompletionSource(explicit)(context("x = ", { explicit: true }));
  await kernelCompletionSource(explicit)(context("pri", { explicit: true }));
  assert.equal(explicit.calls.length, 2, "Ctrl+Space asks anywhere");
});

test("names the cell defines but has not run yet are offered beside the kernel's", async () => {
  const doc = "def helper(n):\n    return n\nhelping = 1\nhel";
  const result = await kernelCompletionSource(fakeComplete({ from: doc.length - 3, items: [{ name: "help", kind: "function", doc: "help(x)" }] }))(context(doc, { explicit: true }));
  const labels = result.options.map((o) => o.label).sort();
  assert.deepEqual(labels.filter((l) => l.startsWith("hel")), ["help", "helper", "helping"]);
  assert.equal(result.options.find((o) => o.label === "help").info, "help(x)", "the kernel's doc wins");
  const none = await kernelCompletionSource(fakeComplete({ from: 7, items: [] }))(context("x = 1\nstages.zz"));
  assert.equal(none, null, "nothing after a dot: no popup, and no local names");
});

test("a stale request is aborted and its answer dropped; no kernel means local names only", async () => {
  let release;
  const complete = fakeComplete(() => new Promise((resolve) => (release = resolve)));
  const ctx = context("stages.pu");
  const pending = kernelCompletionSource(complete)(ctx);
  await tick();
  const { signal } = complete.calls[0];
  assert.equal(signal.aborted, false);
  for (const listener of ctx.abortListeners) listener(); // what CodeMirror does when the query goes stale
  ctx.abortListeners = null;
  assert.equal(signal.aborted, true, "the kernel request is told");
  release({ from: 7, items: [{ name: "push", kind: "function" }] });
  assert.equal(await pending, null);

  const offline = await kernelCompletionSource(fakeComplete(null))(context("value = 1\nva", { explicit: true }));
  assert.deepEqual(offline.options.map((o) => o.label), ["value"]);
  const failing = await kernelCompletionSource(async () => {
    throw new Error("no kernel");
  })(context("pri", { explicit: true }));
  assert.equal(failing, null);
});

test("the kernel's diagnostics mark the word or character at their line and column", () => {
  const doc = Text.of(["x = 1", "class Sink:", "    pass"]);
  const [d] = diagnosticsFrom(doc, [{ name: "SyntaxError", line: 2, col: 1, message: "classes are not supported in pushbook cells: use a dict for data and def for behaviour" }]);
  assert.deepEqual(d, {
    from: 6,
    to: 11,
    severity: "error",
    source: "SyntaxError",
    message: "classes are not supported in pushbook cells: use a dict for data and def for behaviour",
  });
  assert.equal(doc.sliceString(d.from, d.to), "class");

  const op = diagnosticsFrom(Text.of(["y = 1 +* 2"]), [{ name: "SyntaxError", line: 1, col: 8, message: "got '*'" }])[0];
  assert.deepEqual([op.from, op.to], [7, 8], "one character where there is no name");
  const eol = diagnosticsFrom(Text.of(["y = (", ""]), [{ name: "SyntaxError", line: 2, col: 1, message: "unexpected EOF" }])[0];
  assert.deepEqual([eol.from, eol.to], [4, 5], "at the end: the last character before it");
  const past = diagnosticsFrom(Text.of(["for x in y"]), [{ name: "SyntaxError", line: 3, col: 1, message: "got EOF" }])[0];
  assert.deepEqual([past.from, past.to], [9, 10], "past the last line: the end of the text");
  assert.deepEqual(diagnosticsFrom(Text.of(["ok"]), []), []);
  assert.deepEqual(diagnosticsFrom(Text.of(["ok"]), null), []);
  assert.deepEqual(diagnosticsFrom(Text.of(["😀 class"]), [{ name: "SyntaxError", line: 1, col: 4, message: "m" }]).map((x) => [x.from, x.to]), [[3, 8]], "UTF-16 columns");
});

test("the lint source maps the kernel's answer for the text it asked about; no answer clears", async () => {
  const view = { state: EditorState.create({ doc: "class X:\n    pass" }) };
  const asked = [];
  const found = await kernelLintSource(async (code) => {
    asked.push(code);
    return [{ name: "SyntaxError", line: 1, col: 1, message: "classes are not supported" }];
  })(view);
  assert.deepEqual(asked, ["class X:\n    pass"]);
  assert.deepEqual(found.map((d) => [d.from, d.to, d.message]), [[0, 5, "classes are not supported"]]);
  assert.deepEqual(await kernelLintSource(async () => null)(view), []);
  assert.deepEqual(await kernelLintSource(async () => Promise.reject(new Error("gone")))(view), []);
});

const posted = (worker, type) => worker.posted.filter((m) => m.type === type);

test("Kernel.complete and diagnose ask the worker and resolve with its answer, also while a cell runs", async () => {
  const { kernel, first } = await startedKernel();
  kernel.execute("while True: pass");
  first.say({ type: "status", state: "busy" });
  const c = kernel.complete("stages.pu", 9);
  const [req] = posted(first, "complete");
  assert.deepEqual({ ...req, id: 0 }, { type: "complete", id: 0, code: "stages.pu", pos: 9 });
  first.say({ type: "completions", id: req.id + 100, from: 0, items: [] }); // not this request's
  first.say({ type: "completions", id: req.id, from: 7, items: [{ name: "push", kind: "function", doc: "d" }] });
  assert.deepEqual(await c, { from: 7, items: [{ name: "push", kind: "function", doc: "d" }] });

  const d = kernel.diagnose("class X:");
  const [dreq] = posted(first, "diagnose");
  first.say({ type: "diagnostics", id: dreq.id, diagnostics: [{ name: "SyntaxError", line: 1, col: 1, message: "m" }] });
  assert.deepEqual(await d, [{ name: "SyntaxError", line: 1, col: 1, message: "m" }]);
  assert.equal(kernel.canExecute, false, "the running cell is untouched");
});

test("Kernel.complete resolves with null when aborted, when the worker is slow or lost, or before it is ready", async (t) => {
  const { kernel, first } = await startedKernel();
  const controller = new AbortController();
  const c = kernel.complete("pri", 3, { signal: controller.signal });
  controller.abort();
  assert.equal(await c, null);
  const [req] = posted(first, "complete");
  first.say({ type: "completions", id: req.id, from: 0, items: [{ name: "print", kind: "function" }] }); // too late: ignored

  t.mock.timers.enable({ apis: ["setTimeout"] });
  const slow = kernel.diagnose("x = 1");
  t.mock.timers.tick(ASSIST_TIMEOUT_MS);
  assert.equal(await slow, null);
  t.mock.timers.reset();

  const lost = kernel.complete("pri", 3);
  first.say({ type: "fatal", message: "the kernel program exited" });
  assert.equal(await lost, null);
  assert.equal(await kernel.complete("pri", 3), null, "while the new worker starts");
  FakeWorker.made.at(-1).say({ type: "ready", version: "test" }); // the replacement starts
  const aborted = new AbortController();
  aborted.abort();
  assert.equal(await kernel.diagnose("x", { signal: aborted.signal }), null);
});

// worker.js over a stand-in for the Go side's pushbook object.
function loadWorker(pushbook) {
  const posted = [];
  const self = { postMessage: (m) => posted.push(m), pushbook };
  const errors = [];
  vm.runInNewContext(readFileSync(new URL("../src/worker.js", import.meta.url), "utf8"), { self, console: { error: (m) => errors.push(m) }, WebAssembly, fetch, setTimeout });
  return { send: (data) => self.onmessage({ data }), posted, errors };
}

test("the worker answers complete and diagnose at once from the bridge's JSON, empty when it cannot", () => {
  const w = loadWorker({
    complete: (code, pos) => JSON.stringify({ from: pos - 2, items: [{ name: "push", kind: "function", doc: `for ${code}` }] }),
    diagnose: (code) => JSON.stringify(code.startsWith("class") ? [{ name: "SyntaxError", line: 1, col: 1, message: "no classes" }] : []),
  });
  w.send({ type: "complete", id: 4, code: "stages.pu", pos: 9 });
  w.send({ type: "diagnose", id: 5, code: "class X:" });
  w.send({ type: "diagnose", id: 6, code: "x = 1" });
  assert.deepEqual(JSON.parse(JSON.stringify(w.posted)), [
    { type: "completions", id: 4, from: 7, items: [{ name: "push", kind: "function", doc: "for stages.pu" }] },
    { type: "diagnostics", id: 5, diagnostics: [{ name: "SyntaxError", line: 1, col: 1, message: "no classes" }] },
    { type: "diagnostics", id: 6, diagnostics: [] },
  ]);

  const none = loadWorker(undefined);
  none.send({ type: "complete", id: 1, code: "pri", pos: 3 });
  none.send({ type: "diagnose", id: 2, code: "x" });
  assert.deepEqual(JSON.parse(JSON.stringify(none.posted)), [
    { type: "completions", id: 1, from: 3, items: [] },
    { type: "diagnostics", id: 2, diagnostics: [] },
  ]);
  const failing = loadWorker({ complete: () => Promise.reject(new Error("bad")), diagnose: () => "not json" });
  failing.send({ type: "complete", id: 1, code: "pri", pos: 3 });
  failing.send({ type: "diagnose", id: 2, code: "x" });
  assert.equal(failing.posted.length, 2, "answered anyway");
  assert.equal(failing.posted[1].diagnostics.length, 0);
});
