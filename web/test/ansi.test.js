import { test } from "node:test";
import assert from "node:assert/strict";
import { parseAnsi, stripAnsi, applyCarriageReturns, styleAfter, ansiToFragment } from "../src/ansi.js";

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
    ["\x1b[31mred\x1b[Kstill red", [{ text: "redstill red", style: { fg: "red" } }]],
    ["\x1b[32mg\x1b[?25lh\x1b[0m", [{ text: "gh", style: { fg: "green" } }]],
    ["\x1b[1m\x1b[1mb\x1b[22mn", [{ text: "b", style: { bold: true } }, { text: "n", style: {} }]],
    ["\x1b[7;31minv\x1b[27mx", [{ text: "inv", style: { fg: "red", inverse: true } }, { text: "x", style: { fg: "red" } }]],
    ["\x1b[48;5;21;3mb", [{ text: "b", style: { bg: "#0000ff", italic: true } }]],
    ["\x1b[38;5;9mx", [{ text: "x", style: { fg: "bright-red" } }]],
    ["\x1b[9mstruck", [{ text: "struck", style: { strikethrough: true } }]],
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

test("parseAnsi and styleAfter start in the style a line starts in", () => {
  const cases = [{}, { fg: "red", bold: true }, { fg: "#0102ff", bg: "bright-cyan", underline: true, inverse: true }, { dim: true, italic: true }];
  for (const style of cases) {
    assert.deepEqual(parseAnsi("text", style), [{ text: "text", style }], JSON.stringify(style));
    assert.deepEqual(parseAnsi("\x1b[2Ka", style), [{ text: "a", style }], "a non-SGR code keeps " + JSON.stringify(style));
    assert.deepEqual(styleAfter("no codes", style), style);
  }
  assert.deepEqual(parseAnsi("a\x1b[22mb", { fg: "red", bold: true }), [{ text: "a", style: { fg: "red", bold: true } }, { text: "b", style: { fg: "red" } }]);
  assert.deepEqual(styleAfter("x\x1b[1my", { fg: "green" }), { fg: "green", bold: true });
  assert.deepEqual(styleAfter("x\x1b[0m", { fg: "green" }), {});
  assert.deepEqual(styleAfter("x\x1b[38;2;10;20;30m"), { fg: "#0a141e" });
});

// A stand-in for the few DOM calls ansiToFragment makes.
function fakeDocument() {
  const node = (tag) => ({
    tag,
    children: [],
    classes: [],
    style: {},
    textContent: "",
    classList: { add(c) { this.owner.classes.push(c); } },
    appendChild(child) { this.children.push(child); return child; },
  });
  return {
    createDocumentFragment: () => node("#fragment"),
    createTextNode: (text) => ({ tag: "#text", textContent: text }),
    createElement(tag) {
      const n = node(tag);
      n.classList.owner = n;
      return n;
    },
  };
}

function drawn(text, style) {
  return ansiToFragment(text, fakeDocument(), style).children.map((n) => ({
    tag: n.tag,
    text: n.textContent,
    ...(n.classes?.length ? { classes: n.classes.join(" ") } : {}),
    ...(n.style && Object.keys(n.style).length ? { style: n.style } : {}),
  }));
}

test("a traceback's colours become classes the theme colours", () => {
  // As IPython colours a traceback: cyan file, green line numbers, red error name.
  const tb = "\x1b[0;31m---------\x1b[0m\n\x1b[0;31mNameError\x1b[0m Traceback\n\x1b[0;36mFile \x1b[0;32m<cell>:1\x1b[0m\n\x1b[1;31mNameError\x1b[0m: x";
  assert.deepEqual(drawn(tb), [
    { tag: "span", text: "---------", classes: "ansi-red-fg" },
    { tag: "#text", text: "\n" },
    { tag: "span", text: "NameError", classes: "ansi-red-fg" },
    { tag: "#text", text: " Traceback\n" },
    { tag: "span", text: "File ", classes: "ansi-cyan-fg" },
    { tag: "span", text: "<cell>:1", classes: "ansi-green-fg" },
    { tag: "#text", text: "\n" },
    { tag: "span", text: "NameError", classes: "ansi-red-fg ansi-bold" },
    { tag: "#text", text: ": x" },
  ]);
});

test("256-colour and true-colour codes are inline colours set through the DOM, not markup", () => {
  assert.deepEqual(drawn("\x1b[38;5;196;48;2;0;0;128mx"), [{ tag: "span", text: "x", style: { color: "#ff0000", backgroundColor: "#000080" } }]);
  assert.deepEqual(drawn("\x1b[7minv"), [{ tag: "span", text: "inv", classes: "ansi-default-bg-fg ansi-default-fg-bg" }]);
});

test("markup in coloured text stays text", () => {
  const out = drawn("\x1b[31m<script>alert(1)</script>\x1b[0m<img src=x onerror=alert(1)>&amp;");
  assert.deepEqual(out, [
    { tag: "span", text: "<script>alert(1)</script>", classes: "ansi-red-fg" },
    { tag: "#text", text: "<img src=x onerror=alert(1)>&amp;" },
  ]);
});
