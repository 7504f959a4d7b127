// menu.js: a menu button (the toolbar's "⋯ More"), as the WAI-ARIA menu button pattern
// has it: the button says whether its menu is open (aria-expanded); opening it focuses
// the first item; ArrowDown/ArrowUp move between items (wrapping), Home/End go to the
// first and last; Enter or Space (or a click) acts and closes; Esc closes and gives the
// focus back to the button; Tab or a click elsewhere closes it.
//
// Its items stand in for toolbar buttons the page hides at narrower widths: an item with
// data-for="id" clicks the button with that id, and is disabled when that button is. Items
// the page hides (display: none, where their button shows) are skipped.

/** The index of the item to focus after key, from current, among count items; null if key does not move. */
export function menuIndex(current, key, count) {
  if (count === 0) return null;
  switch (key) {
    case "ArrowDown":
      return (current + 1) % count;
    case "ArrowUp":
      return (current - 1 + count) % count;
    case "Home":
      return 0;
    case "End":
      return count - 1;
    default:
      return null;
  }
}

export class MenuButton {
  /** Makes button open and close menu (an element holding role="menuitem" buttons). */
  constructor(button, menu) {
    this.button = button;
    this.menu = menu;
    button.setAttribute("aria-haspopup", "menu");
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-controls", menu.id);
    menu.setAttribute("role", "menu");
    menu.hidden = true;
    for (const item of this.items) item.tabIndex = -1;
    button.addEventListener("click", () => (this.isOpen ? this.close() : this.open()));
    button.addEventListener("keydown", (e) => {
      if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
      e.preventDefault();
      this.open(e.key === "ArrowUp" ? -1 : 0);
    });
    menu.addEventListener("keydown", (e) => this.#key(e));
    menu.addEventListener("click", (e) => {
      const item = e.target.closest('[role="menuitem"]');
      if (item) this.#activate(item);
    });
    menu.addEventListener("focusout", (e) => {
      if (this.isOpen && !this.menu.contains(e.relatedTarget) && e.relatedTarget !== this.button) this.close(false);
    });
    document.addEventListener("pointerdown", (e) => {
      if (this.isOpen && !this.menu.contains(e.target) && !this.button.contains(e.target)) this.close(false);
    });
  }

  /** The menu's items shown at this width, in order (the page hides some where their buttons show). */
  get items() {
    const all = [...this.menu.querySelectorAll('[role="menuitem"]')];
    return this.isOpen ? all.filter((item) => item.getClientRects().length > 0) : all;
  }

  get isOpen() {
    return !this.menu.hidden;
  }

  /** Opens the menu and focuses item number at (-1: the last). */
  open(at = 0) {
    for (const item of this.items) {
      const target = item.dataset.for ? document.getElementById(item.dataset.for) : null;
      if (target) item.setAttribute("aria-disabled", String(/** @type {HTMLButtonElement} */ (target).disabled));
    }
    this.menu.hidden = false;
    this.button.setAttribute("aria-expanded", "true");
    const items = this.items;
    items.at(at)?.focus();
  }

  /** Closes the menu; with focusButton, the focus goes back to the button. */
  close(focusButton = true) {
    if (!this.isOpen) return;
    this.menu.hidden = true;
    this.button.setAttribute("aria-expanded", "false");
    if (focusButton) this.button.focus();
  }

  #key(e) {
    const items = this.items;
    const current = items.indexOf(document.activeElement);
    const next = menuIndex(current, e.key, items.length);
    if (next !== null) {
      e.preventDefault();
      items[next].focus();
    } else if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      this.close();
    } else if (e.key === "Tab") {
      this.close(false);
    }
  }

  #activate(item) {
    if (item.getAttribute("aria-disabled") === "true") return;
    this.close();
    if (item.dataset.for) document.getElementById(item.dataset.for)?.click();
  }
}
