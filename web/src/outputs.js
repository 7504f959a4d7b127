// outputs.js: draw nbformat outputs (stream, execute_result, display_data, error).
//
// Text is text (textContent, with ANSI colours as spans); HTML and SVG go through the
// sanitizer; long text collapses behind "show all" (collapse.js decides how much). Tables
// the kernel shows get download buttons (tabledownload.js).
//
// A stream grows while its cell runs: its TextView takes each new chunk (append) and, when
// asked to draw, adds only what changed to the page: new lines at the end, or, once the
// text is collapsed, the last lines and the count on the "show all" button. Drawing costs
// what is shown, not the whole text, so printing a line costs the same however the text
// was split into prints.

import { ansiToFragment, TerminalText } from "./ansi.js";
import { planLines } from "./collapse.js";
import { renderMarkdown } from "./markdown.js";
import { sanitizeHTML, sanitizeInlineSVG } from "./sanitize.js";
import { keyboardScrollable } from "./scrollable.js";
import { addTableButtons } from "./tabledownload.js";
import { TRACE_MIME, addTraceButton, addTracePlayer, graphId, isPipelineGraph, parseTrace } from "./trace.js";
import { addFullSizeButton, fitPicture } from "./picture.js";

/** The MIME types this page can show, richest first. */
export const MIME_ORDER = [
  "text/html",
  "image/svg+xml",
  "image/png",
  "image/jpeg",
  "image/gif",
  "text/markdown",
  "application/json",
  "text/plain",
];

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * A <pre> (el) showing text with ANSI colours and carriage returns applied, collapsed
 * behind "show all" when long, that grows: append(chunk) adds text, draw() shows it.
 */
export class TextView {
  text = new TerminalText();
  #expanded = false; // "show all" was pressed
  #mode = null; // what the <pre> shows: null (nothing yet), "whole" or "collapsed"
  #drawnLines = 0; // "whole": the finished lines in the <pre>, before #last
  #last = null; // "whole": the <span> holding the unfinished last line
  #head = null; // "collapsed": the <span>s of head and tail, the button, and the head drawn
  #tail = null;
  #more = null;
  #headKey = "";

  constructor(className) {
    this.el = el("pre", className);
  }

  /** Adds text; draw() shows it. */
  append(chunk) {
    this.text.append(chunk);
  }

  /** Brings the <pre> up to date with the text appended so far. */
  draw() {
    const t = this.text;
    const plan = this.#expanded ? { collapsed: false } : planLines({ count: t.lineCount, line: (i) => t.line(i), length: t.length });
    if (plan.collapsed) this.#drawCollapsed(plan);
    else this.#drawWhole();
  }

