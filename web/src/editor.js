// editor.js: the CodeMirror 6 editor used in cells: Python highlighting for code cells,
// plain text for Markdown, colours from CSS variables through highlight.js's "tok-*"
// classes (so light and dark both work, and the static view before it looks the same),
// and a way to mark the line an error came from.
//
// Code cells also get help from the kernel, which the page hands in as two functions
// (this module never imports the kernel): complete(code, pos, {signal}) for completion
// (Ctrl+Space, or as you type a name or after a dot) and diagnose(code, {signal}) for the
// syntax check that marks an error about 400 ms after typing stops. Both resolve with null
// when there is no answer; neither ever holds up typing (CodeMirror runs them
// asynchronously and aborts a stale completion request).

import { EditorState, StateEffect, StateField, Compartment, Prec } from "@codemirror/state";
import { EditorView, Decoration, keymap, highlightSpecialChars, drawSelection, dropCursor, runScopeHandlers, showTooltip } from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { bracketMatching, indentOnInput, indentUnit, syntaxHighlighting, syntaxTree } from "@codemirror/language";
import { autocompletion, closeBrackets, closeBracketsKeymap, closeCompletion, completionStatus } from "@codemirror/autocomplete";
import { linter, lintKeymap, forEachDiagnostic } from "@codemirror/lint";
import { python, localCompletionSource } from "@codemirror/lang-python";
import { highlighter } from "./highlight.js";

// ---- completion ----

