// exercise.js: exercise cells, which check themselves (README: "Exercises").
//
// A code cell whose metadata.pushbook.exercise is set is an exercise: the learner's cell
// (its source is the starting code) plus a hidden check that runs after it, in the same
// session, and says in plain words what is right and what is not; up to three hints,
// revealed one at a time (inline Markdown); the reference solution; and "solved", set once the learner's
// check passed (saved with the notebook).
//
// This module reads and validates that metadata (readExercise, as notebook.Exercise does
// in Go), judges a check's result (judgeCheck), remembers the hints a learner has revealed
// for the browser tab's session (HintMemory), and draws an exercise's header, buttons,
// hints and feedback box (ExercisePanel). It never talks to the kernel: the page runs the
// cell and then the check through its run queue and hands the result to the panel.
// Nothing hidden (the check's source, hints not revealed yet, the solution) is put in the
// page until the learner asks for it.

import { drawOutput } from "./outputs.js";
import { highlightLines } from "./highlight.js";
import { renderInlineMarkdown } from "./markdown.js";

/** How many hints an exercise may have. */
export const MAX_HINTS = 3;

/** The keys of metadata.pushbook.exercise. */
export const EXERCISE_KEYS = ["title", "check", "hints", "solution", "solved"];

const own = (obj, key) => obj !== null && typeof obj === "object" && Object.prototype.hasOwnProperty.call(obj, key);
const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const kind = (v) => (v === null ? "null" : Array.isArray(v) ? "a list" : typeof v === "object" ? "an object" : typeof v === "string" ? "a string" : typeof v === "boolean" ? "a boolean" : typeof v === "number" ? "a number" : typeof v);

/**
 * Reads a cell's exercise: null when the cell has none; else {exercise: {title, check,
 * hints, solution, solved}} or, when its metadata is malformed, {error} saying what is
 * wrong (the same rules as Go's notebook.Exercise: unknown keys, more than 3 hints, an
 * empty or missing title, check or solution, values of the wrong type, a cell that is not
 * code).
 */
export function readExercise(cell) {
  const pb = cell?.metadata?.pushbook;
  if (!own(pb, "exercise")) return null;
  const raw = pb.exercise;
  const where = "metadata.pushbook.exercise";
  if (!isObject(raw)) return { error: `${where}: want an object, got ${kind(raw)}` };
  if (cell.cell_type !== "code") return { error: `${where}: only a code cell can be an exercise, this is a ${cell.cell_type} cell` };
  const errors = [];
  for (const key of Object.keys(raw).sort()) {
    if (!EXERCISE_KEYS.includes(key)) errors.push(`${where}: unknown key ${JSON.stringify(key)} (the keys are ${EXERCISE_KEYS.join(", ")})`);
  }
  const exercise = { title: "", check: "", hints: [], solution: "", solved: false };
  for (const key of ["title", "check", "solution"]) {
    if (!own(raw, key)) errors.push(`${where}.${key} is missing`);
    else if (typeof raw[key] !== "string") errors.push(`${where}.${key}: want a string, got ${kind(raw[key])}`);
    else if (raw[key].trim() === "") errors.push(`${where}.${key} is empty`);
    else exercise[key] = raw[key];
  }
  if (own(raw, "hints")) {
    const hints = raw.hints;
    if (!Array.isArray(hints)) errors.push(`${where}.hints: want a list of strings, got ${kind(hints)}`);
    else if (hints.length > MAX_HINTS) errors.push(`${where}.hints: ${hints.length} hints; at most ${MAX_HINTS}`);
    else {
      hints.forEach((h, i) => {
        if (typeof h !== "string") errors.push(`${where}.hints[${i}]: want a string, got ${kind(h)}`);
        else if (h.trim() === "") errors.push(`${where}.hints[${i}] is empty`);
        else exercise.hints.push(h);
      });
    }
  }
  if (own(raw, "solved")) {
    if (typeof raw.solved !== "boolean") errors.push(`${where}.solved: want true or false, got ${kind(raw.solved)}`);
    else exercise.solved = raw.solved;
  }
  return errors.length ? { error: errors.join("\n") } : { exercise };
}

/**
 * Marks the exercise of cell solved (metadata.pushbook.exercise.solved = true), in place;
 * returns whether that changed anything.
 */
export function markSolved(cell) {
  const ex = cell?.metadata?.pushbook?.exercise;
  if (!isObject(ex) || ex.solved === true) return false;
  ex.solved = true;
  return true;
}

/**
 * What the learner is told after a Check, from how the cell ended (cellStatus) and, if it
 * ended "ok", how its check ended (status, outputs: the check's nbformat outputs).
 * Returns {verdict, message, outputs}: verdict is "solved", "wrong" (the check raised
 * AssertionError: message is its words, and its traceback is never shown), "error" (the
 * check failed otherwise: its error output is among outputs, shown as any error is),
 * "stopped", or "cell-failed" / "cell-stopped" (the cell did not finish, so nothing was
 * checked); outputs are what to draw under the message (what the check printed).
 */
