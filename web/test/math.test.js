import { test } from "node:test";
import assert from "node:assert/strict";
import { markdownHTML } from "../src/markdown.js";
import { mathSource } from "../src/mathmarkdown.js";

const inline = (tex) => `<span class="math math-inline">$${tex}$</span>`;
const display = (tex) => `<span class="math math-display">$$${tex}$$</span>`;
const block = (tex) => `<div class="math math-display">$$${tex}$$</div>\n`;
const p = (html) => `<p>${html}</p>\n`;

test("$...$ is inline math when it neither starts nor ends with a space", () => {
  const cases = [
    ["the area $\\pi r^2$ of a circle", p(`the area ${inline("\\pi r^2")} of a circle`)],
    ["$a$ and $b$", p(`${inline("a")} and ${inline("b")}`)],
    ["it costs $5 and $6", p("it costs $5 and $6")],
    ["$ x$ and $x $", p("$ x$ and $x $")],
    ["a lone $ sign", p("a lone $ sign")],
    ["empty $$ pair", p("empty $$ pair")],
    ["$x_1 * y_2 * z$", p(inline("x_1 * y_2 * z"))],
    ["$<b>x</b>$", p(inline("&lt;b&gt;x&lt;/b&gt;"))],
  ];
  for (const [src, want] of cases) assert.equal(markdownHTML(src), want, JSON.stringify(src));
});

test("\\$ is a dollar sign outside math and does not close math inside it", () => {
  const cases = [
    ["costs \\$5, not \\$6", p("costs $5, not $6")],
    ["\\$x$ stays text", p("$x$ stays text")],
    ["$a \\$ b$", p(inline("a \\$ b"))],
  ];
  for (const [src, want] of cases) assert.equal(markdownHTML(src), want, JSON.stringify(src));
});

test("code spans and code blocks keep their dollars", () => {
  const cases = [
    ["`$x$` is code", p("<code>$x$</code> is code")],
    ["```\n$$x$$\n```", "<pre><code>$$x$$\n</code></pre>\n"],
    ["    $x$", "<pre><code>$x$\n</code></pre>\n"],
  ];
  for (const [src, want] of cases) assert.equal(markdownHTML(src), want, JSON.stringify(src));
});

test("$$...$$ is display math, on its own lines or inline", () => {
  const cases = [
    ["$$E = mc^2$$", block("E = mc^2")],
    ["$$\n\\sum_{i=1}^n i\n= \\frac{n(n+1)}{2}\n$$", block("\\sum_{i=1}^n i\n= \\frac{n(n+1)}{2}")],
    ["text before\n$$x$$\ntext after", p("text before") + block("x") + p("text after")],
    ["so $$x^2$$ inline", p(`so ${display("x^2")} inline`)],
    ["$$a$$ and $$b$$", p(`${display("a")} and ${display("b")}`)],
    ["$$ \n a \\$ b\n$$", block("a \\$ b")],
    ["$$\nnot closed\n\nnext", p("$$\nnot closed") + p("next")],
  ];
  for (const [src, want] of cases) assert.equal(markdownHTML(src), want, JSON.stringify(src));
});

test("the math's TeX is its text without the delimiters", () => {
  assert.equal(mathSource("$x^2$", false), "x^2");
  assert.equal(mathSource("$$\\int f$$", true), "\\int f");
});
