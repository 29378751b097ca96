// The consumer's destination: an append-only JSON-lines file, plus a small checkpoint file that
// says how much of it is durably committed.
//
// Invariant: the output file's bytes up to the offset of the newest entry in the checkpoint file
// are committed (fsync'ed before that entry was written); anything after it is the uncommitted
// tail of a run that did not reach its next barrier, and is cut off when the next run starts.
// This is what makes a resumed run write each record once: core sends again exactly the records
// after the checkpoint it resumes from (consumer.proto, WriteStart.resume_checkpoint_id), and the
// file is cut back to where that checkpoint left it.
import { open, readFile, rename, mkdir, type FileHandle } from "node:fs/promises";
import { constants } from "node:fs";
import { dirname } from "node:path";

/** One committed checkpoint: the barrier's id and seq, and the output's size when it committed. */
export interface CommittedCheckpoint {
  checkpointId: string;
  seq: bigint;
  offset: number;
  instructionId: string;
  committedAt: string;
}

/** Why the store cannot go on; `retryable` says whether a later attempt may succeed. */
export class StoreError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = "StoreError";
  }
}

// How many committed checkpoints are kept to resume from. Core resumes from the newest checkpoint
// every Consumer of the pipeline committed, which may be older than this consumer's newest.
const HISTORY_LIMIT = 1000;
const FORMAT_VERSION = 1;

// One writer per output file: two streams appending and cutting the same file would corrupt
// each other's commits.
const openPaths = new Set<string>();

/** The checkpoint file's path for an output path. */
export function checkpointPath(path: string): string {
  return `${path}.checkpoint.json`;
}

interface CheckpointFileJson {
  version: number;
  // The first entry is the base (seq 0, empty id): where the current run's data starts.
  history: { checkpoint_id: string; seq: string; offset: number; instruction_id: string; committed_at: string }[];
}

function parseCheckpointFile(text: string, file: string): CommittedCheckpoint[] {
  let json: CheckpointFileJson;
  try {
    json = JSON.parse(text) as CheckpointFileJson;
  } catch (e) {
    throw new StoreError("checkpoint.corrupt", `${file}: not JSON: ${(e as Error).message}`, false);
  }
  if (json.version !== FORMAT_VERSION || !Array.isArray(json.history) || json.history.length === 0) {
    throw new StoreError("checkpoint.corrupt", `${file}: unknown format (version ${String(json.version)})`, false);
  }
  return json.history.map((h) => {
    if (typeof h.offset !== "number" || typeof h.seq !== "string" || typeof h.checkpoint_id !== "string") {
      throw new StoreError("checkpoint.corrupt", `${file}: malformed entry ${JSON.stringify(h)}`, false);
    }
    return {
      checkpointId: h.checkpoint_id,
      seq: BigInt(h.seq),
      offset: h.offset,
      instructionId: h.instruction_id ?? "",
      committedAt: h.committed_at ?? "",
    };
  });
}

