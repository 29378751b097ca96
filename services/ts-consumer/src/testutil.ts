// Helpers shared by the tests: a request channel for bidi streams, clients over real loopback
// gRPC, and the server run as a child process (so that a restart is a real restart).
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { createClient, type Client } from "@connectrpc/connect";
import { Http2SessionManager, createGrpcTransport } from "@connectrpc/connect-node";
import type { DescService } from "@bufbuild/protobuf";

/** A queue that is an AsyncIterable: push requests while the stream is open, then end(). */
export class Channel<T> implements AsyncIterable<T> {
  private items: T[] = [];
  private waiting: ((r: IteratorResult<T>) => void) | undefined;
  private ended = false;

  push(item: T): void {
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = undefined;
      w({ value: item, done: false });
    } else this.items.push(item);
  }

  end(): void {
    this.ended = true;
    if (this.waiting) this.waiting({ value: undefined, done: true });
  }

  // An async generator, because connect's client calls throw() and return() on the iterator.
  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    for (;;) {
      const item = this.items.shift();
      if (item !== undefined) {
        yield item;
        continue;
      }
      if (this.ended) return;
      const r = await new Promise<IteratorResult<T>>((resolve) => (this.waiting = resolve));
      if (r.done) return;
      yield r.value;
    }
  }
}

/** Clients on one HTTP/2 session; close() ends it so that node --test can exit. */
export function connect(address: string): { client<T extends DescService>(svc: T): Client<T>; close(): void } {
  const baseUrl = `http://${address}`;
  const sessionManager = new Http2SessionManager(baseUrl);
  const transport = createGrpcTransport({ baseUrl, sessionManager });
  return {
    client: (svc) => createClient(svc, transport),
    close: () => sessionManager.abort(),
  };
}

/** A child process that printed "listening on ADDR". */
export interface Listening {
  address: string;
  proc: ChildProcess;
  stderr(): string;
  /** SIGKILL, and wait until the process is gone. */
  kill(): Promise<void>;
  /** Resolves with the exit code (or signal name) once the process has exited. */
  exited: Promise<number | string>;
}

/** Starts `bin args...`, waits (10 s at most) for its "listening on ADDR" line. */
export async function spawnListening(bin: string, args: string[]): Promise<Listening> {
  const proc = spawn(bin, args, { stdio: ["ignore", "pipe", "pipe"] });
  let err = "";
  proc.stderr!.on("data", (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | string>((resolve) => proc.once("exit", (code, sig) => resolve(code ?? sig ?? -1)));
  let out = "";
  const address = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill("SIGKILL");
      reject(new Error(`${bin} did not print "listening on" in 10 s: ${err}`));
    }, 10_000);
    proc.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /listening on (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${bin} exited (${code}) before printing "listening on": ${err}`));
    });
  });
  proc.stdout!.resume();
  return {
    address,
    proc,
    stderr: () => err,
    exited,
    kill: async () => {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      const gone = once(proc, "exit");
      proc.kill("SIGKILL");
      await gone;
    },
  };
}

/** The server as a child process, started from dist/main.js. */
export type Child = Listening;

export function spawnServer(): Promise<Child> {
  const main = fileURLToPath(new URL("./main.js", import.meta.url));
  return spawnListening(process.execPath, [main, "--listen", "127.0.0.1:0"]);
}

/** Rejects when `p` takes longer than `ms`, so that a hung stream fails the test. */
export function within<T>(ms: number, p: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out: ${what}`)), ms))),
  ]);
}