export function judgeCheck(cellStatus, status = null, outputs = []) {
  if (cellStatus === "aborted") return { verdict: "cell-stopped", message: "The cell was stopped before it finished, so it was not checked.", outputs: [] };
  if (cellStatus !== "ok") return { verdict: "cell-failed", message: "The cell raised an error (shown under it), so it was not checked. Fix the error and press Check again.", outputs: [] };
  const error = outputs.findLast((o) => o.output_type === "error");
  const others = outputs.filter((o) => o !== error);
  if (status === "ok") return { verdict: "solved", message: "Solved!", outputs: others };
  if (status === "aborted") return { verdict: "stopped", message: "The check was stopped before it could say.", outputs };
  if (error?.ename === "AssertionError") {
    const words = String(error.evalue ?? "").trim();
    return { verdict: "wrong", message: words || "Not yet: the check found something wrong but did not say what.", outputs: others };
  }
  return { verdict: "error", message: "The check itself failed with an error (below): this may be the cell's doing, or a bug in the exercise.", outputs };
}

/** The label of the hint button when shown of total hints are revealed ("Hint (1 of 3)"). */
export function hintLabel(shown, total) {
  return total === 1 ? "Hint" : `Hint (${Math.min(shown + 1, total)} of ${total})`;
}

/**
 * Remembers, per notebook and cell, how many hints were revealed and whether the solution
 * was, for the browser tab's session (sessionStorage): a reload keeps them, a new tab does
 * not. storage is a Storage-like object ({getItem, setItem}); without one (or if it
 * throws) the memory lasts as long as the page.
 */
export class HintMemory {
  #storage;
  #scope = "";
  #page = new Map();

  constructor(storage = safeSessionStorage()) {
    this.#storage = storage;
  }

  /** Which notebook the cells belong to (its storage key). */
  setScope(scope) {
    this.#scope = String(scope ?? "");
  }

  #key(cellId) {
    return `pushbook:exercise:${this.#scope}:${cellId}`;
  }

  /** {hints, solution} revealed for cell cellId. */
  get(cellId) {
    const key = this.#key(cellId);
    let value = this.#page.get(key);
    if (!value) {
      try {
        value = JSON.parse(this.#storage?.getItem(key) ?? "null");
      } catch {
        value = null;
      }
    }
    return { hints: Number.isInteger(value?.hints) && value.hints > 0 ? value.hints : 0, solution: value?.solution === true };
  }

  /** Records what is revealed for cell cellId. */
  set(cellId, { hints, solution }) {
    const key = this.#key(cellId);
    const value = { hints, solution };
    this.#page.set(key, value);
    try {
      this.#storage?.setItem(key, JSON.stringify(value));
    } catch {
      // Storage full or refused: the page's memory still has it.
    }
  }
}

function safeSessionStorage() {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null; // refused (a sandboxed frame)
  }
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function button(className, text, label, onClick) {
  const b = el("button", className, text);
  b.type = "button";
  if (label) b.setAttribute("aria-label", label);
  b.addEventListener("click", onClick);
  return b;
}

/**
 * The exercise part of a cell's view: header (before the cell's input) with the title,
 * the solved mark and the Check, Hint and Show solution buttons; and a panel (after the
 * input) with the hints revealed, the solution if revealed, and the feedback box, an
 * aria-live region. handlers: {onCheck()}; memory: a HintMemory.
 */
export class ExercisePanel {
  #cell;
  #onCheck;
  #memory;
  #exercise = null;
  #error = null;

  constructor(cell, { onCheck, memory }) {
    this.#cell = cell;
    this.#onCheck = onCheck;
    this.#memory = memory;
    this.header = el("div", "exercise-header");
    this.panel = el("div", "exercise-panel");
    this.title = el("h3", "exercise-title");
    this.mark = el("span", "exercise-solved-mark");
    this.checkButton = button("exercise-check", "Check", "", () => this.#onCheck());
    this.hintButton = button("exercise-hint", "Hint", "", () => this.revealHint());
    this.solutionButton = button("exercise-show-solution", "Show solution", "Show the reference solution", () => this.revealSolution());
    const buttons = el("div", "exercise-buttons");
    buttons.append(this.checkButton, this.hintButton, this.solutionButton);
    const heading = el("div", "exercise-heading");
    heading.append(this.title, this.mark);
    this.header.append(heading, buttons);
    this.hints = el("ol", "exercise-hints");
    this.hints.setAttribute("aria-label", "Hints");
    this.solution = el("div", "exercise-solution");
    this.feedback = el("div", "exercise-feedback");
    this.feedback.setAttribute("role", "status");
    this.feedback.setAttribute("aria-live", "polite");
    this.feedback.hidden = true;
    this.panel.append(this.hints, this.solution, this.feedback);
    this.update(cell);
  }

  /** The exercise as read from the cell's metadata, or null when it is malformed. */
  get exercise() {
    return this.#exercise;
  }

  /** Redraws from the cell's metadata (after it changed: solved, or a new notebook). */
  update(cell = this.#cell) {
    this.#cell = cell;
    const read = readExercise(cell);
    this.#exercise = read?.exercise ?? null;
    this.#error = read?.error ?? null;
    const ex = this.#exercise;
    const solved = ex?.solved === true;
    this.title.textContent = ex ? `Exercise: ${ex.title}` : "Exercise";
    this.mark.hidden = !solved;
    this.mark.textContent = "✓ Solved";
    this.mark.setAttribute("aria-label", "Solved: your code passed this exercise's check");
    this.header.classList.toggle("solved", solved);
    this.checkButton.hidden = !ex;
    this.checkButton.setAttribute("aria-label", ex ? `Check exercise: ${ex.title}` : "Check");
    if (this.#error) {
      this.#drawHints();
      this.show("error", `This exercise cannot be checked: its metadata is malformed.\n${this.#error}`);
      return;
    }
    this.#drawHints();
  }

  #revealed() {
    return this.#memory.get(this.#cell.id);
  }

