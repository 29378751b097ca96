// Assembles the services on one node:http2 server speaking gRPC (connect-node adapter) and runs
// the shutdown sequence: NOT_SERVING, refuse new streams, let open streams finish within the
// grace period, then cut them and close.
import * as http2 from "node:http2";
import type { AddressInfo } from "node:net";
import { Code, ConnectError, type ConnectRouter } from "@connectrpc/connect";
import { connectNodeAdapter } from "@connectrpc/connect-node";
import { consumerv1, runtimev1 } from "@flow-proto/contract";
import { write } from "./consumer.js";
import { HealthState, ServingStatus } from "./health.js";
import { registerReflection } from "./reflection.js";
import { Runtime } from "./runtime.js";

export interface ServerOptions {
  /** host:port to listen on; port 0 picks a free port. */
  listen: string;
  /** Refuse RPCs other than GetServiceInfo and Handshake before a handshake (default true). */
  requireHandshake?: boolean;
  /** Log lines (default: none). */
  log?: (line: string) => void;
}

export interface RunningServer {
  /** The address actually bound, host:port. */
  address: string;
  runtime: Runtime;
  health: HealthState;
  /** Starts a graceful shutdown (as the Shutdown RPC does) and waits until the server is closed. */
  close(gracePeriodMs?: number): Promise<void>;
  /** Settles once the server is closed, however the shutdown started. */
  closed: Promise<void>;
}

/** Splits host:port, accepting [v6]:port. Throws a clear error for anything else. */
export function parseListen(listen: string): { host: string; port: number } {
  const m = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(listen);
  const port = m ? Number(m[3]) : NaN;
  if (!m || port > 65535) throw new Error(`--listen must be host:port (for example 127.0.0.1:0), got "${listen}"`);
  return { host: (m[1] ?? m[2])!, port };
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const { host, port } = parseListen(opts.listen);
  const log = opts.log ?? (() => {});
  const requireHandshake = opts.requireHandshake ?? true;
  const health = new HealthState([consumerv1.ConsumerService.typeName, runtimev1.RuntimeService.typeName]);
  const stop = new AbortController();
  let active = 0;
  let shuttingDown: Promise<void> | undefined;
  let resolveClosed!: () => void;
  const closed = new Promise<void>((r) => (resolveClosed = r));

  const runtime: Runtime = new Runtime({ shutdown: (ms, reason) => void beginShutdown(ms, reason) });
  const sessions = new Set<http2.ServerHttp2Session>();

  const routes = (router: ConnectRouter): void => {
    router.service(runtimev1.RuntimeService, runtime.impl());
    router.service(consumerv1.ConsumerService, {
      write: (requests) =>
        (async function* () {
          active++;
          try {
            yield* write(requests, {
              admit: () => {
                if (shuttingDown) throw new ConnectError("the consumer is shutting down", Code.Unavailable);
                if (requireHandshake) runtime.requireHandshake("Write");
              },
              stopSignal: stop.signal,
            });
          } finally {
            active--;
          }
        })(),
    });
    health.register(router);
    registerReflection(router);
  };

  const server = http2.createServer(connectNodeAdapter({ routes, grpc: true, grpcWeb: false, connect: false }));
  server.on("session", (s) => {
    sessions.add(s);
    s.on("close", () => sessions.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const addr = server.address() as AddressInfo;
  const address = addr.family === "IPv6" ? `[${addr.address}]:${addr.port}` : `${addr.address}:${addr.port}`;

  function beginShutdown(graceMs: number, reason: string): Promise<void> {
    if (shuttingDown) return shuttingDown;
    log(`shutting down (grace ${graceMs} ms${reason ? `, reason: ${reason}` : ""})`);
    health.setAll(ServingStatus.NOT_SERVING);
    shuttingDown = (async () => {
      // Let the Shutdown response (and open streams) get out before anything is cut.
      await new Promise((r) => setTimeout(r, 50));
      const deadline = Date.now() + graceMs;
      while (active > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
      stop.abort();
      const serverClosed = new Promise<void>((r) => server.close(() => r()));
      for (const s of sessions) s.close();
      // Sessions that do not close by themselves (a client holding a stream open) are cut.
      const cut = setTimeout(() => {
        for (const s of sessions) s.destroy();
      }, 500);
      await serverClosed;
      clearTimeout(cut);
      log("closed");
      resolveClosed();
    })();
    return shuttingDown;
  }

  return {
    address,
    runtime,
    health,
    close: (graceMs = 5000) => beginShutdown(graceMs, "close"),
    closed,
  };
}
