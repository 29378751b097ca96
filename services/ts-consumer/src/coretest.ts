// The real flow-core binary for the tests of discovery.ts, durable.ts, worker.ts and main.ts --core: a
// child process over a temporary data directory, reached over loopback gRPC, that a test can
// SIGKILL and restart on the same directory and port. No fake core on purpose: the clients are
// tested against what core does.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { fromJson, type JsonValue } from "@bufbuild/protobuf";
import type { Transport } from "@connectrpc/connect";
import { commonv1 } from "@flow-proto/contract";
import { Http2SessionManager, createGrpcTransport } from "@connectrpc/connect-node";
import { spawnListening, type Listening } from "./testutil.js";

export { spawnListening, type Listening };

/** Flags that make core grant 1 s leases, so that expiry can be watched within a test. */
export const SHORT_LEASE_FLAGS = ["--min-lease-ttl", "1s", "--default-lease-ttl", "1s", "--max-lease-ttl", "60s"];

/**
 * The flow-core binary: $FLOW_CORE_BIN, else <repo root>/target/debug/flow-core. Throws (so
 * the test fails, never skips) when it is missing, saying how to build it.
 */
export function coreBinary(): string {
  const env = process.env.FLOW_CORE_BIN;
  if (env) {
    if (!existsSync(env)) throw new Error(`FLOW_CORE_BIN=${env} does not exist (build it with \`cargo build -p flow-core\`)`);
    return env;
  }
  // dist/ -> services/ts-consumer -> services -> the repository root.
  const root = fileURLToPath(new URL("../../../", import.meta.url));
  const bin = join(root, "target", "debug", "flow-core");
  if (!existsSync(bin)) {
    throw new Error(
      `flow-core binary not found at ${bin}: build it with \`cargo build -p flow-core\` from the repository root, ` +
        "or set FLOW_CORE_BIN to its path",
    );
  }
  return bin;
}

/** A running `flow-core serve`. */
export class Core {
  private proc!: Listening;
  private listen = "127.0.0.1:0";

  private constructor(
    readonly data: string,
    private readonly flags: string[],
  ) {}

  /** Starts core over a fresh temporary data directory; stop() removes it. */
  static async start(flags: string[] = []): Promise<Core> {
    const c = new Core(await mkdtemp(join(tmpdir(), "flow-core-test-")), flags);
    await c.startAgain();
    c.listen = c.address; // a restart binds the same port, so clients' sessions can reconnect
    return c;
  }

  get address(): string {
    return this.proc.address;
  }

  /** Starts core (again, after kill()) on the same data directory and port. */
  async startAgain(): Promise<void> {
    this.proc = await spawnListening(coreBinary(), ["serve", "--listen", this.listen, "--data", this.data, ...this.flags]);
  }

  /** SIGKILL: a crash, nothing flushed or closed. */
  kill(): Promise<void> {
    return this.proc.kill();
  }

  /** kill(), then startAgain(). */
  async restart(): Promise<void> {
    await this.kill();
    await this.startAgain();
  }

  async stop(): Promise<void> {
    await this.kill();
    await rm(this.data, { recursive: true, force: true });
  }
}

/** A gRPC transport to `address` on one HTTP/2 session; close() ends it so node --test can exit. */
export function transportTo(address: string): { transport: Transport; close(): void } {
  const baseUrl = `http://${address}`;
  const sessionManager = new Http2SessionManager(baseUrl);
  return { transport: createGrpcTransport({ baseUrl, sessionManager }), close: () => sessionManager.abort() };
}

/** Polls `cond` every 50 ms until it holds; rejects after `ms`. */
export async function eventually(ms: number, what: string, cond: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** What `flow-core tasks status|wait` prints about an execution. */
export interface TaskStatus {
  executionId: string;
  state: "queued" | "running" | "done";
  attempts: number;
  /** The execution's outcome once done. */
  outcome?: commonv1.Outcome;
}

/**
 * Runs `flow-core tasks SUB --data <core's data directory> ARGS...` beside the serving core, as a
 * script would; resolves to its stdout, trimmed. Rejects on a non-zero exit, with stderr.
 */
export function coreTasks(core: Core, sub: "enqueue" | "status" | "wait", ...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(coreBinary(), ["tasks", sub, "--data", core.data, ...args], (err, stdout, stderr) => {
      if (err) reject(new Error(`flow-core tasks ${sub} ${args.join(" ")}: ${err.message}: ${stderr.trim()} ${stdout.trim()}`));
      else resolve(stdout.trim());
    });
  });
}

/** Queues an execution for `handler` with extra `tasks enqueue` flags; resolves to its id. */
export function enqueueTask(core: Core, handler: string, ...flags: string[]): Promise<string> {
  return coreTasks(core, "enqueue", "--handler", handler, ...flags);
}

/** The execution's state now. */
export async function taskStatus(core: Core, executionId: string): Promise<TaskStatus> {
  return parseTaskStatus(await coreTasks(core, "status", executionId));
}

/** Waits up to `ms` for the execution to be done; rejects when it is not. */
export async function waitTask(core: Core, executionId: string, ms: number): Promise<TaskStatus> {
  return parseTaskStatus(await coreTasks(core, "wait", executionId, "--timeout", `${ms}ms`));
}

function parseTaskStatus(line: string): TaskStatus {
  const raw = JSON.parse(line) as { executionId: string; state: TaskStatus["state"]; attempts: number; outcome?: JsonValue };
  const s: TaskStatus = { executionId: raw.executionId, state: raw.state, attempts: raw.attempts };
  if (raw.outcome !== undefined && raw.outcome !== null) s.outcome = fromJson(commonv1.OutcomeSchema, raw.outcome);
  return s;
}

/** Runs `fn` against a fresh `flow-core serve` started with `flags`, then stops it. */
export async function withCore(flags: string[], fn: (core: Core, transport: Transport) => Promise<void>): Promise<void> {
  const core = await Core.start(flags);
  const t = transportTo(core.address);
  try {
    await fn(core, t.transport);
  } finally {
    t.close();
    await core.stop();
  }
}
