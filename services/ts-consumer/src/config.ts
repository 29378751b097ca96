// The configuration of the one component this service provides, declared once with zod: its JSON
// Schema (returned by GetSchema) is derived from the declaration, and its validation
// (ValidateConfig, Configure and WriteStart all use it) reports every problem as a Diagnostic
// pointing at its attribute, with the SDK's reasons (see tests/config-agreement/README.md).
import { create, type JsonObject, type JsonValue } from "@bufbuild/protobuf";
import { commonv1 } from "@flow-proto/contract";
import { isAbsolute } from "node:path";
import { z } from "zod";

/** The component's name, as used in ValidateConfig, Configure and WriteStart. */
export const COMPONENT = "jsonl_file";

/** Validated configuration of a `jsonl_file` consumer. */
export interface FileConsumerConfig {
  /** Absolute path of the append-only JSON-lines output; the checkpoint file sits next to it. */
  path: string;
  /** Records core may have in flight (sent but not yet written) at once. */
  creditRecords: number;
  /** Bytes (serialized Records) core may have in flight at once. */
  creditBytes: number;
  /** A record larger than this (serialized) is rejected with a per-record error. */
  maxRecordBytes: number;
}

/** The Diagnostic reasons of a configuration problem (the SDK's, as in flow_sdk::config). */
export type ConfigReason = "UNKNOWN_ATTRIBUTE" | "INVALID_TYPE" | "INVALID_VALUE" | "REQUIRED_FIELD_MISSING";

// An integer limit from 1 to `max`. z.int() alone would also bound it to the safe integers, which
// max() narrows, so the JSON Schema carries exactly minimum 1 and maximum `max`.
const limit = (max: number, dflt: number, description: string) =>
  z.int().min(1).max(max).default(dflt).describe(description);

/** An absolute path naming a file: not a directory ("/" at the end) and no NUL. */
const absoluteFilePath = (p: string): boolean => isAbsolute(p) && !p.endsWith("/") && !p.includes("\0");

/** The declaration of the `jsonl_file` configuration (attribute names as on the wire). */
export const configSchema = z
  .strictObject({
    path: z
      .string()
      .min(2)
      .refine(absoluteFilePath, { message: "must be an absolute file path (not ending in /)" })
      .describe(
        "Absolute path of the append-only JSON-lines output file. The checkpoint file is written next to it as <path>.checkpoint.json.",
      ),
    credit_records: limit(1_000_000, 256, "How many records core may have in flight at once."),
    credit_bytes: limit(1 << 30, 4 << 20, "How many bytes (serialized records) core may have in flight at once."),
    max_record_bytes: limit(64 << 20, 1 << 20, "Records larger than this are rejected one by one (per-record errors)."),
  })
  .meta({ title: "JSON-lines file consumer" });

/**
 * A declaration's JSON Schema as GetSchema returns it: draft 2020-12, the input side (attributes
 * with a default are not required), `additionalProperties: false` for a strict object.
 */
export function jsonSchemaOf(schema: z.ZodType): JsonObject {
  return z.toJSONSchema(schema, { target: "draft-2020-12", io: "input" }) as JsonObject;
}

/** The configuration's JSON Schema (draft 2020-12), as GetSchema returns it. */
export const CONFIG_SCHEMA: JsonObject = jsonSchemaOf(configSchema);

/** A diagnostic of severity ERROR, pointing at a top-level attribute when `attribute` is given. */
export function errorDiagnostic(reason: string, summary: string, detail = "", attribute?: string): commonv1.Diagnostic {
  return create(commonv1.DiagnosticSchema, {
    severity: commonv1.Severity.ERROR,
    summary,
    detail,
    reason,
    ...(attribute !== undefined
      ? { attribute: { steps: [{ selector: { case: "attributeName", value: attribute } }] } }
      : {}),
  });
}

/** True when a diagnostic makes the configuration invalid (UNSPECIFIED counts as ERROR). */
export function isError(d: commonv1.Diagnostic): boolean {
  return d.severity === commonv1.Severity.ERROR || d.severity === commonv1.Severity.UNSPECIFIED;
}

