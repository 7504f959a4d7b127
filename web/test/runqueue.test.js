// The page's run queue (runqueue.js), the one place a cell waiting to run is held: it
// hands the kernel one cell at a time, the next only after the previous one's reply, and
// drops the rest as Jupyter does.
import { test } from "node:test";
import assert from "node:assert/strict";
import { RunQueue, CLEARED, FAILED } from "../src/runqueue.js";

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

// A queue whose run(id) waits until the test ends the cell with finish(id, status), and
// a log of what the kernel was asked and what was dropped.
function harness({ ready = () => true, expectsError = () => false } = {}) {
  const log = [];
  const pending = new Map(); // id -> resolve
  let inFlight = 0;
  const queue = new RunQueue({
    run: (id) => {
      inFlight++;
      assert.equal(inFlight, 1, `cell ${id} sent while another is in flight`);
      log.push(`run ${id}`);
      return new Promise((resolve) => pending.set(id, resolve));
    },
    ready,
    expectsError,
    onDrop: (ids, why) => log.push(`drop ${ids.join(",")} ${why}`),
  });
  const finish = async (id, status) => {
    assert.ok(pending.has(id), `cell ${id} is not running`);
    const resolve = pending.get(id);
    pending.delete(id);
    inFlight--;
    resolve(status);
    await tick();
  };
  return { queue, log, finish };
}

test("cells run one at a time, in order, each after the previous one's reply", async () => {
  const { queue, log, finish } = harness();
  for (const id of ["a", "b", "c"]) assert.equal(queue.add(id), true);
  assert.deepEqual(log, ["run a"], "only the first is sent");
  assert.equal(queue.running, "a");
  assert.deepEqual(queue.waiting, ["b", "c"]);
  await finish("a", "ok");
  assert.deepEqual(log, ["run a", "run b"]);
  await finish("b", "ok");
  await finish("c", "ok");
  assert.deepEqual(log, ["run a", "run b", "run c"]);
  assert.equal(queue.running, null);
  assert.deepEqual(queue.waiting, []);
});

test("a cell already waiting or running is not added again", async () => {
  const { queue, log, finish } = harness();
  queue.add("a");
  queue.add("b");
  assert.equal(queue.add("a"), false, "running");
  assert.equal(queue.add("b"), false, "waiting");
  assert.equal(queue.has("a") && queue.has("b") && !queue.has("c"), true);
  await finish("a", "ok");
  await finish("b", "ok");
  assert.deepEqual(log, ["run a", "run b"]);
  assert.equal(queue.add("a"), true, "once it ran, it can run again");
});

// What the cell before the rest of the queue ended with, and whether the rest runs.
for (const { ended, expected = false, goesOn } of [
  { ended: "ok", goesOn: true },
  { ended: "error", goesOn: false },
  { ended: "error", expected: true, goesOn: true }, // tagged raises-exception
  { ended: "aborted", goesOn: false }, // stopped
  { ended: "aborted", expected: true, goesOn: false }, // Stop drops the queue even then
  { ended: null, goesOn: true }, // deleted while it ran: nothing to judge
]) {
  test(`a cell that ends ${ended}${expected ? " (its error expected)" : ""} ${goesOn ? "lets the rest run" : "drops the rest"}`, async () => {
    const { queue, log, finish } = harness({ expectsError: (id) => expected && id === "a" });
    for (const id of ["a", "b", "c"]) queue.add(id);
    await finish("a", ended);
    if (goesOn) {
      assert.deepEqual(log, ["run a", "run b"]);
      assert.deepEqual(queue.waiting, ["c"]);
    } else {
      assert.deepEqual(log, ["run a", `drop b,c ${FAILED}`]);
      assert.equal(queue.running, null);
      assert.deepEqual(queue.waiting, []);
    }
  });
}

// Stop, Restart, opening another notebook and a dead kernel all clear the queue.
for (const reason of [undefined, "lost"]) {
  test(`clear(${reason ?? ""}) drops the waiting cells, leaves the running one, and says why`, async () => {
    const { queue, log, finish } = harness();
    for (const id of ["a", "b", "c"]) queue.add(id);
    assert.deepEqual(queue.clear(reason), ["b", "c"]);
    assert.deepEqual(log, ["run a", `drop b,c ${reason ?? CLEARED}`]);
    assert.equal(queue.running, "a", "the running cell is the kernel's to stop");
    assert.deepEqual(queue.clear(reason), [], "nothing left");
    assert.equal(log.length, 2, "no drop reported for an empty queue");
    await finish("a", "aborted");
    assert.equal(log.length, 2, "the stopped cell has nothing left to drop");
  });
}

