// staticview.js: a cell's source drawn as plain, highlighted DOM until the cell is edited.
//
// A CodeMirror editor costs tens of milliseconds to make; a notebook of many cells made
// all of them before it could show anything. The static view has the editor's DOM shape
// and classes (cm-editor > cm-scroller > cm-content > cm-line, the same "tok-*" colours),
// so style.css lays both out the same and nothing moves when the editor replaces it. It is
// focusable and labelled like the editor; focusing or pressing it asks for the editor.

import { highlightLines } from "./highlight.js";

/**
 * Draws doc in parent. language is "python" or "text"; label names it for screen readers;
 * onActivate(event) runs when the user focuses it (event: null) or presses a mouse button
 * on it (the mousedown event, default prevented), which is when the owner should replace
 * it with an editor. onKey(event) sees the keydown and keypress events while it has the
 * focus (before the editor that replaces it is ready).
 */
export function createStaticView({ parent, doc, language = "python", label, onActivate, onKey }) {
  const root = document.createElement("div");
  root.className = "cm-editor cm-static";
  const scroller = document.createElement("div");
  scroller.className = "cm-scroller";
  const content = document.createElement("div");
  content.className = "cm-content";
  content.tabIndex = -1; // reached with Enter on its cell (or a click), not with Tab
  content.setAttribute("role", "textbox");
  content.setAttribute("aria-multiline", "true");
  content.setAttribute("aria-label", label ?? "cell editor");
  content.spellcheck = false;
  scroller.appendChild(content);
  root.appendChild(scroller);
  content.addEventListener("focus", () => onActivate?.(null));
  if (onKey) for (const type of ["keydown", "keypress"]) content.addEventListener(type, onKey);
  root.addEventListener("mousedown", (e) => {
    if (e.button !== 0) return;
    e.preventDefault(); // the editor takes the focus and the caret itself
    onActivate?.(e);
  });

  let shown = null;
  const draw = (text, lang) => {
    if (shown && shown.text === text && shown.lang === lang) return;
    shown = { text, lang };
    content.replaceChildren(...highlightLines(text, lang).map(lineNode));
  };
  draw(doc, language);
  parent.appendChild(root);
  return {
    el: root,
    /** Redraws the view with new text or language (nothing happens if both are unchanged). */
    setText(text, lang = shown.lang) {
      draw(text, lang);
    },
    /** Whether the view has the keyboard focus. */
    get focused() {
      return document.activeElement === content;
    },
    /** Gives the view the keyboard focus (which asks for the editor, as a user's would). */
    focus() {
      content.focus();
    },
    /** Shows (or stops showing) that the editor that will replace the view is loading. */
    setLoading(loading) {
      root.classList.toggle("cm-loading", loading);
      if (loading) content.setAttribute("aria-busy", "true");
      else content.removeAttribute("aria-busy");
    },
    /** Removes the view from the page. */
    destroy() {
      root.remove();
    },
  };
}

// One line as CodeMirror draws it: a cm-line block, a <br> when empty so it keeps its height.
function lineNode(pieces) {
  const line = document.createElement("div");
  line.className = "cm-line";
  if (pieces.length === 0) {
    line.appendChild(document.createElement("br"));
    return line;
  }
  for (const [text, classes] of pieces) {
    if (!classes) {
      line.appendChild(document.createTextNode(text));
      continue;
    }
    const span = document.createElement("span");
    span.className = classes;
    span.textContent = text;
    line.appendChild(span);
  }
  return line;
}
