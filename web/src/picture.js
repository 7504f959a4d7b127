// picture.js: pictures (the kernel's SVG pictures and image outputs) scaled to the width of
// their output, and a "Full size" button that shows one at its natural size.
//
// A kernel picture is drawn at the output's width, never wider than its natural width (its
// width attribute) and never narrower than MIN_SCALE of it, so its text stays readable; a
// picture that would be narrower scrolls inside its output instead (scrollable.js marks
// the edge it scrolls on). "Full size" opens the same, already cleaned, picture in a
// dialog on the page at its natural size, with its own scrollbars; Esc or Close closes it.
// Nothing opens in a new window, so a picture never gets a page of its own.

/** The smallest scale a picture is drawn at before it scrolls instead. */
export const MIN_SCALE = 0.6;

/** A picture's natural size in CSS pixels, from its width/height attributes (or its viewBox); null if it has none. */
export function naturalSize(svg) {
  const number = (v) => (v !== null && /^\s*[\d.]+(px)?\s*$/.test(v) ? parseFloat(v) : NaN);
  let width = number(svg.getAttribute("width"));
  let height = number(svg.getAttribute("height"));
  if (!(width > 0 && height > 0)) {
    const box = (svg.getAttribute("viewBox") ?? "").trim().split(/[\s,]+/).map(Number);
    if (box.length !== 4 || !(box[2] > 0 && box[3] > 0)) return null;
    [width, height] = [box[2], box[3]];
  }
  return { width, height };
}

/** Makes a kernel picture scale with its output's width (style.css reads --picture-width). */
export function fitPicture(svg) {
  const size = naturalSize(svg);
  if (!size) return svg;
  svg.style.setProperty("--picture-width", `${size.width}px`);
  svg.style.setProperty("--picture-min-width", `${Math.round(size.width * MIN_SCALE)}px`);
  svg.classList.add("picture-fit");
  return svg;
}

/**
 * Adds a "Full size" button to box (an output) for picture (an <svg> or <img> in it),
 * shown while the picture is drawn smaller than its natural size or does not fit.
 */
export function addFullSizeButton(box, picture, label = "Picture") {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "picture-full-size";
  button.textContent = "⤢ Full size";
  button.setAttribute("aria-label", `${label} at full size`);
  button.title = "Show this picture at its natural size";
  button.addEventListener("click", () => showFullSize(picture, label));
  // beside the trace buttons if the picture has them, else in a bar of its own
  let bar = box.querySelector(":scope > .trace-actions, :scope > .trace-controls");
  if (!bar) {
    bar = document.createElement("div");
    bar.className = "picture-actions";
    box.prepend(bar);
  }
  bar.append(button);
  if (typeof ResizeObserver !== "function") return button;
  const update = () => {
    const size = picture instanceof HTMLImageElement ? { width: picture.naturalWidth } : naturalSize(picture);
    const shown = picture.getBoundingClientRect().width;
    const clipped = box.scrollWidth > box.clientWidth + 1;
    button.hidden = !(size?.width > 0) || (shown >= size.width - 1 && !clipped);
  };
  new ResizeObserver(update).observe(box);
  picture.addEventListener?.("load", update);
  return button;
}

let dialog = null;

function buildDialog() {
  dialog = document.createElement("dialog");
  dialog.id = "picture-dialog";
  dialog.className = "picture-dialog";
  dialog.setAttribute("aria-labelledby", "picture-dialog-title");
  const head = document.createElement("div");
  head.className = "picture-dialog-head";
  const title = document.createElement("h2");
  title.id = "picture-dialog-title";
  const close = document.createElement("button");
  close.type = "button";
  close.textContent = "Close";
  close.addEventListener("click", () => dialog.close());
  head.append(title, close);
  const body = document.createElement("div");
  body.className = "picture-dialog-body";
  body.tabIndex = 0; // scrolls with the arrow keys
  body.setAttribute("role", "region");
  body.setAttribute("aria-label", "Picture at full size, scrolls");
  dialog.append(head, body);
  dialog.addEventListener("close", () => body.replaceChildren());
  // a click on the backdrop (the dialog itself, outside its content) closes it
  dialog.addEventListener("click", (e) => e.target === dialog && dialog.close());
  document.body.append(dialog);
}

/** Shows a copy of picture at its natural size in the page's picture dialog. */
export function showFullSize(picture, label = "Picture") {
  if (!dialog) buildDialog();
  const copy = picture.cloneNode(true);
  copy.classList.remove("picture-fit");
  copy.removeAttribute("style");
  copy.classList.add("picture-natural");
  dialog.querySelector("#picture-dialog-title").textContent = label;
  dialog.querySelector(".picture-dialog-body").replaceChildren(copy);
  dialog.showModal();
  dialog.querySelector(".picture-dialog-body").focus();
  return dialog;
}
