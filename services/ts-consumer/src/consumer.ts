// flow.consumer.v1.ConsumerService.Write: the stream protocol of consumer.proto, on top of a
// FileStore. Messages are handled one at a time, in order, so every batch before a barrier has
// been acknowledged before the barrier is looked at.
import { create, toBinary, type MessageInitShape } from "@bufbuild/protobuf";
import { anyPack, durationFromMs, timestampNow } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError } from "@connectrpc/connect";
import { commonv1, consumerv1 } from "@flow-proto/contract";
import { COMPONENT, parseConfig, type FileConsumerConfig } from "./config.js";
import { FileStore, StoreError } from "./store.js";

type WriteRequest = consumerv1.WriteRequest;
type WriteResponse = consumerv1.WriteResponse;
type Kind = MessageInitShape<typeof consumerv1.WriteResponseSchema>["kind"];

/** What the Write handler needs from the rest of the server. */
export interface WriteDeps {
  /** Throws the status to end a stream with when the server cannot take it (shutting down). */
  admit(): void;
  /** Aborted when the server stops: the stream ends without committing more. */
  stopSignal: AbortSignal;
}

/** A protocol fault: consumer.proto prescribes FAILED_PRECONDITION for all of them. */
function fault(message: string): ConnectError {
  return new ConnectError(message, Code.FailedPrecondition);
}

function failure(type: string, message: string, retryable: boolean, details: commonv1.Diagnostic[] = []): Kind {
  return {
    case: "failure",
    value: {
      type,
      message,
      nonRetryable: !retryable,
      source: "flow-ts-consumer",
      ...(retryable ? { nextRetryDelay: durationFromMs(1000) } : {}),
      details: details.map((d) => anyPack(commonv1.DiagnosticSchema, d)),
    },
  };
}

/** One JSON line of the output file. Bytes are base64 so that any payload round-trips. */
export interface OutputLine {
  stream: string;
  batch_id: string;
  key: string;
  data: string;
  metadata: Record<string, string>;
  attributes: Record<string, string>;
  event_time?: string;
}

function toLine(batch: commonv1.RecordBatch, r: commonv1.Record): string {
  const metadata: Record<string, string> = {};
  for (const [k, v] of Object.entries(r.value?.metadata ?? {})) metadata[k] = Buffer.from(v).toString("base64");
  const line: OutputLine = {
    stream: batch.stream,
    batch_id: batch.batchId.toString(),
    key: Buffer.from(r.key).toString("base64"),
    data: Buffer.from(r.value?.data ?? new Uint8Array()).toString("base64"),
    metadata,
    attributes: { ...r.attributes },
  };
  if (r.eventTime) {
    line.event_time = new Date(Number(r.eventTime.seconds) * 1000 + Math.floor(r.eventTime.nanos / 1e6)).toISOString();
  }
  return JSON.stringify(line) + "\n";
}

/**
 * The credit core has left, in records and bytes. The consumer grants its window once at start
 * and grants each batch's usage back once the batch is written, so core never has more than the
 * window in flight.
 */
class CreditLedger {
  records = 0;
  bytes = 0n;
  grant(records: number, bytes: bigint): Kind {
    this.records += records;
    this.bytes += bytes;
    return { case: "credit", value: { records, bytes } };
  }
  /** Uses up a batch's credit; throws a protocol fault when core overran its credit. */
  spend(batchId: bigint, records: number, bytes: bigint): void {
    if (records > this.records || bytes > this.bytes) {
      throw fault(
        `batch ${batchId} (${records} records, ${bytes} bytes) exceeds the credit left (${this.records} records, ${this.bytes} bytes)`,
      );
    }
    this.records -= records;
    this.bytes -= bytes;
  }
}

/** The Write RPC. Returns (status OK) after drain, after a terminal failure, or when core hangs up. */
export async function* write(requests: AsyncIterable<WriteRequest>, deps: WriteDeps): AsyncGenerator<WriteResponse> {
  const it = requests[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done) return; // core hung up before sending anything: nothing to answer
  const start = first.value;
  if (start.kind.case !== "start") {
    throw fault(`the first message must be start, got ${start.kind.case ?? "a message with no kind"}`);
  }
  if (start.instructionId === "") throw fault("start has an empty instruction_id");
  deps.admit();
  const id = start.instructionId;
  const out = (kind: Kind): WriteResponse => create(consumerv1.WriteResponseSchema, { instructionId: id, kind });

  const opened = await begin(start.kind.value, id);
  if ("failure" in opened) {
    yield out(opened.failure);
    return;
  }
  const { store, config } = opened;
  try {
    yield* run(it, store, config, id, start.kind.value, deps, out);
  } finally {
    await store.close();
  }
}

type Opened = { store: FileStore; config: FileConsumerConfig } | { failure: Kind };

// Validates the start and prepares the destination; a problem here is a terminal failure.
async function begin(start: consumerv1.WriteStart, instructionId: string): Promise<Opened> {
  if (start.component !== COMPONENT) {
    return { failure: failure("component.unknown", `unknown component "${start.component}" (this service has "${COMPONENT}")`, false) };
  }
  const parsed = parseConfig(start.config);
  if (!parsed.config) {
    return { failure: failure("config.invalid", "the configuration in start is invalid", false, parsed.diagnostics) };
  }
  let store: FileStore | undefined;
  try {
    store = await FileStore.open(parsed.config.path);
    await store.resume(start.resumeCheckpointId, start.resumeSeq);
    return { store, config: parsed.config };
  } catch (e) {
    await store?.close();
    if (e instanceof StoreError) return { failure: failure(e.type, e.message, e.retryable) };
    return { failure: failure("destination.io", `${instructionId}: ${(e as Error).message}`, true) };
  }
}

