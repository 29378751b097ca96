// flow.runtime.v1.RuntimeService for this consumer: who it is, handshake, schema, configuration
// and shutdown.
import { create, type MessageInitShape } from "@bufbuild/protobuf";
import { timestampNow } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError, type ServiceImpl } from "@connectrpc/connect";
import { commonv1, runtimev1 } from "@flow-proto/contract";
import { randomUUID } from "node:crypto";
import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import { COMPONENT, CONFIG_SCHEMA, errorDiagnostic, isError, parseConfig } from "./config.js";
import { fileDescriptorSetBytes } from "./descriptors.js";

export const SERVICE_NAME = "flow-ts-consumer";
export const SERVICE_VERSION = "0.1.0";

/** The protocol versions this service speaks. */
export const SUPPORTED_VERSIONS: { major: number; minor: number }[] = [{ major: 1, minor: 0 }];

/**
 * The optional features this service offers. `flow.consumer.exactly_once.v1`: a run resumed from
 * a checkpoint this consumer committed writes each record once (see store.ts).
 */
export const CAPABILITIES = ["flow.consumer.exactly_once.v1"];

type Diagnostic = commonv1.Diagnostic;

// The last Configure answer per (component, config_id), to make retries of a generation no-ops.
interface ConfigState {
  applied: bigint;
  lastGeneration: bigint;
  lastResponse: runtimev1.ConfigureResponse;
}

/** What the runtime service needs from the server. */
export interface RuntimeHooks {
  /** Starts a graceful shutdown; returns at once. */
  shutdown(gracePeriodMs: number, reason: string): void;
}

/** RuntimeService state: the handshake agreement and the applied configurations. */
export class Runtime {
  readonly instanceId = randomUUID();
  readonly startTime = timestampNow();
  /** The capabilities both sides listed in the latest successful handshake. */
  negotiated: string[] = [];
  private handshaken = false;
  private readonly configs = new Map<string, ConfigState>();

  constructor(private readonly hooks: RuntimeHooks) {}

  /**
   * Throws FAILED_PRECONDITION before a successful handshake (runtime.proto). The agreement is
   * kept per process, not per connection: connect's handlers do not see the HTTP/2 session.
   */
  requireHandshake(rpc: string): void {
    if (!this.handshaken) throw new ConnectError(`${rpc} before a successful Handshake`, Code.FailedPrecondition);
  }

  info(): MessageInitShape<typeof runtimev1.ServiceInfoSchema> {
    return {
      name: SERVICE_NAME,
      version: SERVICE_VERSION,
      sdkName: "",
      language: "typescript",
      roles: [commonv1.Role.CONSUMER],
      manifest: {
        description: "Reference Flow Consumer: writes records to a JSON-lines file.",
        runtime: `node ${process.versions.node}`,
      },
      instanceId: this.instanceId,
      startTime: this.startTime,
    };
  }

  handshake(req: runtimev1.HandshakeRequest): runtimev1.HandshakeResponse {
    const ours = new Set(SUPPORTED_VERSIONS.map((v) => `${v.major}.${v.minor}`));
    // The highest version listed by both sides (runtime.proto, HandshakeResponse.selected_version).
    const common = req.supportedVersions
      .filter((v) => ours.has(`${v.major}.${v.minor}`))
      .sort((a, b) => b.major - a.major || b.minor - a.minor);
    const base = {
      serverCapabilities: CAPABILITIES.map((name) => ({ name })),
      serverSupportedVersions: SUPPORTED_VERSIONS,
    };
    const selected = common[0];
    if (!selected) {
      // A failed handshake replaces the previous agreement too: there is none now.
      this.handshaken = false;
      this.negotiated = [];
      const theirs = req.supportedVersions.map((v) => `${v.major}.${v.minor}`).join(", ") || "none";
      return create(runtimev1.HandshakeResponseSchema, {
        ...base,
        negotiation: {
          case: "failure",
          value: {
            type: "protocol.version_unsupported",
            message: `no common protocol version: core offers ${theirs}; this service speaks ${[...ours].join(", ")}`,
            nonRetryable: true,
          },
        },
      });
    }
    const offered = new Set(req.clientCapabilities.map((c) => c.name));
    this.negotiated = CAPABILITIES.filter((c) => offered.has(c));
    this.handshaken = true;
    return create(runtimev1.HandshakeResponseSchema, {
      ...base,
      negotiation: { case: "selectedVersion", value: { major: selected.major, minor: selected.minor } },
    });
  }

