import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, mkdir, writeFile, readFile, rm } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { copyDataFiles } from "../build.mjs";

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
