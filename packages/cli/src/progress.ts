import { formatDuration, formatNumber } from "./format.js";

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
