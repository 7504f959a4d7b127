import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, writeFile, readFile, rm, stat, utimes } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync } from "node:zlib";
import { writeBrotliSibling } from "../compress.mjs";

test("writeBrotliSibling writes FILE.br, which decompresses to FILE, and rewrites it only when FILE changed", async () => {
  const dir = await mkdtemp(join(tmpdir(), "pushbook-compress-"));
  try {
    const file = join(dir, "main.wasm");
    const first = Buffer.from("\0asm\x01\0\0\0" + "kernel ".repeat(5000));
    await writeFile(file, first);

    const made = await writeBrotliSibling(file);
    assert.equal(made.written, true);
    assert.equal(made.raw, first.length);
    const br = await readFile(file + ".br");
    assert.equal(made.br, br.length);
    assert.ok(br.length < first.length / 20, `brotli of a repetitive file: ${br.length} bytes of ${first.length}`);
    assert.deepEqual(brotliDecompressSync(br), first);

    // Rebuilt with the same bytes: the sibling is kept, and touched so it is not older.
    const past = new Date(Date.now() - 60_000);
    await utimes(file + ".br", past, past);
    const kept = await writeBrotliSibling(file);
    assert.equal(kept.written, false);
    assert.ok((await stat(file + ".br")).mtimeMs >= (await stat(file)).mtimeMs, "the kept sibling is not older than the file");

    // Rebuilt with new bytes, or a sibling that is not brotli: written anew.
    for (const [what, sibling] of [["new bytes", null], ["a sibling that is not brotli", "not brotli"]]) {
      const next = Buffer.from("\0asm\x01\0\0\0" + what.repeat(100));
      await writeFile(file, next);
      if (sibling) await writeFile(file + ".br", sibling);
      const again = await writeBrotliSibling(file);
      assert.equal(again.written, true, what);
      assert.deepEqual(brotliDecompressSync(await readFile(file + ".br")), next, what);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
