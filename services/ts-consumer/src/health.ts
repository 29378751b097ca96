// grpc.health.v1.Health (https://github.com/grpc/grpc/blob/master/doc/health-checking.md), served
// from a hand-built descriptor because the repository has no generated code for it. Check and
// Watch are served; List (a later addition to the standard) is not, and answers UNIMPLEMENTED.
import { create, type DescMethod, type DescService, type Message } from "@bufbuild/protobuf";
import { Code, ConnectError, type ConnectRouter, type HandlerContext } from "@connectrpc/connect";
import { buildFile, mustMessage, mustService } from "./protodesc.js";

/** HealthCheckResponse.ServingStatus. */
export enum ServingStatus {
  UNKNOWN = 0,
  SERVING = 1,
  NOT_SERVING = 2,
  SERVICE_UNKNOWN = 3,
}

const registry = buildFile({
  name: "grpc/health/v1/health.proto",
  pkg: "grpc.health.v1",
  messages: [
    { name: "HealthCheckRequest", fields: [{ name: "service", number: 1, type: "string" }] },
    {
      name: "HealthCheckResponse",
      enums: [
        {
          name: "ServingStatus",
          values: [
            ["UNKNOWN", 0],
            ["SERVING", 1],
            ["NOT_SERVING", 2],
            ["SERVICE_UNKNOWN", 3],
          ],
        },
      ],
      fields: [
        { name: "status", number: 1, type: "enum", typeName: ".grpc.health.v1.HealthCheckResponse.ServingStatus" },
      ],
    },
  ],
  services: [
    {
      name: "Health",
      methods: [
        { name: "Check", input: "HealthCheckRequest", output: "HealthCheckResponse" },
        { name: "Watch", input: "HealthCheckRequest", output: "HealthCheckResponse", serverStreaming: true },
      ],
    },
  ],
});

/** The grpc.health.v1.Health service descriptor (also usable to build a client in tests). */
export const HealthService: DescService = mustService(registry, "grpc.health.v1.Health");
/** The file that defines it, for reflection. */
export const healthFile = HealthService.file;
const ResponseSchema = mustMessage(registry, "grpc.health.v1.HealthCheckResponse");

/** The fields of HealthCheckRequest / HealthCheckResponse (the messages are untyped at compile time). */
export type HealthCheckRequest = Message & { service: string };
export type HealthCheckResponse = Message & { status: ServingStatus };

function response(status: ServingStatus): HealthCheckResponse {
  return create(ResponseSchema, { status }) as HealthCheckResponse;
}

/**
 * The serving status of each service name ("" is the whole server). Watchers are told of every
 * change, so that a probe sees NOT_SERVING as soon as a shutdown starts.
 */
export class HealthState {
  private readonly statuses = new Map<string, ServingStatus>();
  private readonly listeners = new Set<() => void>();

  constructor(services: string[]) {
    for (const s of ["", ...services]) this.statuses.set(s, ServingStatus.SERVING);
  }

  /** Sets the status of every known service (used by shutdown). */
  setAll(status: ServingStatus): void {
    for (const k of this.statuses.keys()) this.statuses.set(k, status);
    for (const l of this.listeners) l();
  }

  get(service: string): ServingStatus | undefined {
    return this.statuses.get(service);
  }

  register(router: ConnectRouter): void {
    const method = (name: string): DescMethod => {
      const m = HealthService.methods.find((x) => x.name === name);
      if (!m) throw new Error(`descriptor bug: Health.${name} missing`);
      return m;
    };
    // connect types implementations by generated method types; these methods are built at run
    // time, hence the casts to the handler signatures connect calls them with.
    router.rpc(method("Check"), ((req: HealthCheckRequest) => {
      const status = this.get(req.service);
      // The standard says: an unknown service name is NOT_FOUND.
      if (status === undefined) throw new ConnectError(`unknown service "${req.service}"`, Code.NotFound);
      return response(status);
    }) as never);
    router.rpc(method("Watch"), ((req: HealthCheckRequest, ctx: HandlerContext) => this.watch(req.service, ctx.signal)) as never);
  }

  // Sends the current status, then each change, until the client goes away. An unknown service
  // is reported as SERVICE_UNKNOWN rather than an error, as the standard asks for Watch.
  private async *watch(service: string, signal: AbortSignal): AsyncGenerator<HealthCheckResponse> {
    let last: ServingStatus | undefined;
    while (!signal.aborted) {
      const now = this.get(service) ?? ServingStatus.SERVICE_UNKNOWN;
      if (now !== last) {
        last = now;
        yield response(now);
      }
      await new Promise<void>((resolve) => {
        const done = (): void => {
          this.listeners.delete(done);
          signal.removeEventListener("abort", done);
          resolve();
        };
        this.listeners.add(done);
        signal.addEventListener("abort", done);
      });
    }
  }
}
