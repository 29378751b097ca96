// main.ts --core, run as a real child process against the real flow-core binary with 1 s
// leases: registered (role CONSUMER, its endpoint) once it prints "listening on", kept past
// several TTLs, deregistered on SIGTERM; after SIGKILL, gone when its lease runs out.
import { test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { createClient, type Transport } from "@connectrpc/connect";
import { commonv1, discoveryv1 } from "@flow-proto/contract";
import { Core, SHORT_LEASE_FLAGS, spawnListening, withCore, type Listening } from "./coretest.js";
import { coreBaseUrl, parseDurationMs } from "./core.js";
import { SERVICE_NAME } from "./runtime.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const MAIN = fileURLToPath(new URL("./main.js", import.meta.url));

function spawnConsumer(core: Core): Promise<Listening> {
  return spawnListening(process.execPath, [MAIN, "--listen", "127.0.0.1:0", "--core", `http://${core.address}`, "--core-lease-ttl", "1s"]);
}

async function registered(transport: Transport): Promise<discoveryv1.RegisteredService[]> {
  return (await createClient(discoveryv1.DiscoveryService, transport).listServices({ name: SERVICE_NAME }, { timeoutMs: 5_000 })).services;
}

test("main --core: registers as CONSUMER, stays past several TTLs, deregisters on SIGTERM", () =>
  withCore(SHORT_LEASE_FLAGS, async (core, transport) => {
    const consumer = await spawnConsumer(core);
    try {
      const regs = await registered(transport);
      assert.equal(regs.length, 1, "registered by the time it prints listening on");
      const r = regs[0]!;
      assert.equal(r.endpoint, consumer.address);
      assert.deepEqual(r.service?.roles, [commonv1.Role.CONSUMER]);
      assert.equal(r.service?.language, "typescript");
      assert.ok(r.service?.instanceId);
      await sleep(3_000); // three TTLs: only renewals keep it
      const later = await registered(transport);
      assert.deepEqual(later.map((s) => s.service?.instanceId), [r.service?.instanceId]);

      consumer.proc.kill("SIGTERM");
      assert.equal(await consumer.exited, 0, consumer.stderr());
      assert.deepEqual(await registered(transport), [], "still registered right after a clean exit");
    } finally {
      await consumer.kill();
    }
  }));

test("main --core: a consumer killed with SIGKILL leaves no lease beyond its TTL", () =>
  withCore(SHORT_LEASE_FLAGS, async (core, transport) => {
    const consumer = await spawnConsumer(core);
    assert.equal((await registered(transport)).length, 1);
    await consumer.kill();
    const killed = Date.now();
    while ((await registered(transport)).length !== 0) {
      // The lease may have been renewed just before the kill: gone one TTL later, plus slack.
      assert.ok(Date.now() - killed < 1_500, `still registered ${Date.now() - killed} ms after SIGKILL with a 1 s lease`);
      await sleep(50);
    }
  }));

test("main --core: a refused registration is a failed start", () =>
  withCore(SHORT_LEASE_FLAGS, async (core) => {
    await assert.rejects(
      spawnListening(process.execPath, [MAIN, "--core", core.address, "--advertise", "a".repeat(2049)]),
      /exited \(1\) before printing "listening on"/,
    );
  }));

test("main --core: flag parsing", () => {
  assert.equal(coreBaseUrl("127.0.0.1:7233"), "http://127.0.0.1:7233");
  assert.equal(coreBaseUrl("https://core.example:443"), "https://core.example");
  assert.equal(coreBaseUrl("http://[::1]:7233/"), "http://[::1]:7233");
  for (const bad of ["ftp://h:1", "http://h:1/path", "http://"]) assert.throws(() => coreBaseUrl(bad), /--core/, bad);
  assert.equal(parseDurationMs("--core-lease-ttl", "1500ms"), 1500);
  assert.equal(parseDurationMs("--core-lease-ttl", "2s"), 2000);
  assert.throws(() => parseDurationMs("--core-lease-ttl", "2"), /duration/);
});
