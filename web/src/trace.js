// trace.js: the step-through player of traced values, and the "Trace a value…" button of
// pipeline graphs.
//
// A trace output (stages.trace, plots.graph(..., animate=True)) carries the picture
// (image/svg+xml, the static view, drawn by picture/trace.go) and its hops as data
// (application/vnd.pushbook.trace+json, web/PROTOCOL.md). The player steps through the hops
// of every event in the data: it finds the picture's parts by data attributes, never ids
// (the sanitizer removes ids), and only inside its own output box:
//
//   <g data-edge="E">   an edge: the player marks the ones taken so far in the current event
//                       (class trace-taken) and the one of the current hop (trace-current)
//   <g data-node="N">   a stage: the receiver of the current hop (trace-current) and those
//                       reached so far (trace-visited)
//   <g data-event="e" data-step="S">  a hop's number and value, or a note under a stage:
//                       shown (trace-shown) when it belongs to the current event and S is
//                       at most the current step
//
// While the player runs, its box has the class "playing" and the page's style sheet draws
// from those classes; Reset goes back to the picture as the kernel drew it.
//
// A stage shown as a cell's result is tagged in its output's metadata
// ({"pushbook": {"kind": "pipeline"}}); when the cell's last line is a bare name, its graph
// gets a "Trace a value…" button, which sends a bubbling TRACE_EVENT whose detail is
// {code}: the page inserts that code as a new cell below and focuses it.

export const TRACE_MIME = "application/vnd.pushbook.trace+json";

/** The name of the event the "Trace a value…" button sends. */
export const TRACE_EVENT = "pushbook-trace";

/** How long Play shows each hop, in ms. */
export const PLAY_INTERVAL_MS = 700;

const PYTHON_KEYWORDS = new Set(
  "False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield".split(" "),
);

/**
 * The name a "Trace a value…" button traces: the cell's last line when it is a bare
 * identifier (most graph cells end with `head` or `pipeline`), else null.
 */
