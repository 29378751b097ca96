// The Go and TypeScript core clients promise the same defaults (renew fraction, backoff, poll
// wait, the workers' heartbeat rate, call timeout and drain). This reads the Go constants from their source and compares them with ours, so that
// changing one side alone fails the build.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as backoff from "./backoff.js";
import * as discovery from "./discovery.js";
import * as durable from "./durable.js";
import * as worker from "./worker.js";

const GO = fileURLToPath(new URL("../../go-processor/", import.meta.url));

/** The value of `name = <expr>` in a Go file, in ms for time.Duration expressions. */
function goConst(file: string, name: string): number {
  const src = readFileSync(GO + file, "utf8");
  const m = new RegExp(`^\\s*(?:const\\s+)?${name}\\s*=\\s*(.+?)\\s*(?://.*)?$`, "m").exec(src);
  assert.ok(m, `${name} not found in ${file}`);
  const expr = m[1]!
    .replace(/time\.Millisecond/g, "1")
    .replace(/time\.Second/g, "1000")
    .replace(/(\d)\.0\b/g, "$1");
  assert.match(expr, /^[\d\s*/.]+$/, `${name} = ${m[1]} in ${file} is not a plain number`);
  return Function(`return (${expr});`)() as number;
}

/** The value of `name = "<string>"` in a Go file. */
function goString(file: string, name: string): string {
  const m = new RegExp(`^\\s*(?:const\\s+)?${name}\\s*=\\s*"([^"]*)"`, "m").exec(readFileSync(GO + file, "utf8"));
  assert.ok(m, `${name} not found in ${file}`);
  return m[1]!;
}

test("defaults: Go and TypeScript core clients agree", () => {
  assert.equal(goConst("internal/backoff/backoff.go", "Initial"), backoff.BACKOFF_INITIAL_MS);
  assert.equal(goConst("internal/backoff/backoff.go", "Multiplier"), backoff.BACKOFF_MULTIPLIER);
  assert.equal(goConst("internal/backoff/backoff.go", "Max"), backoff.BACKOFF_MAX_MS);
  assert.equal(goConst("internal/backoff/backoff.go", "Jitter"), backoff.BACKOFF_JITTER);
  assert.equal(goConst("discovery/discovery.go", "RenewFraction"), discovery.RENEW_FRACTION);
  assert.equal(goConst("durable/durable.go", "PollWait"), durable.POLL_WAIT_MS);
  assert.equal(goConst("durable/durable.go", "PollGrace"), durable.POLL_GRACE_MS);
  assert.equal(goConst("worker/worker.go", "HeartbeatFraction"), worker.HEARTBEAT_FRACTION);
  assert.equal(goConst("worker/worker.go", "MinHeartbeatInterval"), worker.MIN_HEARTBEAT_INTERVAL_MS);
  assert.equal(goConst("worker/worker.go", "ProgressHeartbeatInterval"), worker.PROGRESS_HEARTBEAT_INTERVAL_MS);
  assert.equal(goConst("worker/worker.go", "CallTimeout"), worker.CALL_TIMEOUT_MS);
  assert.equal(goConst("worker/worker.go", "DefaultMaxConcurrent"), worker.DEFAULT_MAX_CONCURRENT);
  assert.equal(goConst("worker/worker.go", "DefaultDrainGrace"), worker.DEFAULT_DRAIN_GRACE_MS);
  assert.equal(goConst("worker/worker.go", "DefaultCancelGrace"), worker.DEFAULT_CANCEL_GRACE_MS);
  assert.equal(goString("worker/worker.go", "HandlerFailedType"), worker.HANDLER_FAILED_TYPE);
});
