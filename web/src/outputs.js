// outputs.js: draw nbformat outputs (stream, execute_result, display_data, error).
//
// Text is text (textContent, with ANSI colours as spans); HTML and SVG go through the
// sanitizer; long text collapses behind "show all" (collapse.js decides how much). Tables
// the kernel shows get download buttons (tabledownload.js).

import { ansiToFragment, applyCarriageReturns } from "./ansi.js";
import { planCollapse } from "./collapse.js";
import { renderMarkdown } from "./markdown.js";
import { sanitizeHTML, sanitizeSVG } from "./sanitize.js";
import { addTableButtons } from "./tabledownload.js";

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

/** Returns a <pre> showing text with ANSI colours, collapsed when long. */
export function textBlock(text, className) {
  const pre = el("pre", className);
  const plan = planCollapse(applyCarriageReturns(text));
  if (!plan.collapsed) {
    pre.appendChild(ansiToFragment(plan.text));
    return pre;
  }
  pre.appendChild(ansiToFragment(plan.head));
  const more = el("button", "show-all");
  more.type = "button";
  const what = plan.hiddenLines > 1 ? `${plan.hiddenLines.toLocaleString()} more lines` : `${plan.hiddenChars.toLocaleString()} more characters`;
  more.textContent = `… show all (${what})`;
  more.setAttribute("aria-label", `Show all output: ${what} hidden`);
  more.addEventListener("click", () => {
    pre.replaceChildren(ansiToFragment(applyCarriageReturns(text)));
  });
  pre.appendChild(more);
  if (plan.tail) pre.appendChild(ansiToFragment(plan.tail));
  return pre;
}

function renderData(data, output) {
  const mime = MIME_ORDER.find((m) => m in data);
  const value = data[mime];
  switch (mime) {
    case "text/html": {
      const div = el("div", "output-html");
      div.appendChild(sanitizeHTML(value));
      addTableButtons(div, output);
      return div;
    }
    case "image/svg+xml": {
      const div = el("div", "output-svg");
      div.appendChild(sanitizeSVG(value));
      return div;
    }
    case "image/png":
    case "image/jpeg":
    case "image/gif": {
      const img = el("img", "output-image");
      img.src = `data:${mime};base64,${String(value).replace(/\s/g, "")}`;
      img.alt = data["text/plain"] ?? "image output";
      return img;
    }
    case "text/markdown": {
      const div = el("div", "output-markdown markdown");
      div.appendChild(renderMarkdown(value));
      return div;
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

/** Renders one nbformat output as an element with an "Out [n]:" prompt where Jupyter has one. */
export function renderOutput(output) {
  const row = el("div", `output output-${output.output_type}`);
  const prompt = el("div", "prompt out-prompt");
  let body;
  switch (output.output_type) {
    case "stream":
      row.classList.add(`output-${output.name === "stderr" ? "stderr" : "stdout"}`);
      body = textBlock(output.text ?? "", "output-text");
      break;
    case "execute_result":
      prompt.textContent = `Out [${output.execution_count ?? " "}]:`;
      body = renderData(output.data ?? {}, output);
      break;
    case "display_data":
      body = renderData(output.data ?? {}, output);
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
  return row;
}

/** Renders a notice about the session (not part of the notebook, never saved). */
export function renderNotice(message) {
  const row = el("div", "output output-notice");
  row.setAttribute("role", "status");
  row.append(el("div", "prompt out-prompt"), el("div", "notice", message));
  return row;
}
