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
  const { maxLines, headLines, tailLines, maxChars } = { ...DEFAULT_LIMITS, ...limits };
  const lines = text.split(/(?<=\n)/);
  if (lines.length <= maxLines && text.length <= maxChars) return { collapsed: false, text };
  let head = "";
  let headCount = 0;
  while (headCount < Math.min(headLines, lines.length) && head.length + lines[headCount].length <= maxChars / 2) {
    head += lines[headCount++];
  }
  if (headCount === 0) head = lines[0].slice(0, Math.floor(maxChars / 2));
  let tail = "";
  let tailStart = lines.length;
  const budget = maxChars / 4;
  while (lines.length - tailStart < tailLines && tailStart - 1 >= Math.max(headCount, 1) && tail.length + lines[tailStart - 1].length <= budget) {
    tail = lines[--tailStart] + tail;
  }
  const hiddenChars = text.length - head.length - tail.length;
  if (hiddenChars === 0) return { collapsed: false, text };
  // Lines not shown in full; a first line cut short counts as hidden.
  return { collapsed: true, head, tail, hiddenLines: tailStart - headCount, hiddenChars };
}
