// cellview.js: one cell on the page: prompt, editor (or rendered Markdown) and outputs.
//
// A CellView draws a cell of the model and reports what the user does through the
// handlers it is given; it never changes the model or talks to the kernel itself. A cell's
// source is first drawn as a static, highlighted view (staticview.js); its CodeMirror
// editor is made only when the cell is focused, pressed, edited, or has a line to mark.

import { createEditor } from "./editor.js";
import { createStaticView } from "./staticview.js";
import { renderMarkdown } from "./markdown.js";
import { renderOutput, renderNotice } from "./outputs.js";

function el(tag, className) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  return node;
}

/**
 * The view of one cell. handlers: {onSource(text), onRun(mode), onEscape(), onNavigate(delta), onFocus()}.
 * A view made with {deferred: true} shows only its prompt until draw() is called (or any
 * method that needs its contents), so a notebook can show the cells on screen first.
 */
export class CellView {
  /** Builds the view of cell; insert view.el into the page. */
  constructor(cell, handlers, { deferred = false } = {}) {
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
    this.#classify();
    this.setState(this.state);
    this.outputs.hidden = true;
    if (!deferred) this.draw();
  }

  #drawn = false;

  /** Draws the cell's source (or Markdown) and outputs, if that was deferred; cheap otherwise. */
  draw() {
    if (this.#drawn) return;
    this.#drawn = true;
    this.refresh();
  }

  /** Whether draw() has run. */
  get drawn() {
    return this.#drawn;
  }

  #editorOptions;
  #editor = null;
  #static = null;

  /**
   * The cell's CodeMirror editor, made (in place of the static view) the first time it is
   * needed, so long notebooks open fast: a few ms per cell instead of tens.
   */
  get editor() {
    this.draw();
    if (!this.#editor) {
      this.#static?.destroy();
      this.#static = null;
      this.#editor = createEditor({ ...this.#editorOptions, doc: this.cell.source, language: this.#language() });
    }
    return this.#editor;
  }

  /** Whether the cell's editor has been made (else its source shows as a static view). */
  get hasEditor() {
    return this.#editor !== null;
  }

  #language() {
    return this.cell.cell_type === "code" ? "python" : "text";
  }

  // Shows the source: in the editor if there is one, else in the static view.
  #showSource() {
    if (this.#editor) return;
    if (this.#static) {
      this.#static.setText(this.cell.source, this.#language());
      return;
    }
    this.#static = createStaticView({
      parent: this.editorWrap,
      doc: this.cell.source,
      language: this.#language(),
      label: this.#editorOptions.label,
      onActivate: (event) => (event ? this.editor.press(event) : this.editor.focus()),
    });
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

  #classify() {
    const type = this.cell.cell_type;
    this.el.classList.toggle("code-cell", type === "code");
    this.el.classList.toggle("markdown-cell", type === "markdown");
    this.el.classList.toggle("raw-cell", type === "raw");
  }

  /** Redraws everything from the cell: type, prompt, Markdown and outputs. */
  refresh() {
    if (!this.#drawn) return this.draw();
    this.#classify();
    this.#editor?.setLanguage(this.#language());
    if (this.cell.cell_type === "code") this.editing = true;
    this.#showMarkdown();
    this.setState(this.state);
    this.renderOutputs();
  }

  #showMarkdown() {
    const showRendered = this.cell.cell_type === "markdown" && !this.editing;
    this.editorWrap.hidden = showRendered;
    if (!showRendered) this.#showSource();
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
    if (!this.#drawn) return this.draw();
    const outs = this.cell.outputs ?? [];
    this.outputs.replaceChildren(...outs.map(renderOutput));
    this.outputs.hidden = outs.length === 0;
    if (outs.length === 0) this.#editor?.markErrorLine(null);
  }

  /** Draws output number index, new or grown (streams merge into the output before them). */
  updateOutput(index) {
    if (!this.#drawn) return this.draw();
    const node = renderOutput(this.cell.outputs[index]);
    const old = this.outputs.children[index];
    if (old) old.replaceWith(node);
    else this.outputs.appendChild(node);
    this.outputs.hidden = false;
  }

  /** Shows a notice under the outputs (not saved with the notebook). */
  addNotice(message) {
    this.draw();
    this.outputs.appendChild(renderNotice(message));
    this.outputs.hidden = false;
  }

  /** Shows the cell's source again after the model's source changed outside the editor. */
  sourceChanged() {
    if (!this.#drawn) return;
    if (this.#editor) this.#editor.setText(this.cell.source);
    else this.#showMarkdown();
  }

  /** Marks the failing line in the editor (null clears); makes the editor if needed. */
  markError(line) {
    this.editor.markErrorLine(line);
  }

  /** For Markdown cells: show the editor instead of the rendered text, and focus it. */
  edit() {
    this.draw();
    if (this.cell.cell_type === "markdown" && !this.editing) {
      this.editing = true;
      this.#showMarkdown();
    }
    this.editor.focus();
  }

  /** For Markdown cells: show the rendered text (what "running" a Markdown cell does). */
  render() {
    if (this.cell.cell_type !== "markdown") return;
    this.draw();
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
    this.#static?.destroy();
    this.el.remove();
  }
}
