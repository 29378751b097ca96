// discovery.ts against the real flow-core binary (coretest.ts) with 1 s leases, so "several
// TTLs" and "expired" take seconds: listed after register, renewed past its TTL, gone at once
// after close, registered again after the lease was lost or core was down longer than the TTL.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createClient, type Transport } from "@connectrpc/connect";
import { durationFromMs } from "@bufbuild/protobuf/wkt";
import { commonv1, discoveryv1 } from "@flow-proto/contract";
import { Core, SHORT_LEASE_FLAGS, eventually, transportTo } from "./coretest.js";
import { RENEW_FRACTION, Registration } from "./discovery.js";

const TTL_MS = 1_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function request(instanceId: string) {
  return {
    service: { name: "ts-discovery-test", instanceId, language: "typescript", roles: [commonv1.Role.CONSUMER] },
    endpoint: "127.0.0.1:7001",
    leaseTtl: durationFromMs(TTL_MS),
  };
}

async function listed(transport: Transport, instanceId: string): Promise<boolean> {
  const resp = await createClient(discoveryv1.DiscoveryService, transport).listServices({}, { timeoutMs: 5_000 });
  return resp.services.some((s) => s.service?.instanceId === instanceId);
}

/** Core with short leases, a transport to it, and cleanup in the right order. */
async function withCore(fn: (core: Core, transport: Transport, regs: Registration[]) => Promise<void>): Promise<void> {
  const core = await Core.start(SHORT_LEASE_FLAGS);
  const t = transportTo(core.address);
  const regs: Registration[] = [];
  try {
    await fn(core, t.transport, regs);
  } finally {
    await Promise.allSettled(regs.map((r) => r.close(1_000)));
    t.close();
    await core.stop();
  }
}

test("discovery: listed, renewed past several TTLs, gone right after close", () =>
  withCore(async (_core, transport, regs) => {
    const r = await Registration.register(transport, request("i-renewed"), { log: (l) => console.error(l) });
    regs.push(r);
    assert.equal(r.grantedTtlMs, TTL_MS);
    assert.ok(r.renewIntervalMs <= TTL_MS * RENEW_FRACTION, `renew interval ${r.renewIntervalMs} ms`);
    assert.ok(await listed(transport, "i-renewed"), "listed right after register");
    // Four TTLs: without renewals the lease would be gone after the first.
    for (let i = 1; i <= 8; i++) {
      await sleep(TTL_MS / 2);
      assert.ok(await listed(transport, "i-renewed"), `lost after ${(i * TTL_MS) / 2} ms`);
    }
    assert.ok(r.stats.renewals >= 8, `renewals ${r.stats.renewals}`);
    assert.equal(r.stats.expired, 0);
    await r.close();
    assert.equal(await listed(transport, "i-renewed"), false, "close must deregister at once, not wait for the TTL");
    await r.close(); // idempotent
  }));

test("discovery: a lease core lost is registered again", () =>
  withCore(async (_core, transport, regs) => {
    const r = await Registration.register(transport, request("i-lost"));
    regs.push(r);
    // Remove the lease behind the client's back: its next renewal is NOT_FOUND.
    const leaseId = (r as unknown as { leaseId: string }).leaseId;
    await createClient(discoveryv1.DiscoveryService, transport).deregisterService({ leaseId });
    assert.equal(await listed(transport, "i-lost"), false);
    await eventually(3_000, "registered again", () => listed(transport, "i-lost"));
    assert.ok(r.stats.expired >= 1);
  }));

test("discovery: survives core down (SIGKILL) for longer than the TTL", () =>
  withCore(async (core, transport, regs) => {
    const lines: string[] = [];
    const r = await Registration.register(transport, request("i-outage"), { log: (l) => lines.push(l) });
    regs.push(r);
    await core.kill();
    await sleep(3 * TTL_MS);
    await core.startAgain();
    await eventually(5_000, "registered again after the outage", async () => r.stats.expired >= 1 && (await listed(transport, "i-outage")));
    assert.ok(lines.some((l) => l.includes("retrying")), `renewals failed and were retried while core was down: ${lines.join("\n")}`);
    await sleep(2 * TTL_MS);
    assert.ok(await listed(transport, "i-outage"), "stays registered with the new lease");
  }));

test("discovery: register rejects what core refuses", () =>
  withCore(async (_core, transport) => {
    await assert.rejects(Registration.register(transport, request("bad id with spaces")), /discovery: register/);
    await assert.rejects(Registration.register(transport, { endpoint: "x:1" }), /service is required/);
  }));
