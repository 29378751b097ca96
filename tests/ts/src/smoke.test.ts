// Smoke tests: the generated package (@flow-proto/contract) works with @bufbuild/protobuf v2
// (binary/JSON round trips, oneofs, Any) and with @connectrpc/connect v2 over real gRPC.
// Run: tsc -p gen/ts/tsconfig.json && tsc -p tests/ts/tsconfig.json && node --test tests/ts/dist/
import { test } from "node:test";
import assert from "node:assert/strict";
import * as http2 from "node:http2";
import type { AddressInfo } from "node:net";
import {
  create,
  createRegistry,
  equals,
  fromBinary,
  fromJson,
  toBinary,
  toJson,
  type DescFile,
} from "@bufbuild/protobuf";
import { anyPack, anyUnpack, durationFromMs, timestampFromDate } from "@bufbuild/protobuf/wkt";
import { createClient } from "@connectrpc/connect";
import {
  Http2SessionManager,
  connectNodeAdapter,
  createGrpcTransport,
} from "@connectrpc/connect-node";
import * as contract from "@flow-proto/contract";
import { commonv1, executionv1, framev1, runtimev1 } from "@flow-proto/contract";

// Every generated file descriptor, found through the package namespaces (each *_pb.ts
// exports `file_<path>`), so the registry tracks new proto files without edits here.
const files: DescFile[] = Object.values(contract).flatMap((ns) =>
  Object.values(ns as Record<string, unknown>).filter(
    (v): v is DescFile => typeof v === "object" && v !== null && (v as DescFile).kind === "file",
  ),
);
const registry = createRegistry(...files);

const enc = new TextEncoder();

// toJson only infers the generated *Json type when the options object shares a key with
// {alwaysEmitImplicit, enumAsInteger, useProtoFieldName}; `{ registry }` alone is a "weak
// type" mismatch and yields JsonValue, hence the `as` casts below (json_types=true types).

function sampleTask(): executionv1.Task {
  return create(executionv1.TaskSchema, {
    taskId: "task-1",
    executionId: "exec-1",
    handler: "send-email",
    attempt: 3,
    deadline: timestampFromDate(new Date("2030-01-02T03:04:05.678Z")),
    heartbeatTimeout: durationFromMs(1500),
    input: create(commonv1.PayloadSchema, {
      metadata: { encoding: enc.encode("json/plain") },
      data: enc.encode('{"to":"a@b.c"}'),
    }),
    headers: { tenant: "t1" },
    retryPolicy: create(commonv1.RetryPolicySchema, {
      initialInterval: durationFromMs(1000),
      backoffCoefficient: 2,
      maximumAttempts: 5,
      nonRetryableFailureTypes: ["InvalidArgument"],
    }),
  });
}

test("registry holds every generated file", () => {
  // One namespace per proto package; each contributes at least one file.
  assert.ok(files.length >= Object.keys(contract).length, `only ${files.length} files`);
  for (const name of ["flow.execution.v1.Task", "flow.common.v1.Payload", "flow.frame.v1.Frame"]) {
    assert.ok(registry.getMessage(name), `registry lacks ${name}`);
  }
  assert.ok(registry.getService("flow.runtime.v1.RuntimeService"));
});

test("Task binary round trip", () => {
  const task = sampleTask();
  const bytes = toBinary(executionv1.TaskSchema, task);
  assert.ok(bytes.length > 0);
  const back = fromBinary(executionv1.TaskSchema, bytes);
  assert.ok(equals(executionv1.TaskSchema, task, back));
  assert.equal(back.attempt, 3);
  assert.equal(back.deadline?.nanos, 678_000_000);
  assert.equal(back.heartbeatTimeout?.seconds, 1n);
  assert.deepEqual(back.input?.metadata["encoding"], enc.encode("json/plain"));
  assert.equal(back.retryPolicy?.maximumAttempts, 5);
  // equals must actually discriminate.
  back.attempt = 4;
  assert.ok(!equals(executionv1.TaskSchema, task, back));
});

test("canonical JSON: Task, RecordBatch, enum by name", () => {
  const task = sampleTask();
  const json = toJson(executionv1.TaskSchema, task, { registry }) as executionv1.TaskJson;
  assert.equal(json.attempt, 3); // uint32 -> JSON number
  assert.equal(json.deadline, "2030-01-02T03:04:05.678Z"); // Timestamp -> RFC 3339, "Z"
  assert.equal(json.heartbeatTimeout, "1.500s"); // Duration -> "<seconds>s"
  assert.equal(json.input?.data, Buffer.from('{"to":"a@b.c"}').toString("base64")); // bytes -> base64
  assert.equal(json.input?.metadata?.["encoding"], Buffer.from("json/plain").toString("base64"));
  const back = fromJson(executionv1.TaskSchema, json, { registry });
  assert.ok(equals(executionv1.TaskSchema, task, back));

  // uint64 -> JSON string (precision-safe beyond 2^53).
  const batch = create(commonv1.RecordBatchSchema, { batchId: 9007199254740993n, stream: "s" });
  const batchJson = toJson(commonv1.RecordBatchSchema, batch, { registry }) as commonv1.RecordBatchJson;
  assert.equal(batchJson.batchId, "9007199254740993");
  assert.equal(fromJson(commonv1.RecordBatchSchema, batchJson).batchId, 9007199254740993n);

  // Enums serialize by their full proto value name.
  const cancelled = create(commonv1.Outcome_CancelledSchema, { mode: commonv1.CancellationMode.FORCE });
  assert.equal(toJson(commonv1.Outcome_CancelledSchema, cancelled).mode, "CANCELLATION_MODE_FORCE");
});

