// build.mjs: build the notebook site with esbuild.
//
//   node web/build.mjs --out build/site --examples examples
//
// Writes OUT/app.js (the page, an ES module), OUT/chunks/ (the CodeMirror editor, which the
// page imports when the first cell is edited, and the code both share, which index.html
// preloads), OUT/worker.js (the kernel's classic worker), OUT/kernel.js (the kernel API as
// an ES module for tutorial pages), index.html, style.css, and
// OUT/katex/ (KaTeX's stylesheet and its woff2 fonts, which chunks/math-HASH.js links when
// a notebook has math), favicon.svg and favicon.ico (favicon.mjs), and
// OUT/examples/ with every .ipynb of the examples directory plus index.json listing them,
// and every other file there (data files the notebooks read by name), subfolders included.
// main.wasm and wasm_exec.js are not built here: copy them into OUT next to worker.js.

import { build } from "esbuild";
import { mkdir, copyFile, readdir, readFile, writeFile, rm } from "node:fs/promises";
import { existsSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { dirname, join, resolve, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parseNotebook } from "./src/ipynb.js";
import { faviconICO, faviconSVG } from "./favicon.mjs";

const here = dirname(fileURLToPath(import.meta.url));

function parseArgs(argv) {
  const args = { out: null, examples: null };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === "--out" || flag === "--examples") args[flag.slice(2)] = argv[++i];
    else throw new Error(`unknown argument ${JSON.stringify(flag)} (usage: build.mjs --out DIR [--examples DIR])`);
  }
  if (!args.out) throw new Error("missing --out DIR (usage: build.mjs --out DIR [--examples DIR])");
  return args;
}

/** Returns the title of a notebook: its first Markdown heading, else its file name. */
export function notebookTitle(model, name) {
  for (const cell of model.cells) {
    if (cell.cell_type !== "markdown") continue;
    const m = cell.source.match(/^#{1,6}\s+(.+?)\s*#*\s*$/m);
    if (m) return m[1];
  }
  return name.replace(/\.ipynb$/, "");
}

async function buildExamples(dir, out) {
  const target = join(out, "examples");
  await mkdir(target, { recursive: true });
  if (!dir || !existsSync(dir)) {
    await writeFile(join(target, "index.json"), "[]\n");
    return { list: [], data: [] };
  }
  // The teaching order first (the seed, then push against pull, the
  // building blocks, the events tutorial), then any other notebook by name.
  const order = ["seed.ipynb", "push-vs-pull.ipynb", "building-blocks.ipynb", "events.ipynb"];
  const rank = (n) => (order.includes(n) ? order.indexOf(n) : order.length);
  const names = (await readdir(dir))
    .filter((n) => n.endsWith(".ipynb"))
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const list = [];
  for (const name of names) {
    const text = await readFile(join(dir, name), "utf8");
    let model;
    try {
      model = parseNotebook(text);
    } catch (err) {
      throw new Error(`${join(dir, name)}: ${err.message}`, { cause: err });
    }
    await writeFile(join(target, name), text);
    list.push({ name, path: `examples/${name}`, title: notebookTitle(model, name) });
  }
  await writeFile(join(target, "index.json"), JSON.stringify(list, null, 1) + "\n");
  const data = await copyDataFiles(dir, target);
  return { list, data };
}

/**
 * Copies every file under dir that is not a notebook (nor hidden, nor index.json, which
 * the build writes) to target, keeping subfolders; returns the relative paths copied.
 */
export async function copyDataFiles(dir, target, root = dir) {
  const copied = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name.startsWith(".")) continue;
    const from = join(dir, entry.name);
    const rel = relative(root, from);
    if (entry.isDirectory()) {
      copied.push(...(await copyDataFiles(from, target, root)));
    } else if (entry.isFile() && !entry.name.endsWith(".ipynb") && rel !== "index.json") {
      await mkdir(dirname(join(target, rel)), { recursive: true });
      await copyFile(from, join(target, rel));
      copied.push(rel);
    }
  }
  return copied.sort();
}

/**
 * Copies KaTeX's stylesheet and the woff2 fonts it names (the first of its url()s a
 * browser takes; the woff and ttf ones are never asked for) into out/katex; returns the
 * files copied. Fails if the stylesheet names a font that is not there.
 */
