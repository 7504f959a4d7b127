// highlight.js: syntax colours for code, shared by the CodeMirror editor and the static
// view a cell shows until it is edited (staticview.js). Both use the Lezer Python parser and
// this one highlighter, which gives each token a "tok-*" class; style.css colours the
// classes with CSS variables, so light and dark themes both work and a cell looks the same
// before and after its editor is made.

import { parser } from "@lezer/python";
import { highlightCode, tagHighlighter, tags as t } from "@lezer/highlight";

/** The highlighter for cells: Lezer highlight tags to the "tok-*" classes in style.css. */
export const highlighter = tagHighlighter([
  { tag: [t.keyword, t.controlKeyword, t.definitionKeyword, t.moduleKeyword, t.operatorKeyword], class: "tok-keyword" },
  { tag: [t.string, t.special(t.string)], class: "tok-string" },
  { tag: [t.number, t.bool, t.null, t.atom], class: "tok-number" },
  { tag: t.comment, class: "tok-comment" },
  { tag: [t.function(t.variableName), t.function(t.propertyName), t.definition(t.function(t.variableName))], class: "tok-function" },
  { tag: [t.className, t.definition(t.className)], class: "tok-class" },
  { tag: [t.operator, t.punctuation], class: "tok-operator" },
  { tag: t.standard(t.variableName), class: "tok-builtin" },
  { tag: t.heading, class: "tok-heading" },
  { tag: t.emphasis, class: "tok-emphasis" },
  { tag: t.strong, class: "tok-strong" },
  { tag: t.invalid, class: "tok-invalid" },
]);

/**
 * Splits source into lines of highlighted pieces: an array with one entry per line, each
 * an array of [text, classes] ("" for plain text). language is "python" or "text" (no
 * colours). Costs one parse of source.
 */
export function highlightLines(source, language = "python") {
  const lines = [[]];
  if (language !== "python") {
    for (const [i, line] of source.split("\n").entries()) {
      if (i > 0) lines.push([]);
      if (line) lines[i].push([line, ""]);
    }
    return lines;
  }
  highlightCode(
    source,
    parser.parse(source),
    highlighter,
    (text, classes) => lines[lines.length - 1].push([text, classes]),
    () => lines.push([]),
  );
  return lines;
}
