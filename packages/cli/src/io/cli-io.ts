import type { ProgressStream } from "../progress.js";

/** The streams a command writes to; `process.stdout` / `process.stderr` in the binary. */
export interface CliIo {
  /** Results: summaries, the topic tree, the `--json` line. */
  readonly stdout: { write(chunk: string): unknown };
  /** Progress and error messages. */
  readonly stderr: ProgressStream;
}
