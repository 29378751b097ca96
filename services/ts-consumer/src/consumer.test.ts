// ConsumerService.Write over real loopback gRPC against dist/main.js run as a child process:
// credit, acks, per-record errors, durable barriers, drain, a crash and a resume without
// duplicates, and protocol faults.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { create, type MessageInitShape } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { consumerv1, runtimev1 } from "@flow-proto/contract";
import { COMPONENT } from "./config.js";
import type { OutputLine } from "./consumer.js";
import { Channel, connect, spawnServer, within, type Child } from "./testutil.js";

type Req = MessageInitShape<typeof consumerv1.WriteRequestSchema>;
type Res = consumerv1.WriteResponse;
type KindValue<K> = Extract<Res["kind"], { case: K }> extends { value: infer V } ? V : never;

/** Core's side of one Write stream: sends requests, reads responses one by one, tracks credit. */
class CoreSide {
  readonly reqs = new Channel<consumerv1.WriteRequest>();
  private readonly it: AsyncIterator<Res>;
  credit = { records: 0, bytes: 0n };
  maxCredit = 0;

  constructor(
    server: Child,
    private readonly id: string,
    private readonly conn = connect(server.address),
  ) {
    this.it = conn.client(consumerv1.ConsumerService).write(this.reqs)[Symbol.asyncIterator]();
  }

  send(kind: Req["kind"], instructionId = this.id): void {
    this.reqs.push(create(consumerv1.WriteRequestSchema, { instructionId, kind }));
    // Core sends nothing after drain: half-close, so the client's sender finishes cleanly.
    if (kind?.case === "drain") this.reqs.end();
  }

  /** Sends a batch, refusing (as core must) to overrun the credit. */
  async batch(batchId: bigint, records: { key: string; data: string }[]): Promise<void> {
    await this.waitCredit(records.length);
    const batch = create(consumerv1.WriteRequestSchema, {
      instructionId: this.id,
      kind: {
        case: "batch",
        value: {
          batchId,
          stream: "orders",
          records: records.map((r) => ({ key: Buffer.from(r.key), value: { data: Buffer.from(r.data) }, attributes: { k: r.key } })),
        },
      },
    });
    assert.ok(records.length <= this.credit.records, `test bug: batch ${batchId} would overrun credit`);
    this.credit.records -= records.length;
    this.reqs.push(batch);
  }

  private pending: Res[] = [];

  /** Reads responses until core has at least `records` of credit (as core waits before a batch). */
  async waitCredit(records: number): Promise<void> {
    while (this.credit.records < records) {
      const r = await this.read();
      if (r === undefined) assert.fail("stream ended while waiting for credit");
      if (r.kind.case !== "credit") this.pending.push(r);
    }
  }

  /** The next response that is not a log, progress or credit message. */
  async next(): Promise<Res | undefined> {
    const p = this.pending.shift();
    if (p) return p;
    for (;;) {
      const r = await this.read();
      if (r?.kind.case !== "credit") return r;
    }
  }

  // Reads the wire, skipping logs and progress and tallying credit.
  private async read(): Promise<Res | undefined> {
    for (;;) {
      const r = await within(5000, this.it.next(), "a Write response");
      if (r.done) {
        this.reqs.end(); // the RPC is over: stop the sender too
        return undefined;
      }
      assert.equal(r.value.instructionId, this.id);
      if (r.value.kind.case === "log" || r.value.kind.case === "progress") continue;
      if (r.value.kind.case === "credit") {
        this.credit.records += r.value.kind.value.records;
        this.credit.bytes += r.value.kind.value.bytes;
        // The consumer never lets core have more in flight than its window (2 records here).
        this.maxCredit = Math.max(this.maxCredit, this.credit.records);
      }
      return r.value;
    }
  }

  async expect<K extends NonNullable<Res["kind"]["case"]>>(kind: K): Promise<KindValue<K>> {
    const got: { case?: string; value?: unknown } | undefined = (await this.next())?.kind;
    if (got?.case !== kind) {
      assert.fail(`expected ${kind}, got ${JSON.stringify(got, (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v))}`);
    }
    return got.value as KindValue<K>;
  }

  close(): void {
    this.reqs.end();
    this.conn.close();
  }
}

async function handshake(server: Child): Promise<void> {
  const conn = connect(server.address);
  try {
    const res = await conn.client(runtimev1.RuntimeService).handshake({ supportedVersions: [{ major: 1, minor: 0 }] });
    assert.equal(res.negotiation.case, "selectedVersion");
  } finally {
    conn.close();
  }
}

async function lines(path: string): Promise<OutputLine[]> {
  const text = await readFile(path, "utf8");
  return text.split("\n").filter((l) => l !== "").map((l) => JSON.parse(l) as OutputLine);
}
const keys = (ls: OutputLine[]) => ls.map((l) => Buffer.from(l.key, "base64").toString());

