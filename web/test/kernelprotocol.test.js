// Kernel (kernel.js) is the page's end of the worker protocol: it sends an execute only
// when nothing is in flight, so the worker and the Go bridge never hold a cell of their
// own (the queue is the page's: runqueue.js). Driven through a stand-in Worker.
import { test } from "node:test";
import assert from "node:assert/strict";
import { INTERRUPT_GRACE_MS } from "../src/kernel.js";
import { startedKernel, tick } from "./fakeworker.js";

const sent = (worker, type) => worker.posted.filter((m) => m.type === type);

test("execute sends one cell; another execute before its done is refused and sends nothing", async () => {
  const { kernel, first } = await startedKernel();
  const outputs = [];
  const a = kernel.execute("print('a')", { onOutput: (o) => outputs.push(o) });
  assert.equal(kernel.canExecute, false);
  await assert.rejects(kernel.execute("print('b')"), /busy \(execute in flight\): await it/);
  assert.equal(sent(first, "execute").length, 1, "one execute posted");
  const { id } = sent(first, "execute")[0];

  first.say({ type: "status", state: "busy" });
  first.say({ type: "output", id: id + 100, output: { output_type: "stream", name: "stdout", text: "stale\n" } }); // not this cell's
  first.say({ type: "output", id, output: { output_type: "stream", name: "stdout", text: "a\n" } });
  first.say({ type: "done", id: id + 100, execution_count: 9, status: "ok" }); // not this cell's
  assert.equal(kernel.canExecute, false, "a done for another id settles nothing");
  first.say({ type: "done", id, execution_count: 1, status: "ok" });
  assert.deepEqual(await a, { execution_count: 1, status: "ok" });
  assert.deepEqual(outputs.map((o) => o.text), ["a\n"]);
  assert.equal(kernel.canExecute, true, "the next cell may go before the worker says idle");
  kernel.execute("print('b')");
  assert.equal(sent(first, "execute").length, 2);
});

test("a restart in flight holds back execute until restarted", async () => {
  const { kernel, first } = await startedKernel();
  const restarted = kernel.restart();
  assert.equal(kernel.canExecute, false);
  await assert.rejects(kernel.execute("x"), /busy \(restart in flight\)/);
  assert.equal(sent(first, "execute").length, 0);
  first.say({ type: "restarted", id: sent(first, "restart")[0].id });
  await restarted;
  assert.equal(kernel.canExecute, true);
});

// interrupt goes to the worker only while a cell is in flight (even before the worker has
// said busy); the worker has no queue for it to drop.
for (const { when, setup, posts } of [
  { when: "idle", setup: () => {}, posts: 0 },
  { when: "a cell was sent, before busy", setup: (k) => k.execute("loop()"), posts: 1 },
  { when: "a cell runs", setup: (k, w) => (k.execute("loop()"), w.say({ type: "status", state: "busy" })), posts: 1 },
]) {
  test(`interrupt when ${when} posts ${posts} interrupt message${posts === 1 ? "" : "s"}`, async () => {
    const { kernel, first } = await startedKernel();
    setup(kernel, first);
    kernel.interrupt();
    assert.equal(sent(first, "interrupt").length, posts);
    // End the cell (if any) so no watchdog outlives the test.
    const exec = sent(first, "execute")[0];
    if (exec) first.say({ type: "done", id: exec.id, execution_count: 1, status: "aborted" });
  });
}

test("the done of a stopped cell calls off Stop's watchdog", async () => {
  const { kernel, first, log } = await startedKernel();
  const running = kernel.execute("loop()");
  first.say({ type: "status", state: "busy" });
  kernel.interrupt();
  first.say({ type: "done", id: sent(first, "execute")[0].id, execution_count: 1, status: "aborted" });
  assert.deepEqual(await running, { execution_count: 1, status: "aborted" });
  await new Promise((r) => setTimeout(r, INTERRUPT_GRACE_MS + 50));
  await tick();
  assert.ok(!log.some((l) => l.startsWith("lost")), `no lost event: ${log}`);
  assert.equal(first.terminated, false);
});

test("check sends a check message, one request at a time like execute, and settles on its done", async () => {
  const { kernel, first } = await startedKernel();
  const cell = kernel.execute("received = [1]");
  await assert.rejects(kernel.check("pass"), /busy \(execute in flight\): await it before the next check/);
  assert.equal(sent(first, "check").length, 0, "no check while a cell runs");
  first.say({ type: "done", id: sent(first, "execute")[0].id, execution_count: 1, status: "ok" });
  await cell;

  const outputs = [];
  const checking = kernel.check("raise AssertionError('no')", { onOutput: (o) => outputs.push(o) });
  assert.equal(kernel.canExecute, false);
  await assert.rejects(kernel.execute("x"), /busy \(check in flight\)/);
  const [msg] = sent(first, "check");
  assert.deepEqual(msg, { type: "check", id: msg.id, code: "raise AssertionError('no')" });
  first.say({ type: "output", id: msg.id, output: { output_type: "error", ename: "AssertionError", evalue: "no", traceback: [] } });
  first.say({ type: "done", id: msg.id, execution_count: null, status: "error" });
  assert.deepEqual(await checking, { execution_count: null, status: "error" });
  assert.deepEqual(outputs.map((o) => o.evalue), ["no"]);
  assert.equal(kernel.canExecute, true);
});

test("interrupt stops a check as it stops a cell", async () => {
  const { kernel, first } = await startedKernel();
  const checking = kernel.check("while True: pass");
  kernel.interrupt();
  assert.equal(sent(first, "interrupt").length, 1);
  first.say({ type: "done", id: sent(first, "check")[0].id, execution_count: null, status: "aborted" });
  assert.deepEqual(await checking, { execution_count: null, status: "aborted" });
});
