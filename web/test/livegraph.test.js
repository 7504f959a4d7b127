// Pipeline graphs that stay current (issue #12): which outputs the page asks the kernel to
// draw again, what it does with the answers (livegraph.js), the model's new data in a save
// (notebook.js), Kernel.graph (kernel.js) over a stand-in worker and the worker's answer
// (worker.js) over a stand-in Go bridge.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import vm from "node:vm";
import { graphChanged, liveGraphs, refreshGraphs, refreshNotebookGraphs } from "../src/livegraph.js";
import { graphId } from "../src/trace.js";
import { Notebook } from "../src/notebook.js";
import { serializeNotebook } from "../src/ipynb.js";
import { ASSIST_TIMEOUT_MS } from "../src/kernel.js";
import { startedKernel, tick } from "./fakeworker.js";

const svg = (n) => `<svg xmlns="http://www.w3.org/2000/svg" class="pushbook-picture"><text>${n} in</text></svg>`;

function graphOutput(id, n, type = "execute_result") {
  const out = { output_type: type, data: { "image/svg+xml": svg(n), "text/plain": `sink (discard) [open] ${n} in\n` }, metadata: { pushbook: { kind: "pipeline", graph: id } } };
  if (type === "execute_result") out.execution_count = 1;
  return out;
}

function notebook() {
  const saved = graphOutput("old-1", 0); // saved with the notebook: no session behind it
  const nb = new Notebook({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: [
      { cell_type: "code", id: "a", source: "head", metadata: {}, execution_count: 1, outputs: [graphOutput("s1-1", 0)] },
      { cell_type: "markdown", id: "m", source: "# text", metadata: {} },
      {
        cell_type: "code",
        id: "b",
        source: "display(head)\nprint('x')",
        metadata: {},
        execution_count: 2,
        outputs: [
          graphOutput("s1-2", 0, "display_data"),
          { output_type: "stream", name: "stdout", text: "x\n" },
          { output_type: "execute_result", execution_count: 2, data: { "text/plain": "1" }, metadata: { pushbook: { kind: "trace" } } },
          { output_type: "display_data", data: { "image/svg+xml": svg(0) }, metadata: { pushbook: { kind: "pipeline" } } }, // before issue #12: no id
        ],
      },
      { cell_type: "code", id: "c", source: "head", metadata: {}, execution_count: 3, outputs: [saved] },
    ],
  });
  return nb;
}

test("a live graph is a pipeline graph output with an id; traces, other outputs and graphs without one are not", () => {
  assert.equal(graphId(graphOutput("s1-1", 0)), "s1-1");
  assert.equal(graphId({ output_type: "display_data", data: {}, metadata: { pushbook: { kind: "pipeline" } } }), null);
  assert.equal(graphId({ output_type: "display_data", data: {}, metadata: { pushbook: { kind: "trace", graph: "s1-1" } } }), null);
  assert.equal(graphId({ output_type: "display_data", data: {}, metadata: { pushbook: { kind: "pipeline", graph: 3 } } }), null);
  assert.deepEqual(
    liveGraphs(notebook().cells).map((g) => [g.cell.id, g.index, g.id]),
    [
      ["a", 0, "s1-1"],
      ["b", 0, "s1-2"],
      ["c", 0, "old-1"],
    ],
  );
});

test("a graph changed when its picture or its text did, whether stored as a string or as lines", () => {
  const out = graphOutput("s1-1", 0);
  assert.equal(graphChanged(out, { ...out.data }), false);
  assert.equal(graphChanged(out, { ...out.data, "image/svg+xml": svg(5) }), true);
  assert.equal(graphChanged({ data: { "image/svg+xml": [svg(0)], "text/plain": ["sink (discard) ", "[open] 0 in\n"] } }, out.data), false);
});

