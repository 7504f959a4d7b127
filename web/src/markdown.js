// markdown.js: render Markdown cells. markdown-it with html:false escapes raw HTML, and the
// result still goes through the sanitizer before it reaches the page.

import MarkdownIt from "markdown-it";
import { sanitizeHTML } from "./sanitize.js";

const md = new MarkdownIt({ html: false, linkify: true, typographer: false });

/** Renders Markdown source to a sanitized DocumentFragment. */
export function renderMarkdown(source) {
  return sanitizeHTML(md.render(source));
}

/** Renders one line of Markdown (no paragraph around it: a hint, a title) the same way. */
export function renderInlineMarkdown(source) {
  return sanitizeHTML(md.renderInline(source));
}
