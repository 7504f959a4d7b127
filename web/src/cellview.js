// cellview.js: one cell on the page: prompt, editor (or rendered Markdown) and outputs.
//
// A CellView draws a cell of the model and reports what the user does through the
// handlers it is given; it never changes the model or talks to the kernel itself. A cell's
// source is first drawn as a static, highlighted view (staticview.js); its CodeMirror
// editor is made only when the cell is focused, pressed, edited, or has a line to mark.
//
// The editor's code (editor.js and CodeMirror, half of the page's code) is a chunk of its
// own, imported when the first editor is wanted or when the page calls preloadEditor() at
// idle. Until it is there, the static view stays, takes the focus and shows it is loading;
// then the editor replaces it, with the focus and the caret where the user clicked.
//
// Outputs that arrive while the cell runs are drawn at most once per animation frame: a
// stream that grew gets only its new text (outputs.js's TextView), so drawing a cell that
// prints thousands of times costs what drawing one print of the same text costs. Whatever
// is still to draw is drawn at once when the cell stops running, or before a notice.

import { lazyModule } from "./lazymodule.js";
import { createStaticView } from "./staticview.js";
import { renderMarkdown } from "./markdown.js";
import { drawOutput, renderNotice } from "./outputs.js";
import { streamTextFrom } from "./notebook.js";

const editorCode = lazyModule("cell editor", () => import("./editor.js"));

/**
 * Starts loading the editor's code (CodeMirror) unless it is loaded or loading; resolves
 * when it is loaded. Call it when the page is idle, so the first edit does not wait.
 */
export function preloadEditor() {
  return editorCode.load();
}

function el(tag, className) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  return node;
}

