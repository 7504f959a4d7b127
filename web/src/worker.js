// worker.js: the kernel's Web Worker (a classic worker script; it loads the Go runtime's
// wasm_exec.js with import(), or importScripts where a browser has no import() here). It
// starts the Go program (main.wasm), which defines globalThis.pushbook, and relays the
// page's messages to it. The message protocol is
// documented in web/PROTOCOL.md; this file and kernel.js are its only two ends.
//
// It runs exactly the cell it is sent and keeps no queue: the page sends the next
// execute only after the previous one's done (the page's queue is runqueue.js). An
// execute that comes while a cell runs breaks the protocol and is answered at once
// with an error, never held. Other messages (interrupt, file, export, complete,
// diagnose, graph) are handled while a cell runs, whenever the kernel lets the event loop
// in (every 20 ms): complete, diagnose and graph are answered right here in the message
// handler, by calls into the Go side that return at once and never wait for the running
// cell.

/* global importScripts, Go */

// Start-up marks (web/PROTOCOL.md, Starting fast): this thread's steps from its first line to
// ready, named pushbook-*, sent with ready so the page can put them on its own timeline.
const mark = (name) => globalThis.performance?.mark(name);
mark("pushbook-worker-start");

let running = null; // the id of the execute being run, or null
let started = false;

function post(msg) {
  self.postMessage(msg);
}

function fatal(message) {
  post({ type: "fatal", message });
}

/**
 * Fetches and compiles main.wasm: WebAssembly.compileStreaming on the fetch Response, so
 * the module compiles while it downloads and Chromium can keep its compiled code in the
 * code cache; WebAssembly.compile on the bytes when the server sends the wrong MIME type.
 * It runs here, not in the page: a streaming compile hands each chunk of bytes to the
 * thread that started it, about 100 ms of work for main.wasm that would otherwise hold
 * up the page's own code.
 */
async function compileKernel(wasmURL) {
  let resp;
  try {
    resp = await fetch(wasmURL);
  } catch (err) {
    throw new Error(`${wasmURL}: could not fetch: ${err.message}`, { cause: err });
  }
  mark("pushbook-wasm-response");
  if (!resp.ok) throw new Error(`${wasmURL}: HTTP ${resp.status} ${resp.statusText}`.trim());
  const type = resp.headers.get("content-type") ?? "";
  try {
    if (type.startsWith("application/wasm") && WebAssembly.compileStreaming) return await WebAssembly.compileStreaming(resp);
    return await WebAssembly.compile(await resp.arrayBuffer());
  } catch (err) {
    throw new Error(`${wasmURL}: not a usable WebAssembly module: ${err.message}`, { cause: err });
  }
}

/**
 * Loads Go's wasm_exec.js, which defines Go, without blocking this thread: import() lets
 * main.wasm's response start its streaming compile as soon as it comes, where
 * importScripts would hold it back until the script had loaded. A browser without
 * import() in workers gets importScripts.
 */
async function loadGoRuntime() {
  const url = new URL("wasm_exec.js", self.location.href).href;
  try {
    await import(url);
  } catch {
    try {
      importScripts(url);
    } catch (err) {
      throw new Error(`wasm_exec.js: ${err.message}`, { cause: err });
    }
  }
  if (typeof Go !== "function") throw new Error("wasm_exec.js: it did not define Go");
}

// Compiles main.wasm unless the page sent the module, sends the page the module it
// compiled (so a replacement worker only instantiates it), and instantiates it. The
// download and its compile run while wasm_exec.js loads.
/**
 * @param {WebAssembly.Module | undefined} module the module the page sent, if any
 * @param {string} wasmURL
 */
async function instantiate(module, wasmURL) {
  const given = module instanceof WebAssembly.Module;
  const compiled = given ? Promise.resolve(module) : compileKernel(wasmURL);
  compiled.catch(() => {}); // awaited below, once wasm_exec.js has loaded
  await loadGoRuntime();
  mark("pushbook-wasm-exec-loaded");
  module = await compiled;
  mark("pushbook-wasm-compiled");
  if (!given) {
    try {
      post({ type: "module", module });
    } catch {
      // This browser cannot pass a compiled module to the page; a replacement worker compiles.
    }
  }
  const go = new Go();
  const instance = await WebAssembly.instantiate(module, go.importObject);
  mark("pushbook-wasm-instantiated");
  return { go, instance };
}

