// How Kernel (kernel.js) handles a worker that dies, driven through a stand-in Worker:
// every way the page learns of it goes through one path ("dead", one "lost" event while
// the running execute is still pending, then a fresh worker given the compiled module).
import { test } from "node:test";
import assert from "node:assert/strict";
import { INTERRUPT_GRACE_MS, lostOutput } from "../src/kernel.js";
import { FakeWorker, MODULE, startedKernel, tick } from "./fakeworker.js";

const deaths = [
  { how: "the worker says fatal (the Go program crashed or exited)", kill: (w) => w.say({ type: "fatal", message: "the kernel crashed: boom" }), reason: "the kernel crashed: boom" },
  { how: "the worker's error event", kill: (w) => w.onerror({ message: "Uncaught RangeError: bad", preventDefault() {} }), reason: "the kernel's worker failed: Uncaught RangeError: bad" },
  { how: "Stop's watchdog", kill: (w, k) => (k.interrupt(), new Promise((r) => setTimeout(r, INTERRUPT_GRACE_MS + 50))), reason: `the running cell did not stop within ${INTERRUPT_GRACE_MS / 1000} s of Stop` },
];

for (const { how, kill, reason } of deaths) {
  test(`a worker that dies by ${how} is reported once as lost and replaced from the compiled module`, async () => {
    const { kernel, first, log } = await startedKernel();
    const session = kernel.session;
    const running = kernel.execute("loop()");
    first.say({ type: "status", state: "busy" });
    let settled = false;
    let settledBeforeLost = null;
    running.then(() => (settled = true));
    kernel.addEventListener("lost", () => (settledBeforeLost = settled));
    await kill(first, kernel);
    first.say({ type: "fatal", message: "said again after its death" }); // ignored: not the current worker
    first.onerror?.({ message: "late", preventDefault() {} });

    assert.deepEqual(await running, { execution_count: null, status: "aborted" });
    assert.equal(settledBeforeLost, false, "the running execute is still pending when lost fires");
    assert.ok(first.terminated, "the dead worker is terminated");
    assert.deepEqual(log, ["status busy", "status dead", `lost ${reason}`, "status starting"]);
    assert.equal(FakeWorker.made.length, 2, "one fresh worker");
    const fresh = FakeWorker.made[1];
    assert.equal(fresh.posted[0].type, "init");
    assert.equal(fresh.posted[0].module, MODULE, "the fresh worker gets the compiled module");

    fresh.say({ type: "ready", version: "test" });
    fresh.say({ type: "status", state: "idle" });
    await tick();
    assert.equal(log.at(-1), "status idle");
    assert.ok(kernel.session > session, "a new session: the variables are gone");
    const next = kernel.execute("x = 1");
    const id = fresh.posted.find((m) => m.type === "execute").id;
    fresh.say({ type: "done", id, execution_count: 1, status: "ok" });
    assert.deepEqual(await next, { execution_count: 1, status: "ok" });
  });
}

test("a fresh worker that cannot start ends in fatal, and restart tries again", async () => {
  const { kernel, first, log } = await startedKernel();
  first.say({ type: "fatal", message: "the kernel program exited" });
  FakeWorker.made[1].onerror({ message: "" });
  await tick();
  assert.deepEqual(log, ["status dead", "lost the kernel program exited", "status starting", "status dead", "fatal kernel worker failed: worker.js could not load"]);
  const restarted = kernel.restart();
  const third = FakeWorker.made[2];
  assert.equal(third.posted[0].module, MODULE);
  third.say({ type: "ready", version: "test" });
  await restarted;
  assert.equal(kernel.state, "idle");
});

test("restart while busy replaces the worker without a lost event", async () => {
  const { kernel, first, log } = await startedKernel();
  const running = kernel.execute("loop()");
  first.say({ type: "status", state: "busy" });
  const restarted = kernel.restart();
  assert.deepEqual(await running, { execution_count: null, status: "aborted" });
  FakeWorker.made[1].say({ type: "ready", version: "test" });
  await restarted;
  assert.deepEqual(log, ["status busy", "status starting", "status idle"]);
});

test("the lost cell's error output names the reason and what was lost", () => {
  const out = lostOutput("the kernel crashed: boom");
  assert.equal(out.output_type, "error");
  assert.equal(out.ename, "KernelStopped");
  assert.match(out.evalue, /the kernel crashed: boom/);
  assert.match(out.evalue, /variables defined so far are lost/);
  assert.deepEqual(out.traceback, [`KernelStopped: ${out.evalue}`]);
});
