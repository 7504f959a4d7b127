// traceback.js: find the failing line of a cell in a kernel error's traceback.
//
// The kernel names cells in tracebacks as `In [n]` or `<cell n>` followed by a position:
// `In [3]:4:7`, `<cell 3>:4:7`, or Python's `In [3], line 4` / `File "In [3]", line 4`. The page marks the line of
// the deepest frame that names the cell it ran (frames in earlier cells are skipped).

import { stripAnsi } from "./ansi.js";

const FRAME = /(?:In ?\[(\d+)\]|<cell (\d+)>)"?(?::(\d+)(?::(\d+))?|,? line (\d+)(?:,? col(?:umn)? (\d+))?)/g;

/**
 * Returns {line, column} (1-based; column may be null) of the deepest traceback frame in
 * cell number executionCount, or null when no frame names it. When executionCount is null,
 * the deepest frame of any cell counts.
 */
export function failingLine(traceback, executionCount = null) {
  const text = stripAnsi((traceback ?? []).join("\n"));
  let found = null;
  for (const m of text.matchAll(FRAME)) {
    const cellNo = Number(m[1] ?? m[2]);
    if (executionCount !== null && cellNo !== executionCount) continue;
    const line = Number(m[3] ?? m[5]);
    const col = m[4] ?? m[6];
    found = { line, column: col === undefined ? null : Number(col) };
  }
  return found;
}
