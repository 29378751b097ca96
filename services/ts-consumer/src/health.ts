// grpc.health.v1.Health (https://github.com/grpc/grpc/blob/master/doc/health-checking.md), served
// from the code protoc-gen-es generates from the vendored standard proto
// (third_party/grpc/proto/grpc/health/v1/health.proto -> src/gen). Check and Watch are served;
// List (a later addition to the standard, not in the vendored revision) answers UNIMPLEMENTED.
import { create } from "@bufbuild/protobuf";
import { Code, ConnectError, type ConnectRouter, type HandlerContext } from "@connectrpc/connect";
import {
  Health,
  HealthCheckResponse_ServingStatus,
  HealthCheckResponseSchema,
  file_grpc_health_v1_health,
  type HealthCheckRequest,
  type HealthCheckResponse,
} from "./gen/grpc/health/v1/health_pb.js";

export type { HealthCheckRequest, HealthCheckResponse };

/** HealthCheckResponse.ServingStatus. */
export const ServingStatus = HealthCheckResponse_ServingStatus;
export type ServingStatus = HealthCheckResponse_ServingStatus;

/** The grpc.health.v1.Health service descriptor (also usable to build a client in tests). */
export const HealthService = Health;
/** The file that defines it, for reflection. */
export const healthFile = file_grpc_health_v1_health;

function response(status: ServingStatus): HealthCheckResponse {
  return create(HealthCheckResponseSchema, { status });
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
    router.service(Health, {
      check: (req: HealthCheckRequest) => {
        const status = this.get(req.service);
        // The standard says: an unknown service name is NOT_FOUND.
        if (status === undefined) throw new ConnectError(`unknown service "${req.service}"`, Code.NotFound);
        return response(status);
      },
      watch: (req: HealthCheckRequest, ctx: HandlerContext) => this.watch(req.service, ctx.signal),
    });
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
