import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, mkdir, writeFile, readFile, rm } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { copyDataFiles, copyKatex, pageFiles, withModulePreloads } from "../build.mjs";
import { faviconICO, faviconSVG, inside } from "../favicon.mjs";

test("copyDataFiles copies every data file beside the notebooks, subfolders included, and no notebook", async () => {
  const src = await mkdtemp(join(tmpdir(), "pushbook-examples-"));
  const out = await mkdtemp(join(tmpdir(), "pushbook-site-"));
  try {
    await mkdir(join(src, "data"));
    await writeFile(join(src, "seed.ipynb"), "{}");
    await writeFile(join(src, "events.jsonl"), '{"a": 1}\n');
    await writeFile(join(src, "data", "runs.csv"), "a,b\n1,2\n");
    await writeFile(join(src, ".hidden"), "x");
    await writeFile(join(src, "index.json"), "[]");
    const copied = await copyDataFiles(src, out);
    assert.deepEqual(copied, ["data/runs.csv", "events.jsonl"]);
    assert.equal(await readFile(join(out, "data", "runs.csv"), "utf8"), "a,b\n1,2\n");
    assert.equal(existsSync(join(out, "seed.ipynb")), false, "notebooks are written by buildExamples, not copied");
    assert.equal(existsSync(join(out, ".hidden")), false);
    assert.equal(existsSync(join(out, "index.json")), false);
  } finally {
    await rm(src, { recursive: true, force: true });
    await rm(out, { recursive: true, force: true });
  }
});

test("pageFiles puts app.js and its static imports first and chunks only import() reaches later", () => {
  const out = "/site";
  const metafile = {
    outputs: {
      "/site/app.js": { imports: [{ path: "/site/chunks/chunk-A.js", kind: "import-statement" }, { path: "/site/chunks/editor-B.js", kind: "dynamic-import" }] },
      "/site/chunks/chunk-A.js": { imports: [] },
      "/site/chunks/editor-B.js": { imports: [{ path: "/site/chunks/chunk-A.js", kind: "import-statement" }] },
      "/site/app.css": { imports: [] },
    },
  };
  assert.deepEqual(pageFiles(metafile, out), { first: ["app.js", "chunks/chunk-A.js"], later: ["chunks/editor-B.js"] });
});

test("withModulePreloads lists the chunks right after app.js's preload, with relative URLs", () => {
  const html = '<head>\n<link rel="modulepreload" href="app.js">\n<script>x</script>';
  assert.equal(
    withModulePreloads(html, ["chunks/chunk-A.js"]),
    '<head>\n<link rel="modulepreload" href="app.js">\n<link rel="modulepreload" href="chunks/chunk-A.js">\n<script>x</script>',
  );
  assert.throws(() => withModulePreloads("<head></head>", ["chunks/chunk-A.js"]), /no <link rel="modulepreload" href="app.js">/);
});

test("copyKatex copies KaTeX's stylesheet and every woff2 font it names", async () => {
  const out = await mkdtemp(join(tmpdir(), "pushbook-site-"));
  try {
    const files = await copyKatex(out);
    const css = await readFile(join(out, "katex", "katex.min.css"), "utf8");
    assert.ok(files.length > 10, `${files.length} files`);
    for (const m of css.matchAll(/url\((fonts\/[^)]+\.woff2)\)/g)) assert.ok(existsSync(join(out, "katex", m[1])), m[1]);
    assert.doesNotMatch(css, /url\((https?:|\/\/)/, "nothing from another site");
  } finally {
    await rm(out, { recursive: true, force: true });
  }
});

test("the favicon is a 32x32 32-bit ICO and an SVG of the same two triangles", () => {
  const ico = faviconICO();
  assert.deepEqual([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)], [0, 1, 1], "ICO header, one image");
  assert.deepEqual([ico[6], ico[7], ico.readUInt16LE(12)], [32, 32, 32]);
  assert.equal(ico.readUInt32LE(14) + 22, ico.length, "the image fills the rest of the file");
  const opaque = (x, y) => ico[22 + 40 + ((31 - y) * 32 + x) * 4 + 3] === 255;
  assert.ok(opaque(4, 16) && opaque(18, 16) && !opaque(16, 16) && !opaque(1, 1), "two triangles, a gap, transparent corners");
  assert.ok(inside(4, 16) && !inside(30, 2));
  assert.match(faviconSVG(), /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 32 32"><path fill="#1a73e8" d="M3 6L15 16L3 26ZM17 6L29 16L17 26Z"\/><\/svg>/);
});
