// Stand-ins for the page's parts, for the tests of the modules main.js wires together:
// a cell view, an exercise panel, the banner and status line, a kernel, a DOM element.

/** A cell view (cellview.js's CellView) that logs what it was asked, as "id method args". */
export class FakeView {
  constructor(cell, log = []) {
    this.cell = cell;
    this.log = log;
    this.state = "idle";
    this.el = new FakeElement(cell.id);
    this.drawn = false;
  }
  #note(what) {
    this.log.push(`${this.cell.id} ${what}`);
  }
  setState(state) {
    this.state = state;
    this.#note(`state ${state}`);
  }
  addNotice(message) {
    this.#note(`notice ${message}`);
  }
  render() {
    this.#note("render");
  }
  renderOutputs() {
    this.#note("renderOutputs");
  }
  markError(line) {
    this.#note(`markError ${line}`);
  }
  setSelected(on) {
    this.#note(on ? "selected" : "unselected");
  }
  focusCell() {
    this.#note("focus");
  }
  edit() {
    this.#note("edit");
  }
  draw() {
    this.drawn = true;
  }
  destroy() {
    this.el.remove();
    this.#note("destroy");
  }
  refresh() {
    this.#note("refresh");
  }
  sourceChanged() {
    this.#note("sourceChanged");
  }
  updateOutput(index) {
    this.#note(`updateOutput ${index}`);
  }
}

/** The banner and the status line (notices.js's Notices), remembered as text. */
export class FakeNotices {
  bannerText = null;
  bannerKind = null;
  statusText = "";
  offersDownload = false;
  downloadAction = null;
  banner(message, kind = "info") {
    this.bannerText = message;
    this.bannerKind = kind;
    this.offersDownload = false;
  }
  status(message) {
    this.statusText = message;
  }
  offerDownload(onClick) {
    this.offersDownload = true;
    this.downloadAction = onClick;
  }
}

/** A DOM element: children in order, classes, listeners, attributes; enough for the page's modules. */
export class FakeElement {
  constructor(name = "", doc = null) {
    this.name = name;
    this.ownerDocument = doc ?? fakeDocument();
    this.children = [];
    this.parent = null;
    this.hidden = false;
    this.textContent = "";
    this.className = "";
    this.attributes = {};
    this.listeners = {};
    this.top = 0;
    const classes = new Set();
    this.classList = {
      add: (c) => classes.add(c),
      remove: (c) => classes.delete(c),
      toggle: (c, on) => (on ? classes.add(c) : classes.delete(c)),
      contains: (c) => classes.has(c),
    };
  }
  append(...nodes) {
    for (const n of nodes) this.insertBefore(n, null);
  }
  appendChild(node) {
    return this.insertBefore(node, null);
  }
  insertBefore(node, ref) {
    if (node.parent) node.parent.children.splice(node.parent.children.indexOf(node), 1);
    const at = ref ? this.children.indexOf(ref) : this.children.length;
    if (at < 0) throw new Error("insertBefore: the reference node is not a child");
    this.children.splice(at, 0, node);
    node.parent = this;
    return node;
  }
  replaceChildren(...nodes) {
    this.children = [];
    this.append(...nodes);
  }
  remove() {
    if (this.parent) this.parent.children.splice(this.parent.children.indexOf(this), 1);
    this.parent = null;
  }
  before(node) {
    this.parent.insertBefore(node, this);
  }
  get nextSibling() {
    return this.parent?.children[this.parent.children.indexOf(this) + 1] ?? null;
  }
  setAttribute(name, value) {
    this.attributes[name] = value;
  }
  addEventListener(type, fn) {
    (this.listeners[type] ??= []).push(fn);
  }
  dispatch(type, event = {}) {
    for (const fn of this.listeners[type] ?? []) fn({ type, target: this, preventDefault() {}, ...event });
  }
  click() {
    this.dispatch("click");
  }
  getBoundingClientRect() {
    return { top: this.top };
  }
  querySelector() {
    return this.children[0] ?? null;
  }
}

/** A document that makes FakeElements. */
export function fakeDocument() {
  const doc = { createElement: (name) => new FakeElement(name, doc) };
  return doc;
}

/**
 * A kernel (kernel.js's Kernel) whose execute and check wait until the test ends them with
 * finish(status, outputs); it logs what it was asked.
 */
export class FakeKernel extends EventTarget {
  state = "idle";
  session = 1;
  version = "test";
  log = [];
  files = new Map();
  base = null;
  #pending = null;
  #count = 0;
  get canExecute() {
    return this.state === "idle" && this.#pending === null;
  }
  #request(kind, code, onOutput) {
    this.log.push(`${kind} ${code}`);
    return new Promise((resolve) => (this.#pending = { resolve, onOutput, kind }));
  }
  execute(code, { onOutput } = {}) {
    return this.#request("execute", code, onOutput);
  }
  check(code, { onOutput } = {}) {
    return this.#request("check", code, onOutput);
  }
  /** Whether a request waits for finish. */
  get busy() {
    return this.#pending !== null;
  }
  /** Ends the request in flight with status, after sending outputs. */
  async finish(status = "ok", outputs = []) {
    const { resolve, onOutput, kind } = this.#pending;
    this.#pending = null;
    for (const o of outputs) onOutput?.(o);
    resolve(kind === "execute" ? { status, execution_count: ++this.#count } : { status });
    await tick();
  }
  interrupt() {
    this.log.push("interrupt");
  }
  async restart() {
    this.log.push("restart");
    this.session++;
    this.#count = 0;
  }
  addFile(name, data) {
    this.files.set(name, data);
  }
  removeFile(name) {
    this.files.delete(name);
  }
  setBase(url) {
    this.base = url;
  }
  exportTable(table, format) {
    return Promise.resolve(`table ${table} as ${format}`);
  }
  say(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}

/** Lets promises and a 0 ms timer run. */
export const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
