import { test } from "node:test";
import assert from "node:assert/strict";
import { encodeShare, decodeShare, payloadFromHash, shareURL, toBase64Url, fromBase64Url } from "../src/share.js";

test("share payload round-trips notebooks of every size, including non-ASCII text", async () => {
  const big = JSON.stringify({ cells: Array.from({ length: 2000 }, (_, i) => ({ source: `x${i} = ${i} # ünïcødé ✓` })) });
  for (const text of ["", "{}", "héllo → 世界 🚀", big]) {
    const payload = await encodeShare(text);
    assert.match(payload, /^[A-Za-z0-9_-]*$/, "payload is base64url");
    assert.equal(await decodeShare(payload), text);
  }
});

test("share payload is compressed", async () => {
  const text = "cell = 1\n".repeat(5000);
  const payload = await encodeShare(text);
  assert.ok(payload.length < text.length / 20, `payload ${payload.length} chars for ${text.length}`);
});

test("a damaged share payload gives a clear error", async () => {
  const payload = await encodeShare("some notebook text ".repeat(50));
  await assert.rejects(decodeShare(payload.slice(0, payload.length / 2)), /share link is damaged/);
  await assert.rejects(decodeShare("not*base64"), /share link is damaged.*not base64url/);
});

test("base64url round-trips every byte value", () => {
  const bytes = Uint8Array.from({ length: 256 * 3 + 1 }, (_, i) => i % 256);
  assert.deepEqual(fromBase64Url(toBase64Url(bytes)), bytes);
});

test("the payload is read from #nb= and share URLs drop query and old hash", () => {
  assert.equal(payloadFromHash("#nb=abc"), "abc");
  assert.equal(payloadFromHash("nb=abc"), "abc");
  assert.equal(payloadFromHash("#other"), null);
  assert.equal(payloadFromHash(""), null);
  assert.equal(shareURL("https://h.example/sub/index.html?notebook=x.ipynb#old", "P"), "https://h.example/sub/index.html#nb=P");
});
