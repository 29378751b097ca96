// worker.ts against the real flow-core binary (coretest.ts) over loopback gRPC. Work is enqueued
// and awaited with `flow-core tasks ...`, as a script would; "a crash" is SIGKILL.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { createClient } from "@connectrpc/connect";
import { commonv1, executionv1 } from "@flow-proto/contract";
import { Core, enqueueTask, taskStatus, transportTo, waitTask, type TaskStatus } from "./coretest.js";
import { CancelledError, CancelRequest, HANDLER_FAILED_TYPE, Worker, type WorkerOptions } from "./worker.js";

const enc = new TextEncoder();
const dec = new TextDecoder();
const payload = (s: string) => ({ data: enc.encode(s) });
const text = (p: { data: Uint8Array } | undefined) => (p ? dec.decode(p.data) : undefined);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const CHILD = fileURLToPath(new URL("./worker-child.js", import.meta.url));

/** A worker running on core until stop(), which drains it. */
function runWorker(core: Core, opts: WorkerOptions): { stop(): Promise<void> } {
  const t = transportTo(core.address);
  const ac = new AbortController();
  const w = new Worker({ log: (m) => console.log(m), ...opts });
  const ran = w.run(t.transport, ac.signal);
  return {
    stop: async () => {
      ac.abort();
      try {
        await ran;
      } finally {
        t.close();
      }
    },
  };
}

async function withCore(fn: (core: Core) => Promise<void>): Promise<void> {
  const core = await Core.start();
  try {
    await fn(core);
  } finally {
    await core.stop();
  }
}

function successResult(s: TaskStatus): string | undefined {
  assert.equal(s.state, "done");
  assert.equal(s.outcome?.outcome.case, "success", `outcome ${JSON.stringify(s.outcome?.outcome)}`);
  return s.outcome?.outcome.case === "success" ? text(s.outcome.outcome.value.result) : undefined;
}

/** A promise and its resolve function. */
function deferred<T = void>(): { promise: Promise<T>; resolve(v: T): void } {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

async function within<T>(ms: number, what: string, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`not within ${ms} ms: ${what}`)), ms)));
  try {
    return await Promise.race([p, late]);
  } finally {
    clearTimeout(timer);
  }
}

test("worker: a task enqueued from the command line runs to success", () =>
  withCore(async (core) => {
    const w = runWorker(core, {
      workerId: "ts-worker/greet",
      handlers: { greet: (task) => payload(`hello ${text(task.input)} (attempt ${task.attempt}, ${text(task.input && { data: task.input.metadata["encoding"]! })})`) },
    });
    try {
      const id = await enqueueTask(core, "greet", "--input", `"world"`, "--input-encoding", "json/plain");
      const s = await waitTask(core, id, 20_000);
      assert.equal(successResult(s), `hello "world" (attempt 1, json/plain)`);
      assert.equal(s.attempts, 1);
    } finally {
      await w.stop();
    }
  }));

test("worker: a killed worker's task resumes from its last heartbeat on another worker", () =>
  withCore(async (core) => {
    const id = await enqueueTask(core, "resumable", "--heartbeat-timeout", "1s", "--initial-interval", "200ms", "--max-attempts", "3");
    const child = spawn(process.execPath, [CHILD, core.address], { stdio: ["ignore", "pipe", "inherit"] });
    const exited = once(child, "exit");
    try {
      const lines = createInterface({ input: child.stdout! });
      const [line] = (await within(15_000, "the child worker starts the task", once(lines, "line"))) as [string];
      assert.equal(line, "recorded item-3 in attempt 1");
      await sleep(800); // heartbeats go every 1s/3: at least two carried the progress
    } finally {
      child.kill("SIGKILL"); // no drain, no completion
      await exited;
    }
    const seen: Array<[number, string | undefined]> = [];
    const w = runWorker(core, {
      workerId: "ts-worker/second",
      handlers: {
        resumable: (task) => {
          seen.push([task.attempt, text(task.lastHeartbeat)]);
          return payload(`resumed from ${text(task.lastHeartbeat)}`);
        },
      },
    });
    try {
      const s = await waitTask(core, id, 20_000);
      assert.equal(successResult(s), "resumed from item-3");
      assert.deepEqual(seen, [[2, "item-3"]]);
      assert.equal(s.attempts, 2);
    } finally {
      await w.stop();
    }
  }));

