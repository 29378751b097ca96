// How a handler's result becomes its attempt's outcome (worker.ts). The Go worker
// (services/go-processor/worker/outcome.go) maps results the same way:
//
// - a returned payload (or nothing) is a success;
// - a thrown FailureError is reported as its failure, unchanged (type, nonRetryable, ...);
// - a thrown RetryAfterError asks for a retry after a delay, not counted against maximum_attempts;
// - a thrown CancelledError, or anything thrown once cancellation was requested that is the
//   signal's reason or an AbortError (what `signal.throwIfAborted()` or an aborted fetch throws),
//   is reported as cancelled with the mode and reason of the request;
// - anything else thrown is a failure of type HANDLER_FAILED_TYPE with the error's message and
//   stack.
import { create, type MessageInitShape } from "@bufbuild/protobuf";
import { durationFromMs } from "@bufbuild/protobuf/wkt";
import { commonv1 } from "@flow-proto/contract";

type PayloadInit = MessageInitShape<typeof commonv1.PayloadSchema>;
type FailureInit = MessageInitShape<typeof commonv1.FailureSchema>;

/** The Failure.type of an attempt whose handler threw something that is not an outcome error. */
export const HANDLER_FAILED_TYPE = "worker.handler_failed";

/** Reports `failure` as the attempt's failure outcome. */
export class FailureError extends Error {
  override readonly name = "FailureError";
  constructor(readonly failure: FailureInit) {
    super(`worker: task failed: ${failure.message ?? ""}`);
  }
}

/** Asks core to retry the attempt no sooner than `delayMs` (a rate limit, a busy dependency). */
export class RetryAfterError extends Error {
  override readonly name = "RetryAfterError";
  constructor(
    readonly delayMs: number,
    /** Why, when known. */
    readonly why?: FailureInit,
  ) {
    super(`worker: retry after ${delayMs} ms`);
  }
}

/** Reports the attempt as cancelled, with details about the partial work. */
export class CancelledError extends Error {
  override readonly name = "CancelledError";
  constructor(readonly details?: PayloadInit) {
    super("worker: task cancelled");
  }
}

/** A request to stop an attempt: the reason the handler's AbortSignal is aborted with. */
export class CancelRequest extends Error {
  override readonly name = "CancelRequest";
  constructor(
    /** Graceful or forced; a forced request after a graceful one upgrades it. */
    public mode: commonv1.CancellationMode,
    /** The canceller's reason (the first one given). */
    readonly reason: string,
  ) {
    super(`worker: cancellation requested: ${reason}`);
  }
}

/** What one handler call produced. */
export type HandlerResult = { ok: true; result: PayloadInit | undefined } | { ok: false; error: unknown };

/** The outcome of a handler's result, given the cancellation request if there was one. */
export function outcomeOf(r: HandlerResult, cancel: CancelRequest | undefined): commonv1.Outcome {
  if (r.ok) return create(commonv1.OutcomeSchema, { outcome: { case: "success", value: { result: r.result } } });
  const e = r.error;
  if (e instanceof FailureError) return create(commonv1.OutcomeSchema, { outcome: { case: "failure", value: e.failure } });
  if (e instanceof RetryAfterError) {
    return create(commonv1.OutcomeSchema, { outcome: { case: "retryAfter", value: { delay: durationFromMs(e.delayMs), cause: e.why } } });
  }
  const abort = e === cancel || (e instanceof Error && e.name === "AbortError") || e instanceof CancelRequest;
  if (e instanceof CancelledError || (cancel !== undefined && abort)) {
    return create(commonv1.OutcomeSchema, {
      outcome: {
        case: "cancelled",
        value: { details: e instanceof CancelledError ? e.details : undefined, mode: cancel?.mode ?? 0, reason: cancel?.reason ?? "" },
      },
    });
  }
  const err = e instanceof Error ? e : new Error(String(e));
  return create(commonv1.OutcomeSchema, {
    outcome: { case: "failure", value: { message: err.message, type: HANDLER_FAILED_TYPE, stackTrace: err.stack ?? "" } },
  });
}

/** The outcome of a task for a handler the worker does not have. */
export function handlerNotFound(handler: string, available: string[]): commonv1.Outcome {
  return create(commonv1.OutcomeSchema, { outcome: { case: "handlerNotFound", value: { handler, availableHandlers: available } } });
}
