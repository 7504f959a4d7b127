// scrollable.js: an output that scrolls sideways (a wide picture or table) can be scrolled
// with the keyboard: while its content is wider than it, it is a focusable region with a
// name, so Tab reaches it and the arrow keys scroll it (WCAG 2.1.1; axe-core's
// scrollable-region-focusable). An output that fits is no tab stop. While there is more to
// see on a side, the output says so (data-more-left, data-more-right) and style.css fades
// that edge, so a cut-off picture looks cut off.

/** Which sides of el have more content scrolled out of view: {left, right}. */
export function hiddenSides({ scrollLeft, scrollWidth, clientWidth }) {
  return { left: scrollLeft > 1, right: scrollLeft + clientWidth < scrollWidth - 1 };
}

/** Watches el (an output with overflow-x: auto) and makes it focusable while it scrolls. */
export function keyboardScrollable(el, label) {
  if (typeof ResizeObserver !== "function") return el;
  const edges = () => {
    const { left, right } = hiddenSides(el);
    el.toggleAttribute("data-more-left", left);
    el.toggleAttribute("data-more-right", right);
  };
  const update = () => {
    edges();
    const wide = el.scrollWidth > el.clientWidth + 1;
    if (wide === el.hasAttribute("data-scrolls")) return;
    if (wide) {
      el.tabIndex = 0;
      el.setAttribute("role", "region");
      el.setAttribute("aria-label", label);
      el.setAttribute("data-scrolls", "");
    } else {
      for (const a of ["tabindex", "role", "aria-label", "data-scrolls"]) el.removeAttribute(a);
    }
  };
  el.addEventListener("scroll", edges, { passive: true });
  const observer = new ResizeObserver(update);
  observer.observe(el);
  for (const child of el.children) observer.observe(child);
  return el;
}
