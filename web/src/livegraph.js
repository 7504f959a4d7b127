// livegraph.js: keeps the pipeline graphs in the notebook current (issue #12).
//
// A stage shown by a cell is its pipeline's graph, drawn with the counts and states of
// that moment; the kernel keeps it and puts its id in the output's metadata
// ({"pushbook": {"kind": "pipeline", "graph": ID}}). After every cell run ends (ok or
// error, and after each cell of Run all) the page asks the kernel to draw each such graph
// in the notebook again (Kernel.graph: PROTOCOL.md's graph message) and, where the
// drawing changed, puts the new data in the notebook's model (so a save or a download has
// the current counts) and replaces the picture on the page in place, keeping the "Trace a
// value…" button. The kernel answers null for ids it did not give out (outputs saved with
// the notebook, or from before a restart: ids carry a session nonce) and while a cell runs
// (it reads the pipeline's counters only between cells), and those outputs stay as they are.

import { replacePicture } from "./outputs.js";
import { graphId } from "./trace.js";

/** The MIME types of a graph's drawing that a change in counts or states changes. */
const DRAWN = ["image/svg+xml", "text/plain"];

/** The live graph outputs of cells: [{cell, index, output, id}], in notebook order. */
export function liveGraphs(cells) {
  const found = [];
  for (const cell of cells) {
    if (cell.cell_type !== "code") continue;
    (cell.outputs ?? []).forEach((output, index) => {
      const id = graphId(output);
      if (id !== null) found.push({ cell, index, output, id });
    });
  }
  return found;
}

// The drawn parts of a bundle as strings (a saved notebook may hold text as a list of lines).
function drawn(data) {
  return DRAWN.map((mime) => {
    const v = data?.[mime];
    return Array.isArray(v) ? v.join("") : String(v ?? "");
  });
}

/** Whether data (the kernel's drawing now) differs from what output holds. */
export function graphChanged(output, data) {
  const [was, now] = [drawn(output.data), drawn(data)];
  return was.some((v, i) => v !== now[i]);
}

/**
 * Asks graph(id) (Kernel.graph) for every live graph in cells, all at once: the requests
 * are sent before this returns, so during Run all they reach the worker before the next
 * cell's execute. For each answer that differs from what its output holds, and whose
 * output is still in its place (the cell did not run again meanwhile), calls
 * update({cell, index, output, id}, data). Resolves with the number updated.
 */
export async function refreshGraphs(cells, { graph, update }) {
  const graphs = liveGraphs(cells);
  const answers = graphs.map((g) => {
    try {
      return Promise.resolve(graph(g.id)).catch(() => null);
    } catch {
      return null;
    }
  });
  let updated = 0;
  for (const [i, g] of graphs.entries()) {
    const data = await answers[i];
    if (!data || typeof data !== "object" || typeof data["image/svg+xml"] !== "string") continue;
    if (g.cell.outputs?.[g.index] !== g.output || !graphChanged(g.output, data)) continue;
    update(g, data);
    updated++;
  }
  return updated;
}

/**
 * Brings every live graph in notebook (a Notebook) up to date from kernel: the model's
 * output data, and the pictures under root (the elements outputs.js marks with
 * data-pushbook-graph). Resolves with the number updated; never rejects.
 */
export function refreshNotebookGraphs(notebook, kernel, root) {
  if (!notebook || !kernel) return Promise.resolve(0);
  return refreshGraphs(notebook.cells, {
    graph: (id) => kernel.graph(id),
    update: (g, data) => {
      notebook.setOutputData(g.cell.id, g.index, data);
      for (const box of root?.querySelectorAll?.(`[data-pushbook-graph="${globalThis.CSS?.escape ? CSS.escape(g.id) : g.id}"]`) ?? []) replacePicture(box, data["image/svg+xml"], data["text/plain"]);
    },
  }).catch((err) => {
    console.warn(`pushbook: refreshing pipeline graphs: ${err?.message ?? err}`);
    return 0;
  });
}