test("refreshing asks for every live graph at once and updates only those that changed and are still shown", async () => {
  const nb = notebook();
  const asked = [];
  const answers = { "s1-1": graphOutput("", 5).data, "s1-2": graphOutput("", 0).data, "old-1": null };
  const updates = [];
  const done = refreshGraphs(nb.cells, {
    graph: (id) => {
      asked.push(id);
      return Promise.resolve(answers[id]);
    },
    update: (g, data) => updates.push([g.cell.id, g.index, data["text/plain"]]),
  });
  assert.deepEqual(asked, ["s1-1", "s1-2", "old-1"], "every request is sent before refreshGraphs returns (ahead of Run all's next cell)");
  assert.equal(await done, 1);
  assert.deepEqual(updates, [["a", 0, "sink (discard) [open] 5 in\n"]], "unchanged and unknown (null) ones are left alone");

  // A cell that ran again meanwhile holds new outputs: an answer for the old one is dropped.
  const again = notebook();
  let release;
  const pending = refreshGraphs(again.cells, {
    graph: (id) => (id === "s1-1" ? new Promise((r) => (release = r)) : null),
    update: () => assert.fail("the output was replaced"),
  });
  again.clearOutputs("a");
  again.addOutput("a", graphOutput("s1-3", 0));
  release(graphOutput("", 7).data);
  assert.equal(await pending, 0);

  // A kernel that fails or answers nonsense changes nothing.
  assert.equal(await refreshGraphs(notebook().cells, { graph: () => Promise.reject(new Error("gone")), update: () => assert.fail() }), 0);
  assert.equal(await refreshGraphs(notebook().cells, { graph: () => ({ "text/plain": "no picture" }), update: () => assert.fail() }), 0);
});

test("the notebook's model takes the new data, so a save or a download has the current counts", async () => {
  const nb = notebook();
  const changes = [];
  nb.addEventListener("change", (e) => changes.push(e.detail));
  const kernel = { graph: async (id) => (id === "s1-2" ? graphOutput("", 5).data : null) };
  assert.equal(await refreshNotebookGraphs(nb, kernel, null), 1);
  assert.deepEqual(changes, [{ kind: "outputData", id: "b", index: 0 }]);
  const saved = JSON.parse(serializeNotebook(nb.model));
  const out = saved.cells[2].outputs[0];
  assert.match([].concat(out.data["text/plain"]).join(""), /\[open\] 5 in/);
  assert.match([].concat(out.data["image/svg+xml"]).join(""), /5 in/);
  assert.deepEqual(out.metadata, { pushbook: { kind: "pipeline", graph: "s1-2" } }, "the id stays");
  assert.equal(await refreshNotebookGraphs(nb, null, null), 0, "no kernel: nothing");
});

test("Kernel.graph asks the worker and resolves with its drawing, or null", async () => {
  const { kernel, first } = await startedKernel();
  const p = kernel.graph("s1-1");
  const msg = first.posted.at(-1);
  assert.deepEqual({ ...msg, id: 0 }, { type: "graph", id: 0, graph: "s1-1" });
  first.say({ type: "drawn", id: msg.id, data: { "image/svg+xml": svg(5), "text/plain": "5" } });
  assert.deepEqual(await p, { "image/svg+xml": svg(5), "text/plain": "5" });

  const gone = kernel.graph("old-1");
  first.say({ type: "drawn", id: first.posted.at(-1).id, data: null });
  assert.equal(await gone, null);

  const late = kernel.graph("s1-1");
  await new Promise((r) => setTimeout(r, ASSIST_TIMEOUT_MS + 50));
  assert.equal(await late, null, "no answer in time: null");
  await tick();
});

function loadWorker(pushbook) {
  const posted = [];
  const self = { postMessage: (m) => posted.push(m), pushbook };
  vm.runInNewContext(readFileSync(new URL("../src/worker.js", import.meta.url), "utf8"), { self, console: { error: () => {} }, WebAssembly, fetch, setTimeout });
  return { send: (data) => self.onmessage({ data }), posted };
}

test("the worker answers graph at once from the bridge's JSON, null when it cannot", () => {
  const w = loadWorker({ graph: (id) => (id === "s1-1" ? JSON.stringify({ "text/plain": "5" }) : "null") });
  w.send({ type: "graph", id: 4, graph: "s1-1" });
  w.send({ type: "graph", id: 5, graph: "old-1" });
  assert.deepEqual(JSON.parse(JSON.stringify(w.posted)), [
    { type: "drawn", id: 4, data: { "text/plain": "5" } },
    { type: "drawn", id: 5, data: null },
  ]);
  const none = loadWorker(undefined);
  none.send({ type: "graph", id: 1, graph: "s1-1" });
  const failing = loadWorker({ graph: () => "not json" });
  failing.send({ type: "graph", id: 2, graph: "s1-1" });
  assert.deepEqual(JSON.parse(JSON.stringify([...none.posted, ...failing.posted])), [
    { type: "drawn", id: 1, data: null },
    { type: "drawn", id: 2, data: null },
  ]);
});
