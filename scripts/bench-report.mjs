// Prints the codec benchmark table: MB/s per language and the ratios measured in one run.
// Usage: node scripts/bench-report.mjs <criterion dir> <go BENCH lines> <ts BENCH lines>
// The Go file may also hold the "batch256: ..." and "corpus: ..." size lines Go prints, to check
// that Go measured the same bytes as Rust. Anything missing shows as "-".
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

const [criterionDir, goFile, tsFile] = process.argv.slice(2);
const workloads = ["batch256", "corpus"];
const ops = ["binary_decode", "binary_encode", "json_decode", "json_encode"];

/** Criterion's mean time (ns) and bytes per iteration for one benchmark, or undefined. */
function criterion(group, name) {
  const dir = join(criterionDir, group, name, "new");
  try {
    const ns = JSON.parse(readFileSync(join(dir, "estimates.json"), "utf8")).mean.point_estimate;
    const bytes = JSON.parse(readFileSync(join(dir, "benchmark.json"), "utf8")).throughput?.Bytes;
    return { ns, bytes, mbps: bytes ? (bytes / ns) * 1e3 : undefined };
  } catch {
    return undefined;
  }
}

/** A file's lines, or none when it is missing. */
function readLines(file) {
  return file && existsSync(file) ? readFileSync(file, "utf8").split("\n") : [];
}

/** BENCH <lang> <workload> <op> <MB/s> lines into a map. */
function benchLines(file) {
  const map = new Map();
  for (const line of readLines(file)) {
    const [tag, , workload, op, mbps] = line.trim().split(/\s+/);
    if (tag === "BENCH") map.set(`${workload}/${op}`, Number(mbps));
  }
  return map;
}

/** The size lines a bench prints ("batch256: N bytes binary, M bytes JSON"), by workload. */
function sizeLines(file) {
  const sizes = new Map();
  for (const line of readLines(file)) {
    const m = /^(\w+): (?:\d+ cases, )?(\d+) bytes binary, (\d+) bytes JSON/.exec(line.trim());
    if (m) sizes.set(m[1], { binary: Number(m[2]), json: Number(m[3]) });
  }
  return sizes;
}

const go = benchLines(goFile);
const ts = benchLines(tsFile);
const fmt = (n) => (n === undefined || !Number.isFinite(n) ? "-" : n.toFixed(1));
const ratio = (a, b) => (a && b ? `${(a / b).toFixed(2)}x` : "-");

