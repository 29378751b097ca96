// durable.ts against the real flow-core binary (coretest.ts) over loopback gRPC; "a crash" is
// SIGKILL of core and a restart on the same data directory and port.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createClient, type Transport } from "@connectrpc/connect";
import { durablev1 } from "@flow-proto/contract";
import { withCore } from "./coretest.js";
import { CheckpointConflictError, Instance, InstanceCompleteError, POLL_WAIT_MS, UnexpectedSignalError, type InstanceSpec } from "./durable.js";

const enc = new TextEncoder();
const dec = new TextDecoder();
const payload = (s: string) => ({ data: enc.encode(s) });
const text = (p: { data: Uint8Array } | undefined) => (p ? dec.decode(p.data) : undefined);
const success = (s: string) => ({ outcome: { case: "success" as const, value: { result: payload(s) } } });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const spec = (instanceId: string): InstanceSpec => ({ instanceId, idempotencyKey: "start-1", handler: "order-workflow", input: payload("input") });

/** Sends a signal as an outsider would; resolves to core's answer. */
function signal(transport: Transport, instanceId: string, name: string, key = "") {
  return createClient(durablev1.DurableService, transport).signalInstance(
    { instanceId, name, payload: payload(name), idempotencyKey: key, sender: "test" },
    { timeoutMs: 5_000 },
  );
}

test("durable: checkpoints advance and a stale copy gets a CheckpointConflictError", () =>
  withCore([], async (_core, transport) => {
    const inst = await Instance.register(transport, spec("order-1"));
    assert.equal(inst.resumed, false);
    assert.equal(inst.lastCheckpoint, undefined);
    assert.equal(inst.incarnation, 1);
    assert.equal(await inst.checkpoint(payload("one")), 1n);
    assert.equal(await inst.checkpoint(payload("two")), 2n);

    // A second copy of the program takes over at seq 2 and saves; the first is now a zombie.
    const other = await Instance.register(transport, spec("order-1"));
    assert.equal(other.resumed, true);
    assert.equal(other.seq, 2n);
    assert.equal(text(other.state), "two");
    await other.checkpoint(payload("three"));
    await assert.rejects(inst.checkpoint(payload("stale")), (e: unknown) => {
      assert.ok(e instanceof CheckpointConflictError, String(e));
      assert.equal(e.expectedSeq, 2n);
      assert.equal(e.latestSeq, 3n);
      return true;
    });
    await assert.rejects(inst.complete(success("stale")), CheckpointConflictError);
    // resume() reloads the latest state; the old copy may carry on from there.
    await inst.resume();
    assert.equal(inst.seq, 3n);
    assert.equal(text(inst.state), "three");
    assert.equal(await inst.checkpoint(payload("four")), 4n);
  }));

test("durable: a signal sent twice with one idempotency key is delivered once", () =>
  withCore([], async (_core, transport) => {
    const inst = await Instance.register(transport, spec("order-2"));
    assert.equal((await signal(transport, "order-2", "approve", "approve-1")).duplicate, false);
    assert.equal((await signal(transport, "order-2", "approve", "approve-1")).duplicate, true);
    await signal(transport, "order-2", "ship", "ship-1");

    const s = await inst.waitSignal("approve", { signal: AbortSignal.timeout(5_000) });
    assert.equal(s.seq, 1n);
    assert.equal(s.idempotencyKey, "approve-1");
    // The next one is "ship", not the retried "approve"; waitSignal leaves it in place.
    await assert.rejects(inst.waitSignal("approve"), (e: unknown) => e instanceof UnexpectedSignalError && e.got.name === "ship");
    const ship = await inst.nextSignal();
    assert.equal(ship.name, "ship");
    assert.equal(ship.seq, 2n);
    // Nothing else: the duplicate was never stored, so a wait runs into its deadline.
    await assert.rejects(inst.nextSignal({ signal: AbortSignal.timeout(1_500) }), (e: unknown) => (e as Error).name === "TimeoutError");
  }));

test("durable: a long poll wakes when a signal arrives", () =>
  withCore([], async (_core, transport) => {
    const inst = await Instance.register(transport, spec("order-3"));
    const sent = sleep(300).then(() => signal(transport, "order-3", "approve"));
    const start = Date.now();
    const s = await inst.waitSignal("approve", { signal: AbortSignal.timeout(10_000) });
    const took = Date.now() - start;
    assert.ok(took >= 250 && took < 3_000, `woke after ${took} ms; want soon after the signal (300 ms), not at the end of a ${POLL_WAIT_MS} ms poll`);
    assert.equal(s.seq, 1n);
    await sent;
  }));

test("durable: after kill -9 of core, resume returns the last checkpoint and the unconsumed signal only", () =>
  withCore([], async (core, transport) => {
    const inst = await Instance.register(transport, spec("order-4"));
    await inst.checkpoint(payload("one"));
    await signal(transport, "order-4", "approve", "approve-1");
    await inst.waitSignal("approve", { signal: AbortSignal.timeout(5_000) });
    await inst.checkpoint(payload("two, approved")); // records signal 1 as consumed
    await signal(transport, "order-4", "ship", "ship-1");

    await core.restart();

    // The program restarts too: a fresh Instance, as after a crash of the program.
    const resumed = await Instance.register(transport, spec("order-4"));
    assert.equal(resumed.resumed, true);
    assert.equal(resumed.incarnation, 2);
    assert.equal(resumed.lastCheckpoint?.seq, 2n);
    assert.equal(text(resumed.lastCheckpoint?.state), "two, approved");
    assert.equal(resumed.signalCursor, 1n);
    assert.equal(text(resumed.input), "input");
    const next = await resumed.nextSignal({ signal: AbortSignal.timeout(5_000) });
    assert.equal(next.name, "ship", "approve was consumed before the crash");
    assert.equal((await signal(transport, "order-4", "approve", "approve-1")).duplicate, true, "the key survives the crash");

    await resumed.complete(success("shipped"));
    await assert.rejects(resumed.nextSignal(), InstanceCompleteError);
    await assert.rejects(resumed.complete(success("again")), (e: unknown) => {
      assert.ok(e instanceof InstanceCompleteError);
      assert.equal(e.recorded?.outcome.case === "success" && text(e.recorded.outcome.value.result), "shipped");
      return true;
    });
    // A program started after the end learns there is nothing left to do.
    const late = await Instance.register(transport, spec("order-4"));
    assert.equal(late.outcome?.outcome.case, "success");
    const seen: string[] = [];
    for await (const s of late.signals()) seen.push(s.name);
    assert.deepEqual(seen, [], "signals() of a complete instance ends at once");
  }));

test("durable: a wait outlives a core restart", () =>
  withCore([], async (core, transport) => {
    const inst = await Instance.register(transport, spec("order-5"));
    const got = inst.waitSignal("approve", { signal: AbortSignal.timeout(20_000) });
    got.catch(() => {}); // awaited below; a rejection meanwhile is not "unhandled"
    await sleep(300); // the poll is waiting in core
    await core.kill();
    await sleep(1_000);
    await core.startAgain();
    await signal(transport, "order-5", "approve", "approve-1");
    assert.equal((await got).name, "approve");
  }));

test("durable: register reports core's refusal", () =>
  withCore([], async (_core, transport) => {
    await Instance.register(transport, spec("order-6"));
    await assert.rejects(Instance.register(transport, { ...spec("order-6"), idempotencyKey: "another-start" }), /durable: register instance/);
  }));
