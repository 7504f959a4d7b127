// The stream view on a small stand-in for the DOM: however a stream's text arrives in
// chunks, and however often it is drawn meanwhile, the page shows what one chunk shows.
import { test } from "node:test";
import assert from "node:assert/strict";

class FakeNode {
  constructor(doc) {
    this.ownerDocument = doc;
    this.childNodes = [];
    this.parentNode = null;
  }
  appendChild(node) {
    return this.insertBefore(node, null);
  }
  insertBefore(node, ref) {
    const nodes = node.isFragment ? node.childNodes.splice(0) : [node];
    for (const n of nodes) n.parentNode?.removeChild(n);
    let at = ref ? this.childNodes.indexOf(ref) : this.childNodes.length;
    if (at < 0) throw new Error("insertBefore: the reference node is not a child");
    for (const n of nodes) {
      n.parentNode = this;
      this.childNodes.splice(at++, 0, n);
    }
    return node;
  }
  removeChild(node) {
    this.childNodes.splice(this.childNodes.indexOf(node), 1);
    node.parentNode = null;
  }
  replaceChildren(...nodes) {
    for (const n of [...this.childNodes]) this.removeChild(n);
    for (const n of nodes) this.appendChild(n);
  }
  append(...nodes) {
    for (const n of nodes) this.appendChild(n);
  }
  get textContent() {
    return this.childNodes.map((n) => n.textContent).join("");
  }
  set textContent(text) {
    this.replaceChildren();
    if (text !== "") this.appendChild(this.ownerDocument.createTextNode(String(text)));
  }
}

class FakeText extends FakeNode {
  constructor(doc, data) {
    super(doc);
    this.data = data;
  }
  get textContent() {
    return this.data;
  }
}

class FakeElement extends FakeNode {
  constructor(doc, tag) {
    super(doc);
    this.tagName = tag.toUpperCase();
    this.className = "";
    this.style = {};
    this.attributes = {};
    this.listeners = [];
    const el = this;
    this.classList = {
      add: (c) => (el.className = `${el.className} ${c}`.trim()),
      toggle: () => {},
    };
  }
  setAttribute(name, value) {
    this.attributes[name] = String(value);
  }
  addEventListener(type, fn) {
    if (type === "click") this.listeners.push(fn);
  }
  click() {
    for (const fn of this.listeners) fn({});
  }
}

const fakeDocument = {
  createElement: (tag) => new FakeElement(fakeDocument, tag),
  createTextNode: (text) => new FakeText(fakeDocument, text),
  createDocumentFragment: () => Object.assign(new FakeNode(fakeDocument), { isFragment: true }),
};
globalThis.document = fakeDocument;
const { TextView } = await import("../src/outputs.js");

// What a user sees in a <pre>: its text as runs of one style ([text, classes, colour]),
// the show-all buttons' labels apart.
function seen(pre) {
  const runs = [];
  const buttons = [];
  const walk = (node, style) => {
    if (node instanceof FakeText) {
      const last = runs[runs.length - 1];
      if (last && last[1] === style) last[0] += node.data;
      else if (node.data) runs.push([node.data, style]);
      return;
    }
    if (node.tagName === "BUTTON") return buttons.push(node.textContent);
    const own = node.className || node.style.color ? `${node.className}|${node.style.color ?? ""}` : style;
    for (const child of node.childNodes) walk(child, own);
  };
  for (const child of pre.childNodes) walk(child, "");
  return { runs, buttons };
}

function viewOf(chunks, drawEvery) {
  const view = new TextView("output-text");
  chunks.forEach((c, i) => {
    view.append(c);
    if ((i + 1) % drawEvery === 0) view.draw();
  });
  view.draw();
  return view;
}

const lines = (n, f = (i) => `line ${i}\n`) => Array.from({ length: n }, (_, i) => f(i));

const cases = {
  "8,000 lines": lines(8000),
  "50 lines": lines(50),
  "a progress bar": [...lines(100, (i) => `\r${i}%`), "\n", "done\n"],
  "colours across a few lines": ["\x1b[31mred\n", ...lines(30, (i) => `still red ${i}\n`), "\x1b[0mplain\n"],
  "colours across many lines": ["\x1b[31mred\n", ...lines(300, (i) => `still red ${i}\n`), "\x1b[0mplain\n", "\x1b[1;34mbold blue"],
  "a colour set in the head, tail lines in it": ["\x1b[32m", ...lines(500)],
  "one long line": lines(3000, () => "xyz"),
  "a line too long for the head": ["y".repeat(30000) + "\n", ...lines(200)],
};

test("a stream drawn as its chunks come shows what one chunk of its text shows", () => {
  for (const [name, chunks] of Object.entries(cases)) {
    const whole = seen(viewOf([chunks.join("")], 1).el);
    for (const every of [1, 7, 1000]) {
      assert.deepEqual(seen(viewOf(chunks, every).el), whole, `${name}, drawn every ${every} chunks`);
    }
  }
});

test("a long stream collapses behind show all, which then shows every line and what comes next", () => {
  const view = viewOf(lines(8000), 100);
  const before = seen(view.el);
  assert.deepEqual(before.buttons, [`… show all (${(7900).toLocaleString()} more lines)`]);
  assert.equal(before.runs[0][0].split("\n").length - 1, 100, "80 lines of head and 20 of tail are shown");
  view.el.childNodes.find((n) => n.tagName === "BUTTON").click();
  view.append("line 8000\n");
  view.draw();
  assert.deepEqual(seen(view.el), { runs: [[lines(8001).join(""), ""]], buttons: [] });
});

test("the tail of a collapsed stream keeps the colour set before it", () => {
  const { runs } = seen(viewOf(["\x1b[35m", ...lines(500)], 10).el);
  assert.deepEqual(runs.map((r) => r[1]), ["ansi-magenta-fg|"], "head and tail both magenta");
});
