// compress.mjs: write a brotli sibling, FILE.br, next to each file named.
//
//   node web/compress.mjs build/site/main.wasm
//
// `make site` runs it on main.wasm once the wasm exists. `go run . serve` (the site
// package) sends FILE.br, as FILE with Content-Encoding: br, to a browser that accepts br;
// a host that knows nothing of .br files serves FILE as before (README, "Serving and
// publishing"). Brotli at its best (quality 11, a 16 MB window) makes main.wasm about a
// quarter smaller than gzip -9 does, at some 20 s of one core per build, which is why it
// is done here once and not by the server per request. A sibling that already holds FILE's
// bytes (decompressing it takes milliseconds) is not written again, only touched, so it
// stays newer than FILE (the server ignores an older one as stale).

import { readFile, writeFile, utimes } from "node:fs/promises";
import { existsSync } from "node:fs";
import { brotliCompressSync, brotliDecompressSync, constants } from "node:zlib";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Returns data compressed with brotli at its best: quality 11, the largest window browsers take. */
export function brotliBest(data) {
  return brotliCompressSync(data, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_LGWIN]: constants.BROTLI_MAX_WINDOW_BITS,
      [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
    },
  });
}

/**
 * Writes file + ".br" unless it already decompresses to file's bytes (then only its times
 * are set to now); returns { raw, br, written }: the sizes in bytes and whether it compressed.
 */
export async function writeBrotliSibling(file) {
  const data = await readFile(file);
  const sibling = file + ".br";
  if (existsSync(sibling)) {
    const old = await readFile(sibling);
    let same = false;
    try {
      same = brotliDecompressSync(old).equals(data);
    } catch {
      // Not brotli: write it anew.
    }
    if (same) {
      const now = new Date();
      await utimes(sibling, now, now);
      return { raw: data.length, br: old.length, written: false };
    }
  }
  const br = brotliBest(data);
  await writeFile(sibling, br);
  return { raw: data.length, br: br.length, written: true };
}

async function main() {
  const files = process.argv.slice(2);
  if (files.length === 0) throw new Error("usage: compress.mjs FILE...");
  for (const file of files) {
    const t0 = Date.now();
    const { raw, br, written } = await writeBrotliSibling(file);
    const mb = (n) => `${(n / 1e6).toFixed(3)} MB`;
    console.log(`${file}.br: ${mb(br)} brotli of ${mb(raw)} (${written ? `compressed in ${((Date.now() - t0) / 1000).toFixed(1)} s` : "unchanged"})`);
  }
}

// Run as a script, not when a test imports the helpers above.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(`compress.mjs: ${err.message}`);
    process.exit(1);
  });
}
