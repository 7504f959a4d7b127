import { test } from "node:test";
import assert from "node:assert/strict";
import { parseNotebook, serializeNotebook, splitLines, joinLines, emptyNotebook } from "../src/ipynb.js";

const sample = {
  nbformat: 4,
  nbformat_minor: 4,
  metadata: { kernelspec: { name: "pushbook" }, custom: { keep: [1, 2] } },
  cells: [
    { cell_type: "markdown", metadata: { tags: ["intro"] }, source: ["# Title\n", "text"] },
    {
      cell_type: "code",
      id: "abc",
      metadata: { collapsed: false, extra: "x" },
      execution_count: 3,
      source: "x = 1\nprint(x)\n",
      outputs: [
        { output_type: "stream", name: "stdout", text: ["1\n", "2\n"] },
        { output_type: "execute_result", execution_count: 3, metadata: {}, data: { "text/plain": ["a\n", "b"], "application/json": { k: [1] } } },
        { output_type: "display_data", metadata: { w: 1 }, data: { "image/svg+xml": "<svg>\n</svg>" } },
        { output_type: "error", ename: "ValueError", evalue: "bad", traceback: ["\u001b[31mline\u001b[0m"] },
      ],
    },
    { cell_type: "raw", metadata: {}, source: "raw text", attachments: { "a.png": { "image/png": "AAAA" } } },
  ],
  unknown_top: true,
};

test("parse joins sources and stream text given as line lists or strings", () => {
  const nb = parseNotebook(JSON.stringify(sample));
  assert.equal(nb.cells[0].source, "# Title\ntext");
  assert.equal(nb.cells[1].source, "x = 1\nprint(x)\n");
  assert.equal(nb.cells[1].outputs[0].text, "1\n2\n");
  assert.equal(nb.cells[1].outputs[1].data["text/plain"], "a\nb");
  assert.deepEqual(nb.cells[1].outputs[1].data["application/json"], { k: [1] });
});

test("parse keeps unknown metadata, keys and attachments, and gives every cell an id", () => {
  const nb = parseNotebook(JSON.stringify(sample));
  assert.deepEqual(nb.metadata.custom, { keep: [1, 2] });
  assert.equal(nb.unknown_top, true);
  assert.deepEqual(nb.cells[0].metadata, { tags: ["intro"] });
  assert.equal(nb.cells[1].metadata.extra, "x");
  assert.deepEqual(nb.cells[2].attachments, { "a.png": { "image/png": "AAAA" } });
  assert.equal(nb.cells[1].id, "abc");
  for (const c of nb.cells) assert.match(c.id, /^[a-zA-Z0-9-_]{1,64}$/);
  assert.equal(nb.nbformat_minor, 5);
});

test("serialize then parse gives back the same model, outputs included", () => {
  const nb = parseNotebook(JSON.stringify(sample));
  const again = parseNotebook(serializeNotebook(nb));
  assert.deepEqual(again, nb);
  assert.equal(again.cells[1].outputs.length, 4);
  assert.equal(again.cells[1].execution_count, 3);
});

test("serialize writes sources and text as line lists with sorted keys, like Jupyter", () => {
  const text = serializeNotebook(parseNotebook(JSON.stringify(sample)));
  const raw = JSON.parse(text);
  assert.deepEqual(raw.cells[1].source, ["x = 1\n", "print(x)\n"]);
  assert.deepEqual(raw.cells[1].outputs[0].text, ["1\n", "2\n"]);
  assert.deepEqual(raw.cells[1].outputs[2].data["image/svg+xml"], ["<svg>\n", "</svg>"]);
  assert.deepEqual(Object.keys(raw), [...Object.keys(raw)].sort());
  assert.ok(text.endsWith("}\n"));
  assert.ok(!("outputs" in raw.cells[0]), "markdown cells carry no outputs");
});

test("parse rejects what is not a notebook with a message naming the problem", () => {
  const cases = [
    ["{", /invalid JSON/],
    ["[]", /top level is not an object/],
    [JSON.stringify({ nbformat: 3, cells: [] }), /unsupported nbformat 3/],
    [JSON.stringify({ nbformat: 4 }), /no cells list/],
    [JSON.stringify({ nbformat: 4, cells: [{ cell_type: "weird" }] }), /cell 0: unknown cell_type "weird"/],
  ];
  for (const [input, want] of cases) assert.throws(() => parseNotebook(input), want, `input ${input}`);
});

test("splitLines and joinLines are inverses", () => {
  for (const s of ["", "a", "a\n", "a\nb", "a\n\nb\n"]) {
    assert.equal(joinLines(splitLines(s)), s, JSON.stringify(s));
  }
  assert.deepEqual(splitLines("a\n\nb"), ["a\n", "\n", "b"]);
});

test("an empty notebook has one empty code cell and serializes to valid nbformat", () => {
  const nb = emptyNotebook();
  assert.equal(nb.cells.length, 1);
  const raw = JSON.parse(serializeNotebook(nb));
  assert.equal(raw.nbformat, 4);
  assert.deepEqual(raw.cells[0].outputs, []);
  assert.equal(raw.cells[0].execution_count, null);
});