test("a deleted cell leaves the queue; the running one runs on", async () => {
  const { queue, log, finish } = harness();
  for (const id of ["a", "b", "c"]) queue.add(id);
  queue.remove("b");
  queue.remove("a");
  assert.equal(queue.running, "a");
  await finish("a", "ok");
  await finish("c", "ok");
  assert.deepEqual(log, ["run a", "run c"]);
});

test("cells wait while the kernel is not ready and run once pumped", async () => {
  let ready = false;
  const { queue, log, finish } = harness({ ready: () => ready });
  queue.add("a");
  queue.add("b");
  assert.deepEqual(log, []);
  assert.equal(queue.running, null);
  assert.deepEqual(queue.waiting, ["a", "b"], "[*] while the kernel starts");
  queue.pump();
  assert.deepEqual(log, [], "still not ready");
  ready = true;
  queue.pump();
  queue.pump(); // a second pump while a cell runs sends nothing
  assert.deepEqual(log, ["run a"]);
  ready = false; // the kernel died after a: b waits for the next one
  await finish("a", "ok");
  assert.deepEqual(log, ["run a"]);
  ready = true;
  queue.pump();
  await finish("b", "ok");
  assert.deepEqual(log, ["run a", "run b"]);
});

test("a run that throws counts as an error: the rest is dropped and the queue goes on later", async (t) => {
  t.mock.method(console, "error", () => {});
  const log = [];
  let calls = 0;
  const queue = new RunQueue({
    run: async (id) => {
      log.push(`run ${id}`);
      if (calls++ === 0) throw new Error("boom");
      return "ok";
    },
    onDrop: (ids, why) => log.push(`drop ${ids.join(",")} ${why}`),
  });
  queue.add("a");
  queue.add("b");
  await tick();
  assert.deepEqual(log, ["run a", `drop b ${FAILED}`]);
  assert.equal(queue.running, null);
  queue.add("c");
  await tick();
  assert.deepEqual(log, ["run a", `drop b ${FAILED}`, "run c"]);
});

test("a cell added with check tells run so; Check on a waiting or running cell adds the check to its job", async () => {
  const jobs = [];
  const pending = new Map();
  const queue = new RunQueue({
    run: (id, job) => {
      jobs.push([id, job]);
      return new Promise((resolve) => pending.set(id, resolve));
    },
  });
  const finish = async (id, status = "ok") => {
    pending.get(id)(status);
    pending.delete(id);
    await tick();
  };
  assert.equal(queue.add("a"), true);
  assert.equal(queue.add("b", { check: true }), true);
  assert.equal(queue.add("c"), true);
  assert.equal(queue.add("c", { check: true }), false, "c waits already: not added again");
  assert.equal(queue.add("a", { check: true }), false, "a runs: not added again");
  assert.deepEqual(jobs[0], ["a", { check: true }], "the running cell's job now asks for its check (read after the cell ran)");
  await finish("a");
  assert.deepEqual(jobs[1], ["b", { check: true }]);
  await finish("b");
  assert.deepEqual(jobs[2], ["c", { check: true }]);
  await finish("c");
  assert.equal(queue.add("c"), true, "a cell that ran is a new job");
  assert.deepEqual(jobs[3], ["c", { check: false }], "without the old job's check");
  await finish("c");
});

test("a cleared or removed cell's check goes with it", async () => {
  const jobs = [];
  let ready = false;
  const queue = new RunQueue({ run: (id, job) => (jobs.push([id, { ...job }]), Promise.resolve("ok")), ready: () => ready });
  queue.add("a", { check: true });
  queue.add("b", { check: true });
  queue.clear();
  queue.add("b", { check: true });
  queue.remove("b");
  queue.add("a");
  queue.add("b");
  ready = true;
  await queue.pump();
  assert.deepEqual(jobs, [["a", { check: false }], ["b", { check: false }]]);
});
