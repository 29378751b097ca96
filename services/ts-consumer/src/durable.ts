// Runs one durable instance against core's DurableService: a program whose state survives its
// own crashes and core's. The program registers (or, after a restart, resumes) its instance,
// continues from the last checkpoint, saves progress with checkpoint(), waits for outside input
// with waitSignal() or nextSignal(), and ends with complete().
//
// The Instance tracks the two numbers that make this safe, so the program does not have to:
// the sequence number of the last checkpoint (sent as expected_seq, so that a stale copy of the
// program, a zombie, can never overwrite newer state: it gets a CheckpointConflictError), and
// the cursor of the last signal handed to the program (saved atomically with each checkpoint,
// so that a resumed program gets every signal after it, none missed and none twice). The Go
// client (services/go-processor/durable) behaves the same.
import { create, type MessageInitShape } from "@bufbuild/protobuf";
import { durationFromMs } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError, createClient, type Client, type Transport } from "@connectrpc/connect";
import { commonv1, durablev1 } from "@flow-proto/contract";
import { Backoff, sleep } from "./backoff.js";

/**
 * How long one PollSignals call may wait for a signal, in ms. Below core's cap (60 s) and below
 * the idle timeouts of common proxies, so a quiet wait is a steady series of calls instead of
 * one that a middlebox cuts.
 */
export const POLL_WAIT_MS = 30_000;

/**
 * How much longer than POLL_WAIT_MS the client waits for an answer before it gives up on the
 * call and polls again (a dead connection must not hang the program).
 */
export const POLL_GRACE_MS = 5_000;

type PayloadInit = MessageInitShape<typeof commonv1.PayloadSchema>;
type OutcomeInit = MessageInitShape<typeof commonv1.OutcomeSchema>;

/**
 * A save or completion refused on a stale sequence number: another copy of the program owns
 * the instance now (or it is complete). Nothing was written. Stop, or resume() to continue
 * from the latest state.
 */
export class CheckpointConflictError extends Error {
  override readonly name = "CheckpointConflictError";
  constructor(
    readonly instanceId: string,
    /** The sequence number this Instance built on. */
    readonly expectedSeq: bigint,
    /** The one core has (0n when core did not say, as on a refused completion). */
    readonly latestSeq: bigint,
  ) {
    super(`durable: checkpoint conflict on instance "${instanceId}": built on seq ${expectedSeq}, core has seq ${latestSeq}`);
  }
}

/** The instance has an outcome: no signal can arrive, no checkpoint or other outcome is accepted. */
export class InstanceCompleteError extends Error {
  override readonly name: string = "InstanceCompleteError";
  constructor(
    readonly instanceId: string,
    /** The outcome on record, when core said (complete() on a completed instance). */
    readonly recorded?: commonv1.Outcome,
  ) {
    super(`durable: instance "${instanceId}" is complete`);
  }
}

/** waitSignal() found another signal next. It is not consumed: nextSignal() returns it. */
export class UnexpectedSignalError extends Error {
  override readonly name = "UnexpectedSignalError";
  constructor(
    readonly want: string,
    readonly got: durablev1.Signal,
  ) {
    super(`durable: waiting for signal "${want}", the next one is "${got.name}" (seq ${got.seq})`);
  }
}

/** The instance to register and what it is created with. */
export interface InstanceSpec {
  /** The instance's id, chosen by the caller (for example "order-4711"). */
  instanceId: string;
  /** Tells this logical start from an unrelated one with the same id (core refuses another key with ALREADY_EXISTS). Empty resumes whatever exists. */
  idempotencyKey?: string;
  /** The program's entry point; must match on resume (else FAILED_PRECONDITION). */
  handler: string;
  /** Stored on creation only; on resume core returns the stored input (Instance.input). */
  input?: PayloadInit;
  trace?: MessageInitShape<typeof commonv1.TraceContextSchema>;
  labels?: Record<string, string>;
}

/** Options of the waiting calls. */
export interface WaitOptions {
  /** Stops the wait: the call rejects with the signal's reason. */
  signal?: AbortSignal;
}

/**
 * One program's hold on a durable instance. Driven by one async flow, as a program's control
 * flow is: do not call its methods concurrently.
 */