test("worker: graceful cancellation reaches the handler and the outcome is cancelled", () =>
  withCore(async (core) => {
    const started = deferred();
    const aborted = deferred<number>();
    let reason: unknown;
    const w = runWorker(core, {
      workerId: "ts-worker/cancel",
      handlers: {
        long: async (task) => {
          started.resolve();
          await new Promise((r) => task.signal.addEventListener("abort", r));
          reason = task.signal.reason;
          aborted.resolve(Date.now());
          throw new CancelledError(payload("stopped at item 7"));
        },
      },
    });
    const t = transportTo(core.address);
    try {
      // Heartbeats every 10 s: the cancellation must come by the stream's CancelTask.
      const id = await enqueueTask(core, "long", "--heartbeat-timeout", "30s");
      await within(15_000, "the task starts", started.promise);
      const asked = Date.now();
      await createClient(executionv1.ExecutionService, t.transport).cancelExecution(
        { executionId: id, mode: commonv1.CancellationMode.GRACEFUL, reason: "user asked", requestedBy: "worker.test" },
        { timeoutMs: 5_000 },
      );
      const at = await within(2_000, "the handler's signal aborts (CancelTask on the stream)", aborted.promise);
      assert.ok(at - asked < 2_000);
      const s = await waitTask(core, id, 10_000);
      assert.ok(reason instanceof CancelRequest && reason.reason === "user asked", `the signal's reason: ${String(reason)}`);
      assert.equal(s.outcome?.outcome.case, "cancelled", JSON.stringify(s.outcome));
      if (s.outcome?.outcome.case === "cancelled") {
        const c = s.outcome.outcome.value;
        assert.equal(c.mode, commonv1.CancellationMode.GRACEFUL);
        assert.equal(c.reason, "user asked");
        assert.equal(text(c.details), "stopped at item 7");
      }
    } finally {
      t.close();
      await w.stop();
    }
  }));

test("worker: a failing handler is retried up to max attempts, then the outcome is its failure", () =>
  withCore(async (core) => {
    const attempts: number[] = [];
    const w = runWorker(core, {
      workerId: "ts-worker/fail",
      handlers: {
        flaky: (task) => {
          attempts.push(task.attempt);
          throw new Error(`boom in attempt ${task.attempt}`);
        },
      },
    });
    try {
      const id = await enqueueTask(core, "flaky", "--max-attempts", "2", "--initial-interval", "200ms");
      const s = await waitTask(core, id, 20_000);
      assert.equal(s.outcome?.outcome.case, "failure", JSON.stringify(s.outcome));
      if (s.outcome?.outcome.case === "failure") {
        assert.equal(s.outcome.outcome.value.message, "boom in attempt 2");
        assert.equal(s.outcome.outcome.value.type, HANDLER_FAILED_TYPE);
      }
      assert.equal(s.attempts, 2);
      assert.deepEqual(attempts, [1, 2]);
    } finally {
      await w.stop();
    }
  }));

test("worker: keeps working across kill -9 and restarts of core", () =>
  withCore(async (core) => {
    const runs = new Map<string, number>();
    const release = { first: deferred(), second: deferred() };
    const started = { first: deferred(), second: deferred() };
    const w = runWorker(core, {
      workerId: "ts-worker/crashes",
      handlers: {
        gate: async (task) => {
          const name = text(task.input) as "first" | "second";
          runs.set(name, (runs.get(name) ?? 0) + 1);
          started[name].resolve();
          await release[name].promise;
          return payload(`${name} done`);
        },
      },
    });
    try {
      // Core dies while the task runs and is down when the handler finishes: the completion is
      // retried until core is back.
      const first = await enqueueTask(core, "gate", "--input", "first", "--heartbeat-timeout", "10s");
      await within(15_000, "first starts", started.first.promise);
      await core.kill();
      release.first.resolve();
      await sleep(500);
      await core.startAgain();
      assert.equal(successResult(await waitTask(core, first, 20_000)), "first done");

      // Core restarts while a task runs: the worker reconnects with the same id, core sends the
      // open task again, and the worker does not run it twice.
      const second = await enqueueTask(core, "gate", "--input", "second", "--heartbeat-timeout", "10s");
      await within(15_000, "second starts", started.second.promise);
      await core.restart();
      await sleep(1_500); // reconnect, and the task sent again
      release.second.resolve();
      assert.equal(successResult(await waitTask(core, second, 20_000)), "second done");
      assert.deepEqual(Object.fromEntries(runs), { first: 1, second: 1 });
    } finally {
      await w.stop();
    }
  }));

test("worker: shutdown drains running tasks", () =>
  withCore(async (core) => {
    const started = deferred();
    const w = runWorker(core, {
      workerId: "ts-worker/drain",
      handlers: {
        slow: async (task) => {
          started.resolve();
          await sleep(500); // no cancellation comes within the drain grace
          return payload(task.signal.aborted ? "aborted" : "finished");
        },
      },
    });
    const id = await enqueueTask(core, "slow");
    await within(15_000, "the task starts", started.promise);
    await w.stop();
    assert.equal(successResult(await taskStatus(core, id)), "finished");
  }));

test("worker: refuses to be built without handlers", () => {
  assert.throws(() => new Worker({ handlers: {} }), /no handlers/);
});
