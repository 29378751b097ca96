// One task attempt from dispatch to completion (worker.ts): run the handler, heartbeat while it
// runs, stop it without reporting at the task's deadline, at a forced cancellation's deadline or
// when core says the attempt has ended, and report the outcome with CompleteTask, retried while
// core is unreachable. The Go worker (services/go-processor/worker/attempt.go) does the same.
import type { MessageInitShape } from "@bufbuild/protobuf";
import { durationMs, timestampMs } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError, type Client } from "@connectrpc/connect";
import { commonv1, executionv1 } from "@flow-proto/contract";
import { setTimeout as delay } from "node:timers/promises";
import { Backoff } from "./backoff.js";
import { handlerNotFound, outcomeOf, type HandlerResult } from "./worker-outcome.js";
import { AttemptControl, TaskContext } from "./worker-task.js";

type PayloadInit = MessageInitShape<typeof commonv1.PayloadSchema>;

/**
 * Runs one task attempt. Resolves to its success result (a payload, or nothing for an empty
 * one); an error thrown becomes the outcome as worker-outcome.ts describes.
 */
export type Handler = (task: TaskContext) => Promise<PayloadInit | void> | PayloadInit | void;

/**
 * A task with a heartbeat timeout is heartbeaten every heartbeatTimeout / HEARTBEAT_FRACTION, so
 * that one lost or slow heartbeat still leaves a second one before core times the attempt out.
 * The Go worker uses the same value (HeartbeatFraction).
 */
export const HEARTBEAT_FRACTION = 3;

/** Bounds the heartbeat rate of a task with a tiny heartbeat timeout. */
export const MIN_HEARTBEAT_INTERVAL_MS = 10;

/** A task without a heartbeat timeout sends recorded progress at most this often (a retry wants it). */
export const PROGRESS_HEARTBEAT_INTERVAL_MS = 5_000;

/** Bounds one RecordHeartbeat or CompleteTask call, so that a dead connection cannot hold an attempt. */
export const CALL_TIMEOUT_MS = 10_000;

/** What every attempt of one worker shares. */
export interface AttemptEnv {
  client: Client<typeof executionv1.ExecutionService>;
  handlers: ReadonlyMap<string, Handler>;
  /** The handler names, sorted, for handler_not_found. */
  names: string[];
  /** Aborted when the worker's drain gives up: attempts stop without reporting. */
  hardStop: AbortSignal;
  log(message: string): void;
}

/** Runs the attempt to its end; never rejects. */
export async function runAttempt(env: AttemptEnv, task: executionv1.Task, ctl: AttemptControl): Promise<void> {
  const handler = env.handlers.get(task.handler);
  if (handler === undefined) {
    env.log(`worker: task ${task.taskId}: no handler "${task.handler}"`);
    await complete(env, task, ctl, handlerNotFound(task.handler, env.names));
    return;
  }
  const stop = new AbortController(); // ends the heartbeats and the timers below
  const timers: NodeJS.Timeout[] = [];
  const abandoned = new Promise<string>((resolve) => {
    if (task.deadline) {
      at(timers, timestampMs(task.deadline), () => resolve("the task's deadline passed (core records the timeout)"));
    }
    ctl.onForce = () => {
      at(timers, ctl.forceDeadlineMs!, () => resolve("the forced cancellation's deadline passed (core records it as terminated)"));
    };
    const onHardStop = () => resolve("the worker stopped before the task finished");
    env.hardStop.addEventListener("abort", onHardStop, { once: true });
    stop.signal.addEventListener("abort", () => env.hardStop.removeEventListener("abort", onHardStop), { once: true });
    void heartbeats(env, task, ctl, stop.signal, () => resolve("core says the attempt has ended"));
  });
  const ran = (async (): Promise<HandlerResult> => {
    try {
      return { ok: true, result: (await handler(new TaskContext(task, ctl))) ?? undefined };
    } catch (error) {
      return { ok: false, error };
    }
  })();
  const first = await Promise.race([ran, abandoned]);
  stop.abort();
  for (const t of timers) clearTimeout(t);
  if (typeof first === "string") {
    env.log(`worker: task ${task.taskId}: ${first}: stopped without reporting`);
    if (!ctl.abort.signal.aborted) ctl.abort.abort(new Error(`worker: ${first}`));
    return;
  }
  await complete(env, task, ctl, outcomeOf(first, ctl.request));
}

