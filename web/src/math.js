// math.js: typesets the math elements mathmarkdown.js makes, with KaTeX. A chunk of its own,
// which markdown.js imports only when a rendered Markdown cell or output has math, so a
// notebook without math never loads KaTeX (about 75 KiB gzipped) nor its fonts.
//
// katex.render builds the math as DOM nodes in the page's document and sets their styles
// through the CSSOM (element.style), which the page's Content-Security-Policy allows, where
// a style="..." attribute in markup would be dropped. The result, HTML for the eye and
// MathML for screen readers (output "htmlAndMathml"), then goes through the sanitizer in
// place (sanitizeMath). KaTeX's stylesheet and fonts are files of this site
// (katex/katex.min.css, katex/fonts/), linked once, when the first math is typeset.

import katex from "katex";
import { mathSource } from "./mathmarkdown.js";
import { sanitizeMath } from "./sanitize.js";

const OPTIONS = Object.freeze({ output: "htmlAndMathml", throwOnError: false, trust: false, strict: "ignore", maxExpand: 1000 });

function linkStyles(doc) {
  if (doc.querySelector("link[data-katex]")) return;
  const link = doc.createElement("link");
  link.rel = "stylesheet";
  link.href = "katex/katex.min.css";
  link.dataset.katex = "";
  doc.head.append(link);
}

/** Typesets each element of class "math" (its text is the TeX with its delimiters). */
export function typeset(elements) {
  for (const el of elements) {
    if (el.classList.contains("math-typeset")) continue;
    const doc = globalThis.document;
    linkStyles(doc);
    const display = el.classList.contains("math-display");
    const out = doc.createElement("span");
    try {
      katex.render(mathSource(el.textContent, display), out, { ...OPTIONS, displayMode: display });
    } catch (err) {
      // Not a TeX error (those are drawn in red): keep the TeX as text.
      el.title = `KaTeX: ${err?.message ?? err}`;
      continue;
    }
    sanitizeMath(out);
    el.replaceChildren(...out.childNodes);
    el.classList.add("math-typeset");
  }
}
