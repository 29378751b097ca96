// RuntimeService, health and reflection over real loopback gRPC against an in-process server.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { create, createFileRegistry, fromBinary, type Message } from "@bufbuild/protobuf";
import { FileDescriptorSetSchema } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError } from "@connectrpc/connect";
import { commonv1, runtimev1 } from "@flow-proto/contract";
import { COMPONENT } from "./config.js";
import { HealthService, ServingStatus, type HealthCheckResponse } from "./health.js";
import { reflectionV1, reflectionV1alpha } from "./reflection.js";
import { startServer } from "./server.js";
import { Channel, connect, within } from "./testutil.js";

const code = (c: Code) => (e: unknown) => e instanceof ConnectError && e.code === c;

test("runtime: info, handshake, schema, validate, configure, health, reflection, shutdown", async () => {
  const dir = await mkdtemp(join(tmpdir(), "ts-consumer-rt-"));
  const server = await startServer({ listen: "127.0.0.1:0" });
  const conn = connect(server.address);
  try {
    const rt = conn.client(runtimev1.RuntimeService);
    // GetServiceInfo works before the handshake; the rest does not.
    const info = (await rt.getServiceInfo({})).info!;
    assert.equal(info.language, "typescript");
    assert.deepEqual(info.roles, [commonv1.Role.CONSUMER]);
    assert.ok(info.instanceId);
    await assert.rejects(rt.getSchema({}), code(Code.FailedPrecondition));

    // No common version: a Failure in the body, and still no agreement.
    const bad = await rt.handshake({ supportedVersions: [{ major: 2, minor: 0 }, { major: 1, minor: 9 }] });
    assert.equal(bad.negotiation.case, "failure");
    assert.equal(bad.negotiation.value?.type, "protocol.version_unsupported");
    assert.equal(bad.negotiation.case === "failure" && bad.negotiation.value.nonRetryable, true);
    assert.deepEqual(bad.serverSupportedVersions.map((v) => [v.major, v.minor]), [[1, 0]]);
    await assert.rejects(rt.getSchema({}), code(Code.FailedPrecondition));

    const ok = await rt.handshake({
      supportedVersions: [{ major: 0, minor: 9 }, { major: 1, minor: 0 }, { major: 2, minor: 0 }],
      clientCapabilities: [{ name: "flow.consumer.exactly_once.v1" }, { name: "flow.something.else.v1" }],
      coreVersion: "test",
    });
    assert.equal(ok.negotiation.case, "selectedVersion");
    assert.deepEqual(ok.negotiation.case === "selectedVersion" && [ok.negotiation.value.major, ok.negotiation.value.minor], [1, 0]);
    assert.deepEqual(server.runtime.negotiated, ["flow.consumer.exactly_once.v1"]);

    // Schema: the JSON Schema as a Struct and a FileDescriptorSet that builds.
    const schema = await rt.getSchema({});
    assert.equal(schema.components.length, 1);
    assert.equal(schema.components[0]!.name, COMPONENT);
    assert.equal(schema.components[0]!.role, commonv1.Role.CONSUMER);
    assert.deepEqual((schema.components[0]!.configSchema as { required: string[] }).required, ["path"]);
    const fds = fromBinary(FileDescriptorSetSchema, schema.fileDescriptorSet);
    const reg = createFileRegistry(fds);
    assert.ok(reg.getService("flow.consumer.v1.ConsumerService"));
    assert.ok(reg.getMessage("google.protobuf.Struct"));
    await assert.rejects(rt.getSchema({ components: ["nope"] }), code(Code.NotFound));

    // ValidateConfig: every problem, each at its attribute.
    const v = await rt.validateConfig({ component: COMPONENT, config: { path: "relative.jsonl", credit_records: 0, extra: true } });
    const at = (d: commonv1.Diagnostic) =>
      d.attribute?.steps.map((s) => (s.selector.case === "attributeName" ? s.selector.value : "?")).join(".");
    assert.deepEqual(v.diagnostics.map((d) => [d.reason, at(d)]).sort(), [
      ["INVALID_VALUE", "credit_records"],
      ["INVALID_VALUE", "path"],
      ["UNKNOWN_ATTRIBUTE", "extra"],
    ]);
    assert.ok(v.diagnostics.every((d) => d.severity === commonv1.Severity.ERROR));
    assert.equal((await rt.validateConfig({ component: COMPONENT, config: { path: join(dir, "o.jsonl") } })).diagnostics.length, 0);
    assert.equal((await rt.validateConfig({ component: "other", config: {} })).diagnostics[0]!.reason, "UNKNOWN_COMPONENT");

    // Configure: idempotent per generation, stale generations rejected, errors keep the old one.
    const cfg = { path: join(dir, "sub", "o.jsonl") };
    const c1 = await rt.configure({ component: COMPONENT, config: cfg, generation: 1n });
    assert.deepEqual([c1.appliedGeneration, c1.diagnostics.length], [1n, 0]);
    const c1again = await rt.configure({ component: COMPONENT, config: cfg, generation: 1n });
    assert.deepEqual([c1again.appliedGeneration, c1again.diagnostics.length], [1n, 0]);
    const c3bad = await rt.configure({ component: COMPONENT, config: { path: "x" }, generation: 3n });
    assert.equal(c3bad.appliedGeneration, 1n);
    assert.equal(c3bad.diagnostics[0]!.reason, "INVALID_VALUE");
    const c3again = await rt.configure({ component: COMPONENT, config: { path: "x" }, generation: 3n });
    assert.equal(c3again.appliedGeneration, 1n);
    const stale = await rt.configure({ component: COMPONENT, config: cfg, generation: 2n });
    assert.equal(stale.diagnostics[0]!.reason, "STALE_GENERATION");
    assert.equal(stale.appliedGeneration, 1n);
    const c4 = await rt.configure({ component: COMPONENT, config: cfg, generation: 4n });
    assert.deepEqual([c4.appliedGeneration, c4.diagnostics.length], [4n, 0]);
    // config_id counts generations separately.
    const other = await rt.configure({ component: COMPONENT, config: cfg, generation: 1n, configId: "node-2" });
    assert.equal(other.appliedGeneration, 1n);

    // Health: SERVING overall and per service; unknown names are NOT_FOUND.
    const health = conn.client(HealthService);
    const check = (service: string) =>
      (health as unknown as { check(r: { service: string }): Promise<HealthCheckResponse> }).check({ service });
    assert.equal((await check("")).status, ServingStatus.SERVING);
    assert.equal((await check("flow.consumer.v1.ConsumerService")).status, ServingStatus.SERVING);
    await assert.rejects(check("no.such.Service"), code(Code.NotFound));

    // Reflection (v1 and v1alpha): list services, then fetch the consumer's file by symbol.
    for (const svc of [reflectionV1, reflectionV1alpha]) {
      const refl = conn.client(svc) as unknown as {
        serverReflectionInfo(r: AsyncIterable<object>): AsyncIterable<Message & Record<string, any>>;
      };
      const reqs = new Channel<object>();
      reqs.push({ messageRequest: { case: "listServices", value: "" } });
      reqs.push({ messageRequest: { case: "fileContainingSymbol", value: "flow.consumer.v1.ConsumerService.Write" } });
      reqs.push({ messageRequest: { case: "fileByFilename", value: "no/such.proto" } });
      reqs.end();
      const got: (Message & Record<string, any>)[] = [];
      for await (const r of refl.serverReflectionInfo(reqs)) got.push(r);
      assert.equal(got.length, 3);
      const names = got[0]!.messageResponse.value.service.map((s: { name: string }) => s.name);
      assert.ok(names.includes("flow.consumer.v1.ConsumerService") && names.includes("grpc.health.v1.Health"), names);
      const protos: Uint8Array[] = got[1]!.messageResponse.value.fileDescriptorProto;
      const set = create(FileDescriptorSetSchema, {});
      const { FileDescriptorProtoSchema } = await import("@bufbuild/protobuf/wkt");
      // The requested file comes first, then what it imports; a registry wants imports first.
      set.file = protos.map((b) => fromBinary(FileDescriptorProtoSchema, b)).reverse();
      assert.equal(set.file[set.file.length - 1]!.name, "flow/consumer/v1/consumer.proto");
      assert.ok(createFileRegistry(set).getService("flow.consumer.v1.ConsumerService"));
      assert.equal(got[2]!.messageResponse.case, "errorResponse");
      assert.equal(got[2]!.messageResponse.value.errorCode, Code.NotFound);

      // Health and reflection are described by their real (generated) descriptors too.
      const more = new Channel<object>();
      more.push({ messageRequest: { case: "fileContainingSymbol", value: `${svc.typeName}.ServerReflectionInfo` } });
      more.push({ messageRequest: { case: "fileByFilename", value: "grpc/health/v1/health.proto" } });
      more.end();
      const own: (Message & Record<string, any>)[] = [];
      for await (const r of refl.serverReflectionInfo(more)) own.push(r);
      assert.equal(own.length, 2);
      for (const [r, want] of [
        [own[0]!, svc.typeName],
        [own[1]!, "grpc.health.v1.Health"],
      ] as const) {
        assert.equal(r.messageResponse.case, "fileDescriptorResponse");
        const fileSet = create(FileDescriptorSetSchema, {
          file: (r.messageResponse.value.fileDescriptorProto as Uint8Array[]).map((b) => fromBinary(FileDescriptorProtoSchema, b)),
        });
        assert.ok(createFileRegistry(fileSet).getService(want), want);
      }
    }

    // Shutdown: answered at once, NOT_SERVING, then the server closes.
    await rt.shutdown({ gracePeriod: { seconds: 1n }, reason: "test" });
    assert.equal(server.health.get(""), ServingStatus.NOT_SERVING);
    conn.close();
    await within(5000, server.closed, "server close after Shutdown");
  } finally {
    conn.close();
    await server.close(0);
    await rm(dir, { recursive: true, force: true });
  }
});
