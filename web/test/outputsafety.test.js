// What a notebook shows stays inside its output box: the kernel's pictures are told apart
// from other SVG (drawn as images), and the page's Content-Security-Policy lets it load
// nothing from elsewhere while its own inline start-up script still runs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { isKernelPicture, svgDataURL } from "../src/outputs.js";

const here = new URL(".", import.meta.url);
const read = (path) => readFileSync(new URL(path, here), "utf8");

test("the kernel's pictures in the shipped notebooks are drawn inline, other SVG is not", () => {
  const pictures = [];
  for (const name of ["seed.ipynb", "push-vs-pull.ipynb", "building-blocks.ipynb", "events.ipynb"]) {
    for (const cell of JSON.parse(read(`../../examples/${name}`)).cells) {
      for (const out of cell.outputs ?? []) {
        const svg = out.data?.["image/svg+xml"];
        if (svg) pictures.push([].concat(svg).join(""));
      }
    }
  }
  assert.ok(pictures.length > 0, "the examples show pictures");
  for (const svg of pictures) assert.ok(isKernelPicture(svg), `not taken for a picture: ${svg.slice(0, 120)}`);

  for (const svg of [
    '<svg xmlns="http://www.w3.org/2000/svg"><style>body{display:none}</style></svg>',
    '<svg class="pushbook-picture"></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg" class="pushbook-pictures"></svg>',
    '<div><svg xmlns="http://www.w3.org/2000/svg" class="pushbook-picture"></svg></div>',
  ]) {
    assert.equal(isKernelPicture(svg), false, `taken for a picture: ${svg}`);
  }
});

test("an SVG's data: URL carries it whole", () => {
  const svg = '<svg xmlns="http://www.w3.org/2000/svg"><text>#1 50% & "quotes" é</text></svg>';
  const url = svgDataURL(svg);
  assert.match(url, /^data:image\/svg\+xml;charset=utf-8,/);
  assert.doesNotMatch(url.slice(url.indexOf(",") + 1), /[#"<> &]/, "characters that end or break a URL are escaped");
  assert.equal(decodeURIComponent(url.slice(url.indexOf(",") + 1)), svg);
});

function policy() {
  const html = read("../index.html");
  const meta = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/);
  assert.ok(meta, "index.html has a Content-Security-Policy meta tag");
  assert.ok(html.indexOf(meta[0]) < html.indexOf("<script"), "the policy comes before the first script");
  const directives = new Map();
  for (const part of meta[1].split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name, sources);
  }
  return { html, directives };
}

test("the page's policy loads images, media, styles, fonts and data only from the site", () => {
  const { directives } = policy();
  for (const name of ["default-src", "img-src", "media-src", "style-src", "style-src-elem", "font-src", "connect-src", "script-src", "worker-src"]) {
    const sources = directives.get(name);
    assert.ok(sources, `${name} is set`);
    const remote = sources.filter((s) => !["'self'", "data:", "blob:", "'unsafe-inline'", "'wasm-unsafe-eval'"].includes(s) && !s.startsWith("'sha256-"));
    assert.deepEqual(remote, [], `${name} allows only the site`);
  }
  assert.deepEqual(directives.get("object-src"), ["'none'"]);
  assert.ok(!directives.get("script-src").includes("'unsafe-inline'"), "no inline scripts but the hashed one");
  assert.ok(!directives.get("style-src").includes("'unsafe-inline'"), "no style= attributes");
  assert.ok(directives.get("script-src").includes("'wasm-unsafe-eval'"), "WebAssembly may compile");
});

test("the policy's script hash is the inline start-up script's", () => {
  const { html, directives } = policy();
  const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  assert.equal(inline.length, 1, "one inline script");
  const hash = `'sha256-${createHash("sha256").update(inline[0]).digest("base64")}'`;
  assert.ok(directives.get("script-src").includes(hash), `script-src lists ${hash}: edit the hash with the script`);
});