export async function copyKatex(out, dist = join(here, "node_modules", "katex", "dist")) {
  const target = join(out, "katex");
  await rm(target, { recursive: true, force: true });
  await mkdir(join(target, "fonts"), { recursive: true });
  const css = await readFile(join(dist, "katex.min.css"), "utf8");
  await writeFile(join(target, "katex.min.css"), css);
  const fonts = [...new Set([...css.matchAll(/url\((fonts\/[^)]+\.woff2)\)/g)].map((m) => m[1]))].sort();
  if (fonts.length === 0) throw new Error("katex.min.css names no woff2 font");
  for (const font of fonts) await copyFile(join(dist, font), join(target, font));
  return ["katex.min.css", ...fonts];
}

// The folder, under the site, of the page's code chunks.
const CHUNKS = "chunks";

/**
 * Sorts the page's output files (paths relative to out, from esbuild's metafile) into
 * first: app.js and the chunks it imports statically, which load with the page; and later:
 * the chunks only dynamic import() reaches (the editor).
 */
export function pageFiles(metafile, out) {
  const rel = (file) => relative(out, resolve(file)).split("\\").join("/");
  const outputs = new Map(Object.entries(metafile.outputs).filter(([file]) => file.endsWith(".js")).map(([file, o]) => [rel(file), o]));
  const first = [];
  const visit = (file) => {
    if (first.includes(file)) return;
    first.push(file);
    for (const imp of outputs.get(file)?.imports ?? []) if (imp.kind === "import-statement") visit(rel(imp.path));
  };
  visit("app.js");
  return { first, later: [...outputs.keys()].filter((f) => !first.includes(f)).sort() };
}

/**
 * Adds a <link rel="modulepreload"> for each of files (site-relative paths) after the one
 * for app.js in html, so the browser fetches app.js's imports with it, not after it.
 */
export function withModulePreloads(html, files) {
  const anchor = '<link rel="modulepreload" href="app.js">';
  if (!html.includes(anchor)) throw new Error(`index.html: no ${anchor} to put the chunks' preloads after`);
  const links = files.map((f) => `\n<link rel="modulepreload" href="${f}">`).join("");
  return html.replace(anchor, anchor + links);
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const out = resolve(args.out);
  await rm(join(out, "examples"), { recursive: true, force: true });
  await rm(join(out, CHUNKS), { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  const common = { bundle: true, minify: true, sourcemap: false, target: ["es2022"], legalComments: "none", logLevel: "warning" };
  const [page] = await Promise.all([
    // The page: app.js, and chunks/ for what it imports later (the editor) and what both share.
    build({
      ...common,
      entryPoints: { app: join(here, "src/main.js") },
      outdir: out,
      format: "esm",
      splitting: true,
      chunkNames: `${CHUNKS}/[name]-[hash]`,
      metafile: true,
    }),
    build({ ...common, entryPoints: [join(here, "src/worker.js")], outfile: join(out, "worker.js"), format: "iife" }),
    build({ ...common, entryPoints: [join(here, "src/kernel.js")], outfile: join(out, "kernel.js"), format: "esm" }),
  ]);
  const { first, later } = pageFiles(page.metafile, out);
  const html = await readFile(join(here, "index.html"), "utf8");
  await writeFile(join(out, "index.html"), withModulePreloads(html, first.filter((f) => f !== "app.js")));
  await copyFile(join(here, "style.css"), join(out, "style.css"));
  await writeFile(join(out, "favicon.svg"), faviconSVG());
  await writeFile(join(out, "favicon.ico"), faviconICO());
  await copyKatex(out);
  const { list: examples, data } = await buildExamples(args.examples && resolve(args.examples), out);
  const gzip = async (files) => {
    let bytes = 0;
    for (const file of files) bytes += gzipSync(await readFile(join(out, file))).length;
    return bytes;
  };
  const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
  const sizes = [];
  let total = 0;
  for (const [name, files] of [["index.html", ["index.html"]], ["style.css", ["style.css"]], ["app.js+imports", first], ["worker.js", ["worker.js"]]]) {
    const bytes = await gzip(files);
    total += bytes;
    sizes.push(`${name} ${kib(bytes)}`);
  }
  const math = later.filter((f) => /^chunks\/math-/.test(f));
  const editor = later.filter((f) => !math.includes(f));
  console.log(
    `built ${out}: ${sizes.join(", ")} (gzip; first load ${kib(total)}; editor chunk${editor.length > 1 ? "s" : ""} loaded later ${kib(await gzip(editor))}; ` +
      `KaTeX chunk, only for math, ${kib(await gzip(math))} + fonts), ` +
      `${examples.length} example notebook(s), ${data.length} data file(s)`,
  );
}

// Run as a script (node web/build.mjs ...), not when a test imports the helpers above.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(`build.mjs: ${err.message}`);
    process.exit(1);
  });
}
