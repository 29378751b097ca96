// The consumer's membership with a Flow core (main.ts --core): registered through discovery.ts
// once the server is bound (role CONSUMER, its ServiceInfo, its endpoint), renewed while it
// runs, deregistered on shutdown.
import type { MessageInitShape } from "@bufbuild/protobuf";
import { durationFromMs } from "@bufbuild/protobuf/wkt";
import { Http2SessionManager, createGrpcTransport } from "@connectrpc/connect-node";
import type { runtimev1 } from "@flow-proto/contract";
import { Registration } from "./discovery.js";

/** How long the consumer waits for core at start (first registration) and at shutdown (deregistration). */
export const CORE_REGISTER_TIMEOUT_MS = 10_000;
export const CORE_DEREGISTER_TIMEOUT_MS = 5_000;

/**
 * --core as a base URL: http://host:port (h2c, as core serves by default) and https://host:port
 * as given, a bare host:port as http://. Throws a usage error for anything else.
 */
export function coreBaseUrl(raw: string): string {
  const url = raw.includes("://") ? raw : `http://${raw}`;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error(`--core "${raw}": want http://host:port, https://host:port or host:port`);
  }
  if ((u.protocol !== "http:" && u.protocol !== "https:") || !u.host || (u.pathname !== "/" && u.pathname !== "") || u.search) {
    throw new Error(`--core "${raw}": want http://host:port, https://host:port or host:port`);
  }
  return `${u.protocol}//${u.host}`;
}

/** A registration with core and the HTTP/2 session it runs on. */
export class CoreMembership {
  private constructor(
    private readonly session: Http2SessionManager,
    private readonly registration: Registration,
  ) {}

  /** Registers `info` at `endpoint` with the core at `baseUrl`; ttlMs 0 asks for core's default lease. */
  static async join(
    baseUrl: string,
    info: MessageInitShape<typeof runtimev1.ServiceInfoSchema>,
    endpoint: string,
    ttlMs: number,
    log: (line: string) => void,
  ): Promise<CoreMembership> {
    const session = new Http2SessionManager(baseUrl);
    const transport = createGrpcTransport({ baseUrl, sessionManager: session, defaultTimeoutMs: CORE_REGISTER_TIMEOUT_MS });
    try {
      const registration = await Registration.register(
        transport,
        {
          service: info,
          endpoint,
          protocolVersions: [{ major: 1, minor: 0 }],
          leaseTtl: ttlMs > 0 ? durationFromMs(ttlMs) : undefined,
        },
        { log },
      );
      return new CoreMembership(session, registration);
    } catch (e) {
      session.abort();
      throw e;
    }
  }

  /** Deregisters (bounded: a dead core must not hold up the shutdown; the lease then expires) and ends the session. */
  async leave(): Promise<void> {
    try {
      await this.registration.close(CORE_DEREGISTER_TIMEOUT_MS);
    } finally {
      this.session.abort();
    }
  }
}

/** Parses a duration flag: "1500ms", "2s", "1m". */
export function parseDurationMs(flag: string, raw: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)$/.exec(raw);
  if (!m) throw new Error(`${flag} "${raw}": want a duration such as 500ms, 10s or 1m`);
  return Number(m[1]) * { ms: 1, s: 1_000, m: 60_000 }[m[2] as "ms" | "s" | "m"];
}
