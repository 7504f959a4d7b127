// keys.js: the command-mode keys (a cell has the focus, not its editor), as in Jupyter.
//
// CommandKeys turns key presses into the names of actions; it knows nothing of the page.
// Two-key commands (D D deletes, I I stops) need the same key twice in a row: any other key
// in between starts over. The page maps each action to what it does (controls.js).

/** What each single key does in command mode (no Ctrl, Cmd or Alt). */
const SINGLE = {
  Enter: "edit",
  ArrowUp: "select-above",
  k: "select-above",
  ArrowDown: "select-below",
  j: "select-below",
  a: "insert-above",
  b: "insert-below",
  m: "to-markdown",
  y: "to-code",
  z: "undo-delete",
};

/** The two-key commands: the key pressed twice and what that does. */
const TWICE = { d: "delete", i: "stop" };

/**
 * The action for a key press in command mode, or null. Keeps the key a two-key command
 * starts with until the next press.
 */
export class CommandKeys {
  #pending = null;

  /** press({key, shiftKey, ctrlKey, metaKey, altKey}) -> action name or null. */
  press({ key, shiftKey = false, ctrlKey = false, metaKey = false, altKey = false }) {
    const pending = this.#pending;
    this.#pending = null;
    const mod = ctrlKey || metaKey;
    if (key === "Enter" && shiftKey) return "run-next";
    if (key === "Enter" && mod) return "run-stay";
    if (key === "Enter" && altKey) return "run-insert";
    if (mod || altKey || shiftKey) return null;
    if (key in TWICE) {
      if (pending === key) return TWICE[key];
      this.#pending = key;
      return null;
    }
    return Object.hasOwn(SINGLE, key) ? SINGLE[key] : null;
  }

  /** Forgets a half-typed two-key command (the focus left the cell). */
  reset() {
    this.#pending = null;
  }
}