test("Outcome oneof round trip", () => {
  const outcome = create(commonv1.OutcomeSchema, {
    outcome: {
      case: "retryAfter",
      value: {
        delay: durationFromMs(2500),
        cause: { message: "rate limited", type: "RateLimit" },
      },
    },
  });
  const back = fromBinary(commonv1.OutcomeSchema, toBinary(commonv1.OutcomeSchema, outcome));
  assert.ok(equals(commonv1.OutcomeSchema, outcome, back));
  assert.equal(back.outcome.case, "retryAfter");
  if (back.outcome.case === "retryAfter") {
    assert.equal(back.outcome.value.cause?.type, "RateLimit");
  }
  const json = toJson(commonv1.OutcomeSchema, outcome, { registry }) as commonv1.OutcomeJson;
  assert.deepEqual(Object.keys(json), ["retryAfter"]); // only the set case appears
  assert.ok(equals(commonv1.OutcomeSchema, outcome, fromJson(commonv1.OutcomeSchema, json)));
});

test("Frame carrying Any(Payload) to JSON and back", () => {
  const payload = create(commonv1.PayloadSchema, { data: new Uint8Array([1, 2, 3]) });
  const frame = create(framev1.FrameSchema, {
    streamId: "st-1",
    seq: 7n,
    body: { case: "message", value: anyPack(commonv1.PayloadSchema, payload) },
  });
  const json = toJson(framev1.FrameSchema, frame, { registry }) as framev1.FrameJson;
  assert.equal(json.seq, "7");
  const message = json.message as { [k: string]: unknown };
  assert.equal(message["@type"], "type.googleapis.com/flow.common.v1.Payload");
  assert.equal(message["data"], "AQID");
  const back = fromJson(framev1.FrameSchema, json, { registry });
  assert.ok(equals(framev1.FrameSchema, frame, back));
  assert.equal(back.body.case, "message");
  if (back.body.case === "message") {
    const unpacked = anyUnpack(back.body.value, commonv1.PayloadSchema);
    assert.deepEqual(unpacked?.data, new Uint8Array([1, 2, 3]));
  }
  // Without the registry the Any cannot be rendered: this is why the registry matters.
  assert.throws(() => toJson(framev1.FrameSchema, frame));
});

test("connect client exposes RuntimeService methods", () => {
  // Creating a client makes no network call; baseUrl points at a closed port.
  const client = createClient(
    runtimev1.RuntimeService,
    createGrpcTransport({ baseUrl: "http://127.0.0.1:1" }),
  );
  for (const m of ["getServiceInfo", "handshake", "getSchema", "validateConfig", "configure", "shutdown"]) {
    assert.equal(typeof (client as unknown as Record<string, unknown>)[m], "function", m);
  }
});

test("gRPC over loopback: connect-node server and client", async () => {
  const server = http2.createServer(
    connectNodeAdapter({
      routes: (router) =>
        router.service(runtimev1.RuntimeService, {
          getServiceInfo: () =>
            create(runtimev1.GetServiceInfoResponseSchema, {
              info: {
                name: "smoke",
                version: "1.2.3",
                language: "typescript",
                roles: [commonv1.Role.PROCESSOR],
                startTime: timestampFromDate(new Date("2030-01-01T00:00:00Z")),
              },
            }),
        }),
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  // Own the HTTP/2 session so it can be closed; otherwise it keeps node --test alive.
  const sessionManager = new Http2SessionManager(baseUrl);
  try {
    const client = createClient(
      runtimev1.RuntimeService,
      createGrpcTransport({ baseUrl, sessionManager }),
    );
    const res = await client.getServiceInfo({});
    assert.equal(res.info?.name, "smoke");
    assert.equal(res.info?.version, "1.2.3");
    assert.deepEqual(res.info?.roles, [commonv1.Role.PROCESSOR]);
    assert.equal(res.info?.startTime?.seconds, BigInt(Date.UTC(2030, 0, 1) / 1000));
    // An unimplemented method must surface as a ConnectError (code unimplemented = 12).
    await assert.rejects(client.handshake({}), (err: unknown) => (err as { code?: number }).code === 12);
  } finally {
    sessionManager.abort();
    await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
  }
});
