// A worker process for worker.test.ts to SIGKILL mid-task: `node worker-child.js ADDR` runs
// handler "resumable", which records progress "item-3", says so on stdout, and then works until
// the process is killed.
import { Worker } from "./worker.js";
import { transportTo } from "./coretest.js";

const addr = process.argv[2];
if (!addr) throw new Error("usage: worker-child.js HOST:PORT");
const worker = new Worker({
  workerId: "ts-child-worker",
  handlers: {
    resumable: async (task) => {
      task.recordProgress({ data: new TextEncoder().encode("item-3") });
      process.stdout.write(`recorded item-3 in attempt ${task.attempt}\n`);
      await new Promise((_, reject) => task.signal.addEventListener("abort", () => reject(task.signal.reason)));
    },
  },
  log: (m) => process.stderr.write(m + "\n"),
});
await worker.run(transportTo(addr).transport, new AbortController().signal);