async function* run(
  it: AsyncIterator<WriteRequest>,
  store: FileStore,
  config: FileConsumerConfig,
  id: string,
  start: consumerv1.WriteStart,
  deps: WriteDeps,
  out: (kind: Kind) => WriteResponse,
): AsyncGenerator<WriteResponse> {
  const last = store.lastCommitted();
  yield out({
    case: "log",
    value: {
      level: commonv1.LogLevel.INFO,
      message: last
        ? `resuming after committed checkpoint ${last.checkpointId} (seq ${last.seq})`
        : "starting with no committed checkpoint",
      time: timestampNow(),
      fields: { path: config.path, resume_checkpoint_id: start.resumeCheckpointId, resume_seq: start.resumeSeq.toString() },
    },
  });
  const streams = new Set(start.streams.map((s) => s.stream));
  const credit = new CreditLedger();
  yield out(credit.grant(config.creditRecords, BigInt(config.creditBytes)));

  const stats = { records: 0n, bytes: 0n, batches: 0n, errors: 0n };
  const progress = (message: string): WriteResponse =>
    out({ case: "progress", value: { ...stats, message, observedAt: timestampNow() } });
  let lastBatchId: bigint | undefined;
  let lastSeq = start.resumeSeq;
  let lastProgress = Date.now();

  for (;;) {
    if (deps.stopSignal.aborted) return;
    const next = await it.next();
    if (next.done) return; // core hung up without drain: barriers not echoed count as uncommitted
    const req = next.value;
    if (req.instructionId !== id) {
      throw fault(`instruction_id "${req.instructionId}" does not match the stream's "${id}"`);
    }
    switch (req.kind.case) {
      case "start":
        throw fault("a second start on the same stream");
      case "batch": {
        const batch = req.kind.value;
        if (lastBatchId !== undefined && batch.batchId <= lastBatchId) {
          throw fault(`batch_id ${batch.batchId} is not greater than the previous ${lastBatchId}`);
        }
        lastBatchId = batch.batchId;
        // A batch's size is the sum of its records' serialized sizes (consumer.proto, Credit).
        const sizes = batch.records.map((r) => toBinary(commonv1.RecordSchema, r).length);
        const bytes = BigInt(sizes.reduce((a, b) => a + b, 0));
        credit.spend(batch.batchId, batch.records.length, bytes);
        let ack: MessageInitShape<typeof consumerv1.BatchAckSchema>;
        if (streams.size > 0 && !streams.has(batch.stream)) {
          ack = {
            batchId: batch.batchId,
            failure: { type: "stream.unknown", message: `stream "${batch.stream}" is not in start.streams`, nonRetryable: true },
          };
          stats.errors += BigInt(batch.records.length);
        } else {
          const recordErrors: MessageInitShape<typeof commonv1.RecordErrorSchema>[] = [];
          let text = "";
          batch.records.forEach((r, i) => {
            if (sizes[i]! > config.maxRecordBytes) {
              recordErrors.push({
                recordIndex: i,
                failure: {
                  type: "record.too_large",
                  message: `record ${i} is ${sizes[i]} bytes, over max_record_bytes ${config.maxRecordBytes}`,
                  nonRetryable: true,
                },
              });
              return;
            }
            text += toLine(batch, r);
            stats.records += 1n;
            stats.bytes += BigInt(sizes[i]!);
          });
          try {
            await store.append(text);
          } catch (e) {
            // Part of the batch may be on disk: only a new run, cut back to its checkpoint, is safe.
            yield out(failure("destination.io", `writing ${config.path}: ${(e as Error).message}`, true));
            return;
          }
          stats.errors += BigInt(recordErrors.length);
          ack = { batchId: batch.batchId, recordErrors };
        }
        stats.batches += 1n;
        yield out({ case: "batchAck", value: ack });
        // The batch is out of our hands (in the OS's page cache): there is room for as much again.
        if (batch.records.length > 0 || bytes > 0n) yield out(credit.grant(batch.records.length, bytes));
        if (Date.now() - lastProgress > 2000) {
          lastProgress = Date.now();
          yield progress("writing");
        }
        break;
      }
      case "barrier": {
        const { checkpointId, seq } = req.kind.value;
        if (seq <= lastSeq) throw fault(`barrier seq ${seq} is not greater than the previous ${lastSeq}`);
        lastSeq = seq;
        try {
          await store.commit(checkpointId, seq, id);
        } catch (e) {
          yield out(failure("destination.commit_failed", `committing ${checkpointId}: ${(e as Error).message}`, true));
          return;
        }
        yield out({ case: "checkpointCommitted", value: { checkpointId, seq } });
        yield progress(`committed ${checkpointId}`);
        lastProgress = Date.now();
        break;
      }
      case "drain":
        // Every batch is acked and every barrier echoed (both happen as they arrive); what came
        // after the last barrier is not covered by a checkpoint and is cut on the next start.
        yield progress(`drained (${req.kind.value.reason || "no reason given"})`);
        return;
      default:
        throw fault("a message with no kind set");
    }
  }
}
