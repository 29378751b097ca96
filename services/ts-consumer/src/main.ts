// The consumer's executable:
//   node dist/main.js [--listen host:port] [--allow-no-handshake]
//                     [--core URL [--core-lease-ttl 10s] [--advertise host:port]]
// Prints "listening on <host:port>" once it accepts connections (tests and tools wait for that
// line), and exits after Shutdown, SIGTERM or SIGINT. With --core it first registers itself
// with that core's DiscoveryService (role CONSUMER; see core.ts), keeps the lease renewed, and
// deregisters on shutdown; killed without a shutdown, core forgets it when the lease TTL runs out.
import { CoreMembership, coreBaseUrl, parseDurationMs } from "./core.js";
import { startServer } from "./server.js";

const USAGE =
  "usage: main.js [--listen host:port (default 127.0.0.1:0)] [--allow-no-handshake] " +
  "[--core http://host:port [--core-lease-ttl 10s] [--advertise host:port]]";

interface Args {
  listen: string;
  requireHandshake: boolean;
  core?: string;
  coreLeaseTtlMs: number;
  advertise?: string;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { listen: "127.0.0.1:0", requireHandshake: true, coreLeaseTtlMs: 0 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] = a.startsWith("--") && a.includes("=") ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] : [a, undefined];
    const value = (): string => {
      if (inline !== undefined) return inline;
      if (i + 1 >= argv.length) throw new Error(`${flag} needs a value\n${USAGE}`);
      return argv[++i]!;
    };
    if (flag === "--listen") args.listen = value();
    else if (flag === "--allow-no-handshake" && inline === undefined) args.requireHandshake = false;
    else if (flag === "--core") args.core = coreBaseUrl(value());
    else if (flag === "--core-lease-ttl") args.coreLeaseTtlMs = parseDurationMs(flag, value());
    else if (flag === "--advertise") args.advertise = value();
    else if (flag === "--help" || flag === "-h") {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown argument "${a}"\n${USAGE}`);
  }
  return args;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const log = (l: string) => console.error(l);
  const server = await startServer({ listen: args.listen, requireHandshake: args.requireHandshake, log });
  let member: CoreMembership | undefined;
  if (args.core) {
    try {
      member = await CoreMembership.join(args.core, server.runtime.info(), args.advertise ?? server.address, args.coreLeaseTtlMs, log);
    } catch (e) {
      await server.close(0);
      throw e;
    }
  }
  // Deregister before the server drains, so that core stops sending new work first.
  let leaving: Promise<void> | undefined;
  const leave = () => (leaving ??= member?.leave().catch((e: unknown) => log((e as Error).message)) ?? Promise.resolve());
  console.log(`listening on ${server.address}`);
  for (const sig of ["SIGTERM", "SIGINT"] as const) {
    process.once(sig, () => void leave().then(() => server.close(10_000)));
  }
  await server.closed;
  await leave();
}

main().catch((e: unknown) => {
  console.error((e as Error).message);
  process.exit(1);
});
