// One attempt as its handler sees it (TaskContext), and the state the attempt shares between its
// handler, its heartbeats and the task stream (AttemptControl): the cancellation, with mode,
// reason and force deadline, and the progress waiting to be sent. Used by worker.ts.
import { create, type MessageInitShape } from "@bufbuild/protobuf";
import { timestampMs, type Timestamp } from "@bufbuild/protobuf/wkt";
import { commonv1, executionv1 } from "@flow-proto/contract";
import { CancelRequest } from "./worker-outcome.js";

type PayloadInit = MessageInitShape<typeof commonv1.PayloadSchema>;
type ProgressInit = MessageInitShape<typeof commonv1.ProgressSchema>;

/** The attempt's shared state. */
export class AttemptControl {
  /** Aborted (with a CancelRequest, or an Error when the attempt is abandoned) to stop the handler. */
  readonly abort = new AbortController();
  request: CancelRequest | undefined;
  /** When a forced cancellation stops waiting (ms since the epoch); undefined until one arrives. */
  forceDeadlineMs: number | undefined;
  progress: commonv1.Payload | undefined;
  counters: commonv1.Progress | undefined;
  /** Called when the force deadline moves. */
  onForce: () => void = () => {};
  private progressed = false; // recorded since the last waitProgress()
  private wake: (() => void) | undefined;

  /**
   * Records a cancellation request and aborts the handler's signal. The first reason is kept; a
   * forced request upgrades a graceful one; of several force deadlines the earliest wins (a
   * forced request without one means now: core terminates at once).
   */
  requestCancel(mode: commonv1.CancellationMode, reason: string, forceDeadline?: Timestamp): void {
    if (mode === commonv1.CancellationMode.UNSPECIFIED) mode = commonv1.CancellationMode.GRACEFUL;
    if (this.request === undefined) this.request = new CancelRequest(mode, reason);
    else if (mode === commonv1.CancellationMode.FORCE) this.request.mode = mode;
    if (mode === commonv1.CancellationMode.FORCE) {
      const at = forceDeadline ? timestampMs(forceDeadline) : Date.now();
      if (this.forceDeadlineMs === undefined || at < this.forceDeadlineMs) {
        this.forceDeadlineMs = at;
        this.onForce();
      }
    }
    if (!this.abort.signal.aborted) this.abort.abort(this.request);
  }

  /** Notes that progress was recorded, waking waitProgress(). */
  notifyProgress(): void {
    this.progressed = true;
    this.wake?.();
  }

  /** Resolves once progress has been recorded since the last call (at once if it was). */
  async waitProgress(signal: AbortSignal): Promise<void> {
    while (!this.progressed) {
      signal.throwIfAborted();
      let onAbort: () => void = () => {};
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        onAbort = resolve;
        signal.addEventListener("abort", onAbort, { once: true });
      });
      signal.removeEventListener("abort", onAbort); // one wait per heartbeat: no pile of listeners
      this.wake = undefined;
    }
    this.progressed = false;
  }

  /** Takes what is waiting to be sent. */
  takePending(): { progress?: commonv1.Payload; counters?: commonv1.Progress } {
    const p = { progress: this.progress, counters: this.counters };
    this.progress = undefined;
    this.counters = undefined;
    return p;
  }

  /** Puts back what a failed heartbeat did not deliver, unless newer values arrived. */
  restorePending(p: { progress?: commonv1.Payload; counters?: commonv1.Progress }): void {
    this.progress ??= p.progress;
    this.counters ??= p.counters;
  }
}

/** One attempt as its handler sees it. */
export class TaskContext {
  /** @internal */
  constructor(
    private readonly pb: executionv1.Task,
    private readonly ctl: AttemptControl,
  ) {}

  /** The handler's input (undefined when none was given). */
  get input(): commonv1.Payload | undefined {
    return this.pb.input;
  }
  /** The attempt number, 1 for the first. */
  get attempt(): number {
    return this.pb.attempt;
  }
  /** The progress an earlier attempt last recorded (and a heartbeat delivered), to resume from; undefined on a first attempt. */
  get lastHeartbeat(): commonv1.Payload | undefined {
    return this.pb.lastHeartbeat;
  }
  /** The execution this attempt belongs to (the id CancelExecution takes). */
  get executionId(): string {
    return this.pb.executionId;
  }
  /** This attempt's id; a retry gets a new one. */
  get taskId(): string {
    return this.pb.taskId;
  }
  /** The handler name the task asked for. */
  get handler(): string {
    return this.pb.handler;
  }
  /** Free-form headers that travel with the work. */
  get headers(): Record<string, string> {
    return this.pb.headers;
  }
  /** When the attempt must be complete, or undefined. */
  get deadline(): Date | undefined {
    return this.pb.deadline ? new Date(timestampMs(this.pb.deadline)) : undefined;
  }
  /** The task as core sent it, without its task token (bearer-like: it must not reach logs). */
  get task(): executionv1.Task {
    return create(executionv1.TaskSchema, { ...this.pb, taskToken: new Uint8Array() });
  }
  /**
   * Aborted when cancellation is requested (its reason is then a CancelRequest), at the task's
   * deadline, or when core says the attempt has ended. Pass it on to fetch() and friends.
   */
  get signal(): AbortSignal {
    return this.ctl.abort.signal;
  }
  /** The cancellation request, once there is one. */
  get cancellation(): CancelRequest | undefined {
    return this.ctl.request;
  }

  /** Records details a retry can resume from. Cheap: only the latest is kept; the next heartbeat sends it. */
  recordProgress(progress: PayloadInit): void {
    this.ctl.progress = create(commonv1.PayloadSchema, progress);
    this.ctl.notifyProgress();
  }

  /** Records counters for core's UI, sent with the next heartbeat. Not passed to retries. */
  recordCounters(counters: ProgressInit): void {
    this.ctl.counters = create(commonv1.ProgressSchema, counters);
    this.ctl.notifyProgress();
  }
}