/**
 * The view of one cell. handlers: {onSource(text), onRun(mode), onEscape(), onNavigate(delta), onFocus()},
 * and optionally complete(code, pos, {signal}) and diagnose(code, {signal}) for the editor.
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
    this.el.tabIndex = 0; // every cell is a tab stop in command mode; its source is not
    this.el.dataset.id = cell.id;
    const input = el("div", "cell-input");
    const promptColumn = el("div", "prompt-column");
    this.runButton = el("button", "run-cell");
    this.runButton.type = "button";
    this.runButton.textContent = "▶";
    this.runButton.setAttribute("aria-label", "Run cell");
    this.runButton.title = "Run cell (Ctrl/Cmd+Enter)";
    this.runButton.addEventListener("click", () => handlers.onRun("stay"));
    this.prompt = el("div", "prompt in-prompt");
    promptColumn.append(this.runButton, this.prompt);
    this.body = el("div", "cell-body");
    this.editorWrap = el("div", "editor-wrap");
    this.rendered = el("div", "markdown rendered");
    this.rendered.addEventListener("dblclick", () => this.edit());
    this.body.append(this.editorWrap, this.rendered);
    input.append(promptColumn, this.body);
    this.outputs = el("div", "cell-outputs");
    this.outputs.setAttribute("aria-live", "polite");
    this.el.append(input, this.outputs);
    this.#editorOptions = {
      parent: this.editorWrap,
      label: "cell source",
      keys: this.#keys(),
      onChange: (text) => handlers.onSource(text),
      onFocus: () => handlers.onFocus(),
      complete: handlers.complete, // the kernel's completion and syntax check (editor.js)
      diagnose: handlers.diagnose,
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
  #editorLoading = null; // the promise of the editor while its code loads
  #errorLine = null; // the line to mark once there is an editor
  #pendingPress = null; // a press on the static view to replay in the editor: {event, offset, released}
  #typedAhead = []; // key events on the static view while the editor loads
  #destroyed = false;

  /** The cell's CodeMirror editor, or null while its source shows as a static view. */
  get editor() {
    return this.#editor;
  }

  /**
   * Makes the cell's editor (in place of the static view) if there is none yet, and
   * resolves to it; resolves to null if the view was destroyed meanwhile or the editor's
   * code could not be loaded (the cell then says so, and the next call tries again). Long
   * notebooks open fast because this happens only for the cells that need it: a few ms per
   * cell instead of tens, plus loading the editor's code once.
   */
  ensureEditor() {
    const now = this.#editorNow();
    if (now || this.#destroyed) return Promise.resolve(now);
    this.#static?.setLoading(true);
    this.#editorLoading ??= editorCode.load().then(
      (code) => this.#makeEditor(code),
      (err) => {
        this.#editorLoading = null;
        this.#static?.setLoading(false);
        if (!this.#destroyed) this.addNotice(`The editor could not be loaded (${err.message}); click the cell's source to try again.`);
        return null;
      },
    );
    return this.#editorLoading;
  }

  // The editor, made now if its code is loaded; null if that has to wait.
  #editorNow() {
    this.draw();
    if (this.#editor || this.#destroyed) return this.#editor;
    const code = editorCode.loaded;
    return code ? this.#makeEditor(code) : null;
  }

  // Replaces the static view with an editor, carrying over the error line and, if the
  // static view has the focus, the focus, a press made on it and keys typed in it.
  #makeEditor(code) {
    if (this.#editor || this.#destroyed) return this.#editor;
    const focused = this.#static?.focused ?? false;
    const [press, typed] = [this.#pendingPress, this.#typedAhead];
    this.#pendingPress = null;
    this.#typedAhead = [];
    this.#static?.destroy();
    this.#static = null;
    const editor = (this.#editor = code.createEditor({ ...this.#editorOptions, doc: this.cell.source, language: this.#language() }));
    if (this.#errorLine !== null) editor.markErrorLine(this.#errorLine);
    if (!focused) return editor;
    editor.focus();
    if (press) replayPress(editor, press);
    if (typed.length) editor.replayKeys(typed);
    return editor;
  }

  // A mouse press on the static view: the editor takes it over, caret where pressed. If
  // the editor has to wait for its code, the static view keeps the focus meanwhile, and
  // the press is replayed at the same place in the editor once it is made.
  #press(event) {
    const now = this.#editorNow();
    if (now || !this.#static) return now?.press(event);
    const box = this.#static.el.getBoundingClientRect();
    const offset = { x: event.clientX - box.left, y: event.clientY - box.top };
    const press = { event: pressFields(event), offset, released: false };
    window.addEventListener("mouseup", () => (press.released = true), { once: true, capture: true });
    this.#pendingPress = press;
    this.#static.focus();
  }

  // Keys pressed in the static view while the editor loads are kept for the editor: the
  // keydown of keys the editor binds (Enter, Backspace, Shift+Enter...), the keypress of
  // characters (which comes with their text).
  #typeAhead(event) {
    if (!this.#editorLoading || this.#editor) return;
    const character = event.key.length === 1 && !event.ctrlKey && !event.metaKey;
    if (event.type === "keydown" && (character || ["Shift", "Control", "Alt", "Meta"].includes(event.key))) return;
    if (event.type === "keypress" && !character) return;
    event.preventDefault();
    this.#typedAhead.push(event);
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
      onActivate: (event) => (event ? this.#press(event) : this.ensureEditor()),
      onKey: (event) => this.#typeAhead(event),
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
    this.runButton.hidden = type !== "code";
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

  /** Shows the cell as "idle", "queued" or "running" (In [*]); outputs are all drawn unless it runs. */
  setState(state) {
    this.state = state;
    if (state !== "running") this.#drawPending();
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
  }

  // What each output's element shows: [{output, el, stream, taken}], where stream is the
  // TextView of a stream output and taken how much of its text the view has.
  #shown = [];
  #pending = new Set(); // indices of outputs to draw at the next frame
  #frame = null;

  /** Redraws all outputs from the cell. */
  renderOutputs() {
    if (!this.#drawn) return this.draw();
    this.#cancelFrame();
    const outs = this.cell.outputs ?? [];
    this.#shown = outs.map((output) => this.#drawNew(output));
    this.outputs.replaceChildren(...this.#shown.map((s) => s.el));
    this.outputs.hidden = outs.length === 0;
    if (outs.length === 0) {
      this.#errorLine = null;
      this.#editor?.markErrorLine(null);
    }
  }

  #drawNew(output) {
    const { el: node, stream } = drawOutput(output, { source: this.cell.source });
    return { output, el: node, stream, taken: stream ? (output.text ?? "").length : 0 };
  }

  /**
   * Draws output number index, new or grown (streams merge into the output before them),
   * at the next animation frame (or at once when the cell stops running).
   */
  updateOutput(index) {
    if (!this.#drawn) return this.draw();
    this.#pending.add(index);
    this.#frame ??= nextFrame(() => {
      this.#frame = null;
      this.#drawPending();
    });
  }

  #cancelFrame() {
    this.#frame?.cancel();
    this.#frame = null;
    this.#pending.clear();
  }

  // Draws the outputs updateOutput was told about, in order: a stream that grew in place
  // takes only its new text; anything else is drawn anew.
  #drawPending() {
    if (this.#pending.size === 0) return;
    const indices = [...this.#pending].sort((a, b) => a - b);
    this.#cancelFrame();
    const outs = this.cell.outputs ?? [];
    for (const index of indices) {
      const output = outs[index];
      if (!output) continue;
      const shown = this.#shown[index];
      if (shown?.stream && shown.output === output && typeof output.text === "string" && output.text.length >= shown.taken) {
        const more = streamTextFrom(output, shown.taken);
        shown.taken += more.length;
        shown.stream.append(more);
        shown.stream.draw();
        continue;
      }
      const now = this.#drawNew(output);
      const old = this.#shown[index]?.el;
      if (old?.parentNode === this.outputs) old.replaceWith(now.el);
      else this.outputs.insertBefore(now.el, this.#shown[index + 1]?.el ?? this.#firstNotice());
      this.#shown[index] = now;
    }
    this.outputs.hidden = false;
  }

  // The first notice under the outputs (new outputs go before the notices), or null.
  #firstNotice() {
    return this.outputs.querySelector(":scope > .output-notice");
  }

  /** Shows a notice under the outputs (not saved with the notebook). */
  addNotice(message) {
    this.draw();
    this.#drawPending();
    this.outputs.appendChild(renderNotice(message));
    this.outputs.hidden = false;
  }

  /** Shows the cell's source again after the model's source changed outside the editor. */
  sourceChanged() {
    if (!this.#drawn) return;
    if (this.#editor) this.#editor.setText(this.cell.source);
    else this.#showMarkdown();
  }

  /** Marks the failing line in the editor (null clears); makes the editor for a line. */
  markError(line) {
    this.#errorLine = line;
    if (this.#editor) this.#editor.markErrorLine(line);
    else if (line !== null) this.ensureEditor();
  }

  /** For Markdown cells: show the editor instead of the rendered text, and focus it. */
  edit() {
    this.draw();
    if (this.cell.cell_type === "markdown" && !this.editing) {
      this.editing = true;
      this.#showMarkdown();
    }
    const now = this.#editorNow();
    if (now) return now.focus();
    this.#static?.focus(); // the editor takes the focus over when it is made
    this.ensureEditor();
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

  /** Removes the view and frees its editor. */
  destroy() {
    this.#destroyed = true;
    this.#cancelFrame();
    this.#editor?.destroy();
    this.#static?.destroy();
    this.el.remove();
  }
}

// How long drawing may wait for an animation frame: a hidden tab has none, but draws this
// often (or as often as the browser runs its timers there).
const FRAME_FALLBACK_MS = 100;

// Calls fn at the next animation frame, or after FRAME_FALLBACK_MS if there is none by then
// (a hidden tab); returns {cancel()}.
function nextFrame(fn) {
  let done = false;
  let raf = 0;
  const cancel = () => {
    done = true;
    if (raf) cancelAnimationFrame(raf);
    clearTimeout(timer);
  };
  const run = () => {
    if (done) return;
    cancel();
    fn();
  };
  const timer = setTimeout(run, FRAME_FALLBACK_MS);
  if (typeof requestAnimationFrame === "function") raf = requestAnimationFrame(run);
  return { cancel };
}

// Replays a press made on the static view at the same place (offset from its top left
// corner) in the editor that replaced it: as a press if the button is still down (so a
// drag selects), else as a caret placement.
function replayPress(editor, { event, offset, released }) {
  const box = editor.view.dom.getBoundingClientRect();
  const x = box.left + offset.x;
  const y = box.top + offset.y;
  if (released) editor.placeCaret(x, y);
  else editor.press({ ...event, clientX: x, clientY: y, screenX: event.screenX + x - event.clientX, screenY: event.screenY + y - event.clientY });
}

// The fields of a mouse event that a replayed press needs.
function pressFields({ clientX, clientY, screenX, screenY, button, buttons, detail, ctrlKey, shiftKey, altKey, metaKey }) {
  return { clientX, clientY, screenX, screenY, button, buttons, detail, ctrlKey, shiftKey, altKey, metaKey };
}
