import { test } from "node:test";
import assert from "node:assert/strict";
import { parseAnsi, stripAnsi, applyCarriageReturns } from "../src/ansi.js";

test("parseAnsi turns SGR codes into styled segments", () => {
  const cases = [
    ["plain", [{ text: "plain", style: {} }]],
    ["\x1b[31mred\x1b[0m after", [{ text: "red", style: { fg: "red" } }, { text: " after", style: {} }]],
    ["\x1b[1;32mbold green\x1b[22m green", [{ text: "bold green", style: { bold: true, fg: "green" } }, { text: " green", style: { fg: "green" } }]],
    ["\x1b[94mbright\x1b[39m", [{ text: "bright", style: { fg: "bright-blue" } }]],
    ["\x1b[41mbg\x1b[49mno", [{ text: "bg", style: { bg: "red" } }, { text: "no", style: {} }]],
    ["\x1b[38;5;196mx", [{ text: "x", style: { fg: "#ff0000" } }]],
    ["\x1b[38;5;244mx", [{ text: "x", style: { fg: "#808080" } }]],
    ["\x1b[38;2;1;2;255mx", [{ text: "x", style: { fg: "#0102ff" } }]],
    ["\x1b[4munder\x1b[m", [{ text: "under", style: { underline: true } }]],
    ["a\x1b[2Kb\x1b]0;title\x07c", [{ text: "abc", style: {} }]],
  ];
  for (const [input, want] of cases) assert.deepEqual(parseAnsi(input), want, JSON.stringify(input));
});

test("parseAnsi merges neighbouring text of the same style", () => {
  assert.deepEqual(parseAnsi("\x1b[31ma\x1b[31mb"), [{ text: "ab", style: { fg: "red" } }]);
});

test("stripAnsi removes every escape sequence and keeps the text", () => {
  assert.equal(stripAnsi("\x1b[0;31mTraceback\x1b[0m (most recent)\x1b[K"), "Traceback (most recent)");
});

test("carriage returns overwrite the start of the line like a terminal", () => {
  const cases = [
    ["no cr", "no cr"],
    ["10%\r50%\r100%\ndone", "100%\ndone"],
    ["abcdef\rXY", "XYcdef"],
    ["line\r\nnext", "line\nnext"],
  ];
  for (const [input, want] of cases) assert.equal(applyCarriageReturns(input), want, JSON.stringify(input));
});
