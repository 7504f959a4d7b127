// The trace player's logic: which name "Trace a value…" traces, how trace data is read, and
// what the picture shows at each step (on a stand-in for the picture's marked parts).
import { test } from "node:test";
import assert from "node:assert/strict";
import { applyStep, isPipelineGraph, parseTrace, stepState, traceCode, traceTarget } from "../src/trace.js";

// stages.trace(pipeline, 0) on the seed's In [206], as the kernel writes it.
const SEED_206 = {
  version: 1,
  nodes: [
    { id: 0, name: "co_process", kind: "coroutine" },
    { id: 1, name: "co_filter", kind: "coroutine" },
    { id: 2, name: "co_split", kind: "coroutine" },
    { id: 3, name: "co_sink('first')", kind: "coroutine" },
    { id: 4, name: "co_sink('display')", kind: "coroutine" },
    { id: 5, name: "co_sink('second')", kind: "coroutine" },
  ],
  edges: [
    { id: 0, from: 0, to: 1, label: "output" },
    { id: 1, from: 1, to: 2, label: "output" },
    { id: 2, from: 1, to: 5, label: "otheroutput" },
    { id: 3, from: 2, to: 3, label: "output" },
    { id: 4, from: 2, to: 4, label: "otheroutput" },
  ],
  events: [
    {
      value: "0",
      head: 0,
      hops: [
        { step: 0, order: 0, from: null, to: 0, edge: null, label: "", value: "0", text: "0 into co_process" },
        { step: 1, order: 1, from: 0, to: 1, edge: 0, label: "output", value: "100", text: "1. co_process -> co_filter: 100" },
        { step: 2, order: 2, from: 1, to: 2, edge: 1, label: "output", value: "100", text: "2. co_filter -> co_split: 100" },
        { step: 3, order: 3, from: 2, to: 4, edge: 4, label: "otheroutput", value: "100", text: "3. co_split -> co_sink('display'): 100" },
        { step: 4, order: 4, from: 2, to: 3, edge: 3, label: "output", value: "100", text: "4. co_split -> co_sink('first'): 100" },
      ],
      ends: [
        { node: 4, name: "co_sink('display')", hop: 3, step: 3, outcome: "sink", text: "co_sink('display') reached a sink" },
        { node: 3, name: "co_sink('first')", hop: 4, step: 4, outcome: "sink", text: "co_sink('first') reached a sink" },
      ],
    },
  ],
  steps: 5,
};

test("Trace a value… traces the cell's last line when it is a bare name", () => {
  for (const [source, want] of [
    ["head = process(add(1), printer('p'))\nhead", "head"],
    ["pipeline = co_process(co_sink('x'))\n\npipeline   \n", "pipeline"],
    ["pipeline  # the graph", "pipeline"],
    ["graph(head)", null],
    ["head.outputs", null],
    ["x = head", null],
    ["None", null],
    ["", null],
    [undefined, null],
  ]) {
    assert.equal(traceTarget(source), want, JSON.stringify(source));
  }
  assert.equal(traceCode("head"), "import stages\nstages.trace(head, 0)");
  assert.equal(isPipelineGraph({ metadata: { pushbook: { kind: "pipeline" } } }), true);
  assert.equal(isPipelineGraph({ metadata: { pushbook: { kind: "trace" } } }), false);
  assert.equal(isPipelineGraph({}), false);
});

test("trace data is read from JSON or its text, and refused when it is not a trace", () => {
  const t = parseTrace(JSON.stringify(SEED_206));
  assert.equal(t.steps.length, 5);
  assert.deepEqual(
    t.steps.map((s) => [s.event, s.hop, s.step]),
    [[0, 0, 0], [0, 1, 1], [0, 2, 2], [0, 3, 3], [0, 4, 4]],
  );
  assert.equal(parseTrace(SEED_206).steps.length, 5);
  for (const bad of ["{", "null", '{"version": 2, "events": []}', { version: 1 }]) assert.equal(parseTrace(bad), null, String(bad));
});

test("each step shows the hops so far: push is depth-first, display before first", () => {
  const t = parseTrace(SEED_206);
  const before = stepState(t, -1);
  assert.equal(before.k, -1);
  assert.match(before.caption, /^5 steps: press Step or Play/);

  const s3 = stepState(t, 3);
  assert.equal(s3.current, 4, "hop 3 crosses co_split -> co_sink('display')");
  assert.equal(s3.node, 4);
  assert.deepEqual([...s3.taken].sort(), [0, 1, 4]);
  assert.deepEqual([...s3.shown], [0, 1, 2, 3]);
  assert.equal(s3.caption, "step 4 of 5: 3. co_split -> co_sink('display'): 100 — co_sink('display') reached a sink");

  const last = stepState(t, 99);
  assert.equal(last.k, 4);
  assert.equal(last.node, 3);
  assert.deepEqual([...last.taken].sort(), [0, 1, 3, 4]);
});

test("several events are replayed one after another, each from a clean picture", () => {
  const two = { ...SEED_206, events: [SEED_206.events[0], { ...SEED_206.events[0], value: "1" }] };
  const t = parseTrace(two);
  assert.equal(t.steps.length, 10);
  const s = stepState(t, 6);
  assert.equal(s.event, 1);
  assert.deepEqual([...s.taken].sort(), [0]);
  assert.deepEqual([...s.shown], [5, 6]);
  assert.match(s.caption, /^Event 2 of 2, step 7 of 10: 1\. co_process -> co_filter: 100$/);
});

// A stand-in for the picture's marked parts: querySelectorAll by data attribute name.
class Part {
  constructor(attrs) {
    this.attrs = attrs;
    this.classes = new Set();
    this.classList = {
      toggle: (c, on) => (on ? this.classes.add(c) : this.classes.delete(c)),
      contains: (c) => this.classes.has(c),
    };
  }
  getAttribute(name) {
    return this.attrs[name] ?? null;
  }
}

test("a step marks the picture's parts by their data attributes", () => {
  const edges = [0, 1, 2, 3, 4].map((e) => new Part({ "data-edge": String(e) }));
  const nodes = [0, 1, 2, 3, 4, 5].map((n) => new Part({ "data-node": String(n) }));
  const notes = [0, 1, 2, 3, 4].map((s) => new Part({ "data-event": "0", "data-step": String(s) }));
  const root = new Part({});
  root.querySelectorAll = (sel) => ({ "[data-edge]": edges, "[data-node]": nodes, "[data-step]": notes })[sel];
  const t = parseTrace(SEED_206);

  applyStep(root, stepState(t, 3));
  assert.ok(root.classList.contains("playing"));
  assert.deepEqual(edges.map((e) => e.classList.contains("trace-taken")), [true, true, false, false, true]);
  assert.deepEqual(edges.map((e) => e.classList.contains("trace-current")), [false, false, false, false, true]);
  assert.deepEqual(nodes.map((n) => n.classList.contains("trace-current")), [false, false, false, false, true, false]);
  assert.deepEqual(notes.map((n) => n.classList.contains("trace-shown")), [true, true, true, true, false]);

  applyStep(root, stepState(t, -1));
  assert.ok(!root.classList.contains("playing"));
  assert.ok(edges.every((e) => !e.classList.contains("trace-taken")));
  assert.ok(notes.every((n) => !n.classList.contains("trace-shown")));
});