async function fsyncDir(dir: string): Promise<void> {
  const fh = await open(dir, constants.O_RDONLY);
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** The output file and its checkpoints, opened by one Write stream at a time. */
export class FileStore {
  private closed = false;

  private constructor(
    readonly path: string,
    private readonly fh: FileHandle,
    private size: number,
    private history: CommittedCheckpoint[],
  ) {}

  /** Opens (creating if needed) the output at `path`. Throws StoreError when in use or damaged. */
  static async open(path: string): Promise<FileStore> {
    if (openPaths.has(path)) {
      throw new StoreError("consumer.busy", `${path} is being written by another Write stream`, true);
    }
    openPaths.add(path);
    try {
      await mkdir(dirname(path), { recursive: true });
      let history: CommittedCheckpoint[];
      try {
        history = parseCheckpointFile(await readFile(checkpointPath(path), "utf8"), checkpointPath(path));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
        history = [{ checkpointId: "", seq: 0n, offset: 0, instructionId: "", committedAt: "" }];
      }
      const fh = await open(path, "a");
      const { size } = await fh.stat();
      await fsyncDir(dirname(path)); // the file may be new: make its directory entry durable
      const committed = history[history.length - 1]!.offset;
      if (size < committed) {
        await fh.close();
        throw new StoreError(
          "checkpoint.data_lost",
          `${path} has ${size} bytes but ${committed} were committed: the output was truncated or replaced`,
          false,
        );
      }
      const store = new FileStore(path, fh, size, history);
      await store.cutTo(committed); // drop the previous run's uncommitted tail
      return store;
    } catch (e) {
      openPaths.delete(path);
      if (e instanceof StoreError) throw e;
      throw new StoreError("destination.io", `${path}: ${(e as Error).message}`, true);
    }
  }

  /** The newest committed checkpoint, or undefined when none was committed since the base. */
  lastCommitted(): CommittedCheckpoint | undefined {
    const last = this.history[this.history.length - 1]!;
    return last.seq === 0n && last.checkpointId === "" ? undefined : last;
  }

  /**
   * Prepares for a run that resumes from (`checkpointId`, `seq`), or a fresh run when both are
   * empty/0. A fresh run keeps the committed data (append mode) and starts a new history after
   * it. A resumed run cuts the output back to where that checkpoint committed, because core
   * sends every record after it again.
   */
  async resume(checkpointId: string, seq: bigint): Promise<void> {
    if (checkpointId === "" && seq === 0n) {
      const base = { ...this.history[this.history.length - 1]!, checkpointId: "", seq: 0n };
      await this.writeHistory([base]);
      return;
    }
    const i = this.history.findIndex((h) => h.seq === seq && h.checkpointId === checkpointId);
    if (i < 0) {
      const known = this.history.filter((h) => h.seq > 0n).map((h) => `${h.checkpointId}@${h.seq}`);
      throw new StoreError(
        "checkpoint.unknown",
        `cannot resume from checkpoint ${JSON.stringify(checkpointId)} seq ${seq}: this consumer committed ` +
          (known.length ? `only ${known.slice(-5).join(", ")}` : "no checkpoint") +
          ` at ${this.path}`,
        false,
      );
    }
    // History first, then the cut: a crash in between leaves a longer file, cut on next open.
    const kept = this.history.slice(0, i + 1);
    await this.writeHistory(kept);
    await this.cutTo(kept[kept.length - 1]!.offset);
  }

  /** Appends lines (not yet durable). */
  async append(text: string): Promise<void> {
    this.assertOpen();
    const buf = Buffer.from(text, "utf8");
    let written = 0;
    while (written < buf.length) {
      const { bytesWritten } = await this.fh.write(buf, written, buf.length - written);
      written += bytesWritten;
    }
    this.size += buf.length;
  }

  /** Makes everything appended so far durable, then records the checkpoint durably. */
  async commit(checkpointId: string, seq: bigint, instructionId: string): Promise<CommittedCheckpoint> {
    this.assertOpen();
    await this.fh.sync();
    const entry: CommittedCheckpoint = {
      checkpointId,
      seq,
      offset: this.size,
      instructionId,
      committedAt: new Date().toISOString(),
    };
    const history = [...this.history, entry];
    // Keep the base entry (index 0) so that a fresh start always knows where the run began.
    if (history.length > HISTORY_LIMIT) history.splice(1, history.length - HISTORY_LIMIT);
    await this.writeHistory(history);
    return entry;
  }

  /** Releases the file. Uncommitted appends stay on disk until the next open cuts them. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    openPaths.delete(this.path);
    await this.fh.close();
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreError("destination.closed", `${this.path} is closed`, true);
  }

  private async cutTo(offset: number): Promise<void> {
    if (this.size === offset) return;
    await this.fh.truncate(offset);
    await this.fh.sync();
    this.size = offset;
  }

  // Atomic replace: write a temporary file, fsync it, rename it over the old one, fsync the
  // directory so that the rename itself survives a crash.
  private async writeHistory(history: CommittedCheckpoint[]): Promise<void> {
    const json: CheckpointFileJson = {
      version: FORMAT_VERSION,
      history: history.map((h) => ({
        checkpoint_id: h.checkpointId,
        seq: h.seq.toString(),
        offset: h.offset,
        instruction_id: h.instructionId,
        committed_at: h.committedAt,
      })),
    };
    const target = checkpointPath(this.path);
    const tmp = `${target}.tmp-${process.pid}`;
    const fh = await open(tmp, "w");
    try {
      await fh.writeFile(JSON.stringify(json, null, 1) + "\n", "utf8");
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, target);
    await fsyncDir(dirname(target));
    this.history = history;
  }
}
