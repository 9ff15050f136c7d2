import { formatDuration, formatNumber } from "./format.js";
import type { InputProgress } from "./io/read-input.js";

/** Where progress is written: `process.stderr`, or anything with `write`. */
export interface ProgressStream {
  write(chunk: string): unknown;
  /** A terminal gets a bar redrawn in place; anything else gets plain lines. */
  readonly isTTY?: boolean;
  /** Terminal width (default 80). */
  readonly columns?: number;
}

/** What one epoch reports (a subset of the model's `EpochInfo`). */
export interface ProgressTick {
  readonly epoch: number;
  readonly loss: number;
  readonly elapsedMs: number;
}

/** Options of {@link Progress}. */
export interface ProgressOptions {
  readonly stream: ProgressStream;
  /** The epoch limit (`--epochs`). */
  readonly maxEpochs: number;
  /** The time budget (`--time-budget`), if any: the bar also fills with time. */
  readonly timeBudgetMs?: number;
  /** `"bar"` (default on a TTY), `"lines"` (default otherwise) or `"off"` (`--quiet`). */
  readonly mode?: "bar" | "lines" | "off";
  /** Epochs between plain lines (default: a tenth of `maxEpochs`). */
  readonly every?: number;
  /** Longest silence in plain-line mode, in ms (default 5000). */
  readonly maxSilenceMs?: number;
  /** Shortest interval between bar redraws, in ms (default 100). */
  readonly redrawMs?: number;
}

/**
 * Training progress on stderr: on a terminal a single line redrawn in place
 * (`epoch 120/1000 [████░░░░] 12%  loss 1.2346  0.84s`), elsewhere a plain line every tenth of
 * the epochs (and at least every 5 s), so logs stay readable.
 */
export class Progress {
  readonly #o: Required<Omit<ProgressOptions, "timeBudgetMs">> & { timeBudgetMs?: number };
  #lastDraw = Number.NEGATIVE_INFINITY;
  #lastLineEpoch = 0;
  #last: ProgressTick | null = null;
  #barShown = false;

  constructor(options: ProgressOptions) {
    const mode = options.mode ?? (options.stream.isTTY ? "bar" : "lines");
    this.#o = {
      stream: options.stream,
      maxEpochs: options.maxEpochs,
      mode,
      every: options.every ?? Math.max(1, Math.round(options.maxEpochs / 10)),
      maxSilenceMs: options.maxSilenceMs ?? 5000,
      redrawMs: options.redrawMs ?? 100,
      ...(options.timeBudgetMs === undefined ? {} : { timeBudgetMs: options.timeBudgetMs }),
    };
  }

  /** A status message before training starts (initialisation can take a moment). */
  status(message: string): void {
    const { mode, stream } = this.#o;
    if (mode === "off") return;
    if (mode === "bar") {
      stream.write(`\r${this.#fit(message)}\x1b[K`);
      this.#barShown = true;
    } else {
      stream.write(`${message}\n`);
    }
  }

  /** Reports one epoch; draws only when due. */
  update(tick: ProgressTick): void {
    this.#last = tick;
    const { mode, stream } = this.#o;
    if (mode === "off") return;
    if (mode === "bar") {
      if (tick.elapsedMs - this.#lastDraw < this.#o.redrawMs && tick.epoch > 1) return;
      this.#lastDraw = tick.elapsedMs;
      stream.write(`\r${this.#bar(tick)}\x1b[K`);
      this.#barShown = true;
      return;
    }
    const due =
      tick.epoch % this.#o.every === 0 || tick.elapsedMs - this.#lastDraw >= this.#o.maxSilenceMs;
    if (due) this.#line(tick);
  }

  /** Draws the final state and ends the bar's line. */
  finish(): void {
    const { mode, stream } = this.#o;
    const last = this.#last;
    if (mode === "bar") {
      if (last !== null) stream.write(`\r${this.#bar(last)}\x1b[K`);
      if (this.#barShown || last !== null) stream.write("\n");
    } else if (mode === "lines" && last !== null && last.epoch !== this.#lastLineEpoch) {
      this.#line(last);
    }
  }

  /** Clears the bar (before an error message is printed on the same stream). */
  abort(): void {
    if (this.#o.mode === "bar" && this.#barShown) this.#o.stream.write("\r\x1b[K");
  }

  #line(tick: ProgressTick): void {
    this.#lastDraw = tick.elapsedMs;
    this.#lastLineEpoch = tick.epoch;
    this.#o.stream.write(
      `epoch ${tick.epoch}/${this.#o.maxEpochs}  loss ${formatNumber(tick.loss)}  elapsed ${formatDuration(tick.elapsedMs)}\n`,
    );
  }

  #bar(tick: ProgressTick): string {
    const { maxEpochs, timeBudgetMs } = this.#o;
    let fraction = tick.epoch / maxEpochs;
    if (timeBudgetMs !== undefined && timeBudgetMs > 0) {
      fraction = Math.max(fraction, tick.elapsedMs / timeBudgetMs);
    }
    fraction = Math.min(1, Math.max(0, fraction));
    const width = String(maxEpochs).length;
    const head = `epoch ${String(tick.epoch).padStart(width)}/${maxEpochs} `;
    const tail = ` ${String(Math.floor(fraction * 100)).padStart(3)}%  loss ${formatNumber(tick.loss)}  ${formatDuration(tick.elapsedMs)}`;
    const room = (this.#o.stream.columns || 80) - 1 - head.length - tail.length - 2;
    if (room < 5) return this.#fit(`${head.trimEnd()}${tail}`);
    const barWidth = Math.min(30, room);
    const filled = Math.round(fraction * barWidth);
    return `${head}[${"█".repeat(filled)}${"░".repeat(barWidth - filled)}]${tail}`;
  }

  #fit(text: string): string {
    const columns = (this.#o.stream.columns || 80) - 1;
    return text.length > columns ? text.slice(0, Math.max(0, columns)) : text;
  }
}

