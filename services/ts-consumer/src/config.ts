// The configuration of the one component this service provides: its JSON Schema (returned by
// GetSchema) and its validation (ValidateConfig, Configure and WriteStart all use it), which
// reports every problem as a Diagnostic pointing at its attribute.
import { create, type JsonObject, type JsonValue } from "@bufbuild/protobuf";
import { commonv1 } from "@flow-proto/contract";
import { isAbsolute } from "node:path";

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

const DEFAULTS = { credit_records: 256, credit_bytes: 4 << 20, max_record_bytes: 1 << 20 } as const;
const LIMITS = { credit_records: 1_000_000, credit_bytes: 1 << 30, max_record_bytes: 64 << 20 } as const;

/** The configuration's JSON Schema (draft 2020-12), as GetSchema returns it. */
export const CONFIG_SCHEMA: JsonObject = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  title: "JSON-lines file consumer",
  type: "object",
  additionalProperties: false,
  required: ["path"],
  properties: {
    path: {
      type: "string",
      description:
        "Absolute path of the append-only JSON-lines output file. The checkpoint file is written next to it as <path>.checkpoint.json.",
      minLength: 2,
    },
    credit_records: {
      type: "integer",
      minimum: 1,
      maximum: LIMITS.credit_records,
      default: DEFAULTS.credit_records,
      description: "How many records core may have in flight at once.",
    },
    credit_bytes: {
      type: "integer",
      minimum: 1,
      maximum: LIMITS.credit_bytes,
      default: DEFAULTS.credit_bytes,
      description: "How many bytes (serialized records) core may have in flight at once.",
    },
    max_record_bytes: {
      type: "integer",
      minimum: 1,
      maximum: LIMITS.max_record_bytes,
      default: DEFAULTS.max_record_bytes,
      description: "Records larger than this are rejected one by one (per-record errors).",
    },
  },
};

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

export type ParseResult = { config?: FileConsumerConfig; diagnostics: commonv1.Diagnostic[] };

function integer(
  cfg: JsonObject,
  key: keyof typeof DEFAULTS,
  diags: commonv1.Diagnostic[],
): number {
  const v: JsonValue | undefined = cfg[key];
  if (v === undefined || v === null) return DEFAULTS[key];
  if (typeof v !== "number" || !Number.isInteger(v) || v < 1 || v > LIMITS[key]) {
    diags.push(
      errorDiagnostic("INVALID_VALUE", `${key} must be an integer from 1 to ${LIMITS[key]}`, `got ${JSON.stringify(v)}`, key),
    );
    return DEFAULTS[key];
  }
  return v;
}

/**
 * Checks a configuration without side effects. Returns the typed configuration only when there
 * is no error; warnings may come with it.
 */
export function parseConfig(raw: JsonObject | undefined): ParseResult {
  const diags: commonv1.Diagnostic[] = [];
  const cfg = raw ?? {};
  for (const key of Object.keys(cfg)) {
    if (key !== "path" && !(key in DEFAULTS)) {
      diags.push(errorDiagnostic("UNKNOWN_ATTRIBUTE", `unknown attribute "${key}"`, `known: path, ${Object.keys(DEFAULTS).join(", ")}`, key));
    }
  }
  const path = cfg["path"];
  if (path === undefined || path === null) {
    diags.push(errorDiagnostic("REQUIRED", "path is required", "the absolute path of the output file", "path"));
  } else if (typeof path !== "string") {
    diags.push(errorDiagnostic("INVALID_TYPE", "path must be a string", `got ${JSON.stringify(path)}`, "path"));
  } else if (!isAbsolute(path) || path.endsWith("/") || path.includes("\0")) {
    diags.push(errorDiagnostic("INVALID_VALUE", "path must be an absolute file path", `got ${JSON.stringify(path)}`, "path"));
  }
  const creditRecords = integer(cfg, "credit_records", diags);
  const creditBytes = integer(cfg, "credit_bytes", diags);
  const maxRecordBytes = integer(cfg, "max_record_bytes", diags);
  if (diags.some(isError)) return { diagnostics: diags };
  return { config: { path: path as string, creditRecords, creditBytes, maxRecordBytes }, diagnostics: diags };
}
