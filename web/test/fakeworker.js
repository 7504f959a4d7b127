// A stand-in for the kernel's Web Worker, for driving Kernel (kernel.js) in Node: it
// records what the page posts and says what a test tells it to.
import { Kernel } from "../src/kernel.js";

// The smallest valid WebAssembly module: stands in for main.wasm's compiled module.
export const MODULE = new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));

export class FakeWorker {
  static made = [];
  posted = [];
  terminated = false;
  onmessage = null;
  onerror = null;
  constructor(url) {
    this.url = String(url);
    FakeWorker.made.push(this);
  }
  postMessage(msg) {
    this.posted.push(msg);
  }
  terminate() {
    this.terminated = true;
  }
  say(msg) {
    this.onmessage?.({ data: msg });
  }
}

export const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

// A kernel whose first worker compiled the module and is idle, and a log of its events.
export async function startedKernel() {
  FakeWorker.made = [];
  globalThis.Worker = FakeWorker;
  const starting = Kernel.start({ base: "http://example.test/site/" });
  const first = FakeWorker.made[0];
  first.say({ type: "module", module: MODULE });
  first.say({ type: "ready", version: "test" });
  first.say({ type: "status", state: "idle" });
  const kernel = await starting;
  const log = [];
  kernel.addEventListener("status", (e) => log.push(`status ${e.detail.state}`));
  kernel.addEventListener("lost", (e) => log.push(`lost ${e.detail.message}`));
  kernel.addEventListener("fatal", (e) => log.push(`fatal ${e.detail.message}`));
  return { kernel, first, log };
}

