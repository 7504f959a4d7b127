// markdown.js: render Markdown cells. markdown-it with html:false escapes raw HTML, and the
// result still goes through the sanitizer before it reaches the page.

//
// $...$ and $$...$$ math (mathmarkdown.js) is shown as its TeX at first; math.js, with
// KaTeX, is imported on the first math found and typesets it in place.

import MarkdownIt from "markdown-it";
import { lazyModule } from "./lazymodule.js";
import { mathPlugin } from "./mathmarkdown.js";
import { sanitizeHTML } from "./sanitize.js";

const md = new MarkdownIt({ html: false, linkify: true, typographer: false }).use(mathPlugin);

const math = lazyModule("math typesetter (KaTeX)", () => import("./math.js"));

/** Renders Markdown source to a sanitized DocumentFragment; its math is typeset soon after. */
export function renderMarkdown(source) {
  const frag = sanitizeHTML(md.render(source));
  const found = [...frag.querySelectorAll(".math")];
  // Typeset once the caller has put the fragment on the page (a microtask later when
  // math.js is already loaded), so KaTeX builds its nodes in the page's document.
  if (found.length) math.load().then((m) => m.typeset(found), (err) => console.warn(err.message));
  return frag;
}

/** Markdown source rendered to HTML before sanitizing (for tests). */
export function markdownHTML(source) {
  return md.render(source);
}

/** Renders one line of Markdown (no paragraph around it: a hint, a title) the same way. */
export function renderInlineMarkdown(source) {
  return sanitizeHTML(md.renderInline(source));
}
