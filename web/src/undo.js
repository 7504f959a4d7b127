// undo.js: the cells deleted from a notebook, so Z (command mode) can bring them back, as
// in Jupyter: the last deleted first, at the place it was deleted from, several levels.

/** How many deleted cells are kept; older ones are forgotten. */
export const UNDO_LIMIT = 50;

export class DeletedCells {
  #stack = [];
  #limit;

  constructor(limit = UNDO_LIMIT) {
    this.#limit = limit;
  }

  /** Remembers cell, deleted from position index. */
  push(cell, index) {
    this.#stack.push({ cell, index });
    if (this.#stack.length > this.#limit) this.#stack.shift();
  }

  /** The last deleted cell and its position ({cell, index}), taken off the stack; or null. */
  pop() {
    return this.#stack.pop() ?? null;
  }

  /** How many cells can be brought back. */
  get size() {
    return this.#stack.length;
  }

  /** Forgets every deleted cell (another notebook is shown). */
  clear() {
    this.#stack.length = 0;
  }
}