async function start({ module, wasmURL }) {
  if (started) return;
  started = true;
  let go, instance;
  try {
    ({ go, instance } = await instantiate(module, wasmURL ?? "main.wasm"));
  } catch (err) {
    fatal(`could not load the kernel: ${err.message}`);
    return;
  }
  let announced = false;
  const announce = () => {
    if (announced) return;
    if (typeof self.pushbook !== "object" || typeof self.pushbook.execute !== "function") return;
    announced = true;
    mark("pushbook-worker-ready");
    post({ type: "ready", version: String(self.pushbook.version ?? ""), marks: startMarks() });
    post({ type: "status", state: "idle" });
  };
  self.pushbookReady = announce;
  mark("pushbook-go-run");
  go.run(instance).then(
    () => fatal("the kernel program exited"),
    (err) => fatal(`the kernel crashed: ${err?.message ?? err}`),
  );
  // A Go main that defines pushbook but never calls pushbookReady still counts as ready.
  setTimeout(announce, 0);
}

/**
 * This thread's start-up marks (pushbook-*, some set by the Go side) as
 * [{name, time}], time in ms since the Unix epoch (performance.timeOrigin + startTime),
 * which the page turns into marks on its own timeline.
 * @returns {{name: string, time: number}[]}
 */
function startMarks() {
  if (!globalThis.performance) return [];
  return performance
    .getEntriesByType("mark")
    .filter((m) => m.name.startsWith("pushbook-"))
    .map((m) => ({ name: m.name, time: performance.timeOrigin + m.startTime }));
}

function parseResult(text) {
  try {
    const r = JSON.parse(text);
    return { execution_count: r.execution_count ?? null, status: r.status ?? "ok" };
  } catch {
    return { execution_count: null, status: "error" };
  }
}

// refuse answers an execute that came while another cell runs: the page broke the
// protocol, and holding the cell would make this worker a second queue.
function refuse(id) {
  const message = `cell ${id} was sent while cell ${running} runs: the page sends one execute at a time, after the previous done`;
  post({ type: "output", id, output: { output_type: "error", ename: "KernelError", evalue: message, traceback: [message] } });
  post({ type: "done", id, execution_count: null, status: "error" });
}

// execute runs one cell (or, for a check message, an exercise's check: pushbook.check):
// status busy, its outputs as they come, done, status idle.
async function execute(job) {
  running = job.id;
  post({ type: "status", state: "busy" });
  let result;
  try {
    const run = job.check ? self.pushbook.check : self.pushbook.execute;
    if (typeof run !== "function") throw new Error(`this kernel has no ${job.check ? "check" : "execute"}`);
    const text = await run(job.code, (outputJSON) => {
      let output;
      try {
        output = JSON.parse(outputJSON);
      } catch (err) {
        output = { output_type: "stream", name: "stderr", text: `[kernel sent an unreadable output: ${err.message}]\n` };
      }
      post({ type: "output", id: job.id, output }); // streams come joined by the bridge: PROTOCOL.md
    });
    result = parseResult(text);
  } catch (err) {
    const message = String(err?.message ?? err);
    post({ type: "output", id: job.id, output: { output_type: "error", ename: "KernelError", evalue: message, traceback: [message] } });
    result = { execution_count: null, status: "error" };
  }
  running = null;
  post({ type: "done", id: job.id, ...result });
  post({ type: "status", state: "idle" });
}

// call runs pushbook[name](...args) for a message that has no answer; a failure is
// reported on the console (the bridge's functions fail by returning a rejected promise).
function call(name, ...args) {
  try {
    Promise.resolve(self.pushbook?.[name]?.(...args)).catch((err) => console.error(`pushbook.${name}: ${err?.message ?? err}`));
  } catch (err) {
    console.error(`pushbook.${name}: ${err?.message ?? err}`);
  }
}

