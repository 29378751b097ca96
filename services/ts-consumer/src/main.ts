// The consumer's executable: node dist/main.js [--listen host:port] [--allow-no-handshake].
// Prints "listening on <host:port>" once it accepts connections (tests and tools wait for that
// line), and exits after Shutdown, SIGTERM or SIGINT.
import { startServer } from "./server.js";

const USAGE = "usage: main.js [--listen host:port (default 127.0.0.1:0)] [--allow-no-handshake]";

function parseArgs(argv: string[]): { listen: string; requireHandshake: boolean } {
  let listen = "127.0.0.1:0";
  let requireHandshake = true;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--listen" && i + 1 < argv.length) listen = argv[++i]!;
    else if (a.startsWith("--listen=")) listen = a.slice("--listen=".length);
    else if (a === "--allow-no-handshake") requireHandshake = false;
    else if (a === "--help" || a === "-h") {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown argument "${a}"\n${USAGE}`);
  }
  return { listen, requireHandshake };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const server = await startServer({ ...args, log: (l) => console.error(l) });
  console.log(`listening on ${server.address}`);
  for (const sig of ["SIGTERM", "SIGINT"] as const) process.once(sig, () => void server.close(10_000));
  await server.closed;
}

main().catch((e: unknown) => {
  console.error((e as Error).message);
  process.exit(1);
});
