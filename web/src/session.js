// session.js: one kernel session per notebook, and the page's address for the notebook shown.
//
// As in Jupyter, a notebook gets a kernel session of its own: opening another notebook
// (New, Open…, Examples, a share link) starts a fresh session when the one running has
// state, so no variable and no execution count carries over from the notebook before.
// The address follows the notebook shown, so a reload or a copied address opens it again.

/**
 * The page's address (a string) for the notebook origin ({kind, ref}), from the current
 * address href: ?notebook=ref for a notebook from the site, the #nb= share payload for a
 * shared one, and neither for a local file or a new notebook (the bare address opens the
 * notebook shown last). ?run=all stays only while keepRun (until Run all has started).
 */
export function addressFor(href, origin, { keepRun = false } = {}) {
  const url = new URL(href);
  const run = url.searchParams.get("run");
  url.search = "";
  if (origin.kind === "url") url.searchParams.set("notebook", origin.ref);
  if (keepRun && run) url.searchParams.set("run", run);
  if (origin.kind !== "shared") url.hash = "";
  return url.href;
}

/**
 * Which kernel session ran a cell last: a session has state (variables, execution counts)
 * once a cell ran in it. Sessions are Kernel.session numbers, which change on every
 * restart and every replaced worker.
 */
export class SessionUse {
  #ran = null;

  /** Notes that a cell ran in session. */
  ran(session) {
    this.#ran = session;
  }

  /** Whether a cell ran in session (so restarting it loses something). */
  hasState(session) {
    return session !== undefined && session !== null && this.#ran === session;
  }
}

/** Whether showing the notebook saved under nextKey, after currentKey, needs a fresh session. */
export function needsFreshSession(currentKey, nextKey, hasState) {
  return hasState && currentKey !== nextKey;
}
