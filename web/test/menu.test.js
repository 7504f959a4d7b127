// The "⋯ More" menu's keyboard moves (menu.js), and the page's address and session rules (session.js).
import { test } from "node:test";
import assert from "node:assert/strict";
import { menuIndex } from "../src/menu.js";
import { addressFor, SessionUse, needsFreshSession } from "../src/session.js";

test("arrow keys move through the menu's items and wrap; Home and End go to the ends", () => {
  assert.equal(menuIndex(0, "ArrowDown", 3), 1);
  assert.equal(menuIndex(2, "ArrowDown", 3), 0, "down from the last wraps to the first");
  assert.equal(menuIndex(0, "ArrowUp", 3), 2, "up from the first wraps to the last");
  assert.equal(menuIndex(-1, "ArrowDown", 3), 0, "from outside the items, down is the first");
  assert.equal(menuIndex(1, "Home", 3), 0);
  assert.equal(menuIndex(1, "End", 3), 2);
  assert.equal(menuIndex(1, "x", 3), null);
  assert.equal(menuIndex(0, "ArrowDown", 0), null);
});

test("the address names the notebook shown and drops run=all once it ran", () => {
  const site = { kind: "url", ref: "examples/events.ipynb" };
  assert.equal(addressFor("https://h/p/?run=all", site), "https://h/p/?notebook=examples%2Fevents.ipynb");
  assert.equal(addressFor("https://h/p/?notebook=examples/seed.ipynb&run=all", site, { keepRun: true }), "https://h/p/?notebook=examples%2Fevents.ipynb&run=all");
  assert.equal(addressFor("https://h/p/?notebook=examples/seed.ipynb#nb=abc", { kind: "file", ref: "x.ipynb" }), "https://h/p/", "a local file has the bare address");
  assert.equal(addressFor("https://h/p/?notebook=a.ipynb#nb=abc", { kind: "shared", ref: "abc" }), "https://h/p/#nb=abc", "a shared notebook keeps its payload");
  assert.equal(addressFor("https://h/p/#nb=abc", { kind: "untitled", ref: "" }), "https://h/p/");
});

test("a session has state once a cell ran in it, and another notebook then needs a fresh one", () => {
  const use = new SessionUse();
  assert.equal(use.hasState(1), false, "nothing ran yet");
  use.ran(1);
  assert.equal(use.hasState(1), true);
  assert.equal(use.hasState(2), false, "a restart (session 2) has no state");
  assert.equal(use.hasState(undefined), false, "no kernel, no state");
  assert.equal(needsFreshSession("url:a", "url:b", true), true);
  assert.equal(needsFreshSession("url:a", "url:a", true), false, "the same notebook opened again keeps its session");
  assert.equal(needsFreshSession("url:a", "url:b", false), false, "a session without state is as good as fresh");
});
