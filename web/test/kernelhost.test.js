// The page's kernel (kernelhost.js) with a stand-in kernel: the chip and buttons for each
// state, an unavailable kernel, a dead worker, Restart asking only when the session has
// state, and a fresh session when another notebook is shown.
import { test } from "node:test";
import assert from "node:assert/strict";
import { KernelHost, kernelControls } from "../src/kernelhost.js";
import { SessionUse } from "../src/session.js";
import { FakeKernel, FakeNotices, tick } from "./pagefakes.js";

const states = [
  { state: "starting", text: "Kernel starting", run: false, stop: true, restart: true },
  { state: "idle", text: "Kernel idle", run: false, stop: true, restart: false },
  { state: "busy", text: "Kernel busy", run: false, stop: false, restart: false },
  { state: "dead", text: "Kernel stopped", run: true, stop: true, restart: false },
  { state: "unavailable", text: "Kernel unavailable", run: true, stop: true, restart: false },
];

for (const s of states) {
  test(`in state ${s.state} the chip says "${s.text}" and the buttons follow`, () => {
    const c = kernelControls(s.state);
    assert.equal(c.text, s.text);
    assert.equal(c.title, s.text);
    assert.deepEqual([c.runDisabled, c.stopDisabled, c.restartDisabled], [s.run, s.stop, s.restart], `run, stop, restart disabled in ${s.state}`);
  });
}

test("the chip's tooltip says why the kernel is unavailable, and Restart offers to try again", () => {
  const c = kernelControls("unavailable", "no WebAssembly");
  assert.equal(c.title, "no WebAssembly");
  assert.equal(c.restartTitle, "Try to load the kernel again");
});

function harness({ start, confirmed = true } = {}) {
  const kernel = new FakeKernel();
  const log = [];
  const notices = new FakeNotices();
  const sessionUse = new SessionUse();
  const queue = { clear: (why) => log.push(`clear ${why ?? ""}`.trim()), pump: () => log.push("pump") };
  const host = new KernelHost({
    start: start ?? (async () => kernel),
    showState: (state) => log.push(`state ${state}`),
    notices,
    queue,
    sessionUse,
    dataFiles: () => [["events.jsonl", new Uint8Array([1])]],
    dataBase: () => "http://site/examples/x.ipynb",
    confirm: async (q) => (log.push(`asked ${q.title}`), confirmed),
    toast: (m) => log.push(`toast ${m}`),
    onLost: (reason) => log.push(`lost ${reason}`),
    onRestarted: () => log.push("restarted"),
  });
  return { host, kernel, log, notices, sessionUse };
}

test("a started kernel gets the data files and the notebook's base, and the queue runs", async () => {
  const { host, kernel, log } = harness();
  assert.equal(await host.start(), true);
  assert.ok(kernel.files.has("events.jsonl"));
  assert.equal(kernel.base, "http://site/examples/x.ipynb");
  assert.deepEqual(log, ["state starting", "state idle", "pump"]);
});

test("a kernel that cannot start is unavailable, said in the banner, and the queue is dropped", async () => {
  const { host, log, notices } = harness({ start: async () => Promise.reject(new Error("no WebAssembly")) });
  assert.equal(await host.start(), false);
  assert.equal(host.state, "unavailable");
  assert.equal(host.kernel, null);
  assert.match(notices.bannerText, /^Kernel unavailable: no WebAssembly\./);
  assert.deepEqual(log, ["state starting", "state unavailable", "clear"]);
});

test("a dead worker: the cells hear of it, the banner stays until the new kernel is idle", async () => {
  const { host, kernel, log, notices } = harness();
  await host.start();
  kernel.say("lost", { message: "the kernel crashed" });
  assert.ok(log.includes("lost the kernel crashed"));
  assert.equal(notices.bannerKind, "warn");
  kernel.say("status", { state: "starting" });
  assert.notEqual(notices.bannerText, null, "still there while the new kernel starts");
  kernel.say("status", { state: "idle" });
  assert.equal(notices.bannerText, null);
  assert.equal(host.down, false);
});

test("a kernel that stops for good says Restart", async () => {
  const { host, kernel, notices } = harness();
  await host.start();
  kernel.say("fatal", { message: "out of memory" });
  assert.equal(host.state, "dead");
  assert.match(notices.bannerText, /Press Restart/);
});

const restarts = [
  { name: "with state and confirmed", ran: true, confirmed: true, asked: true, restarted: true },
  { name: "with state and cancelled", ran: true, confirmed: false, asked: true, restarted: false },
  { name: "without state", ran: false, confirmed: false, asked: false, restarted: true },
];

for (const r of restarts) {
  test(`Restart ${r.name}: asked ${r.asked}, restarted ${r.restarted}`, async () => {
    const { host, kernel, log, sessionUse, notices } = harness({ confirmed: r.confirmed });
    await host.start();
    if (r.ran) sessionUse.ran(kernel.session);
    await host.askRestart();
    assert.equal(log.some((l) => l.startsWith("asked")), r.asked);
    assert.equal(kernel.log.includes("restart"), r.restarted);
    assert.equal(log.includes("restarted"), r.restarted, "execution counts forgotten");
    if (r.restarted) assert.equal(notices.statusText, "Kernel restarted: variables cleared.");
  });
}

test("Restart without a kernel tries to start one", async () => {
  let tries = 0;
  const { host } = harness({ start: async () => (tries++ ? new FakeKernel() : Promise.reject(new Error("offline"))) });
  await host.start();
  await host.restart();
  assert.equal(host.state, "idle");
});

test("Stop drops the queue and interrupts the running cell", async () => {
  const { host, kernel, log } = harness();
  await host.start();
  host.stop();
  assert.ok(log.includes("clear"));
  assert.deepEqual(kernel.log, ["interrupt"]);
});

test("another notebook gets a fresh session only when the one running has state", async () => {
  const { host, kernel, sessionUse } = harness();
  await host.start();
  host.freshSession("url:a.ipynb", "url:b.ipynb");
  assert.deepEqual(kernel.log, [], "no state: the session goes on");
  sessionUse.ran(kernel.session);
  host.freshSession("url:a.ipynb", "url:a.ipynb");
  assert.deepEqual(kernel.log, [], "the same notebook again");
  host.freshSession("url:a.ipynb", "url:b.ipynb");
  await tick();
  assert.deepEqual(kernel.log, ["restart"]);
});
