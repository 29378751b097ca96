// The compatibility fixture corpus (crates/flow-proto/fixtures, written by Rust) checked with
// @bufbuild/protobuf, so the TypeScript runtime is held to the same files as Rust and Go
// (see crates/flow-proto/tests/fixture_corpus.rs). JSON is compared by value, not bytes:
// key order and number formatting are not part of the contract across runtimes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  equals,
  fromBinary,
  fromJson,
  toBinary,
  toJson,
  type DescMessage,
  type JsonValue,
} from "@bufbuild/protobuf";
import { registry } from "./registry.js";

// Resolved from the compiled file (tests/ts/dist/), so the working directory does not matter.
const crate = fileURLToPath(new URL("../../../crates/flow-proto/", import.meta.url));
const corpusRoot = crate + "fixtures";
const forwardRoot = crate + "fixtures-forward";

const readJson = (path: string): JsonValue => JSON.parse(readFileSync(path, "utf8")) as JsonValue;
const dirs = (root: string) => readdirSync(root).sort();
// Case names: the stems of the files ending in `suffix`.
const caseNames = (dir: string, suffix: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith(suffix) && !(suffix === ".json" && f.endsWith(".newer.json")))
    .map((f) => f.slice(0, -suffix.length))
    .sort();

function schemaOf(name: string): DescMessage | undefined {
  return registry.getMessage(name);
}

test("every fixture directory names a registered message", () => {
  for (const root of [corpusRoot, forwardRoot]) {
    const names = dirs(root);
    assert.ok(names.length > 0, `${root} is empty`);
    const missing = names.filter((n) => !schemaOf(n));
    assert.deepEqual(missing, [], `not in the registry (${root})`);
  }
});

test("fixture corpus: binary <-> canonical JSON", async (t) => {
  let cases = 0;
  const notIdentical: string[] = [];
  for (const message of dirs(corpusRoot)) {
    const schema = schemaOf(message);
    const dir = `${corpusRoot}/${message}`;
    for (const name of caseNames(dir, ".binpb")) {
      cases++;
      await t.test(`${message}/${name}`, () => {
        assert.ok(schema, `${message} not in the registry`);
        const binary = new Uint8Array(readFileSync(`${dir}/${name}.binpb`));
        const expected = readJson(`${dir}/${name}.json`);
        const decoded = fromBinary(schema, binary);
        assert.deepEqual(toJson(schema, decoded, { registry }), expected, "canonical JSON differs");
        // Default options: unknown fields and enum names are errors (strict, like Rust).
        const parsed = fromJson(schema, expected, { registry });
        assert.ok(equals(schema, parsed, decoded), "JSON parses to a different message");
        // Byte identity is informational only (see the diagnostic below).
        if (!Buffer.from(toBinary(schema, decoded)).equals(binary)) notIdentical.push(`${message}/${name}`);
      });
    }
  }
  assert.ok(cases > 0, "no cases found");
  // Not asserted: prost omits default keys/values inside map entries ("" key, empty bytes,
  // 0), protobuf-es always writes both. Both encodings are valid and decode to equal
  // messages (checked above), so only the count is reported.
  t.diagnostic(`${cases - notIdentical.length}/${cases} cases re-encode byte-identically`);
  for (const c of notIdentical) t.diagnostic(`re-encoded bytes differ: ${c}`);
});

test("forward corpus: newer writers are read", async (t) => {
  let checks = 0;
  for (const message of dirs(forwardRoot)) {
    const schema = schemaOf(message);
    const dir = `${forwardRoot}/${message}`;
    for (const name of caseNames(dir, ".json")) {
      await t.test(`${message}/${name}`, () => {
        assert.ok(schema, `${message} not in the registry`);
        const expected = readJson(`${dir}/${name}.json`);
        const binpb = `${dir}/${name}.binpb`;
        if (existsSync(binpb)) {
          // Unknown fields/oneof cases are kept as unknown fields; unknown enum numbers kept as is.
          const msg = fromBinary(schema, new Uint8Array(readFileSync(binpb)));
          assert.deepEqual(toJson(schema, msg, { registry }), expected, "binary");
          checks++;
        }
        const newerPath = `${dir}/${name}.newer.json`;
        if (existsSync(newerPath)) {
          const newer = readJson(newerPath);
          const msg = fromJson(schema, newer, { registry, ignoreUnknownFields: true });
          assert.deepEqual(toJson(schema, msg, { registry }), expected, "newer JSON");
          // Strict parsing must refuse what it does not know.
          // (protobuf-es says "key ... is unknown" or "cannot decode enum ...": both "cannot decode".)
          assert.throws(() => fromJson(schema, newer, { registry }), /cannot decode/);
          checks++;
        }
      });
    }
  }
  // Same floor as the Rust test: the corpus must not silently shrink.
  assert.ok(checks >= 8, `only ${checks} forward checks ran`);
});