export class Instance {
  private reg!: durablev1.RegisterInstanceResponse;
  private seqNow = 0n; // the latest checkpoint this Instance saw or saved
  private stateNow: commonv1.Payload | undefined;
  private cursor = 0n; // the last signal handed to the program
  private polled = 0n; // the last signal fetched from core (>= cursor)
  private pending: durablev1.Signal[] = [];
  private ended = false; // core said the instance is complete

  private constructor(
    private readonly client: Client<typeof durablev1.DurableService>,
    private readonly spec: InstanceSpec,
  ) {}

  /**
   * Creates the instance, or resumes it when it exists (after a restart of the program or of
   * core): the Instance then continues from the latest checkpoint and signal cursor. Look at
   * `outcome` first: set means there is nothing left to do.
   */
  static async register(transport: Transport, spec: InstanceSpec): Promise<Instance> {
    const i = new Instance(createClient(durablev1.DurableService, transport), spec);
    await i.resume();
    return i;
  }

  /**
   * Registers again and reloads the latest checkpoint and signal cursor from core, dropping
   * signals fetched but not yet handed out. Use it after a CheckpointConflictError to continue
   * from the state another copy of the program saved.
   */
  async resume(): Promise<void> {
    const s = this.spec;
    let resp: durablev1.RegisterInstanceResponse;
    try {
      resp = await this.client.registerInstance({
        instanceId: s.instanceId,
        idempotencyKey: s.idempotencyKey ?? "",
        handler: s.handler,
        input: s.input,
        trace: s.trace,
        labels: s.labels ?? {},
      });
    } catch (e) {
      throw wrap(`register instance "${s.instanceId}"`, e);
    }
    this.reg = resp;
    this.seqNow = resp.lastCheckpoint?.seq ?? 0n;
    this.stateNow = resp.lastCheckpoint?.state;
    this.cursor = resp.signalCursor;
    this.polled = this.cursor;
    this.pending = [];
    this.ended = resp.outcome !== undefined;
  }

  get id(): string {
    return this.spec.instanceId;
  }
  /** Whether the latest registration found the instance existing. */
  get resumed(): boolean {
    return this.reg.resumed;
  }
  /** Registrations of the instance, this one included (1 on creation). */
  get incarnation(): number {
    return this.reg.incarnation;
  }
  /** The input the instance was created with. */
  get input(): commonv1.Payload | undefined {
    return this.reg.input;
  }
  /** The checkpoint core returned at registration (undefined when none was saved). */
  get lastCheckpoint(): durablev1.InstanceCheckpoint | undefined {
    return this.reg.lastCheckpoint;
  }
  /** The state of the latest checkpoint this Instance saw or saved. */
  get state(): commonv1.Payload | undefined {
    return this.stateNow;
  }
  /** The sequence number of that checkpoint (0n when none). */
  get seq(): bigint {
    return this.seqNow;
  }
  /** The seq of the last signal handed to the program (0n when none). */
  get signalCursor(): bigint {
    return this.cursor;
  }
  /** The outcome when the instance was already complete at registration. */
  get outcome(): commonv1.Outcome | undefined {
    return this.reg.outcome;
  }

  /**
   * Saves `state`, with the cursor of the signals handed out so far, on top of the latest
   * checkpoint; resolves to the new sequence number. A stale Instance gets a
   * CheckpointConflictError and nothing is written. Not retried on a transport error: whether
   * the save happened is then unknown, and the next attempt or a resume() tells.
   */
  async checkpoint(state: PayloadInit): Promise<bigint> {
    let resp: durablev1.SaveCheckpointResponse;
    try {
      resp = await this.client.saveCheckpoint({ instanceId: this.id, expectedSeq: this.seqNow, state, signalCursor: this.cursor });
    } catch (e) {
      throw wrap(`save checkpoint of "${this.id}" after seq ${this.seqNow}`, e);
    }
    if (resp.conflict) throw new CheckpointConflictError(this.id, this.seqNow, resp.seq);
    this.seqNow = resp.seq;
    this.stateNow = create(commonv1.PayloadSchema, state);
    return this.seqNow;
  }