  // Draws the hints revealed so far, the solution if revealed, and the buttons that
  // reveal more.
  #drawHints() {
    const ex = this.#exercise;
    const total = ex?.hints.length ?? 0;
    const { hints, solution } = this.#revealed();
    const shown = Math.min(hints, total);
    const items = ex ? ex.hints.slice(0, shown).map((h, i) => {
      const li = el("li", "exercise-hint-text");
      const label = el("strong", "", total === 1 ? "Hint: " : `Hint ${i + 1} of ${total}: `);
      li.append(label, renderInlineMarkdown(h)); // `code` and *emphasis*, sanitized
      return li;
    }) : [];
    this.hints.replaceChildren(...items);
    this.hints.hidden = items.length === 0;
    this.hintButton.hidden = !ex || shown >= total;
    this.hintButton.textContent = hintLabel(shown, total);
    this.hintButton.setAttribute("aria-label", `Show hint ${shown + 1} of ${total}`);
    // The solution comes after the last hint.
    this.solutionButton.hidden = !ex || shown < total || solution;
    if (ex && solution) {
      const heading = el("div", "exercise-solution-heading", "Reference solution");
      const pre = el("pre", "exercise-solution-code");
      for (const [i, line] of highlightLines(ex.solution).entries()) {
        if (i > 0) pre.appendChild(document.createTextNode("\n"));
        for (const [text, classes] of line) {
          if (!classes) pre.appendChild(document.createTextNode(text));
          else pre.appendChild(el("span", classes, text));
        }
      }
      this.solution.replaceChildren(heading, pre);
      this.solution.hidden = false;
    } else {
      this.solution.replaceChildren();
      this.solution.hidden = true;
    }
  }

  /** Reveals the next hint (remembered for the tab's session). */
  revealHint() {
    const ex = this.#exercise;
    if (!ex) return;
    const now = this.#revealed();
    if (now.hints >= ex.hints.length) return;
    this.#memory.set(this.#cell.id, { ...now, hints: now.hints + 1 });
    this.#drawHints();
    (this.hintButton.hidden ? (this.solutionButton.hidden ? this.checkButton : this.solutionButton) : this.hintButton).focus();
  }

  /** Reveals the reference solution (after the last hint). */
  revealSolution() {
    const ex = this.#exercise;
    if (!ex) return;
    this.#memory.set(this.#cell.id, { ...this.#revealed(), hints: ex.hints.length, solution: true });
    this.#drawHints();
    this.checkButton.focus();
  }

  /** Whether the feedback box says "Checking…". */
  get isChecking() {
    return this.feedback.dataset.verdict === "checking";
  }

  /** Says the cell and its check are on their way. */
  checking() {
    this.checkButton.disabled = true;
    this.feedback.setAttribute("aria-busy", "true");
    this.show("checking", "Checking…");
  }

  /**
   * Shows a message in the feedback box: kind is "solved", "wrong", "error", "stopped",
   * "cell-failed", "cell-stopped" or "checking"; outputs (nbformat) are drawn under it.
   */
  show(kind, message, outputs = []) {
    if (kind !== "checking") {
      this.checkButton.disabled = false;
      this.feedback.removeAttribute("aria-busy");
    }
    this.feedback.hidden = false;
    this.feedback.dataset.verdict = kind;
    const line = el("p", "exercise-verdict");
    const icon = { solved: "✓", wrong: "✗", error: "!", "cell-failed": "!", stopped: "■", "cell-stopped": "■", checking: "…" }[kind] ?? "";
    if (icon) {
      const i = el("span", "exercise-verdict-icon", icon);
      i.setAttribute("aria-hidden", "true");
      line.append(i);
    }
    const words = el("span", "exercise-verdict-text");
    const lines = String(message).split("\n");
    lines.forEach((text, i) => {
      if (i > 0) words.append(el("br"));
      words.append(document.createTextNode(text));
    });
    line.append(words);
    const drawn = outputs.map((o) => drawOutput(o).el);
    this.feedback.replaceChildren(line, ...drawn);
  }

  /** Shows a judged check (judgeCheck's value). */
  showResult({ verdict, message, outputs }) {
    this.show(verdict, message, outputs);
  }

  /** Removes the header and panel from the page. */
  destroy() {
    this.header.remove();
    this.panel.remove();
  }
}
