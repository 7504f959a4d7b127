// collapse.js: decide how much of a long text output to show before "show all".
//
// Pure logic, no DOM: the output renderer asks planCollapse and draws what it says.

/** Default limits: collapse past 120 lines or 20,000 characters. */
export const DEFAULT_LIMITS = Object.freeze({ maxLines: 120, headLines: 80, tailLines: 20, maxChars: 20000 });

/**
 * Plans how to show text. Returns {collapsed:false, text} when it fits, else
 * {collapsed:true, head, tail, hiddenLines, hiddenChars}: head and tail are shown, the
 * middle is behind "show all". Costs one pass over the text.
 */
export function planCollapse(text, limits = DEFAULT_LIMITS) {
  const lines = text.split(/(?<=\n)/);
  const plan = planLines({ count: lines.length, line: (i) => lines[i], length: text.length }, limits);
  if (!plan.collapsed) return { collapsed: false, text };
  const head = plan.headCut === null ? lines.slice(0, plan.headCount).join("") : lines[0].slice(0, plan.headCut);
  const tail = lines.slice(plan.tailStart).join("");
  return { collapsed: true, head, tail, hiddenLines: plan.hiddenLines, hiddenChars: plan.hiddenChars };
}

/**
 * planCollapse for text kept as lines ({count, line(i), length}: the number of lines as
 * text.split(/(?<=\n)/) counts them, line i with its "\n", the text's length), as
 * ansi.js's TerminalText keeps a stream. Returns {collapsed:false}, or {collapsed:true,
 * headCount, headCut, tailStart, hiddenLines, hiddenChars}: the head is the first headCount
 * lines, or when headCut is not null the first headCut characters of line 0; the tail is
 * the lines from tailStart on. Costs O(the lines shown), however long the text.
 */
export function planLines({ count, line, length }, limits = DEFAULT_LIMITS) {
  const { maxLines, headLines, tailLines, maxChars } = { ...DEFAULT_LIMITS, ...limits };
  if (count <= maxLines && length <= maxChars) return { collapsed: false };
  let headLength = 0;
  let headCount = 0;
  while (headCount < Math.min(headLines, count) && headLength + line(headCount).length <= maxChars / 2) {
    headLength += line(headCount++).length;
  }
  let headCut = null;
  if (headCount === 0) {
    headCut = Math.min(line(0).length, Math.floor(maxChars / 2));
    headLength = headCut;
  }
  let tailLength = 0;
  let tailStart = count;
  const budget = maxChars / 4;
  while (count - tailStart < tailLines && tailStart - 1 >= Math.max(headCount, 1) && tailLength + line(tailStart - 1).length <= budget) {
    tailLength += line(--tailStart).length;
  }
  const hiddenChars = length - headLength - tailLength;
  if (hiddenChars === 0) return { collapsed: false };
  // Lines not shown in full; a first line cut short counts as hidden.
  return { collapsed: true, headCount, headCut, tailStart, hiddenLines: tailStart - headCount, hiddenChars };
}