const rows = [["workload/op", "Rust MB/s", "Go MB/s", "TS MB/s", "Rust/Go", "Rust/TS"]];
for (const w of workloads) {
  for (const op of ops) {
    const rust = criterion(w, op)?.mbps;
    const key = `${w}/${op}`;
    rows.push([key, fmt(rust), fmt(go.get(key)), fmt(ts.get(key)), ratio(rust, go.get(key)), ratio(rust, ts.get(key))]);
  }
}
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
console.log("\nCodec throughput (same workloads in each language; MB = 1e6 bytes)");
for (const r of rows) console.log(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  "));

// Rust against baselines run in the same process (shared/design/performance.md's goals).
const t = (name) => criterion("batch256", name)?.ns;
console.log("\nRust, batch256, against in-process baselines");
const lines = [
  ["binary decode speed-up over prost default codegen (goal >= 3x)", t("binary_decode_default_codegen") / t("binary_decode")],
  ["binary encode speed vs prost default codegen (goal >= 1x)", t("binary_encode_default_codegen") / t("binary_encode")],
  ["JSON encode time / binary encode time (goal <= 5x)", t("json_encode") / t("binary_encode")],
  ["JSON decode time / binary decode time (goal <= 3x)", t("json_decode") / t("binary_decode")],
  ["binary decode time / memcpy time", t("binary_decode") / t("memcpy")],
];
for (const [label, value] of lines) console.log(`  ${label.padEnd(66)} ${fmt(value)}x`);

// JSON (and the other serde formats) against binary and against Go's protojson, from this run.
// Rust/Go compares MB/s, so it is a time ratio only when both processed the same bytes: the
// sizes Go prints are checked against the bytes criterion measured over.
const goSizes = sizeLines(goFile);
const r = (w, op) => criterion(w, op);
const div = (a, b) => (a !== undefined && b !== undefined && b > 0 ? a / b : undefined);
const rows2 = [["", "batch256", "corpus", "goal", ""]];
const notes = [];
/** One row: the value per workload, and MISS when a workload misses the goal. */
function row(label, value, goal) {
  const values = workloads.map(value);
  const known = values.filter((v) => v !== undefined && Number.isFinite(v));
  const status = !goal ? "" : known.some((v) => !goal.ok(v)) ? "MISS" : known.length < values.length ? "-" : "ok";
  rows2.push([label, ...values.map((v) => (fmt2(v) === "-" ? "-" : `${fmt2(v)}x`)), goal ? goal.text : "", status]);
}
const fmt2 = (n) => (n === undefined || !Number.isFinite(n) ? "-" : n.toFixed(2));
const atMost = (x) => ({ text: `<= ${x}x`, ok: (v) => v <= x });
const atLeast = (x) => ({ text: `>= ${x}x`, ok: (v) => v >= x });

row("JSON encode time / binary encode time", (w) => div(r(w, "json_encode")?.ns, r(w, "binary_encode")?.ns), atMost(5));
row("JSON decode time / binary decode time", (w) => div(r(w, "json_decode")?.ns, r(w, "binary_decode")?.ns), atMost(3));
for (const op of ["json_encode", "json_decode"]) {
  const verb = op.endsWith("encode") ? "encode" : "decode";
  row(`Rust JSON ${verb} vs Go protojson (MB/s)`, (w) => div(r(w, op)?.mbps, go.get(`${w}/${op}`)), atLeast(5));
}
for (const w of workloads) {
  const rustBytes = { binary: r(w, "binary_encode")?.bytes, json: r(w, "json_encode")?.bytes };
  const goBytes = goSizes.get(w);
  if (!goBytes) notes.push(`${w}: Go printed no sizes, so its bytes are not checked against Rust's`);
  else
    for (const kind of ["binary", "json"])
      if (rustBytes[kind] !== undefined && goBytes[kind] !== rustBytes[kind])
        notes.push(`${w}: Go's ${kind} workload is ${goBytes[kind]} bytes, Rust's ${rustBytes[kind]}: Rust/Go MB/s is not a time ratio`);
}
row("MessagePack size / binary size", (w) => div(r(w, "msgpack_encode")?.bytes, r(w, "binary_encode")?.bytes));
row("MessagePack size / JSON size", (w) => div(r(w, "msgpack_encode")?.bytes, r(w, "json_encode")?.bytes));
row("MessagePack encode time / binary encode time", (w) => div(r(w, "msgpack_encode")?.ns, r(w, "binary_encode")?.ns));
// The corpus's MessagePack decode runs over the cases whose MessagePack reads back; binary
// decode over the same cases is measured beside it.
const msgpackDecodeBase = (w) => (w === "corpus" ? r(w, "binary_decode_msgpack_cases") : r(w, "binary_decode"));
row("MessagePack decode time / binary decode time", (w) => div(r(w, "msgpack_decode")?.ns, msgpackDecodeBase(w)?.ns));
{
  const all = r("corpus", "binary_decode")?.bytes;
  const readable = r("corpus", "binary_decode_msgpack_cases")?.bytes;
  if (all !== undefined && readable !== undefined && readable !== all)
    notes.push(`corpus: MessagePack decode covers only the cases that read back (${readable} of ${all} binary bytes; the bench log lists the others)`);
}

const widths2 = rows2[0].map((_, i) => Math.max(...rows2.map((x) => x[i].length)));
console.log("\nJSON and other serde formats (ratios from this run; Rust/Go > 1 means Rust is faster)");
for (const x of rows2) console.log("  " + x.map((c, i) => (i === 0 || i === x.length - 1 ? c.padEnd(widths2[i]) : c.padStart(widths2[i]))).join("  ").trimEnd());
for (const n of notes) console.log(`  note: ${n}`);