export function traceTarget(source) {
  const lines = String(source ?? "")
    .split("\n")
    .map((l) => l.replace(/#.*$/, "").trim())
    .filter((l) => l !== "");
  const last = lines[lines.length - 1];
  if (!last || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(last) || PYTHON_KEYWORDS.has(last)) return null;
  return last;
}

/** The code a "Trace a value…" button inserts for name. */
export function traceCode(name) {
  return `import stages\nstages.trace(${name}, 0)`;
}

/** Whether an output is a pipeline's graph (a stage shown as a cell's result). */
export function isPipelineGraph(output) {
  return output?.metadata?.pushbook?.kind === "pipeline";
}

/**
 * The id of a pipeline graph output that the kernel can draw again as it is now
 * (metadata.pushbook.graph, PROTOCOL.md: the graph message), or null.
 */
export function graphId(output) {
  if (!isPipelineGraph(output)) return null;
  const id = output.metadata.pushbook.graph;
  return typeof id === "string" && id !== "" ? id : null;
}

/**
 * Reads a trace's data (the JSON object, or its text): returns {events, steps} where steps
 * lists every hop of every event in order as {event, hop, step, ...}, or null when the data
 * is not a trace this page understands.
 */
export function parseTrace(value) {
  let data = value;
  if (typeof data === "string") {
    try {
      data = JSON.parse(data);
    } catch {
      return null;
    }
  }
  if (!data || data.version !== 1 || !Array.isArray(data.events)) return null;
  const steps = [];
  data.events.forEach((ev, e) => {
    (ev.hops ?? []).forEach((hop, h) => steps.push({ ...hop, event: e, hop: h, step: steps.length }));
  });
  return { ...data, steps };
}

/**
 * What the picture shows at step k (0-based; -1 is before the first): the current event and
 * hop, the edges taken so far in that event, the stages reached, the steps whose notes show,
 * and a caption. A pure function of the trace, for tests.
 */
export function stepState(trace, k) {
  const total = trace.steps.length;
  if (k < 0 || total === 0) {
    return { k: -1, event: -1, taken: new Set(), current: null, visited: new Set(), node: null, shown: new Set(), caption: `${total} step${total === 1 ? "" : "s"}: press Step or Play to follow the value` };
  }
  k = Math.min(k, total - 1);
  const cur = trace.steps[k];
  const taken = new Set();
  const visited = new Set();
  const shown = new Set();
  for (const s of trace.steps) {
    if (s.event !== cur.event || s.step > k) continue;
    if (s.edge !== null && s.edge !== undefined) taken.add(s.edge);
    visited.add(s.to);
    shown.add(s.step);
  }
  const ev = trace.events[cur.event];
  const ends = (ev.ends ?? []).filter((end) => end.hop === cur.hop).map((end) => end.text);
  const events = trace.events.length;
  let caption = events > 1 ? `Event ${cur.event + 1} of ${events}, ` : "";
  caption += `step ${k + 1} of ${total}: ${cur.text}`;
  if (ends.length) caption += ` — ${ends.join("; ")}`;
  return { k, event: cur.event, taken, current: cur.edge ?? null, visited, node: cur.to, shown, caption };
}

/** Marks the picture's parts under root for state (see stepState). */
export function applyStep(root, state) {
  root.classList.toggle("playing", state.k >= 0);
  for (const g of root.querySelectorAll("[data-edge]")) {
    const e = Number(g.getAttribute("data-edge"));
    g.classList.toggle("trace-taken", state.taken.has(e));
    g.classList.toggle("trace-current", state.current === e);
  }
  for (const g of root.querySelectorAll("[data-node]")) {
    const n = Number(g.getAttribute("data-node"));
    g.classList.toggle("trace-visited", state.visited.has(n));
    g.classList.toggle("trace-current", state.k >= 0 && state.node === n);
  }
  for (const g of root.querySelectorAll("[data-step]")) {
    const shown = Number(g.getAttribute("data-event")) === state.event && state.shown.has(Number(g.getAttribute("data-step")));
    g.classList.toggle("trace-shown", shown);
  }
}

function button(label, aria, onClick) {
  const b = document.createElement("button");
  b.type = "button";
  b.className = "trace-button";
  b.textContent = label;
  b.setAttribute("aria-label", aria);
  b.addEventListener("click", onClick);
  return b;
}

/**
 * Makes box (an output's element holding the trace's picture) a player: adds Step, Play and
 * Reset buttons and a caption before the picture. Returns {step(), play(), reset(), state()}.
 */
export function addTracePlayer(box, trace) {
  box.classList.add("trace-player");
  let k = -1;
  let timer = null;
  const bar = document.createElement("div");
  bar.className = "trace-controls";
  bar.setAttribute("role", "group");
  bar.setAttribute("aria-label", "Step through the trace");
  const caption = document.createElement("span");
  caption.className = "trace-caption";
  caption.setAttribute("role", "status");
  caption.setAttribute("aria-live", "polite");
  const show = () => {
    const state = stepState(trace, k);
    applyStep(box, state);
    caption.textContent = state.caption;
    return state;
  };
  const stopPlaying = () => {
    clearInterval(timer);
    timer = null;
    play.textContent = "Play";
    play.setAttribute("aria-label", "Play the trace hop by hop");
  };
  const step = () => {
    if (k >= trace.steps.length - 1) k = -1; // from the end, Step starts again
    k++;
    const state = show();
    if (k >= trace.steps.length - 1) stopPlaying();
    return state;
  };
  const reset = () => {
    stopPlaying();
    k = -1;
    return show();
  };
  const play = button("Play", "Play the trace hop by hop", () => {
    if (timer) return stopPlaying();
    if (k >= trace.steps.length - 1) k = -1;
    step();
    if (k >= trace.steps.length - 1) return;
    play.textContent = "Pause";
    play.setAttribute("aria-label", "Pause the trace");
    timer = setInterval(() => {
      if (!box.isConnected) return stopPlaying();
      step();
    }, PLAY_INTERVAL_MS);
  });
  bar.append(button("Step", "Step: show the next hop", step), play, button("Reset", "Reset the trace to its picture", reset), caption);
  box.prepend(bar);
  show();
  return { step, play: () => play.click(), reset, state: () => stepState(trace, k) };
}

/**
 * Adds a "Trace a value…" button before a pipeline graph's picture in box when the cell's
 * source ends with a bare name; returns the button, or null when there is no name.
 */
export function addTraceButton(box, source) {
  const name = traceTarget(source);
  if (!name) return null;
  const bar = document.createElement("div");
  bar.className = "trace-actions";
  const b = button("Trace a value…", `Trace a value through ${name}: insert a cell below that sends it one value`, () => {
    b.dispatchEvent(new CustomEvent(TRACE_EVENT, { bubbles: true, detail: { code: traceCode(name), name } }));
  });
  b.title = `Insert a cell below with stages.trace(${name}, 0)`;
  bar.append(b);
  box.prepend(bar);
  return b;
}