  /**
   * The next signal in the instance's signal log, waiting (by long poll) until one arrives or
   * `opts.signal` aborts. Each signal is returned once; the next checkpoint() records it as
   * consumed. While core is unreachable it polls again with backoff. When the instance is
   * complete and no signal is left it rejects with InstanceCompleteError.
   */
  async nextSignal(opts: WaitOptions = {}): Promise<durablev1.Signal> {
    const s = await this.peek(opts);
    this.pending.shift();
    this.cursor = s.seq;
    return s;
  }

  /**
   * nextSignal() for a program that expects a signal of one name: when the next signal has
   * another name it rejects with UnexpectedSignalError and leaves that signal next, so that
   * nothing is skipped (the program can take it with nextSignal()).
   */
  async waitSignal(name: string, opts: WaitOptions = {}): Promise<durablev1.Signal> {
    const s = await this.peek(opts);
    if (s.name !== name) throw new UnexpectedSignalError(name, s);
    return this.nextSignal(opts);
  }

  /** nextSignal() results until the instance is complete (then it ends) or the wait is aborted (then it throws). */
  async *signals(opts: WaitOptions = {}): AsyncGenerator<durablev1.Signal> {
    for (;;) {
      try {
        yield await this.nextSignal(opts);
      } catch (e) {
        if (e instanceof InstanceCompleteError) return;
        throw e;
      }
    }
  }

  /** The next signal without consuming it, polling core until there is one. */
  private async peek(opts: WaitOptions): Promise<durablev1.Signal> {
    const backoff = new Backoff();
    while (this.pending.length === 0) {
      if (this.ended) throw new InstanceCompleteError(this.id);
      try {
        await this.poll(opts.signal);
        backoff.reset();
      } catch (e) {
        if (opts.signal?.aborted) throw opts.signal.reason;
        if (!retryable(e)) throw wrap(`poll signals of "${this.id}" after ${this.polled}`, e);
        await sleep(backoff.next(), opts.signal);
      }
    }
    return this.pending[0]!;
  }

  /** One PollSignals call after the last fetched signal. */
  private async poll(signal?: AbortSignal): Promise<void> {
    const resp = await this.client.pollSignals(
      { instanceId: this.id, after: this.polled, wait: durationFromMs(POLL_WAIT_MS) },
      { signal, timeoutMs: POLL_WAIT_MS + POLL_GRACE_MS },
    );
    for (const s of resp.signals) {
      // Never hand out a signal twice, whatever the answer holds.
      if (s.seq > this.polled) {
        this.pending.push(s);
        this.polled = s.seq;
      }
    }
    this.ended = resp.instanceComplete;
  }

  /**
   * Records the instance's outcome, checked against the latest checkpoint like a save. A stale
   * Instance gets a CheckpointConflictError; an instance with an outcome already an
   * InstanceCompleteError holding it (`recorded`).
   */
  async complete(outcome: OutcomeInit): Promise<void> {
    let resp: durablev1.CompleteInstanceResponse;
    try {
      resp = await this.client.completeInstance({ instanceId: this.id, outcome, expectedSeq: this.seqNow });
    } catch (e) {
      throw wrap(`complete instance "${this.id}"`, e);
    }
    if (resp.accepted) {
      this.ended = true;
      return;
    }
    switch (resp.reason) {
      case "ALREADY_COMPLETED":
        this.ended = true;
        throw new InstanceCompleteError(this.id, resp.recordedOutcome);
      case "SEQ_CONFLICT":
        throw new CheckpointConflictError(this.id, this.seqNow, 0n);
      default:
        throw new Error(`durable: complete instance "${this.id}": not accepted (${resp.reason})`);
    }
  }
}

/**
 * Whether a failed poll is worth repeating: core unreachable, our own per-call deadline ran out
 * on a dead connection, or the HTTP/2 stream was reset under us (connect-node reports a core
 * killed mid-poll as CANCELED; a cancellation of our own never gets here, peek checks first).
 */
function retryable(e: unknown): boolean {
  const code = ConnectError.from(e).code;
  return code === Code.Unavailable || code === Code.DeadlineExceeded || code === Code.Canceled;
}

/** An Error saying what failed, with core's ConnectError (code, details) as its cause. */
function wrap(what: string, e: unknown): Error {
  return new Error(`durable: ${what}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
}