  // Everything: the finished lines not drawn yet go before the unfinished last line, which
  // is drawn again.
  #drawWhole() {
    const t = this.text;
    if (this.#mode !== "whole") {
      this.#mode = "whole";
      this.#drawnLines = 0;
      this.#last = el("span");
      this.el.replaceChildren(this.#last);
    }
    const doc = this.el.ownerDocument;
    if (this.#drawnLines < t.lines.length) {
      this.el.insertBefore(ansiToFragment(t.slice(this.#drawnLines, t.lines.length), doc, t.styles[this.#drawnLines]), this.#last);
      this.#drawnLines = t.lines.length;
    }
    this.#last.replaceChildren(ansiToFragment(t.current, doc, t.styles[t.lines.length]));
  }

  // The head, the "show all" button and the tail. The head is drawn again only when it
  // changed (rarely: only while the first lines are still coming); the tail is a few lines.
  #drawCollapsed(plan) {
    const t = this.text;
    const doc = this.el.ownerDocument;
    if (this.#mode !== "collapsed") {
      this.#mode = "collapsed";
      this.#head = el("span");
      this.#tail = el("span");
      this.#more = el("button", "show-all");
      this.#more.type = "button";
      this.#more.addEventListener("click", () => {
        this.#expanded = true;
        this.draw();
      });
      this.#headKey = "";
      this.el.replaceChildren(this.#head, this.#more, this.#tail);
    }
    // A head of finished lines does not change; one that holds the unfinished line may.
    const key = plan.headCut === null ? `lines ${plan.headCount}` : `cut ${plan.headCut}`;
    const stable = plan.headCut === null ? plan.headCount <= t.lines.length : t.lines.length > 0;
    if (key !== this.#headKey || !stable) {
      const head = plan.headCut === null ? t.slice(0, plan.headCount) : t.line(0).slice(0, plan.headCut);
      this.#head.replaceChildren(ansiToFragment(head, doc));
      this.#headKey = stable ? key : "";
    }
    this.#tail.replaceChildren(ansiToFragment(t.slice(plan.tailStart), doc, t.styles[plan.tailStart]));
    const what = plan.hiddenLines > 1 ? `${plan.hiddenLines.toLocaleString()} more lines` : `${plan.hiddenChars.toLocaleString()} more characters`;
    this.#more.textContent = `… show all (${what})`;
    this.#more.setAttribute("aria-label", `Show all output: ${what} hidden`);
  }
}

/** Returns a <pre> showing text with ANSI colours, collapsed when long. */
export function textBlock(text, className) {
  const view = new TextView(className);
  view.append(text);
  view.draw();
  return view.el;
}

// The start of the pictures the kernel draws (picture/svg.go): drawn with currentColor and
// no styles, ids or links of their own, so they can be inline and follow the page's theme.
const PICTURE_START = /^\s*<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" class="pushbook-picture"[ >]/;

/** Whether an image/svg+xml output is one of the kernel's pictures (drawn inline). */
export function isKernelPicture(svg) {
  return PICTURE_START.test(svg);
}

/** The data: URL an SVG image is shown from. */
export function svgDataURL(svg) {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

// An SVG output. Any other SVG than the kernel's pictures is an <img>: inside an image its
// scripts do not run, its <style> and ids apply to itself only and it loads nothing. A
// kernel picture is inline, cleaned of everything that could reach the page (styles, ids,
// links), so the page's colours reach it (dark theme); one that claims to be a picture but
// is not loses what it needed and nothing else.
function drawSVG(svg, alt) {
  if (isKernelPicture(svg)) return sanitizeInlineSVG(svg);
  const img = el("img", "output-image");
  img.src = svgDataURL(svg);
  img.alt = alt ?? "SVG image output";
  return img;
}

/**
 * Replaces the picture in box (an image/svg+xml output's element) with svg, keeping what
 * sits above it (the "Trace a value…" button, a player's controls).
 */
export function replacePicture(box, svg, alt) {
  for (const child of [...box.children]) if (!child.matches(".trace-actions, .trace-controls")) child.remove();
  for (const button of box.querySelectorAll(".picture-full-size")) button.remove(); // it showed the old picture
  box.appendChild(drawSVG(String(svg), alt));
  const picture = box.querySelector(":scope > svg, :scope > img");
  if (!picture) return;
  if (isKernelPicture(String(svg))) fitPicture(picture);
  addFullSizeButton(box, picture, pictureLabel(picture, { "text/plain": alt }));
}

// What a picture's full-size dialog is titled: its own title, else its text form.
function pictureLabel(picture, data) {
  const title = picture.querySelector?.(":scope > title")?.textContent?.trim();
  const text = typeof data["text/plain"] === "string" ? data["text/plain"].trim() : "";
  const label = title || (text.length <= 80 ? text : "") || "Picture";
  return label.replace(/^<(.*)>$/, "$1");
}

function renderData(data, output, context) {
  const mime = MIME_ORDER.find((m) => m in data);
  const value = data[mime];
  switch (mime) {
    case "text/html": {
      const div = el("div", "output-html");
      div.appendChild(sanitizeHTML(value));
      addTableButtons(div, output);
      return keyboardScrollable(div, "Output, scrolls sideways");
    }
    case "image/svg+xml": {
      const div = el("div", "output-svg");
      const svg = String(value);
      div.appendChild(drawSVG(svg, data["text/plain"]));
      const picture = div.querySelector(":scope > svg, :scope > img");
      if (isKernelPicture(svg)) {
        if (picture) fitPicture(picture);
        // a trace: the picture stays the static view, the player steps through its hops
        const trace = TRACE_MIME in data ? parseTrace(data[TRACE_MIME]) : null;
        if (trace?.steps.length) addTracePlayer(div, trace);
        else if (output.output_type === "execute_result" && isPipelineGraph(output) && context?.source !== undefined) addTraceButton(div, context.source);
        // a graph the kernel can draw again as it is now (livegraph.js finds it by this)
        if (graphId(output) !== null) div.dataset.pushbookGraph = graphId(output);
      }
      if (picture) addFullSizeButton(div, picture, pictureLabel(picture, data));
      return keyboardScrollable(div, "Picture, scrolls sideways");
    }
    case "image/png":
    case "image/jpeg":
    case "image/gif": {
      const div = el("div", "output-picture");
      const img = el("img", "output-image");
      img.src = `data:${mime};base64,${String(value).replace(/\s/g, "")}`;
      img.alt = data["text/plain"] ?? "image output";
      div.appendChild(img);
      addFullSizeButton(div, img, pictureLabel(img, data));
      return div;
    }
    case "text/markdown": {
      const div = el("div", "output-markdown markdown");
      div.appendChild(renderMarkdown(value));
      return keyboardScrollable(div, "Output, scrolls sideways");
    }
    case "application/json":
      return textBlock(JSON.stringify(value, null, 2), "output-text");
    case "text/plain":
      return textBlock(value, "output-text");
    default: {
      const kinds = Object.keys(data).join(", ") || "nothing";
      return el("pre", "output-text output-unknown", `[output of a type this page cannot show: ${kinds}]`);
    }
  }
}

/**
 * Renders one nbformat output as an element with an "Out [n]:" prompt where Jupyter has
 * one: returns {el, stream}, where stream is the TextView of a stream output (to append
 * what the stream writes next and draw it), else null. context, when given, is
 * {source}: the cell's code, for a pipeline graph's "Trace a value…" button.
 */
export function drawOutput(output, context) {
  const row = el("div", `output output-${output.output_type}`);
  const prompt = el("div", "prompt out-prompt");
  let body;
  let stream = null;
  switch (output.output_type) {
    case "stream":
      row.classList.add(`output-${output.name === "stderr" ? "stderr" : "stdout"}`);
      stream = new TextView("output-text");
      stream.append(output.text ?? "");
      stream.draw();
      body = stream.el;
      break;
    case "execute_result":
      prompt.textContent = `Out [${output.execution_count ?? " "}]:`;
      body = renderData(output.data ?? {}, output, context);
      break;
    case "display_data":
      body = renderData(output.data ?? {}, output, context);
      break;
    case "error": {
      const tb = output.traceback?.length ? output.traceback.join("\n") : `${output.ename}: ${output.evalue}`;
      body = textBlock(tb, "output-text");
      row.setAttribute("role", "alert");
      break;
    }
    default:
      body = el("pre", "output-text output-unknown", `[unknown output type ${JSON.stringify(output.output_type)}]`);
  }
  row.append(prompt, body);
  return { el: row, stream };
}

/** Renders one nbformat output as an element (drawOutput without the stream's view). */
export function renderOutput(output) {
  return drawOutput(output).el;
}

/** Renders a notice about the session (not part of the notebook, never saved). */
export function renderNotice(message) {
  const row = el("div", "output output-notice");
  row.setAttribute("role", "status");
  row.append(el("div", "prompt out-prompt"), el("div", "notice", message));
  return row;
}