/** Options of {@link TaskProgress}. */
export interface TaskProgressOptions {
  /** Where to draw: stderr; its `isTTY` chooses the default mode. */
  readonly stream: ProgressStream;
  /** What is being done, first on the line: `"Reading data.mtx"`, `"Vectorising"`. */
  readonly label: string;
  /**
   * `"bar"` (default on a TTY) redraws one line in place; `"off"` (default otherwise, and for
   * `--quiet`) writes nothing, so logs and pipes only see the results.
   */
  readonly mode?: "bar" | "off";
  /** Shortest interval between redraws, in ms (default 100). */
  readonly redrawMs?: number;
  /**
   * Nothing is drawn before this many ms have passed (default 200), so quick steps leave no
   * trace on the terminal.
   */
  readonly showAfterMs?: number;
  /** The clock, in ms (default `performance.now`); tests pass a fake one. */
  readonly now?: () => number;
}

/**
 * Progress of a step before training, such as reading the input or vectorising text, on
 * stderr: on a terminal one line redrawn in place,
 * `Reading data.mtx [██████░░░░░░]  42%  39.4/93.8 MB, 2,950,113 entries  1.21s`, left on screen
 * with its final state by {@link TaskProgress.finish} (when the step took long enough to be
 * shown at all); elsewhere nothing.
 */
export class TaskProgress {
  readonly #stream: ProgressStream;
  readonly #label: string;
  readonly #mode: "bar" | "off";
  readonly #redrawMs: number;
  readonly #showAfterMs: number;
  readonly #now: () => number;
  readonly #started: number;
  #lastDraw = Number.NEGATIVE_INFINITY;
  #shown = false;
  #last: { done: number; total: number | undefined; detail: string } | null = null;

  constructor(options: TaskProgressOptions) {
    this.#stream = options.stream;
    this.#label = options.label;
    this.#mode = options.mode ?? (options.stream.isTTY ? "bar" : "off");
    this.#redrawMs = options.redrawMs ?? 100;
    this.#showAfterMs = options.showAfterMs ?? 200;
    this.#now = options.now ?? (() => performance.now());
    this.#started = this.#now();
  }

