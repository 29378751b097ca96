// A worker: pulls tasks from core's flow.execution.v1.ExecutionService and runs them with the
// application's handlers. It implements the worker's side of execution.proto the way the Rust
// SDK (crates/flow-sdk/src/worker) and the Go worker (services/go-processor/worker) do, so that
// a task behaves the same whatever language runs it:
//
// - run() opens StreamTasks (worker id, handler names, max_concurrent, queues, labels) and
//   reconnects with the backoff of backoff.ts whenever the stream breaks, or when core has sent
//   nothing for twice the ping interval it announced; running tasks carry on across reconnects,
//   and a task core sends again after a reconnect is not started twice;
// - each task runs as its own async flow; a task for a handler this worker does not have is
//   answered with a handler_not_found outcome;
// - while a handler runs, the worker heartbeats every HEARTBEAT_FRACTION of the task's
//   heartbeat_timeout with the latest progress the handler recorded, and turns a CancelTask on
//   the stream, or cancel_requested in a heartbeat answer, into the abort of the handler's
//   signal (its reason a CancelRequest);
// - at the task's deadline, at a forced cancellation's deadline, or when core says the attempt
//   has ended (a heartbeat answered FAILED_PRECONDITION), the handler's signal is aborted and
//   nothing is reported: core has recorded the outcome itself and would refuse a late one;
// - the outcome is reported with CompleteTask, retried while core is unreachable, never retried
//   once core answered (accepted or not);
// - when run()'s signal aborts, the worker stops taking tasks, lets running ones finish within
//   drainGraceMs, then cancels them and gives them cancelGraceMs to report it.
import { create } from "@bufbuild/protobuf";
import { durationMs } from "@bufbuild/protobuf/wkt";
import { createClient, type Transport } from "@connectrpc/connect";
import { commonv1, executionv1 } from "@flow-proto/contract";
import { hostname } from "node:os";
import { setTimeout as delay } from "node:timers/promises";
import { Backoff } from "./backoff.js";
import { runAttempt, type AttemptEnv, type Handler } from "./worker-attempt.js";
import { AttemptControl } from "./worker-task.js";

export { HEARTBEAT_FRACTION, MIN_HEARTBEAT_INTERVAL_MS, PROGRESS_HEARTBEAT_INTERVAL_MS, CALL_TIMEOUT_MS, type Handler } from "./worker-attempt.js";
export { CancelRequest, CancelledError, FailureError, HANDLER_FAILED_TYPE, RetryAfterError } from "./worker-outcome.js";
export { TaskContext } from "./worker-task.js";

/** The number of tasks a worker runs at once when the options leave it unset. */
export const DEFAULT_MAX_CONCURRENT = 4;

/** How long running tasks may take to finish once run()'s signal aborts. */
export const DEFAULT_DRAIN_GRACE_MS = 30_000;

/** How long, after the drain grace, cancelled tasks get to report it. */
export const DEFAULT_CANCEL_GRACE_MS = 5_000;

/** What a Worker is made of. */
export interface WorkerOptions {
  /**
   * Identifies this worker process to core, stable across reconnects (core hands the tasks it
   * still holds back to the same id). Free-form, at most 256 bytes; default "hostname/pid".
   */
  workerId?: string;
  /** Handlers by the handler name tasks carry (Task.handler). At least one. */
  handlers: Record<string, Handler>;
  /** How many tasks run at once; core never sends more. Default DEFAULT_MAX_CONCURRENT. */
  maxConcurrent?: number;
  /** The queues to take tasks from; empty means core's default queue. */
  queues?: string[];
  /** Labels core may place tasks by and shows in its UI (region, version). */
  labels?: Record<string, string>;
  drainGraceMs?: number;
  cancelGraceMs?: number;
  /** Receives the worker's warnings (stream broken, heartbeat failed, completion refused). Default: none. */
  log?: (message: string) => void;
}

/** Runs tasks from core: construct it, then call run(). */
export class Worker {
  private readonly req: executionv1.StreamTasksRequest;
  private readonly handlers: Map<string, Handler>;
  private readonly names: string[];
  private readonly drainGraceMs: number;
  private readonly cancelGraceMs: number;
  private readonly log: (message: string) => void;
  /** The attempts running now, by task id, so that CancelTask and re-sent tasks find them. */
  private readonly running = new Map<string, AttemptControl>();
  private readonly attempts = new Set<Promise<void>>();
  private readonly hardStop = new AbortController();

  /** Throws without handlers or with an empty handler name. */
  constructor(opts: WorkerOptions) {
    this.names = Object.keys(opts.handlers).sort();
    if (this.names.length === 0) throw new Error("worker: no handlers");
    if (this.names.includes("")) throw new Error("worker: empty handler name");
    this.handlers = new Map(Object.entries(opts.handlers));
    this.req = create(executionv1.StreamTasksRequestSchema, {
      workerId: opts.workerId || `${hostname()}/${process.pid}`,
      handlers: this.names,
      maxConcurrent: opts.maxConcurrent || DEFAULT_MAX_CONCURRENT,
      queues: opts.queues ?? [],
      labels: opts.labels ?? {},
    });
    this.drainGraceMs = opts.drainGraceMs ?? DEFAULT_DRAIN_GRACE_MS;
    this.cancelGraceMs = opts.cancelGraceMs ?? DEFAULT_CANCEL_GRACE_MS;
    this.log = opts.log ?? (() => {});
  }

