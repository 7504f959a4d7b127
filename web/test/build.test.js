import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, mkdir, writeFile, readFile, rm } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { copyDataFiles, pageFiles, withModulePreloads } from "../build.mjs";

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