/** The JSON type of a value, in zod's words for the expected types ("int" counts as "number"). */
function jsonType(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  return typeof v;
}

const baseType = (expected: string): string => (expected === "int" ? "number" : expected);

/**
 * Maps zod issues to ERROR diagnostics at the top-level attribute they concern, one per attribute
 * (the first issue wins: a value can fail several checks), plus one per unrecognized key.
 * `raw` is the configuration that was parsed; it tells an absent attribute from a wrong one.
 */
export function diagnosticsOf(issues: readonly z.core.$ZodIssue[], raw: JsonObject, known: string[] = []): commonv1.Diagnostic[] {
  const diags: commonv1.Diagnostic[] = [];
  const seen = new Set<string>();
  const add = (attribute: string | undefined, reason: ConfigReason, summary: string, detail: string): void => {
    const key = attribute ?? "";
    if (seen.has(key)) return;
    seen.add(key);
    diags.push(errorDiagnostic(reason, summary, detail, attribute));
  };
  for (const issue of issues) {
    const head = issue.path[0];
    const attribute = head === undefined ? undefined : String(head);
    if (issue.code === "unrecognized_keys") {
      for (const k of issue.keys) {
        const at = attribute ?? k;
        add(at, "UNKNOWN_ATTRIBUTE", `unknown attribute "${k}"`, known.length ? `known: ${known.join(", ")}` : "");
      }
      continue;
    }
    const present = attribute !== undefined && Object.hasOwn(raw, attribute);
    const value: JsonValue | undefined = present ? raw[attribute] : undefined;
    const name = attribute ?? "configuration";
    const got = present ? `got ${JSON.stringify(value)}` : "";
    let reason: ConfigReason;
    switch (issue.code) {
      case "invalid_type":
        // Absent: required. The right JSON type but not the expected kind (a fraction where an
        // integer belongs): a value problem. Anything else, null included: a type problem.
        if (attribute !== undefined && !present) reason = "REQUIRED_FIELD_MISSING";
        else reason = jsonType(value) === baseType(issue.expected) ? "INVALID_VALUE" : "INVALID_TYPE";
        break;
      case "invalid_value":
        // An enum or literal: a value of an allowed JSON type that is not allowed is a value
        // problem; a value of another JSON type is a type problem.
        reason = issue.values.some((v) => jsonType(v) === jsonType(value)) ? "INVALID_VALUE" : "INVALID_TYPE";
        break;
      case "invalid_union":
        reason = "INVALID_TYPE";
        break;
      default:
        // too_big, too_small, not_multiple_of, invalid_format, custom (refinements), ...
        reason = "INVALID_VALUE";
    }
    const summary = reason === "REQUIRED_FIELD_MISSING" ? `${name} is required` : `${name}: ${issue.message}`;
    add(attribute, reason, summary, got);
  }
  return diags;
}

/** The result of parsing with a declaration: the typed value only when there is no error. */
export type Parsed<T> = { value?: T; diagnostics: commonv1.Diagnostic[] };

/** Validates `raw` against a declaration (a zod object) and reports every issue as a Diagnostic. */
export function parseWith<S extends z.ZodType>(schema: S, raw: JsonObject | undefined): Parsed<z.output<S>> {
  const cfg = raw ?? {};
  const r = schema.safeParse(cfg);
  if (r.success) return { value: r.data, diagnostics: [] };
  const known = schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
  return { diagnostics: diagnosticsOf(r.error.issues, cfg, known) };
}

export type ParseResult = { config?: FileConsumerConfig; diagnostics: commonv1.Diagnostic[] };

/**
 * Checks a configuration without side effects. Returns the typed configuration only when there
 * is no error; warnings may come with it.
 */
export function parseConfig(raw: JsonObject | undefined): ParseResult {
  const { value, diagnostics } = parseWith(configSchema, raw);
  if (!value || diagnostics.some(isError)) return { diagnostics };
  return {
    config: {
      path: value.path,
      creditRecords: value.credit_records,
      creditBytes: value.credit_bytes,
      maxRecordBytes: value.max_record_bytes,
    },
    diagnostics,
  };
}
