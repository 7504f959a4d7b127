// notices.js: the page's two ways of saying something. The banner across the top holds
// an error or a warning until it is dismissed or over (a save that failed offers a
// Download button in it); the status line beside the notebook's name says what just
// happened ("Saved in this browser 10:42", "Cell restored").

/**
 * @typedef {object} NoticeElements
 * @property {HTMLElement} banner the banner box (hidden when there is no message)
 * @property {HTMLElement} text the banner's text
 * @property {HTMLElement} close the banner's dismiss button (a Download button goes before it)
 * @property {HTMLElement} status the status line
 * @property {Pick<Document, "createElement">} doc makes the Download button
 */

/** The id of the banner's Download button, offered while a save fails. */
export const BANNER_DOWNLOAD_ID = "banner-download";

export class Notices {
  /** @type {NoticeElements} */
  #els;
  /** @type {HTMLElement | null} */
  #download = null;

  /** @param {NoticeElements} els */
  constructor(els) {
    this.#els = els;
  }

  /**
   * Shows message in the banner as kind ("info", "warn", "error"); null hides it. Takes
   * away a Download button offered before.
   * @param {string | null} message
   */
  banner(message, kind = "info") {
    const { banner, text } = this.#els;
    banner.hidden = !message;
    banner.className = `banner banner-${kind}`;
    text.textContent = message ?? "";
    this.#download?.remove();
    this.#download = null;
  }

  /** Shows message in the status line. @param {string} message */
  status(message) {
    this.#els.status.textContent = message;
  }

  /**
   * Adds a Download button to the banner shown now (it goes with the next banner() call).
   * @param {() => void} onClick
   */
  offerDownload(onClick) {
    const button = this.#els.doc.createElement("button");
    button.id = BANNER_DOWNLOAD_ID;
    button.type = "button";
    button.textContent = "Download";
    button.addEventListener("click", onClick);
    this.#els.close.before(button);
    this.#download = button;
  }

  /** Whether the banner offers Download (a save failed and has not succeeded since). */
  get offersDownload() {
    return this.#download !== null;
  }
}
