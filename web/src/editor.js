// editor.js: the CodeMirror 6 editor used in cells: Python highlighting for code cells,
// plain text for Markdown, colours from CSS variables through highlight.js's "tok-*"
// classes (so light and dark both work, and the static view before it looks the same),
// and a way to mark the line an error came from.

import { EditorState, StateEffect, StateField, Compartment } from "@codemirror/state";
import { EditorView, Decoration, keymap, highlightSpecialChars, drawSelection, dropCursor, runScopeHandlers } from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { bracketMatching, indentOnInput, indentUnit, syntaxHighlighting } from "@codemirror/language";
import { closeBrackets, closeBracketsKeymap } from "@codemirror/autocomplete";
import { python } from "@codemirror/lang-python";
import { highlighter } from "./highlight.js";

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
 * editor for screen readers.
 */
export function createEditor({ parent, doc, language = "python", keys = [], onChange, onFocus, label }) {
  const lang = new Compartment();
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc,
      extensions: [
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
        lang.of(language === "python" ? python() : []),
        errorLineField,
        keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, indentWithTab]),
        EditorView.contentAttributes.of({ "aria-label": label ?? "cell editor" }),
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
      view.dispatch({ effects: lang.reconfigure(name === "python" ? python() : []) });
    },
    /** Marks a 1-based line as the one that failed (null clears), scrolling it into view. */
    markErrorLine(line) {
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
