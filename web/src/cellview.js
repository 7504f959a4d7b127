// cellview.js: one cell on the page: prompt, editor (or rendered Markdown) and outputs.
//
// A CellView draws a cell of the model and reports what the user does through the
// handlers it is given; it never changes the model or talks to the kernel itself.

import { createEditor } from "./editor.js";
import { renderMarkdown } from "./markdown.js";
import { renderOutput, renderNotice } from "./outputs.js";

function el(tag, className) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  return node;
}

/** The view of one cell. handlers: {onSource(text), onRun(mode), onEscape(), onNavigate(delta), onFocus()}. */
export class CellView {
  /** Builds the view of cell; insert view.el into the page. */
  constructor(cell, handlers) {
    this.cell = cell;
    this.handlers = handlers;
    this.state = "idle";
    this.el = el("section", "cell");
    this.el.tabIndex = -1;
    this.el.dataset.id = cell.id;
    const input = el("div", "cell-input");
    this.prompt = el("div", "prompt in-prompt");
    this.body = el("div", "cell-body");
    this.editorWrap = el("div", "editor-wrap");
    this.rendered = el("div", "markdown rendered");
    this.rendered.addEventListener("dblclick", () => this.edit());
    this.body.append(this.editorWrap, this.rendered);
    input.append(this.prompt, this.body);
    this.outputs = el("div", "cell-outputs");
    this.outputs.setAttribute("aria-live", "polite");
    this.el.append(input, this.outputs);
    this.#editorOptions = {
      parent: this.editorWrap,
      label: "cell source",
      keys: this.#keys(),
      onChange: (text) => handlers.onSource(text),
      onFocus: () => handlers.onFocus(),
    };
    this.el.addEventListener("focusin", () => handlers.onFocus());
    this.editing = cell.cell_type === "code" || cell.source.trim() === "";
    this.refresh();
  }

  #editorOptions;
  #editor = null;

  /**
   * The cell's CodeMirror editor, made the first time it is needed: a rendered
   * Markdown cell gets none until it is edited, so long notebooks open faster.
   */
  get editor() {
    this.#editor ??= createEditor({
      ...this.#editorOptions,
      doc: this.cell.source,
      language: this.cell.cell_type === "code" ? "python" : "text",
    });
    return this.#editor;
  }

  #keys() {
    const h = this.handlers;
    const atEdge = (view, up) => {
      const sel = view.state.selection.main;
      if (!sel.empty) return false;
      const line = view.state.doc.lineAt(sel.head).number;
      return up ? line === 1 : line === view.state.doc.lines;
    };
    return [
      { key: "Shift-Enter", run: () => (h.onRun("next"), true) },
      { key: "Mod-Enter", run: () => (h.onRun("stay"), true) },
      { key: "Alt-Enter", run: () => (h.onRun("insert"), true) },
      { key: "Escape", run: () => (h.onEscape(), true) },
      { key: "ArrowUp", run: (v) => atEdge(v, true) && (h.onNavigate(-1), true) },
      { key: "ArrowDown", run: (v) => atEdge(v, false) && (h.onNavigate(1), true) },
    ];
  }

  /** Redraws everything from the cell: type, prompt, Markdown and outputs. */
  refresh() {
    const { cell } = this;
    const isCode = cell.cell_type === "code";
    this.el.classList.toggle("code-cell", isCode);
    this.el.classList.toggle("markdown-cell", cell.cell_type === "markdown");
    this.el.classList.toggle("raw-cell", cell.cell_type === "raw");
    this.#editor?.setLanguage(isCode ? "python" : "text");
    if (isCode) this.editing = true;
    this.#showMarkdown();
    this.setState(this.state);
    this.renderOutputs();
  }

  #showMarkdown() {
    const showRendered = this.cell.cell_type === "markdown" && !this.editing;
    this.editorWrap.hidden = showRendered;
    if (!showRendered) void this.editor; // shown, so it must exist
    this.rendered.hidden = !showRendered;
    if (showRendered) this.rendered.replaceChildren(renderMarkdown(this.cell.source));
    this.#label();
  }

  #label() {
    const kind = { code: "Code", markdown: "Markdown", raw: "Raw" }[this.cell.cell_type];
    const count = this.cell.execution_count;
    this.el.setAttribute("aria-label", `${kind} cell${count ? `, In ${count}` : ""}${this.state === "running" ? ", running" : ""}`);
  }

  /** Shows the cell as "idle", "queued" or "running" (In [*]). */
  setState(state) {
    this.state = state;
    this.el.classList.toggle("running", state === "running");
    this.el.classList.toggle("queued", state === "queued");
    if (this.cell.cell_type === "code") {
      const n = state === "idle" ? (this.cell.execution_count ?? " ") : "*";
      this.prompt.textContent = `In [${n}]:`;
    } else {
      this.prompt.textContent = "";
    }
    this.#label();
  }

  /** Marks this cell as the selected one. */
  setSelected(selected) {
    this.el.classList.toggle("selected", selected);
    this.el.tabIndex = selected ? 0 : -1;
  }

  /** Redraws all outputs from the cell. */
  renderOutputs() {
    const outs = this.cell.outputs ?? [];
    this.outputs.replaceChildren(...outs.map(renderOutput));
    this.outputs.hidden = outs.length === 0;
    if (outs.length === 0) this.#editor?.markErrorLine(null);
  }

  /** Draws output number index, new or grown (streams merge into the output before them). */
  updateOutput(index) {
    const node = renderOutput(this.cell.outputs[index]);
    const old = this.outputs.children[index];
    if (old) old.replaceWith(node);
    else this.outputs.appendChild(node);
    this.outputs.hidden = false;
  }

  /** Shows a notice under the outputs (not saved with the notebook). */
  addNotice(message) {
    this.outputs.appendChild(renderNotice(message));
    this.outputs.hidden = false;
  }

  /** Marks the failing line in the editor (null clears). */
  markError(line) {
    this.editor.markErrorLine(line);
  }

  /** For Markdown cells: show the editor instead of the rendered text, and focus it. */
  edit() {
    if (this.cell.cell_type === "markdown" && !this.editing) {
      this.editing = true;
      this.#showMarkdown();
    }
    this.editor.focus();
  }

  /** For Markdown cells: show the rendered text (what "running" a Markdown cell does). */
  render() {
    if (this.cell.cell_type !== "markdown") return;
    this.editing = false;
    this.#showMarkdown();
  }

  /** Focuses the cell itself (command mode), not its editor. */
  focusCell() {
    this.el.focus({ preventScroll: false });
  }

  /** Frees the editor. */
  destroy() {
    this.#editor?.destroy();
    this.el.remove();
  }
}
