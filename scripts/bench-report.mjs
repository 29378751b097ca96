// Prints the codec benchmark table: MB/s per language and the ratios measured in one run.
// Usage: node scripts/bench-report.mjs <criterion dir> <go BENCH lines> <ts BENCH lines>
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

const [criterionDir, goFile, tsFile] = process.argv.slice(2);
const workloads = ["batch256", "corpus"];
const ops = ["binary_decode", "binary_encode", "json_decode", "json_encode"];

/** Criterion's mean time (ns) and bytes per iteration for one benchmark, or undefined. */
function criterion(group, name) {
  const dir = join(criterionDir, group, name, "new");
  if (!existsSync(join(dir, "estimates.json"))) return undefined;
  const ns = JSON.parse(readFileSync(join(dir, "estimates.json"), "utf8")).mean.point_estimate;
  const bytes = JSON.parse(readFileSync(join(dir, "benchmark.json"), "utf8")).throughput?.Bytes;
  return { ns, mbps: bytes ? (bytes / ns) * 1e3 : undefined };
}

/** BENCH <lang> <workload> <op> <MB/s> lines into a map. */
function benchLines(file) {
  const map = new Map();
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const [tag, , workload, op, mbps] = line.trim().split(/\s+/);
    if (tag === "BENCH") map.set(`${workload}/${op}`, Number(mbps));
  }
  return map;
}

const go = benchLines(goFile);
const ts = benchLines(tsFile);
const fmt = (n) => (n === undefined || Number.isNaN(n) ? "-" : n.toFixed(1));
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
