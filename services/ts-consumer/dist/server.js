// Assembles the services on one node:http2 server speaking gRPC (connect-node adapter) and runs
// the shutdown sequence: NOT_SERVING, refuse new streams, let open streams finish within the
// grace period, then cut them and close.
import * as http2 from "node:http2";
import { Code, ConnectError } from "@connectrpc/connect";
import { connectNodeAdapter } from "@connectrpc/connect-node";
import { consumerv1, runtimev1 } from "@flow-proto/contract";
import { write } from "./consumer.js";
import { HealthState, ServingStatus } from "./health.js";
import { registerReflection } from "./reflection.js";
import { Runtime } from "./runtime.js";
/** Splits host:port, accepting [v6]:port. Throws a clear error for anything else. */
export function parseListen(listen) {
    const m = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(listen);
    const port = m ? Number(m[3]) : NaN;
    if (!m || port > 65535)
        throw new Error(`--listen must be host:port (for example 127.0.0.1:0), got "${listen}"`);
    return { host: (m[1] ?? m[2]), port };
}
export async function startServer(opts) {
    const { host, port } = parseListen(opts.listen);
    const log = opts.log ?? (() => { });
    const requireHandshake = opts.requireHandshake ?? true;
    const health = new HealthState([consumerv1.ConsumerService.typeName, runtimev1.RuntimeService.typeName]);
    const stop = new AbortController();
    let active = 0;
    let shuttingDown;
    let resolveClosed;
    const closed = new Promise((r) => (resolveClosed = r));
    const runtime = new Runtime({ shutdown: (ms, reason) => void beginShutdown(ms, reason) });
    const sessions = new Set();
    const routes = (router) => {
        router.service(runtimev1.RuntimeService, runtime.impl());
        router.service(consumerv1.ConsumerService, {
            write: (requests) => (async function* () {
                active++;
                try {
                    yield* write(requests, {
                        admit: () => {
                            if (shuttingDown)
                                throw new ConnectError("the consumer is shutting down", Code.Unavailable);
                            if (requireHandshake)
                                runtime.requireHandshake("Write");
                        },
                        stopSignal: stop.signal,
                    });
                }
                finally {
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
    await new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
            server.off("error", reject);
            resolve();
        });
    });
    const addr = server.address();
    const address = addr.family === "IPv6" ? `[${addr.address}]:${addr.port}` : `${addr.address}:${addr.port}`;
    function beginShutdown(graceMs, reason) {
        if (shuttingDown)
            return shuttingDown;
        log(`shutting down (grace ${graceMs} ms${reason ? `, reason: ${reason}` : ""})`);
        health.setAll(ServingStatus.NOT_SERVING);
        shuttingDown = (async () => {
            // Let the Shutdown response (and open streams) get out before anything is cut.
            await new Promise((r) => setTimeout(r, 50));
            const deadline = Date.now() + graceMs;
            while (active > 0 && Date.now() < deadline)
                await new Promise((r) => setTimeout(r, 25));
            stop.abort();
            const serverClosed = new Promise((r) => server.close(() => r()));
            for (const s of sessions)
                s.close();
            // Sessions that do not close by themselves (a client holding a stream open) are cut.
            const cut = setTimeout(() => {
                for (const s of sessions)
                    s.destroy();
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
//# sourceMappingURL=server.js.map