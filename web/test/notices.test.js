// The banner and the status line (notices.js) on stand-in elements.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Notices, BANNER_DOWNLOAD_ID } from "../src/notices.js";
import { FakeElement, fakeDocument } from "./pagefakes.js";

function harness() {
  const doc = fakeDocument();
  const banner = new FakeElement("banner", doc);
  const text = new FakeElement("text", doc);
  const close = new FakeElement("close", doc);
  banner.append(text, close);
  const status = new FakeElement("status", doc);
  return { notices: new Notices({ banner, text, close, status, doc }), banner, text, status };
}

test("a banner shows its message and kind; null hides it", () => {
  const { notices, banner, text } = harness();
  notices.banner("boom", "error");
  assert.deepEqual([banner.hidden, banner.className, text.textContent], [false, "banner banner-error", "boom"]);
  notices.banner(null);
  assert.deepEqual([banner.hidden, text.textContent], [true, ""]);
});

test("Download is offered before the dismiss button and goes with the next banner", () => {
  const { notices, banner } = harness();
  let clicked = 0;
  notices.banner("not saved", "error");
  notices.offerDownload(() => clicked++);
  assert.equal(notices.offersDownload, true);
  const button = banner.children[1];
  assert.equal(button.id, BANNER_DOWNLOAD_ID);
  assert.equal(banner.children[2].name, "close");
  button.click();
  assert.equal(clicked, 1);
  notices.banner(null);
  assert.equal(notices.offersDownload, false);
  assert.equal(banner.children.length, 2);
});

test("the status line says what happened", () => {
  const { notices, status } = harness();
  notices.status("Cell restored");
  assert.equal(status.textContent, "Cell restored");
});
