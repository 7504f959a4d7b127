// e2e.mjs: drive the built page in headless Chromium with a stand-in kernel
// (fixtures/fake-kernel) and check what a user sees. Needs Chromium and Node's WebSocket:
//
//   node --experimental-websocket web/e2e/e2e.mjs [--shots DIR]
//
// It builds the site with the fixture examples into a temporary directory, serves it on
// 127.0.0.1, runs the scenarios below over the Chrome DevTools Protocol and prints
// "N passed, N failed". With --shots it saves light and dark screenshots there.

import { spawn, execFileSync } from "node:child_process";
import { createServer } from "node:http";
import { mkdtemp, readFile, writeFile, cp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, dirname, extname } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const shots = process.argv.includes("--shots") ? process.argv[process.argv.indexOf("--shots") + 1] : null;
const TYPES = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".json": "application/json", ".wasm": "application/wasm", ".ipynb": "application/json" };

async function serve(root) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    const file = join(root, path.endsWith("/") ? path + "index.html" : path);
    try {
      const body = await readFile(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return server;
}

class CDP {
  #ws;
  #id = 0;
  #waiting = new Map();
  static async connect(url) {
    const cdp = new CDP();
    cdp.#ws = new WebSocket(url);
    await new Promise((resolve, reject) => {
      cdp.#ws.onopen = resolve;
      cdp.#ws.onerror = reject;
    });
    cdp.#ws.onmessage = (e) => {
      const msg = JSON.parse(e.data);
      const w = cdp.#waiting.get(msg.id);
      if (!w) return;
      cdp.#waiting.delete(msg.id);
      if (msg.error) w.reject(new Error(msg.error.message));
      else w.resolve(msg.result);
    };
    return cdp;
  }
  send(method, params = {}) {
    const id = ++this.#id;
    this.#ws.send(JSON.stringify({ id, method, params }));
    return new Promise((resolve, reject) => this.#waiting.set(id, { resolve, reject }));
  }
  async eval(expr) {
    const r = await this.send("Runtime.evaluate", { expression: expr, awaitPromise: true, returnByValue: true });
    if (r.exceptionDetails) throw new Error(`${expr}: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`);
    return r.result.value;
  }
  async until(expr, what, ms = 5000) {
    const end = Date.now() + ms;
    for (;;) {
      const v = await this.eval(expr);
      if (v) return v;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  close() {
    this.#ws.close();
  }
}

async function launch(profile) {
  const proc = spawn("chromium", ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--remote-debugging-port=0", `--user-data-dir=${profile}`, "--window-size=1200,900", "about:blank"], { stdio: ["ignore", "ignore", "pipe"] });
  const wsURL = await new Promise((resolve, reject) => {
    let buf = "";
    proc.stderr.on("data", (d) => {
      buf += d;
      const m = buf.match(/DevTools listening on (ws:\S+)/);
      if (m) resolve(m[1]);
    });
    proc.on("exit", () => reject(new Error("chromium exited: " + buf)));
  });
  const port = new URL(wsURL).port;
  const targets = await (await fetch(`http://127.0.0.1:${port}/json`)).json();
  const page = targets.find((t) => t.type === "page");
  return { proc, cdp: await CDP.connect(page.webSocketDebuggerUrl) };
}

const q = (sel) => `document.querySelector(${JSON.stringify(sel)})`;
const results = [];
async function scenario(name, fn) {
  try {
    await fn();
    results.push([name, null]);
    console.log(`ok   ${name}`);
  } catch (err) {
    results.push([name, err]);
    console.log(`FAIL ${name}: ${err.message}`);
  }
}
function check(cond, message) {
  if (!cond) throw new Error(message);
}

async function main() {
  const site = await mkdtemp(join(tmpdir(), "pushbook-site-"));
  const profile = await mkdtemp(join(tmpdir(), "pushbook-chrome-"));
  execFileSync("node", [join(here, "..", "build.mjs"), "--out", site, "--examples", join(here, "fixtures/examples")], { stdio: "inherit" });
  const bare = await mkdtemp(join(tmpdir(), "pushbook-bare-"));
  await cp(site, bare, { recursive: true });
  for (const f of ["main.wasm", "wasm_exec.js"]) await cp(join(here, "fixtures/fake-kernel", f), join(site, f));
  const server = await serve(site);
  const bareServer = await serve(bare);
  const base = `http://127.0.0.1:${server.address().port}/sub/`.replace("/sub/", "/");
  const { proc, cdp } = await launch(profile);
  await cdp.send("Page.enable");
  await cdp.send("Runtime.enable");
  const open = async (url) => {
    await cdp.send("Page.navigate", { url });
    await cdp.until(`document.readyState === "complete" && !!${q(".cell")}`, `page ${url} to show cells`);
  };
  const kernelState = () => cdp.eval(`${q("#kernel-state")}.dataset.state`);
  const shot = async (name) => {
    if (!shots) return;
    const { data } = await cdp.send("Page.captureScreenshot", { format: "png" });
    await writeFile(join(shots, name), Buffer.from(data, "base64"));
  };

  try {
    await scenario("the seed example opens by default and the kernel becomes idle", async () => {
      await open(base);
      check((await cdp.eval(`${q("#nb-name")}.textContent`)) === "seed.ipynb", "seed.ipynb is not the open notebook");
      await cdp.until(`${q("#kernel-state")}.dataset.state === "idle"`, "kernel idle");
      const md = await cdp.eval(`${q(".markdown.rendered")}.innerHTML`);
      check(md.includes("<strong>push</strong>") && md.includes("&lt;b&gt;HTML&lt;/b&gt;"), `markdown not rendered with raw HTML escaped: ${md}`);
    });

    await scenario("run all streams outputs, sanitizes HTML, and stops at the error with its line marked", async () => {
      await open(base + "?run=all");
      await cdp.until(`document.querySelectorAll(".output-error").length === 1 && ${q("#kernel-state")}.dataset.state === "idle"`, "error output", 8000);
      const prompts = await cdp.eval(`[...document.querySelectorAll(".in-prompt")].map(p => p.textContent).filter(Boolean)`);
      check(JSON.stringify(prompts) === JSON.stringify(["In [1]:", "In [2]:", "In [3]:", "In [ ]:", "In [ ]:"]), `prompts ${JSON.stringify(prompts)}`);
      check(await cdp.eval(`!!${q(".output-html table")}`), "html table not shown");
      check(await cdp.eval(`!document.querySelector(".output-html script") && !document.querySelector(".output-html [onerror]")`), "unsafe HTML got through");
      check(await cdp.eval(`!!${q(".output-svg svg rect")}`), "svg not shown");
      const marked = await cdp.eval(`${q(".cm-error-line")}?.textContent`);
      check(marked === "fail", `error line marked: ${marked}`);
      check(await cdp.eval(`!!${q(".output-error .ansi-red-fg")}`), "traceback ANSI colours not rendered");
      await shot("light.png");
    });

    await scenario("long output collapses and 'show all' expands it", async () => {
      await cdp.eval(`pushbookApp.runFrom(pushbookApp.notebook.cells[4].id, "stay")`);
      await cdp.until(`!!${q(".show-all")}`, "show-all button");
      const before = await cdp.eval(`document.querySelectorAll(".cell")[4].querySelector(".output pre").textContent.split("\\n").length`);
      await cdp.eval(`${q(".show-all")}.click()`);
      const after = await cdp.eval(`document.querySelectorAll(".cell")[4].querySelector(".output pre").textContent.split("\\n").length`);
      check(before < 110 && after === 501, `lines before ${before}, after ${after}`);
    });

    await scenario("stop interrupts a cooperative cell without losing the session", async () => {
      await cdp.eval(`pushbookApp.runFrom(pushbookApp.notebook.cells[5].id, "stay")`);
      await cdp.until(`${q("#kernel-state")}.dataset.state === "busy"`, "busy");
      check(await cdp.eval(`${q(".cell.running")} !== null`), "running cell not marked");
      await cdp.eval(`${q("#stop")}.click()`);
      await cdp.until(`${q("#kernel-state")}.dataset.state === "idle"`, "idle after stop", 1400);
      check(!(await cdp.eval(`!!${q(".output-notice")}`)), "a cooperative stop must not replace the kernel");
    });

    await scenario("stop replaces a kernel stuck in a built-in and says variables were lost", async () => {
      const cell = await cdp.eval(`pushbookApp.notebook.insertCell(0, "code", "hang").id`);
      await cdp.eval(`pushbookApp.runFrom(${JSON.stringify(cell)}, "stay")`);
      await cdp.until(`${q("#kernel-state")}.dataset.state === "busy"`, "busy");
      await cdp.eval(`${q("#stop")}.click()`);
      await cdp.until(`!!${q(".output-notice")}`, "lost notice", 4000);
      const notice = await cdp.eval(`${q(".output-notice")}.textContent`);
      check(/variables from this session are lost/.test(notice), notice);
      await cdp.until(`${q("#kernel-state")}.dataset.state === "idle"`, "new kernel idle", 4000);
      await cdp.eval(`pushbookApp.notebook.setSource(${JSON.stringify(cell)}, 'print("back")')`);
      await cdp.eval(`pushbookApp.runFrom(${JSON.stringify(cell)}, "stay")`);
      await cdp.until(`document.querySelector(".cell").textContent.includes("back")`, "new kernel runs cells");
      const prompt = await cdp.eval(`${q(".in-prompt")}.textContent`);
      check(prompt === "In [1]:", `the new session counts from 1: ${prompt}`);
    });

    await scenario("edits autosave and survive a reload; reset restores the original", async () => {
      await open(base);
      await cdp.eval(`pushbookApp.notebook.insertCell(0, "code", "# my edit")`);
      await cdp.eval(`pushbookApp.saveNow()`);
      await open(base);
      check((await cdp.eval(`pushbookApp.notebook.cells[0].source`)) === "# my edit", "edit lost on reload");
      await cdp.eval(`window.confirm = () => true`);
      await cdp.eval(`${q("#reset")}.click()`);
      await cdp.until(`pushbookApp.notebook.cells[0].source.startsWith("# Coroutines")`, "original restored");
    });

    await scenario("a share link opens the same notebook in a fresh page", async () => {
      await cdp.eval(`pushbookApp.notebook.setSource(pushbookApp.notebook.cells[1].id, 'print("shared ✓")')`);
      const link = await cdp.eval(`(async () => { await pushbookApp.share(); document.querySelector("#share-dialog").close(); return document.querySelector("#share-link").value; })()`);
      check(/#nb=[A-Za-z0-9_-]+$/.test(link), link);
      await cdp.eval(`localStorage.clear()`);
      await open(link);
      const src = await cdp.eval(`pushbookApp.notebook.cells[1].source`);
      check(src === 'print("shared ✓")', `shared source ${src}`);
    });

    await scenario("?notebook= opens another example and the menu lists every example", async () => {
      await open(base + "?notebook=examples/tables.ipynb");
      check((await cdp.eval(`${q("#nb-name")}.textContent`)) === "tables.ipynb", "tables.ipynb not open");
      const options = await cdp.eval(`[...document.querySelectorAll("#examples option")].map(o => o.value).filter(Boolean)`);
      check(JSON.stringify(options) === JSON.stringify(["examples/seed.ipynb", "examples/tables.ipynb"]), JSON.stringify(options));
    });

    await scenario("keyboard alone: Shift+Enter runs and moves on, Esc then B inserts a cell", async () => {
      await open(base + "?notebook=examples/tables.ipynb");
      await cdp.until(`${q("#kernel-state")}.dataset.state === "idle"`, "kernel idle");
      await cdp.eval(`pushbookApp.views.get(pushbookApp.notebook.cells[1].id).edit()`);
      const key = (k, code, mods = 0, text) => cdp.send("Input.dispatchKeyEvent", { type: "keyDown", key: k, code, modifiers: mods, windowsVirtualKeyCode: k === "Enter" ? 13 : k === "Escape" ? 27 : k.toUpperCase().charCodeAt(0), text }).then(() => cdp.send("Input.dispatchKeyEvent", { type: "keyUp", key: k, code, modifiers: mods }));
      await key("Enter", "Enter", 8);
      await cdp.until(`document.querySelectorAll(".cell")[1].textContent.includes("hi")`, "output of shift-enter");
      const cells = await cdp.eval(`pushbookApp.notebook.cells.length`);
      check(cells === 3, `shift-enter on the last cell adds one below (cells ${cells})`);
      await key("Escape", "Escape");
      await key("b", "KeyB", 0, "b");
      check((await cdp.eval(`pushbookApp.notebook.cells.length`)) === 4, "B did not insert a cell");
    });

    await cdp.send("Emulation.setEmulatedMedia", { features: [{ name: "prefers-color-scheme", value: "dark" }] });
    await scenario("dark colour scheme is honoured", async () => {
      await open(base + "?notebook=examples/seed.ipynb&run=all");
      await cdp.until(`document.querySelectorAll(".output-error").length === 1`, "error output", 8000);
      const bg = await cdp.eval(`getComputedStyle(document.body).backgroundColor`);
      check(bg === "rgb(22, 23, 25)", `body background ${bg}`);
      await shot("dark.png");
    });
    await cdp.send("Emulation.setEmulatedMedia", { features: [] });

    await scenario("without main.wasm the page says the kernel is unavailable and still edits", async () => {
      await open(`http://127.0.0.1:${bareServer.address().port}/`);
      await cdp.until(`${q("#kernel-state")}.dataset.state === "unavailable"`, "unavailable state");
      const text = await cdp.eval(`${q("#banner-text")}.textContent`);
      check(/Kernel unavailable: .*main\.wasm: HTTP 404/.test(text), text);
      check(await cdp.eval(`${q("#run")}.disabled`), "run stays enabled");
      await shot("unavailable.png");
    });
  } finally {
    cdp.close();
    const exited = new Promise((r) => proc.once("exit", r));
    proc.kill();
    await exited;
    server.close();
    bareServer.close();
    await rm(site, { recursive: true, force: true });
    await rm(bare, { recursive: true, force: true });
    await rm(profile, { recursive: true, force: true, maxRetries: 5 });
  }
  const failed = results.filter(([, e]) => e).length;
  console.log(`${results.length - failed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
