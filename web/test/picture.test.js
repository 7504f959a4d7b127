// A picture's natural size (picture.js), which it is scaled from and shown at in full size.
import { test } from "node:test";
import assert from "node:assert/strict";
import { naturalSize } from "../src/picture.js";

const svg = (attrs) => ({ getAttribute: (name) => attrs[name] ?? null });

test("the natural size is the width and height attributes, else the viewBox", () => {
  assert.deepEqual(naturalSize(svg({ width: "1180", height: "140", viewBox: "0 0 1180 140" })), { width: 1180, height: 140 });
  assert.deepEqual(naturalSize(svg({ width: "420.5px", height: "300" })), { width: 420.5, height: 300 });
  assert.deepEqual(naturalSize(svg({ width: "100%", viewBox: "0 0 640,480" })), { width: 640, height: 480 }, "a relative width falls back to the viewBox");
  assert.equal(naturalSize(svg({})), null);
  assert.equal(naturalSize(svg({ viewBox: "0 0 0 10" })), null);
});
