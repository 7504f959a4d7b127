import { test } from "node:test";
import assert from "node:assert/strict";
import { planCollapse } from "../src/collapse.js";

const lines = (n) => Array.from({ length: n }, (_, i) => `line ${i}\n`).join("");

test("short output is shown whole", () => {
  const text = lines(120);
  assert.deepEqual(planCollapse(text), { collapsed: false, text });
});

test("long output shows head and tail and counts what is hidden", () => {
  const text = lines(1000);
  const plan = planCollapse(text, { maxLines: 100, headLines: 10, tailLines: 5 });
  assert.equal(plan.collapsed, true);
  assert.equal(plan.head, lines(10));
  assert.equal(plan.tail, "line 995\nline 996\nline 997\nline 998\nline 999\n");
  assert.equal(plan.hiddenLines, 985);
  assert.equal(plan.head.length + plan.tail.length + plan.hiddenChars, text.length);
});

test("one enormous line is cut by characters", () => {
  const text = "x".repeat(100000);
  const plan = planCollapse(text, { maxChars: 1000 });
  assert.equal(plan.collapsed, true);
  assert.equal(plan.head.length, 500);
  assert.equal(plan.tail, "");
  assert.equal(plan.hiddenLines, 1);
  assert.equal(plan.hiddenChars, 99500);
});

test("limits that would hide nothing leave the text whole", () => {
  const text = lines(12);
  assert.deepEqual(planCollapse(text, { maxLines: 10, headLines: 8, tailLines: 8 }), { collapsed: false, text });
});