  /** The worker id sent to core. */
  get id(): string {
    return this.req.workerId;
  }

  /**
   * Pulls and runs tasks from core over `transport` until `signal` aborts, then drains (see the
   * module comment). Never gives up on core: an unreachable core is retried with backoff.
   * Resolves after a complete drain; rejects saying how many tasks were abandoned otherwise.
   * Call it once per Worker.
   */
  async run(transport: Transport, signal: AbortSignal): Promise<void> {
    const client = createClient(executionv1.ExecutionService, transport);
    const env: AttemptEnv = { client, handlers: this.handlers, names: this.names, hardStop: this.hardStop.signal, log: this.log };
    const backoff = new Backoff();
    while (!signal.aborted) {
      await this.streamOnce(env, signal, backoff);
      if (signal.aborted) break;
      const wait = backoff.next();
      this.log(`worker: reconnecting the task stream in ${Math.round(wait)} ms`);
      await delay(wait, undefined, { signal }).catch(() => {});
    }
    await this.drain();
  }

  /**
   * Opens one stream and handles its messages until it breaks, falls silent for twice the ping
   * interval core announced (no watchdog before the first ping), or `signal` aborts.
   */
  private async streamOnce(env: AttemptEnv, signal: AbortSignal, backoff: Backoff): Promise<void> {
    const stream = new AbortController();
    const onAbort = () => stream.abort();
    signal.addEventListener("abort", onAbort, { once: true });
    let silenceMs = 0;
    let silent = false;
    let watchdog: NodeJS.Timeout | undefined;
    try {
      const messages = env.client.streamTasks(this.req, {
        signal: stream.signal,
        // Headers without a status mean core accepted the stream (a refusal is trailers only).
        onHeader: (h) => {
          if (!h.has("grpc-status")) backoff.reset();
        },
      });
      for await (const msg of messages) {
        const limit = this.onEvent(env, msg);
        if (limit > 0) silenceMs = limit;
        if (silenceMs > 0) {
          clearTimeout(watchdog);
          watchdog = setTimeout(() => {
            silent = true;
            stream.abort();
          }, silenceMs);
        }
      }
      this.log("worker: core ended the task stream");
    } catch (e) {
      if (signal.aborted) return;
      if (silent) this.log(`worker: no message from core for ${silenceMs} ms (two ping intervals); reconnecting`);
      else this.log(`worker: task stream broke: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      clearTimeout(watchdog);
      signal.removeEventListener("abort", onAbort);
    }
  }

  /** Handles one message from core; returns the new silence limit (ms) when it was a ping. */
  private onEvent(env: AttemptEnv, msg: executionv1.StreamTasksResponse): number {
    const ev = msg.event;
    switch (ev.case) {
      case "task":
        this.start(env, ev.value);
        return 0;
      case "cancelTask":
        this.running.get(ev.value.taskId)?.requestCancel(ev.value.mode, ev.value.reason, ev.value.forceDeadline);
        return 0;
      case "ping":
        return ev.value.interval ? 2 * durationMs(ev.value.interval) : 0;
      default:
        this.log("worker: core sent a task stream message without a known event (a newer core?)");
        return 0;
    }
  }

  /** Runs a task, unless it is running already (core sends a worker's open tasks again when it reconnects). */
  private start(env: AttemptEnv, task: executionv1.Task): void {
    if (this.running.has(task.taskId)) return;
    if (this.running.size >= this.req.maxConcurrent) {
      // Core's fault; refusing the task would lose it until its timeout, so run it anyway.
      this.log(`worker: core sent more than max_concurrent (${this.req.maxConcurrent}) tasks`);
    }
    const ctl = new AttemptControl();
    this.running.set(task.taskId, ctl);
    const p: Promise<void> = runAttempt(env, task, ctl).finally(() => {
      this.running.delete(task.taskId);
      this.attempts.delete(p);
    });
    this.attempts.add(p);
  }

  /** Waits DrainGrace for the attempts, then cancels them and waits CancelGrace, then abandons them. */
  private async drain(): Promise<void> {
    if (await this.allDoneWithin(this.drainGraceMs)) return;
    this.log(`worker: drain grace over: cancelling ${this.running.size} running tasks`);
    for (const ctl of this.running.values()) ctl.requestCancel(commonv1.CancellationMode.GRACEFUL, "the worker is shutting down");
    if (await this.allDoneWithin(this.cancelGraceMs)) return;
    const n = this.running.size;
    this.hardStop.abort();
    await Promise.all([...this.attempts]);
    throw new Error(`worker: ${n} tasks did not finish within the drain`);
  }

  private async allDoneWithin(ms: number): Promise<boolean> {
    const timer = new AbortController();
    const done = Promise.all([...this.attempts]).then(() => true);
    const late = delay(ms, false, { signal: timer.signal }).catch(() => false);
    const r = await Promise.race([done, late]);
    timer.abort();
    return r;
  }
}