/** Calls `fn` at `ms` since the epoch; not at all beyond setTimeout's range (~24 days away). */
function at(timers: NodeJS.Timeout[], ms: number, fn: () => void): void {
  const wait = Math.max(0, ms - Date.now());
  if (wait <= 0x7fffffff) timers.push(setTimeout(fn, wait));
}

/**
 * Sends heartbeats until `signal` aborts: every heartbeat_timeout / HEARTBEAT_FRACTION when the
 * task has a heartbeat timeout, else after progress was recorded, at most once per
 * PROGRESS_HEARTBEAT_INTERVAL_MS. An answer asking to cancel cancels the handler;
 * FAILED_PRECONDITION (the attempt has ended) calls `ended`.
 */
async function heartbeats(env: AttemptEnv, task: executionv1.Task, ctl: AttemptControl, signal: AbortSignal, ended: () => void): Promise<void> {
  const timeoutMs = task.heartbeatTimeout ? durationMs(task.heartbeatTimeout) : 0;
  try {
    for (;;) {
      if (timeoutMs > 0) {
        await delay(Math.max(timeoutMs / HEARTBEAT_FRACTION, MIN_HEARTBEAT_INTERVAL_MS), undefined, { signal });
      } else {
        await ctl.waitProgress(signal);
        await delay(PROGRESS_HEARTBEAT_INTERVAL_MS, undefined, { signal });
      }
      const pending = ctl.takePending();
      try {
        const resp = await env.client.recordHeartbeat(
          { taskToken: task.taskToken, progress: pending.progress, counters: pending.counters },
          { signal, timeoutMs: timeoutMs > 0 ? Math.min(timeoutMs, CALL_TIMEOUT_MS) : CALL_TIMEOUT_MS },
        );
        if (resp.cancelRequested) ctl.requestCancel(resp.cancelMode, resp.cancelReason, resp.forceDeadline);
      } catch (e) {
        if (signal.aborted) return;
        if (ConnectError.from(e).code === Code.FailedPrecondition) return ended();
        env.log(`worker: task ${task.taskId}: heartbeat failed: ${ConnectError.from(e).message}`);
        ctl.restorePending(pending);
      }
    }
  } catch {
    // `signal` aborted during a wait: the attempt is over.
  }
}

/**
 * Errors worth retrying a completion after: core or the network briefly unavailable (connect-node
 * reports an HTTP/2 stream reset by a dying core as CANCELED; our own stop is checked first).
 * Once core answers, accepted or not, the completion is never repeated.
 */
function retryableCompletion(code: Code): boolean {
  return [Code.Unavailable, Code.DeadlineExceeded, Code.ResourceExhausted, Code.Aborted, Code.Unknown, Code.Canceled].includes(code);
}

/**
 * Reports the outcome, retrying transient errors with the schedule of backoff.ts until core
 * answers, the task's deadline or a forced cancellation's deadline passes, or the drain gives
 * up. Safe to retry: core answers a repeat with accepted = false.
 */
async function complete(env: AttemptEnv, task: executionv1.Task, ctl: AttemptControl, outcome: commonv1.Outcome): Promise<void> {
  const backoff = new Backoff();
  for (;;) {
    try {
      const resp = await env.client.completeTask({ taskToken: task.taskToken, outcome }, { signal: env.hardStop, timeoutMs: CALL_TIMEOUT_MS });
      if (!resp.accepted) env.log(`worker: task ${task.taskId}: core did not record the outcome: ${resp.reason}`);
      return;
    } catch (e) {
      if (env.hardStop.aborted) return;
      const err = ConnectError.from(e);
      if (!retryableCompletion(err.code)) {
        env.log(`worker: task ${task.taskId}: completion refused: ${err.message}`);
        return;
      }
      const wait = backoff.next();
      const end = Date.now() + wait;
      if ((task.deadline && end >= timestampMs(task.deadline)) || (ctl.forceDeadlineMs !== undefined && end >= ctl.forceDeadlineMs)) {
        env.log(`worker: task ${task.taskId}: deadline reached while retrying the completion: ${err.message}`);
        return;
      }
      env.log(`worker: task ${task.taskId}: completion failed, retrying in ${Math.round(wait)} ms: ${err.message}`);
      try {
        await delay(wait, undefined, { signal: env.hardStop });
      } catch {
        return;
      }
    }
  }
}
