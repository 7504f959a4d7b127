import { test } from "node:test";
import assert from "node:assert/strict";
import { parseNotebook, serializeNotebook, serializeNotebookCompact, stringifyJSON, ownCopy } from "../src/ipynb.js";

// A notebook whose metadata has "__proto__" keys at every level the page copies.
const PROTO_NOTEBOOK = `{
 "nbformat": 4, "nbformat_minor": 5,
 "metadata": {"__proto__": {"polluted": true}, "tags": {"__proto__": "kept"}},
 "__proto__": "top",
 "cells": [{"cell_type": "code", "id": "a", "source": "x", "execution_count": 1, "__proto__": 1,
   "metadata": {"__proto__": "cell"},
   "outputs": [{"output_type": "display_data", "__proto__": 2, "metadata": {"__proto__": 3},
     "data": {"__proto__": "mime", "text/plain": "x", "application/json": {"__proto__": 4}}}]}]
}`;

test("every __proto__ key survives parse, compact save, reload and Download", () => {
  const saved = serializeNotebookCompact(parseNotebook(PROTO_NOTEBOOK));
  const downloaded = JSON.parse(serializeNotebook(parseNotebook(saved)));
  const own = (obj, key) => (Object.hasOwn(obj, key) ? obj[key] : "missing");
  assert.deepEqual(own(downloaded, "__proto__"), "top");
  assert.deepEqual(own(downloaded.metadata, "__proto__"), { polluted: true });
  assert.equal(own(downloaded.metadata.tags, "__proto__"), "kept");
  const cell = downloaded.cells[0];
  assert.equal(own(cell, "__proto__"), 1);
  assert.equal(own(cell.metadata, "__proto__"), "cell");
  const out = cell.outputs[0];
  assert.equal(own(out, "__proto__"), 2);
  assert.equal(own(out.metadata, "__proto__"), 3);
  assert.equal(own(out.data, "__proto__"), "mime");
  assert.equal(own(out.data["application/json"], "__proto__"), 4);
  assert.equal(Object.getPrototypeOf(downloaded.metadata), Object.prototype, "no prototype was replaced");
  assert.equal({}.polluted, undefined, "Object.prototype untouched");
});

test("ownCopy keeps __proto__ as a key and never sets the prototype", () => {
  const copy = ownCopy(JSON.parse('{"__proto__": {"x": 1}, "a": 2}'));
  assert.deepEqual(Object.keys(copy), ["__proto__", "a"]);
  assert.equal(copy.x, undefined);
});

test("metadata nested 5,000 deep is written, read back and written the same", () => {
  const depth = 5000;
  const deep = "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
  const text = `{"nbformat": 4, "nbformat_minor": 5, "metadata": {"deep": ${deep}}, "cells": []}`;
  assert.throws(() => JSON.stringify(JSON.parse(text)), RangeError, "JSON.stringify cannot write it (why stringifyJSON exists)");
  const compact = serializeNotebookCompact(parseNotebook(text));
  assert.ok(compact.includes(deep), "the compact copy holds the whole nesting");
  const downloaded = serializeNotebook(parseNotebook(compact));
  assert.equal(serializeNotebookCompact(parseNotebook(downloaded)), compact, "Download reads back to the same notebook");
});

test("stringifyJSON writes what JSON.stringify writes, with sorted keys", () => {
  const cases = [
    { b: [1, {}, [], null, 'x\n"', undefined, () => 1], a: { z: 1, y: undefined, x: [{}] }, n: NaN, e: 1e21 },
    [],
    {},
    "s",
    [[[]]],
    { when: new Date(0), u: "é\u2028" },
  ];
  const sorted = (v) =>
    Array.isArray(v) ? v.map(sorted) : v && typeof v === "object" && !(v instanceof Date) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted(v[k])])) : v;
  for (const value of cases) {
    for (const indent of ["", " ", "  "]) {
      assert.equal(stringifyJSON(value, indent), JSON.stringify(sorted(value), null, indent), `${JSON.stringify(value)} with indent ${JSON.stringify(indent)}`);
    }
  }
});

test("stringifyJSON throws TypeError on a cycle instead of looping", () => {
  const loop = { a: [] };
  loop.a.push(loop);
  assert.throws(() => stringifyJSON(loop), TypeError);
});