  /**
   * Reports `done` of `total` (the bar and percentage are left out when `total` is unknown),
   * with `detail` after them (`"39.4/93.8 MB, 2,950,113 entries"`); draws only when due.
   */
  update(done: number, total: number | undefined, detail = ""): void {
    if (this.#mode === "off") return;
    this.#last = { done, total, detail };
    const now = this.#now();
    if (now - this.#started < this.#showAfterMs || now - this.#lastDraw < this.#redrawMs) return;
    this.#lastDraw = now;
    this.#draw(now);
  }

  /** Draws the final state and ends the line, if anything was shown. */
  finish(): void {
    if (this.#mode === "off" || !this.#shown) return;
    this.#draw(this.#now());
    this.#stream.write("\n");
    this.#shown = false;
  }

  /** Clears the line (before an error message is printed on the same stream). */
  abort(): void {
    if (this.#mode === "bar" && this.#shown) this.#stream.write("\r\x1b[K");
    this.#shown = false;
  }

  #draw(now: number): void {
    const last = this.#last;
    if (last === null) return;
    this.#stream.write(`\r${this.#line(last.done, last.total, last.detail, now)}\x1b[K`);
    this.#shown = true;
  }

  #line(done: number, total: number | undefined, detail: string, now: number): string {
    const columns = (this.#stream.columns || 80) - 1;
    const elapsed = formatDuration(now - this.#started);
    const info = detail === "" ? "" : `  ${detail}`;
    let line: string;
    if (total === undefined || total <= 0) {
      line = `${this.#label}${info}  ${elapsed}`;
    } else {
      const fraction = Math.min(1, Math.max(0, done / total));
      const head = `${this.#label} `;
      const tail = ` ${String(Math.floor(fraction * 100)).padStart(3)}%${info}  ${elapsed}`;
      // A fixed width, so the bar does not jump as the numbers after it grow.
      const barWidth = Math.min(20, columns - head.length - tail.length - 2);
      if (barWidth < 5) {
        line = `${this.#label}${tail}`;
      } else {
        const filled = Math.round(fraction * barWidth);
        line = `${head}[${"█".repeat(filled)}${"░".repeat(barWidth - filled)}]${tail}`;
      }
    }
    return line.length > columns ? line.slice(0, Math.max(0, columns)) : line;
  }
}

/**
 * Runs `task` with a {@link TaskProgress}: finishes it when the task returns, clears it when
 * the task throws (so the error message starts on a clean line).
 */
export function withTaskProgress<T>(
  options: TaskProgressOptions,
  task: (progress: TaskProgress) => T,
): T {
  const progress = new TaskProgress(options);
  let result: T;
  try {
    result = task(progress);
  } catch (error) {
    progress.abort();
    throw error;
  }
  progress.finish();
  return result;
}

/** A byte count: `812 B`, `64.0 kB`, `93.8 MB`, `1.25 GB` (powers of 1000). */
export function formatBytes(bytes: number): string {
  if (bytes < 1e3) return `${bytes} B`;
  if (bytes < 1e6) return `${(bytes / 1e3).toFixed(1)} kB`;
  if (bytes < 1e9) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${(bytes / 1e9).toFixed(2)} GB`;
}

/** An integer with thousands separators: `2,950,113`. */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** `readInput`'s progress as a {@link TaskProgress} line: bytes of the size, then the count. */
export function inputProgress(progress: TaskProgress): (p: InputProgress) => void {
  return (p) => {
    if (p.unit === "files") {
      progress.update(p.done, p.total, `${formatCount(p.done)}/${formatCount(p.total ?? 0)} files`);
      return;
    }
    const bytes =
      p.total === undefined
        ? formatBytes(p.done)
        : `${formatBytes(p.done)} of ${formatBytes(p.total)}`;
    const noun = p.items !== 1 ? p.itemName : p.itemName === "entries" ? "entry" : "document";
    progress.update(p.done, p.total, `${bytes}, ${formatCount(p.items)} ${noun}`);
  };
}

/** The vectoriser's `onProgress` as a {@link TaskProgress} line: documents done of the total. */
export function documentProgress(progress: TaskProgress): (done: number, total: number) => void {
  return (done, total) =>
    progress.update(done, total, `${formatCount(done)}/${formatCount(total)} documents`);
}
