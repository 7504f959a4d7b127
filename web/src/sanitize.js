// sanitize.js: the only way HTML from outside (kernel text/html and image/svg+xml outputs,
// rendered Markdown) reaches the page: DOMPurify parses and cleans it into a
// DocumentFragment, which is appended. No untrusted string is ever assigned to innerHTML.
//
// What an output shows stays inside its output box: no styles (a <style> or style= would
// restyle the whole page), no forms, and no id or name that could clobber the page's own
// (an output with id="share-dialog" would take Share's place): DOMPurify's SANITIZE_DOM
// drops names that shadow document properties and SANITIZE_NAMED_PROPS prefixes every other
// id and name with "user-content-". Requests to other sites are the page's
// Content-Security-Policy's business (index.html), not the sanitizer's.

import DOMPurify from "dompurify";

let hooked = false;

function hook() {
  if (hooked) return;
  hooked = true;
  // Links open in a new tab and cannot reach back to this page.
  DOMPurify.addHook("afterSanitizeAttributes", (node) => {
    if (node.tagName === "A" && node.getAttribute("href")) {
      node.setAttribute("target", "_blank");
      node.setAttribute("rel", "noopener noreferrer");
    }
  });
}

/** The options every output shares: no styles, no page ids or names. */
const CONTAINED = {
  RETURN_DOM_FRAGMENT: true,
  SANITIZE_DOM: true,
  SANITIZE_NAMED_PROPS: true,
  FORBID_ATTR: ["style"],
};

/**
 * Returns a DocumentFragment of cleaned HTML (scripts, handlers, forms, styles, page ids removed).
 * @param {string} html
 * @returns {DocumentFragment}
 */
export function sanitizeHTML(html) {
  hook();
  return DOMPurify.sanitize(html, {
    ...CONTAINED,
    RETURN_DOM_FRAGMENT: true,
    FORBID_TAGS: ["style", "form", "input", "button", "textarea", "select"],
  });
}

/**
 * Returns a DocumentFragment of an SVG image drawn inline on the page: only for pictures
 * that need nothing page-wide (pushbook's own, see outputs.js), so styles, ids (no url(#…)
 * references), links, embedded images and foreign content are all removed.
 */
export function sanitizeInlineSVG(svg) {
  hook();
  return DOMPurify.sanitize(svg, {
    ...CONTAINED,
    USE_PROFILES: { svg: true, svgFilters: true },
    FORBID_TAGS: ["style", "a", "image", "use", "foreignObject", "feImage"],
    FORBID_ATTR: ["style", "id", "name", "href", "xlink:href"],
  });
}

/**
 * Cleans, in place, math that KaTeX (math.js) built as DOM nodes: HTML and MathML only, no
 * forms, page ids or names, like every output. It keeps style="" attributes, the only
 * sanitizer that does: KaTeX sets them through the CSSOM (heights, offsets, colours of
 * \color) to lay the math out, and an attribute that survives is not set again.
 */
export function sanitizeMath(node) {
  hook();
  DOMPurify.sanitize(node, {
    IN_PLACE: true,
    SANITIZE_DOM: true,
    SANITIZE_NAMED_PROPS: true,
    USE_PROFILES: { html: true, mathMl: true },
    // The TeX source, as MathML's annotation (text only); DOMPurify's MathML list leaves
    // these two out, and would keep the TeX as loose text inside the <math>.
    ADD_TAGS: ["semantics", "annotation"],
    FORBID_TAGS: ["style", "form", "input", "button", "textarea", "select", "a", "img"],
  });
  return node;
}
