// Codec benchmark for @bufbuild/protobuf over the workloads shared with Rust
// (crates/flow-proto/benches/codec.rs) and Go: the whole fixture corpus, and "batch256", a
// RecordBatch of 256 records of 1 KiB. Prints `BENCH ts <workload> <op> <MB/s>` (1 MB = 1e6
// bytes). Not a test (node --test only runs *.test.js): run `node tests/ts/dist/bench.js`.
//
// JSON ops start/end at UTF-8 bytes (TextDecoder/TextEncoder included), because Rust and Go
// read and write bytes; binary ops start/end at Uint8Array.
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  create,
  fromBinary,
  fromJsonString,
  toBinary,
  toJsonString,
  type DescMessage,
  type Message,
} from "@bufbuild/protobuf";
import { commonv1 } from "@flow-proto/contract";
import { registry } from "./registry.js";

const utf8In = new TextDecoder("utf-8", { fatal: true });
const utf8Out = new TextEncoder();

interface Case {
  schema: DescMessage;
  binary: Uint8Array;
  json: Uint8Array;
  message: Message; // pre-decoded, for the encode ops
}

// Workload 1: every case of the fixture corpus, each processed once per iteration.
function corpus(): Case[] {
  const root = fileURLToPath(new URL("../../../crates/flow-proto/fixtures/", import.meta.url));
  const cases: Case[] = [];
  for (const name of readdirSync(root).sort()) {
    const schema = registry.getMessage(name);
    if (!schema) throw new Error(`${name} is not in the registry`);
    for (const file of readdirSync(root + name).filter((f) => f.endsWith(".binpb")).sort()) {
      const binary = new Uint8Array(readFileSync(`${root}${name}/${file}`));
      const json = new Uint8Array(readFileSync(`${root}${name}/${file.slice(0, -6)}.json`));
      cases.push({ schema, binary, json, message: fromBinary(schema, binary) });
    }
  }
  return cases;
}

// Workload 2: exactly as in the shared spec (and batch256() in codec.rs).
function batch256(): commonv1.RecordBatch {
  const enc = (s: string) => utf8Out.encode(s);
  return create(commonv1.RecordBatchSchema, {
    batchId: 1n,
    stream: "orders",
    records: Array.from({ length: 256 }, (_, i) => {
      const position = new Uint8Array(8);
      new DataView(position.buffer).setBigUint64(0, BigInt(i)); // big-endian
      return create(commonv1.RecordSchema, {
        key: enc(`key-${String(i).padStart(12, "0")}`),
        value: {
          metadata: { encoding: enc("binary/plain"), message_type: enc("flow.bench.v1.Blob") },
          data: Uint8Array.from({ length: 1024 }, (_, j) => (i * 31 + j) % 251),
        },
        attributes: { source: "bench", partition: String(i % 8) },
        eventTime: { seconds: BigInt(1_700_000_000 + i), nanos: 123_456_789 },
        position,
      });
    }),
  });
}

// Keeps results observable so V8 cannot drop the work.
let sink = 0;

// Warm up (JIT), then repeat `run` until at least `minNs` have passed; returns MB/s.
function measure(bytesPerRun: number, run: () => number): number {
  const warmEnd = process.hrtime.bigint() + 300_000_000n;
  while (process.hrtime.bigint() < warmEnd) sink ^= run();
  const minNs = 1_000_000_000n;
  const start = process.hrtime.bigint();
  let runs = 0;
  let elapsed = 0n;
  do {
    sink ^= run();
    runs++;
    elapsed = process.hrtime.bigint() - start;
  } while (elapsed < minNs);
  return (bytesPerRun * runs) / 1e6 / (Number(elapsed) / 1e9);
}

function report(workload: string, op: string, mbps: number): void {
  console.log(`BENCH ts ${workload} ${op} ${mbps.toFixed(1)}`);
}

// The four ops over a list of cases (batch256 is a one-case list).
function benchWorkload(workload: string, cases: Case[]): void {
  const binBytes = cases.reduce((n, c) => n + c.binary.length, 0);
  const jsonBytes = cases.reduce((n, c) => n + c.json.length, 0);
  const opts = { registry };
  report(workload, "binary_decode", measure(binBytes, () => {
    let n = 0;
    for (const c of cases) n += fromBinary(c.schema, c.binary) === undefined ? 0 : 1;
    return n;
  }));
  report(workload, "binary_encode", measure(binBytes, () => {
    let n = 0;
    for (const c of cases) n += toBinary(c.schema, c.message).length;
    return n;
  }));
  report(workload, "json_decode", measure(jsonBytes, () => {
    let n = 0;
    for (const c of cases) n += fromJsonString(c.schema, utf8In.decode(c.json), opts) === undefined ? 0 : 1;
    return n;
  }));
  report(workload, "json_encode", measure(jsonBytes, () => {
    let n = 0;
    for (const c of cases) n += utf8Out.encode(toJsonString(c.schema, c.message, opts)).length;
    return n;
  }));
}

const batch = batch256();
const batchCase: Case = {
  schema: commonv1.RecordBatchSchema,
  binary: toBinary(commonv1.RecordBatchSchema, batch),
  json: utf8Out.encode(toJsonString(commonv1.RecordBatchSchema, batch, { registry })),
  message: batch,
};
// Must match Rust's (the reference) and Go's.
console.log(`batch256: ${batchCase.binary.length} bytes binary, ${batchCase.json.length} bytes JSON`);

benchWorkload("corpus", corpus());
benchWorkload("batch256", [batchCase]);
if (sink === 0.5) console.log(sink); // never true; reads `sink` so it stays live
