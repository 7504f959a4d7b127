import { test } from "node:test";
import assert from "node:assert/strict";
import { TerminalText, applyCarriageReturns, parseAnsi } from "../src/ansi.js";
import { planCollapse, planLines } from "../src/collapse.js";
import { appendOutput, streamTextFrom } from "../src/notebook.js";

// The state of a TerminalText that a view draws from.
function state(t) {
  return { lines: t.lines, styles: t.styles, current: t.current, lineCount: t.lineCount, length: t.length };
}

function terminal(chunks) {
  const t = new TerminalText();
  for (const c of chunks) t.append(c);
  return t;
}

// A deterministic pseudo-random generator (mulberry32), so failures can be replayed.
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

// text cut at random places into chunks (some empty).
function chop(text, rand) {
  const chunks = [];
  let at = 0;
  while (at < text.length) {
    const n = Math.floor(rand() * 7);
    chunks.push(text.slice(at, at + n));
    at += n;
  }
  return chunks;
}

const texts = [
  "",
  "one line, no newline",
  "a\nb\nc\n",
  "10%\r50%\r100%\ndone\n",
  "abcdef\rXY\n",
  "line\r\nnext\r\n",
  "\x1b[31mred\nstill red\x1b[0m plain\nplain\n",
  "\x1b[1;32mbold green\r\x1b[0mX\n\x1b[34mblue",
  "progress 1/3\rprogress 2/3\rprogress 3/3\r\n" + "x".repeat(50) + "\ry\n",
  "\r\r\n\n\r",
];

test("a terminal text split into any chunks is the same as in one chunk", () => {
  const rand = random(14);
  for (const text of texts) {
    const whole = state(terminal([text]));
    for (let round = 0; round < 50; round++) {
      const chunks = chop(text, rand);
      assert.deepEqual(state(terminal(chunks)), whole, `${JSON.stringify(text)} as ${JSON.stringify(chunks)}`);
    }
  }
});

test("a terminal text applies carriage returns as applyCarriageReturns does", () => {
  for (const text of texts) {
    assert.equal(terminal([text]).text, applyCarriageReturns(text), JSON.stringify(text));
    assert.equal(terminal([...text]).text, applyCarriageReturns(text), `${JSON.stringify(text)} a character at a time`);
  }
});

test("a carriage return at the end of a chunk rewrites the line in the next chunk", () => {
  const t = terminal(["downloading 10%\r", "downloading 55%\r", "done", "\n"]);
  assert.deepEqual(t.lines, ["doneloading 55%\n"], "done overwrites the start of the line");
  const u = terminal(["abc\r", "\n", "def"]);
  assert.deepEqual([u.lines, u.current], [["abc\n"], "def"], "\\r then \\n in the next chunk ends the line as \\r\\n does");
});

test("each line starts in the style the lines before it left", () => {
  const t = terminal(["\x1b[31mred\n", "still red\n", "\x1b[0mplain\n", "x"]);
  assert.deepEqual(t.styles, [{}, { fg: "red" }, { fg: "red" }, {}]);
  assert.deepEqual(parseAnsi(t.line(1), t.styles[1]), [{ text: "still red\n", style: { fg: "red" } }]);
});

test("planLines over a terminal text plans what planCollapse plans for the whole text", () => {
  const many = Array.from({ length: 8000 }, (_, i) => `line ${i}\n`).join("");
  const cases = [many, "x".repeat(100000), "y".repeat(30000) + "\n" + many, "short\n", Array.from({ length: 121 }, () => "y\n").join("") + "tail", "\x1b[32m" + many];
  for (const text of cases) {
    const t = terminal(text.split(/(?<=\n)/));
    const plan = planLines({ count: t.lineCount, line: (i) => t.line(i), length: t.length });
    const want = planCollapse(text);
    assert.equal(plan.collapsed, want.collapsed, `collapsed, for ${text.slice(0, 20)}…`);
    if (!want.collapsed) continue;
    const head = plan.headCut === null ? t.slice(0, plan.headCount) : t.line(0).slice(0, plan.headCut);
    assert.deepEqual(
      { head, tail: t.slice(plan.tailStart), hiddenLines: plan.hiddenLines, hiddenChars: plan.hiddenChars },
      { head: want.head, tail: want.tail, hiddenLines: want.hiddenLines, hiddenChars: want.hiddenChars },
      `plan for ${text.slice(0, 20)}…`,
    );
  }
});

test("8,000 stream chunks merge into the text of one output, and a reader gets each chunk once", () => {
  const outs = [];
  const want = [];
  let read = "";
  let taken = 0;
  for (let i = 0; i < 8000; i++) {
    const text = `line ${i}\n`;
    want.push(text);
    appendOutput(outs, { output_type: "stream", name: "stdout", text });
    if (i % 37 === 0) {
      const more = streamTextFrom(outs[0], taken);
      taken += more.length;
      read += more;
    }
  }
  read += streamTextFrom(outs[0], taken);
  assert.equal(outs.length, 1);
  assert.equal(outs[0].text, want.join(""));
  assert.equal(read, want.join(""), "what the reader took, in order, is the whole text");
  assert.equal(streamTextFrom(outs[0], outs[0].text.length), "", "nothing more to read");
});

test("streamTextFrom returns the text from any offset", () => {
  const outs = [];
  for (const text of ["ab", "cd", "", "efg", "h"]) appendOutput(outs, { output_type: "stream", name: "stdout", text });
  for (let start = 0; start <= 8; start++) {
    const copy = [];
    for (const text of ["ab", "cd", "", "efg", "h"]) appendOutput(copy, { output_type: "stream", name: "stdout", text });
    assert.equal(streamTextFrom(copy[0], start), "abcdefgh".slice(start), `from ${start}`);
  }
  assert.equal(streamTextFrom(outs[0], 3), "defgh");
  assert.equal(streamTextFrom(outs[0], 1), "bcdefgh", "reading again from earlier still works");
  outs[0].text = "replaced";
  appendOutput(outs, { output_type: "stream", name: "stdout", text: "!" });
  assert.equal(streamTextFrom(outs[0], 2), "placed!", "text set from outside is read as it is");
});

test("merging keeps the first output object and its fields", () => {
  const outs = [];
  const first = { output_type: "stream", name: "stderr", text: "a" };
  appendOutput(outs, first);
  appendOutput(outs, { output_type: "stream", name: "stderr", text: "b" });
  assert.equal(outs[0], first);
  assert.deepEqual(outs, [{ output_type: "stream", name: "stderr", text: "ab" }]);
});
