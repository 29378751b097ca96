// The cross-language config agreement corpus (tests/config-agreement/, see its README.md): the
// JSON Schema this service derives from its zod declarations and the verdicts its parser reaches
// must be exactly what the corpus says, as they must for Rust and Go.
//   jsonl_file.json: this consumer's real CONFIG_SCHEMA and parseConfig.
//   text_case.json:  the Go processor's shape, declared here with zod and parsed by the same code.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { JsonObject } from "@bufbuild/protobuf";
import { commonv1 } from "@flow-proto/contract";
import { z } from "zod";
import { CONFIG_SCHEMA, isError, jsonSchemaOf, parseConfig, parseWith } from "./config.js";

interface Case {
  name: string;
  config: JsonObject;
  diagnostics: [string, string][];
  parsed?: unknown;
}
interface Corpus {
  schema: unknown;
  cases: Case[];
}

/** tests/config-agreement, found by walking up from this (compiled) file. */
function corpusDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, "tests", "config-agreement");
    if (existsSync(join(candidate, "README.md"))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`tests/config-agreement not found above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

function load(name: string): Corpus {
  return JSON.parse(readFileSync(join(corpusDir(), name), "utf8")) as Corpus;
}

const KEPT = ["type", "additionalProperties", "enum", "minimum", "maximum", "minLength", "maxLength", "default"];

/** The README's normalization: only the kept keywords, `required` sorted, recursively into properties. */
function normalize(schema: unknown): unknown {
  const s = schema as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of KEPT) if (k in s) out[k] = s[k];
  if (Array.isArray(s["required"])) out["required"] = [...(s["required"] as string[])].sort();
  if (s["properties"] && typeof s["properties"] === "object") {
    out["properties"] = Object.fromEntries(
      Object.entries(s["properties"] as Record<string, unknown>).map(([k, v]) => [k, normalize(v)]),
    );
  }
  return out;
}

const snake = (k: string): string => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const snakeKeys = (v: object): Record<string, unknown> =>
  Object.fromEntries(Object.entries(v).map(([k, x]) => [snake(k), x]));

function verdict(diagnostics: commonv1.Diagnostic[]): [string, string][] {
  const at = (d: commonv1.Diagnostic): string =>
    (d.attribute?.steps ?? []).map((s) => (s.selector.case === "attributeName" ? s.selector.value : "?")).join(".");
  return diagnostics
    .filter(isError)
    .map((d): [string, string] => [at(d), d.reason])
    .sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0) : a[0] < b[0] ? -1 : 1));
}

function agree(
  corpus: Corpus,
  schema: unknown,
  parse: (raw: JsonObject) => { value?: object; diagnostics: commonv1.Diagnostic[] },
): void {
  assert.deepStrictEqual(normalize(schema), corpus.schema, "derived JSON Schema (normalized)");
  assert.ok(corpus.cases.length > 0);
  for (const c of corpus.cases) {
    const got = parse(c.config);
    assert.deepStrictEqual(verdict(got.diagnostics), c.diagnostics, `case "${c.name}": diagnostics`);
    if (c.diagnostics.length === 0) {
      assert.ok(got.value, `case "${c.name}": a value`);
      assert.deepStrictEqual(snakeKeys(got.value), c.parsed, `case "${c.name}": parsed`);
    } else {
      assert.equal(got.value, undefined, `case "${c.name}": no value when there are errors`);
    }
  }
}

test("config agreement: jsonl_file (this consumer's CONFIG_SCHEMA and parseConfig)", () => {
  const corpus = load("jsonl_file.json");
  assert.equal(CONFIG_SCHEMA["$schema"], "https://json-schema.org/draft/2020-12/schema");
  assert.equal(CONFIG_SCHEMA["title"], "JSON-lines file consumer");
  agree(corpus, CONFIG_SCHEMA, (raw) => {
    const r = parseConfig(raw);
    return { value: r.config, diagnostics: r.diagnostics };
  });
});

test("config agreement: text_case (the Go processor's shape, declared with zod)", () => {
  const textCase = z.strictObject({
    mode: z.enum(["uppercase", "passthrough"]).default("uppercase").describe("How records are transformed."),
  });
  agree(load("text_case.json"), jsonSchemaOf(textCase), (raw) => parseWith(textCase, raw));
});