// exportTable answers {type: "export", id, table, format} with the table's text, at once,
// even while a cell runs (when the cell next lets the event loop in).
async function exportTable({ id, table, format }) {
  try {
    if (typeof self.pushbook?.exportTable !== "function") throw new Error("the kernel is not running");
    const text = await self.pushbook.exportTable(Number(table), String(format));
    post({ type: "exported", id, text: String(text) });
  } catch (err) {
    const message = String(err?.message ?? err).replace(/^pushbook\.exportTable: /, "");
    post({ type: "exported", id, error: message });
  }
}

// assist answers {type: "complete", id, code, pos} with {type: "completions", id, from,
// items} and {type: "diagnose", id, code} with {type: "diagnostics", id, diagnostics},
// at once, even while a cell runs: pushbook.complete and pushbook.diagnose return their
// JSON without waiting for the session (a running cell leaves complete only the names
// that do not depend on its globals). Without a kernel, or if the call fails, the answer
// is empty.
function assist(msg) {
  const complete = msg.type === "complete";
  let answer = complete ? { from: Number(msg.pos) || 0, items: [] } : { diagnostics: [] };
  try {
    const fn = self.pushbook?.[msg.type];
    if (typeof fn === "function") {
      const text = complete ? fn(String(msg.code ?? ""), Number(msg.pos) || 0) : fn(String(msg.code ?? ""));
      if (typeof text === "string") {
        const parsed = JSON.parse(text);
        answer = complete ? { from: parsed.from, items: parsed.items ?? [] } : { diagnostics: parsed ?? [] };
      } else {
        Promise.resolve(text).catch((err) => console.error(`pushbook.${msg.type}: ${err?.message ?? err}`));
      }
    }
  } catch (err) {
    console.error(`pushbook.${msg.type}: ${err?.message ?? err}`);
  }
  post({ type: complete ? "completions" : "diagnostics", id: msg.id, ...answer });
}

// redraw answers {type: "graph", id, graph} with {type: "drawn", id, data}: the MIME
// bundle of pipeline graph `graph` (an id from an output's metadata.pushbook.graph) drawn
// as it is now, or null (an id this session did not give out, or a cell is running). Like
// complete, pushbook.graph returns at once and never waits for a cell.
function redraw(msg) {
  let data = null;
  try {
    const fn = self.pushbook?.graph;
    if (typeof fn === "function") {
      const text = fn(String(msg.graph ?? ""));
      if (typeof text === "string") data = JSON.parse(text);
      else Promise.resolve(text).catch((err) => console.error(`pushbook.graph: ${err?.message ?? err}`));
    }
  } catch (err) {
    console.error(`pushbook.graph: ${err?.message ?? err}`);
  }
  post({ type: "drawn", id: msg.id, data: data && typeof data === "object" ? data : null });
}

self.onmessage = (event) => {
  const msg = event.data ?? {};
  switch (msg.type) {
    case "init":
      start(msg);
      break;
    case "execute":
    case "check":
      if (running !== null) refuse(msg.id);
      else execute({ id: msg.id, code: String(msg.code ?? ""), check: msg.type === "check" });
      break;
    case "interrupt":
      // Stops the running cell; there is nothing queued here to drop.
      if (running !== null) self.pushbook?.interrupt();
      break;
    case "restart":
      // Answer once the fresh session exists, so the next execute runs in it.
      Promise.resolve(self.pushbook?.restart())
        .catch(() => {})
        .then(() => post({ type: "restarted", id: msg.id }));
      break;
    case "file":
      call("addFile", msg.name, new Uint8Array(msg.data));
      break;
    case "removeFile":
      call("removeFile", msg.name);
      break;
    case "base":
      call("setBase", String(msg.url ?? ""));
      break;
    case "export":
      exportTable(msg);
      break;
    case "complete":
    case "diagnose":
      assist(msg);
      break;
    case "graph":
      redraw(msg);
      break;
    default:
      fatal(`unknown message type ${JSON.stringify(msg.type)}`);
  }
};