  schema(req: runtimev1.GetSchemaRequest): runtimev1.GetSchemaResponse {
    this.requireHandshake("GetSchema");
    const unknown = req.components.filter((c) => c !== COMPONENT);
    if (unknown.length > 0) {
      throw new ConnectError(`unknown components: ${unknown.join(", ")} (this service has "${COMPONENT}")`, Code.NotFound);
    }
    return create(runtimev1.GetSchemaResponseSchema, {
      components: [
        {
          name: COMPONENT,
          role: commonv1.Role.CONSUMER,
          configSchema: CONFIG_SCHEMA,
          description: "Appends records to a JSON-lines file and commits them with fsync at each checkpoint barrier.",
          capabilities: CAPABILITIES.map((name) => ({ name })),
        },
      ],
      fileDescriptorSet: fileDescriptorSetBytes(),
    });
  }

  validate(req: runtimev1.ValidateConfigRequest): runtimev1.ValidateConfigResponse {
    this.requireHandshake("ValidateConfig");
    return create(runtimev1.ValidateConfigResponseSchema, { diagnostics: this.check(req.component, req.config) });
  }

  async configure(req: runtimev1.ConfigureRequest): Promise<runtimev1.ConfigureResponse> {
    this.requireHandshake("Configure");
    const key = `${req.component}\0${req.configId}`;
    const state = this.configs.get(key);
    const applied = state?.applied ?? 0n;
    const answer = (diagnostics: Diagnostic[], appliedGeneration: bigint): runtimev1.ConfigureResponse =>
      create(runtimev1.ConfigureResponseSchema, { diagnostics, appliedGeneration });

    if (state && req.generation === state.lastGeneration) return state.lastResponse; // a retry
    if (req.generation === 0n) {
      return answer([errorDiagnostic("INVALID_GENERATION", "generation must be at least 1")], applied);
    }
    if (req.generation < applied || (state && req.generation < state.lastGeneration)) {
      return answer(
        [errorDiagnostic("STALE_GENERATION", `generation ${req.generation} is older than ${applied}`, "core must send increasing generations")],
        applied,
      );
    }
    const diagnostics = this.check(req.component, req.config);
    const parsed = parseConfig(req.config);
    if (!diagnostics.some(isError) && parsed.config) {
      // Applying prepares the destination's directory, so that problems show up now rather than
      // at the first Write.
      try {
        await mkdir(dirname(parsed.config.path), { recursive: true });
      } catch (e) {
        diagnostics.push(
          errorDiagnostic("PATH_UNWRITABLE", "cannot create the output directory", (e as Error).message, "path"),
        );
      }
    }
    const ok = !diagnostics.some(isError);
    const response = answer(diagnostics, ok ? req.generation : applied);
    this.configs.set(key, { applied: ok ? req.generation : applied, lastGeneration: req.generation, lastResponse: response });
    return response;
  }

  shutdown(req: runtimev1.ShutdownRequest): runtimev1.ShutdownResponse {
    this.requireHandshake("Shutdown");
    const grace = req.gracePeriod ? Number(req.gracePeriod.seconds) * 1000 + req.gracePeriod.nanos / 1e6 : 30_000;
    this.hooks.shutdown(Math.max(0, grace), req.reason);
    return create(runtimev1.ShutdownResponseSchema, {});
  }

  private check(component: string, config: runtimev1.ValidateConfigRequest["config"]): Diagnostic[] {
    if (component !== COMPONENT) {
      return [errorDiagnostic("UNKNOWN_COMPONENT", `unknown component "${component}"`, `this service has "${COMPONENT}"`)];
    }
    return parseConfig(config).diagnostics;
  }

  /** The connect implementation of the service. */
  impl(): ServiceImpl<typeof runtimev1.RuntimeService> {
    return {
      getServiceInfo: () => create(runtimev1.GetServiceInfoResponseSchema, { info: this.info() }),
      handshake: (req) => this.handshake(req),
      getSchema: (req) => this.schema(req),
      validateConfig: (req) => this.validate(req),
      configure: (req) => this.configure(req),
      shutdown: (req) => this.shutdown(req),
    };
  }
}