const WORD = /[\p{L}\p{N}_]+$/u;
const WORD_CHARS = /^[\p{L}\p{N}_]*$/u;
// After these a name is expected even before one is typed: "import ", "from ",
// "from m import ", "from m import (a, ".
const IMPORT_CONTEXT = /^\s*(import\s+[\w.]*|from\s+[\w.]*|from\s+[\w.]+\s+import\s+(\(?\s*[\w\s,]*)?)$/;
const NO_COMPLETION_IN = new Set(["String", "FormatString", "Comment"]);

// The kernel's kinds and CodeMirror's icon types ("module" has an icon of its own below).
const TYPES = { function: "function", module: "module", variable: "variable", class: "class", keyword: "keyword" };

/** A kernel completion item {name, kind, doc} as a CodeMirror completion, the doc as its info. */
export function toCompletion(item) {
  const option = { label: item.name, type: TYPES[item.kind] ?? "variable" };
  if (item.doc) option.info = item.doc;
  if (item.kind === "keyword") option.boost = -1; // a name of the session or a built-in first
  return option;
}

/**
 * The completion source that asks the kernel through complete(code, pos, {signal}). It
 * asks on Ctrl+Space anywhere, and by itself only as you type after a dot or after
 * "import " / "from " / "from m import " (so Enter after a plain name still breaks the
 * line); never inside a string or a comment unless asked. The answer stays valid while you
 * type more of the same name (CodeMirror filters it), so a name costs one request; a
 * request that a later keystroke made stale is aborted; a name typed out in full, with
 * nothing longer to offer, closes the list. Names defined in the cell but not yet run
 * (CodeMirror's Python scope analysis) are added.
 */
export function kernelCompletionSource(complete) {
  return async (context) => {
    const { state, pos, explicit } = context;
    const line = state.doc.lineAt(pos);
    const before = line.text.slice(0, pos - line.from);
    const word = WORD.exec(before)?.[0] ?? "";
    const afterDot = before.slice(0, before.length - word.length).endsWith(".");
    const importing = IMPORT_CONTEXT.test(before);
    if (!explicit && !afterDot && !importing) return null;
    const owner = afterDot ? (WORD.exec(before.slice(0, before.length - word.length - 1))?.[0] ?? "") : "";
    if (/^\p{N}/u.test(word) || /^\p{N}/u.test(owner)) return null; // a number: 1.5, 2.
    if (!explicit && NO_COMPLETION_IN.has(syntaxTree(state).resolveInner(pos, -1).name)) return null;
    const local = !afterDot && !importing ? localCompletionSource(context) : null;
    const controller = new AbortController();
    context.addEventListener("abort", () => controller.abort());
    let answer = null;
    try {
      answer = await complete(state.doc.toString(), pos, { signal: controller.signal });
    } catch {
      answer = null; // no kernel, no kernel completions; typing goes on
    }
    if (context.aborted) return null;
    const options = (answer?.items ?? []).map(toCompletion);
    const from = answer ? answer.from : pos - word.length;
    if (local && local.from === from) {
      const known = new Set(options.map((o) => o.label));
      for (const o of local.options) {
        if (!known.has(o.label)) {
          known.add(o.label);
          options.push({ ...o, info: o.info ?? "defined in this cell (not run yet)" });
        }
      }
    }
    const typedOut = (text) => {
      const fitting = options.filter((o) => o.label.startsWith(text));
      return fitting.length === 1 && fitting[0].label === text;
    };
    if (options.length === 0 || typedOut(state.sliceDoc(from, pos))) return null;
    return { from, options, validFor: (text) => WORD_CHARS.test(text) && !typedOut(text) };
  };
}

// ---- the syntax check as you type ----

/**
 * The kernel's diagnostics [{name, line, col, message}] (1-based line and UTF-16 column) as
 * CodeMirror diagnostics over doc (a Text): each marks the name or character at its column;
 * an error at the end of a line marks the last character before it, so there is something to
 * hover; lines past the end mean the end of the text.
 */
export function diagnosticsFrom(doc, list) {
  /** @type {import("@codemirror/lint").Diagnostic[]} */
  const out = [];
  for (const d of list ?? []) {
    if (!d || !(d.line >= 1)) continue;
    let from, to;
    if (d.line > doc.lines) {
      from = to = doc.length;
    } else {
      const line = doc.line(d.line);
      from = line.from + Math.max(0, Math.min((d.col ?? 1) - 1, line.length));
      const rest = doc.sliceString(from, line.to);
      to = from + (/^[\p{L}\p{N}_]+/u.exec(rest)?.[0].length ?? (/^\S/u.test(rest) ? 1 : 0));
    }
    if (to === from) {
      const text = doc.sliceString(0, from).replace(/\s+$/u, "");
      if (text.length > 0) [from, to] = [text.length - 1, text.length];
    }
    out.push({ from, to, severity: "error", source: d.name || "SyntaxError", message: String(d.message ?? "") });
  }
  return out;
}

/** The lint source that asks the kernel through diagnose(code, {signal}). */
export function kernelLintSource(diagnose) {
  return async (view) => {
    const doc = view.state.doc;
    let list = null;
    try {
      list = await diagnose(doc.toString());
    } catch {
      list = null;
    }
    // CodeMirror drops the answer if the text changed meanwhile.
    return diagnosticsFrom(doc, list ?? []);
  };
}

// The message of the error under the caret, as a tooltip, while the editor has the focus:
// the keyboard's way to read what the mouse reads by hovering (also: Ctrl/Cmd+Shift+M lists
// the errors in a panel, F8 moves to the next).
/** @type {import("@codemirror/state").StateEffectType<boolean>} */
const setFocused = StateEffect.define();
const caretDiagnostic = StateField.define({
  create: () => ({ focused: false, tooltip: null }),
  update(value, tr) {
    let focused = value.focused;
    for (const e of tr.effects) if (e.is(setFocused)) focused = e.value;
    const head = tr.state.selection.main;
    /** @type {{d: import("@codemirror/lint").Diagnostic, from: number} | null} */
    let found = null;
    if (focused && head.empty) {
      forEachDiagnostic(tr.state, (d, from, to) => {
        if (!found && from <= head.head && head.head <= to) found = { d, from };
      });
    }
    const same = found && value.tooltip && value.tooltip.pos === found.from && value.tooltip.message === found.d.message;
    if (same) return focused === value.focused ? value : { focused, tooltip: value.tooltip };
    const tooltip = found
      ? {
          pos: found.from,
          message: found.d.message,
          above: true,
          create: () => {
            const dom = document.createElement("div");
            dom.className = "cm-tooltip-lint cm-caret-diagnostic";
            dom.setAttribute("role", "status");
            const item = dom.appendChild(document.createElement("div"));
            item.className = "cm-diagnostic cm-diagnostic-error";
            item.textContent = `${found.d.source ? found.d.source + ": " : ""}${found.d.message}`;
            return { dom };
          },
        }
      : null;
    return { focused, tooltip };
  },
  provide: (f) => showTooltip.from(f, (v) => v.tooltip),
});

/** Completion and the syntax check for a code cell, from the page's kernel functions. */
function kernelAssist({ complete, diagnose }) {
  const parts = [];
  if (complete) parts.push(autocompletion({ override: [kernelCompletionSource(complete)], icons: true, maxRenderedOptions: 60 }));
  if (diagnose) {
    parts.push(linter(kernelLintSource(diagnose), { delay: 400 }), caretDiagnostic, EditorView.focusChangeEffect.of((_, focusing) => setFocused.of(focusing)));
  }
  return parts;
}

// Completion, lint and tooltips in the page's colours (light or dark, from style.css's
// variables), whatever CodeMirror's own light theme says.
const assistTheme = EditorView.theme({
  ".cm-tooltip": { background: "var(--bg)", color: "var(--fg)", border: "1px solid var(--border-strong)", borderRadius: "6px", boxShadow: "0 4px 14px rgba(0, 0, 0, 0.18)" },
  ".cm-tooltip.cm-tooltip-autocomplete > ul": { fontFamily: "var(--mono)", fontSize: "13px", maxHeight: "14em" },
  ".cm-tooltip.cm-tooltip-autocomplete > ul > li": { padding: "2px 8px 2px 4px", lineHeight: 1.35 },
  ".cm-tooltip-autocomplete ul li[aria-selected]": { background: "var(--accent)", color: "var(--bg)" },
  ".cm-completionMatchedText": { textDecoration: "none", fontWeight: "700" },
  ".cm-completionIcon": { opacity: "0.8", width: "1em" },
  ".cm-completionIcon-module:after": { content: "'▣'" },
  ".cm-completionIcon-function:after": { content: "'ƒ'", color: "var(--tok-function)" },
  ".cm-completionIcon-class:after": { content: "'◆'", color: "var(--tok-class)" },
  ".cm-completionIcon-variable:after": { content: "'𝑥'", color: "var(--tok-builtin)" },
  ".cm-completionIcon-keyword:after": { content: "'k'", fontWeight: "700", color: "var(--tok-keyword)" },
  ".cm-completionIcon-module": { color: "var(--tok-number)" },
  "li[aria-selected] .cm-completionIcon:after": { color: "inherit" },
  ".cm-tooltip.cm-completionInfo": { fontFamily: "var(--mono)", fontSize: "12.5px", padding: "6px 10px", maxWidth: "min(480px, 60vw)", whiteSpace: "pre-wrap" },
  ".cm-diagnostic": { fontFamily: "var(--sans)", fontSize: "13px", padding: "4px 8px 4px 9px" },
  ".cm-diagnostic-error": { borderLeft: "4px solid var(--dead)" },
  ".cm-diagnosticSource": { fontSize: "11px", opacity: 0.8 },
  ".cm-lintRange-error": { backgroundImage: "none", textDecoration: "underline wavy var(--dead)", textDecorationSkipInk: "none", textUnderlineOffset: "3px" },
  ".cm-lintPoint:after": { borderBottomColor: "var(--dead)" },
  ".cm-panels": { background: "var(--input-bg)", color: "var(--fg)" },
  ".cm-panels.cm-panels-bottom": { borderTop: "1px solid var(--border)" },
  ".cm-panel.cm-panel-lint ul [aria-selected]": { background: "var(--accent-soft)", color: "var(--fg)" },
  ".cm-panel.cm-panel-lint ul:focus [aria-selected]": { background: "var(--accent-soft)", color: "var(--fg)" },
});

/**
 * The page's Esc binding (in keys), made to win always: Esc leaves the editor unless a
 * completion list is shown, which it closes first. Completion's own keymap, which comes
 * first, would otherwise swallow Esc while a completion is being asked for (after every
 * keystroke), and Esc would seem to do nothing.
 */
function escapeLeaves(keys) {
  const escape = keys.find((k) => k.key === "Escape");
  if (!escape) return [];
  const run = (view) => {
    if (completionStatus(view.state) === "active") return false;
    closeCompletion(view);
    return escape.run(view);
  };
  return [Prec.highest(keymap.of([{ key: "Escape", run }]))];
}

/** @type {import("@codemirror/state").StateEffectType<number | null>} */
const setErrorLine = StateEffect.define();
const errorLineDeco = Decoration.line({ class: "cm-error-line", attributes: { "aria-invalid": "true" } });

// Holds the marked error line; any edit clears it.
const errorLineField = StateField.define({
  create: () => Decoration.none,
  update(deco, tr) {
    for (const e of tr.effects) {
      if (e.is(setErrorLine)) {
        if (e.value === null || e.value < 1 || e.value > tr.state.doc.lines) return Decoration.none;
        return Decoration.set([errorLineDeco.range(tr.state.doc.line(e.value).from)]);
      }
    }
    return tr.docChanged ? Decoration.none : deco;
  },
  provide: (f) => EditorView.decorations.from(f),
});

/**
 * Creates an editor in parent. keys are extra key bindings (they win over the defaults);
 * onChange(text) runs after every edit; language is "python" or "text"; label names the
 * editor for screen readers. complete(code, pos, {signal}) and diagnose(code, {signal})
 * (optional; the page's Kernel.complete and Kernel.diagnose) give Python cells completion
 * and the syntax check as you type.
 */
export function createEditor({ parent, doc, language = "python", keys = [], onChange, onFocus, label, complete, diagnose }) {
  const lang = new Compartment();
  const assist = kernelAssist({ complete, diagnose });
  const languageExtensions = (name) => (name === "python" ? [python(), assist] : []);
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc,
      extensions: [
        escapeLeaves(keys),
        keymap.of(keys),
        highlightSpecialChars(),
        history(),
        drawSelection(),
        dropCursor(),
        indentOnInput(),
        indentUnit.of("    "),
        EditorState.tabSize.of(4),
        bracketMatching(),
        closeBrackets(),
        syntaxHighlighting(highlighter),
        lang.of(languageExtensions(language)),
        assistTheme,
        errorLineField,
        keymap.of([...closeBracketsKeymap, ...lintKeymap, ...defaultKeymap, ...historyKeymap, indentWithTab]),
        // Tab indents inside the editor; Esc leaves it for the cell (command mode), where
        // Tab moves on. The editor itself is no tab stop, so Tab from its cell never lands
        // back in it: Enter on the cell (or a click) edits.
        EditorView.contentAttributes.of({ "aria-label": label ?? "cell editor", tabindex: "-1" }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) onChange?.(u.state.doc.toString());
          if (u.focusChanged && u.view.hasFocus) onFocus?.();
        }),
      ],
    }),
  });
  return {
    view,
    /** Current text. */
    get text() {
      return view.state.doc.toString();
    },
    /** Switches highlighting between "python" and "text". */
    setLanguage(name) {
      view.dispatch({ effects: lang.reconfigure(languageExtensions(name)) });
    },
    /** Marks a 1-based line as the one that failed (null clears), scrolling it into view. */
    markErrorLine(line) {
      /** @type {import("@codemirror/state").StateEffect<unknown>[]} */
      const effects = [setErrorLine.of(line)];
      if (line !== null && line >= 1 && line <= view.state.doc.lines) {
        effects.push(EditorView.scrollIntoView(view.state.doc.line(line).from, { y: "nearest" }));
      }
      view.dispatch({ effects });
    },
    /** Replaces the whole text when it differs (a change made outside the editor). */
    setText(text) {
      if (text !== view.state.doc.toString()) view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
    /**
     * Carries on a mouse press that began on the static view this editor replaced: the
     * editor handles it as its own (caret where pressed, drag to select). event needs the
     * fields of a MouseEvent, not a MouseEvent.
     */
    press(event) {
      const { clientX, clientY, screenX, screenY, button, buttons, detail, ctrlKey, shiftKey, altKey, metaKey } = event;
      const init = { bubbles: true, cancelable: true, view: window, clientX, clientY, screenX, screenY, button, buttons, detail, ctrlKey, shiftKey, altKey, metaKey };
      view.contentDOM.dispatchEvent(new MouseEvent("mousedown", init));
      if (!view.hasFocus) this.placeCaret(clientX, clientY);
    },
    /** Focuses the editor with the caret at the text nearest the viewport point (x, y). */
    placeCaret(x, y) {
      const pos = view.posAtCoords({ x, y }, false);
      view.focus();
      view.dispatch({ selection: { anchor: pos } });
    },
    /**
     * Acts on keys pressed before the editor was made, in order, as if pressed in it: a
     * keydown runs the key's binding (Enter indents, Backspace deletes, Shift+Enter runs the
     * cell), a keypress types its character at the caret.
     */
    replayKeys(events) {
      for (const event of events) {
        if (event.type === "keypress") view.dispatch(view.state.replaceSelection(event.key), { scrollIntoView: true, userEvent: "input.type" });
        else runScopeHandlers(view, event, "editor");
      }
    },
    /** Whether the editor has the keyboard focus. */
    get hasFocus() {
      return view.hasFocus;
    },
    /** Focuses the editor, cursor at the end when atEnd. */
    focus(atEnd = false) {
      view.focus();
      if (atEnd) view.dispatch({ selection: { anchor: view.state.doc.length } });
    },
    /** Frees the editor. */
    destroy() {
      view.destroy();
    },
  };
}