test("Write: credit, acks, durable barrier, drain, crash, resume without duplicates", async () => {
  const dir = await mkdtemp(join(tmpdir(), "ts-consumer-w-"));
  const path = join(dir, "out", "orders.jsonl");
  const config = { path, credit_records: 2, max_record_bytes: 100 };
  const start = (id: string, resume?: { id: string; seq: bigint }): Req["kind"] => ({
    case: "start",
    value: {
      component: COMPONENT,
      config,
      generation: 1n,
      streams: [{ stream: "orders", name: "orders" }],
      resumeCheckpointId: resume?.id ?? "",
      resumeSeq: resume?.seq ?? 0n,
    },
  });
  let server = await spawnServer();
  try {
    await handshake(server);
    const core = new CoreSide(server, "run-1");
    core.send(start("run-1"));
    // Core may send no batch before the first credit.
    assert.equal(core.credit.records, 0);
    await core.batch(1n, [{ key: "a", data: "1" }, { key: "b", data: "2" }]);
    await core.expect("batchAck").then((a) => assert.deepEqual([a.batchId, a.recordErrors.length], [1n, 0]));
    await core.batch(2n, [{ key: "c", data: "3" }, { key: "d", data: "4" }]);
    await core.expect("batchAck");
    // Batch 3: one good record and one over max_record_bytes -> a per-record error.
    await core.batch(3n, [{ key: "e", data: "5" }, { key: "big", data: "x".repeat(500) }]);
    const ack3 = await core.expect("batchAck");
    assert.equal(ack3.batchId, 3n);
    assert.deepEqual(ack3.recordErrors.map((e) => [e.recordIndex, e.failure?.type]), [[1, "record.too_large"]]);
    core.send({ case: "barrier", value: { checkpointId: "cp-1", seq: 1n } });
    const cc = await core.expect("checkpointCommitted");
    assert.deepEqual([cc.checkpointId, cc.seq], ["cp-1", 1n]);
    // The echo came after the commit: the records are in the file now.
    assert.deepEqual(keys(await lines(path)), ["a", "b", "c", "d", "e"]);
    const committed = JSON.parse(await readFile(`${path}.checkpoint.json`, "utf8")) as { history: { checkpoint_id: string }[] };
    assert.equal(committed.history.at(-1)!.checkpoint_id, "cp-1");
    // A batch after the barrier is written but not covered by a checkpoint.
    await core.batch(4n, [{ key: "f", data: "6" }]);
    await core.expect("batchAck");
    core.send({ case: "drain", value: { reason: "stop" } });
    assert.equal(await core.next(), undefined, "the stream ends with OK after drain");
    assert.equal(core.maxCredit, 2, "never more credit outstanding than the window");
    core.close();
    assert.deepEqual(keys(await lines(path)), ["a", "b", "c", "d", "e", "f"]);

    // Crash, restart on the same directory, resume from cp-1: "f" is sent again and must not
    // appear twice.
    await server.kill();
    server = await spawnServer();
    await handshake(server);
    const core2 = new CoreSide(server, "run-2");
    core2.send(start("run-2", { id: "cp-1", seq: 1n }));
    await core2.batch(1n, [{ key: "f", data: "6" }]);
    await core2.expect("batchAck");
    core2.send({ case: "barrier", value: { checkpointId: "cp-2", seq: 2n } });
    await core2.expect("checkpointCommitted");
    assert.deepEqual(keys(await lines(path)), ["a", "b", "c", "d", "e", "f"]);
    core2.send({ case: "drain", value: {} });
    assert.equal(await core2.next(), undefined);
    core2.close();

    // Resuming from a checkpoint this consumer never committed is a terminal failure in the body.
    const core3 = new CoreSide(server, "run-3");
    core3.send(start("run-3", { id: "cp-9", seq: 9n }));
    const f = await core3.expect("failure");
    assert.equal(f.type, "checkpoint.unknown");
    assert.equal(await core3.next(), undefined);
    core3.close();
  } finally {
    await server.kill();
    await rm(dir, { recursive: true, force: true });
  }
});

test("Write: protocol faults end the RPC with FAILED_PRECONDITION", async () => {
  const dir = await mkdtemp(join(tmpdir(), "ts-consumer-f-"));
  const server = await spawnServer();
  const faults: [string, (c: CoreSide) => void][] = [
    ["batch before start", (c) => c.send({ case: "batch", value: { batchId: 1n } })],
    ["second start", (c) => {
      c.send(startOf(dir, "a"));
      c.send(startOf(dir, "a"));
    }],
    ["mismatching instruction_id", (c) => {
      c.send(startOf(dir, "b"));
      c.send({ case: "drain", value: {} }, "someone-else");
    }],
    ["batch over the credit", (c) => {
      c.send(startOf(dir, "c"));
      c.send({ case: "batch", value: { batchId: 1n, stream: "s", records: [{}, {}, {}] } });
    }],
    ["barrier seq not increasing", (c) => {
      c.send(startOf(dir, "d"));
      c.send({ case: "barrier", value: { checkpointId: "x", seq: 0n } });
    }],
  ];
  try {
    // Before a handshake, Write is refused as well.
    const early = new CoreSide(server, "early");
    early.send(startOf(dir, "e"));
    await assert.rejects(early.next(), (e: unknown) => e instanceof ConnectError && e.code === Code.FailedPrecondition);
    early.close();
    await handshake(server);
    for (const [name, act] of faults) {
      const core = new CoreSide(server, "f");
      act(core);
      await assert.rejects(
        (async () => {
          while (await core.next());
        })(),
        (e: unknown) => e instanceof ConnectError && e.code === Code.FailedPrecondition,
        name,
      );
      core.close();
    }
  } finally {
    await server.kill();
    await rm(dir, { recursive: true, force: true });
  }
});

function startOf(dir: string, name: string): Req["kind"] {
  return {
    case: "start",
    value: { component: COMPONENT, config: { path: join(dir, `${name}.jsonl`), credit_records: 2 } },
  };
}
