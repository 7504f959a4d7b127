// sanitize.js: the only way HTML from outside (kernel text/html and image/svg+xml outputs,
// rendered Markdown) reaches the page: DOMPurify parses and cleans it into a
// DocumentFragment, which is appended. No untrusted string is ever assigned to innerHTML.

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

/** Returns a DocumentFragment of cleaned HTML (scripts, handlers, forms removed). */
export function sanitizeHTML(html) {
  hook();
  return DOMPurify.sanitize(html, {
    RETURN_DOM_FRAGMENT: true,
    FORBID_TAGS: ["style", "form", "input", "button", "textarea", "select"],
    FORBID_ATTR: ["style"],
  });
}

/** Returns a DocumentFragment of a cleaned SVG image. */
export function sanitizeSVG(svg) {
  hook();
  return DOMPurify.sanitize(svg, {
    RETURN_DOM_FRAGMENT: true,
    USE_PROFILES: { svg: true, svgFilters: true },
  });
}
