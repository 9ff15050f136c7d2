import { parseArgs } from "node:util";
import { UsageError } from "./errors.js";

/** One `--option` of a command. */
export interface OptionSpec {
  /** `"string"` options take a value, `"boolean"` ones are flags. */
  readonly type: "string" | "boolean";
  /** One-letter alias, e.g. `"o"` for `-o`. */
  readonly short?: string;
  /** Placeholder of the value in the help text, e.g. `"FILE"`. */
  readonly value?: string;
  /** One-line description for the help text. */
  readonly help: string;
  /** Heading the option is listed under in the help text. */
  readonly group?: string;
}

/** A command's arguments, options and help text. */
export interface CommandSpec {
  /** Command name, e.g. `"fit"`. */
  readonly name: string;
  /** A short line for the top-level help's list of commands. */
  readonly brief: string;
  /** What the command does (the paragraph under the usage line of its help). */
  readonly summary: string;
  /** Positional arguments, in order; all are required. */
  readonly positionals: readonly { readonly name: string; readonly help: string }[];
  /** Required options, shown in the usage line (e.g. `--ranks K1,K2,...`). */
  readonly usageOptions?: string;
  /** Options by long name (without `--`). `--help` is added automatically. */
  readonly options: Readonly<Record<string, OptionSpec>>;
  /** Example command lines. */
  readonly examples?: readonly string[];
  /** Paragraphs printed after the options. */
  readonly notes?: readonly string[];
}

/** The result of {@link parseCommand}. */
export interface ParsedCommand {
  /** `true` when `--help` / `-h` was given; nothing else is checked then. */
  readonly help: boolean;
  /** Option values by long name; absent options are undefined. */
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  /** Positional arguments, exactly as many as the spec declares. */
  readonly positionals: readonly string[];
}

/**
 * Parses a command's arguments with `util.parseArgs` (strict: unknown options and missing values
 * are errors) and checks the number of positional arguments.
 *
 * @throws {@link UsageError} with a one-line message naming the problem, and a suggestion for a
 *   misspelt option (`unknown option '--epoch' (did you mean --epochs?)`).
 */
export function parseCommand(spec: CommandSpec, argv: readonly string[]): ParsedCommand {
  const end = argv.indexOf("--");
  const head = end < 0 ? argv : argv.slice(0, end);
  if (head.includes("--help") || head.includes("-h")) {
    return { help: true, values: {}, positionals: [] };
  }
  const options: Record<string, { type: "string" | "boolean"; short?: string }> = {};
  for (const [name, o] of Object.entries(spec.options)) {
    options[name] = o.short === undefined ? { type: o.type } : { type: o.type, short: o.short };
  }
  let parsed: { values: Record<string, unknown>; positionals: string[]; tokens: Token[] };
  try {
    parsed = parseArgs({
      args: [...argv],
      options,
      allowPositionals: true,
      strict: true,
      tokens: true,
    });
  } catch (error) {
    throw translateParseArgsError(error, spec);
  }
  checkRepeats(spec, parsed.tokens);
  const want = spec.positionals;
  const got = parsed.positionals;
  if (got.length < want.length) {
    const missing = want
      .slice(got.length)
      .map((p) => p.name)
      .join(" ");
    throw new UsageError(`${spec.name}: missing ${missing}`, spec.name);
  }
  if (got.length > want.length) {
    throw new UsageError(`${spec.name}: unexpected argument '${got[want.length]}'`, spec.name);
  }
  return {
    help: false,
    values: parsed.values as Record<string, string | boolean | undefined>,
    positionals: got,
  };
}

/** One token of `util.parseArgs` with `tokens: true`; only options matter here. */
type Token = { kind: string; name?: string; rawName?: string };

/**
 * Refuses an option given more than once. `util.parseArgs` keeps the last value silently, so
 * `--ranks 9,4,2 ... --ranks 3,2` (a pasted command line, a shell alias plus a flag) would
 * train a different model than the first value says. No option is repeatable; a flag given
 * twice is refused too, as it is most likely a mistake as well.
 * @throws {@link UsageError} `fit: --ranks given twice; give it once`.
 */
function checkRepeats(spec: CommandSpec, tokens: readonly Token[]): void {
  const seen = new Map<string, string[]>();
  for (const t of tokens) {
    if (t.kind !== "option" || t.name === undefined) continue;
    const raw = seen.get(t.name) ?? [];
    raw.push(t.rawName ?? `--${t.name}`);
    seen.set(t.name, raw);
  }
  for (const [name, raw] of seen) {
    if (raw.length < 2) continue;
    const times = raw.length === 2 ? "twice" : `${raw.length} times`;
    const spellings = [...new Set(raw)];
    const as = spellings.length > 1 ? ` (as ${spellings.join(" and ")})` : "";
    throw new UsageError(`${spec.name}: --${name} given ${times}${as}; give it once`, spec.name);
  }
}

function translateParseArgsError(error: unknown, spec: CommandSpec): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  const quoted = /(--[\w-]+)/.exec(message)?.[1] ?? /'(-[^' ,]*)/.exec(message)?.[1];
  const where = spec.name;
  switch (code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION": {
      const option = quoted ?? "?";
      const guess = suggest(option.replace(/^-+/, ""), Object.keys(spec.options).concat("help"));
      const hint = guess === undefined ? "" : ` (did you mean --${guess}?)`;
      return new UsageError(`${where}: unknown option '${option}'${hint}`, where);
    }
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE": {
      const option = quoted ?? "?";
      if (/does not take an argument/.test(message)) {
        return new UsageError(`${where}: option '${option}' does not take a value`, where);
      }
      if (/ambiguous/.test(message)) {
        return new UsageError(
          `${where}: option '${option}' needs a value (to pass a value starting with '-', write ${option}=VALUE)`,
          where,
        );
      }
      return new UsageError(`${where}: option '${option}' needs a value`, where);
    }
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return new UsageError(`${where}: unexpected argument`, where);
    default:
      return new UsageError(`${where}: ${message.split("\n")[0]}`, where);
  }
}

/**
 * The candidate closest to `word` by edit distance, when close enough to be a likely typo
 * (distance at most 2, or a prefix); undefined otherwise.
 */
export function suggest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const d = c.startsWith(word) && word.length >= 2 ? 1 : editDistance(word, c);
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  return bestDistance <= Math.min(2, Math.max(1, Math.floor(word.length / 2))) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] as number;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(above + 1, (row[j - 1] as number) + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return row[b.length] as number;
}

/**
 * Typed access to parsed option values. Every accessor returns `undefined` for an absent option
 * and throws a {@link UsageError} naming the option for a malformed value.
 */
export class OptionReader {
  readonly #command: string;
  readonly #values: Readonly<Record<string, string | boolean | undefined>>;

  /**
   * @param command - the command name, for messages and the `--help` hint.
   * @param values - the values from {@link parseCommand}.
   */
  constructor(command: string, values: Readonly<Record<string, string | boolean | undefined>>) {
    this.#command = command;
    this.#values = values;
  }

  /** Whether the option was given at all. */
  has(name: string): boolean {
    return this.#values[name] !== undefined;
  }

  /** A flag's value (`false` when absent). */
  flag(name: string): boolean {
    return this.#values[name] === true;
  }

  /** A string option's raw value; an empty value is refused. */
  string(name: string): string | undefined {
    const v = this.#values[name];
    if (v === undefined) return undefined;
    if (typeof v !== "string" || v.trim() === "") this.fail(name, "needs a value");
    return v;
  }

  /** An integer within `[min, max]`. */
  integer(name: string, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
    const v = this.string(name);
    if (v === undefined) return undefined;
    const n = /^[+-]?\d+$/.test(v.trim()) ? Number(v) : Number.NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      const range =
        max === Number.MAX_SAFE_INTEGER
          ? min === 1
            ? "a positive integer"
            : `an integer ≥ ${min}`
          : `an integer from ${min} to ${max}`;
      this.fail(name, `must be ${range}, got '${v}'`);
    }
    return n;
  }

  /**
   * A finite number; `positive` refuses 0 as well as negative values, `max` (default: any finite
   * number) caps it.
   */
  number(
    name: string,
    bound: "nonnegative" | "positive",
    max = Number.MAX_VALUE,
  ): number | undefined {
    const v = this.string(name);
    if (v === undefined) return undefined;
    const trimmed = v.trim();
    const n = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed)
      ? Number(trimmed)
      : Number.NaN;
    const ok = Number.isFinite(n) && (bound === "positive" ? n > 0 : n >= 0) && n <= max;
    if (!ok) {
      const kind = bound === "positive" ? "positive" : "non-negative";
      const most = max === Number.MAX_VALUE ? "" : ` of at most ${max}`;
      this.fail(name, `must be a ${kind} number${most}, got '${v}'`);
    }
    return n;
  }

  /** One of `choices`. */
  choice<T extends string>(name: string, choices: readonly T[]): T | undefined {
    const v = this.string(name);
    if (v === undefined) return undefined;
    if (!(choices as readonly string[]).includes(v)) {
      const guess = suggest(v, choices);
      const hint = guess === undefined ? "" : ` (did you mean '${guess}'?)`;
      this.fail(name, `must be one of ${choices.join(", ")}, got '${v}'${hint}`);
    }
    return v as T;
  }

  /** Layer ranks such as `9,4,2`: positive integers, strictly decreasing. */
  ranks(name: string): number[] | undefined {
    const v = this.string(name);
    if (v === undefined) return undefined;
    const parts = v.split(",").map((p) => p.trim());
    const ranks = parts.map((p) => (/^\d+$/.test(p) ? Number(p) : Number.NaN));
    ranks.forEach((r, l) => {
      if (!Number.isSafeInteger(r) || r < 1) {
        this.fail(
          name,
          `must be positive integers separated by commas, such as 9,4,2; '${parts[l]}' in '${v}' is not`,
        );
      }
      const previous = ranks[l - 1];
      if (previous !== undefined && r >= previous) {
        this.fail(
          name,
          `must decrease strictly from layer to layer, got ${previous} then ${r} in '${v}'`,
        );
      }
    });
    return ranks;
  }

  /**
   * A document-frequency bound for the vectoriser: an integer is a document count (`2`), a
   * number with a decimal point or a percentage a proportion (`0.95`, `1.0`, `95%`).
   */
  documentFrequency(name: string): number | { proportion: number } | undefined {
    const v = this.string(name);
    if (v === undefined) return undefined;
    const t = v.trim();
    if (/^\d+$/.test(t)) return Number(t);
    let p = Number.NaN;
    if (/^(\d+\.?\d*|\.\d+)%$/.test(t)) p = Number(t.slice(0, -1)) / 100;
    else if (/^(\d+\.\d*|\.\d+)$/.test(t)) p = Number(t);
    if (!(p >= 0 && p <= 1)) {
      this.fail(
        name,
        `must be a document count (e.g. 2) or a proportion (e.g. 0.95 or 95%), got '${v}'`,
      );
    }
    return p > 0 && p < 1 ? p : { proportion: p };
  }

  /** Throws a {@link UsageError} about option `name`. */
  fail(name: string, problem: string): never {
    throw new UsageError(`${this.#command}: --${name} ${problem}`, this.#command);
  }
}

/** The help text of a command, generated from its spec. */
export function formatHelp(spec: CommandSpec, width = 80): string {
  const usage = [
    `neural-nmf ${spec.name}`,
    ...spec.positionals.map((p) => `<${p.name}>`),
    ...(spec.usageOptions === undefined ? [] : [spec.usageOptions]),
    "[options]",
  ].join(" ");
  const lines = [`Usage: ${usage}`, "", wrap(spec.summary, width, 0)];
  const rows: [string, string, string][] = spec.positionals.map((p) => [
    "Arguments",
    `<${p.name}>`,
    p.help,
  ]);
  for (const [name, o] of Object.entries(spec.options)) {
    const flag = `${o.short === undefined ? "    " : `-${o.short}, `}--${name}${o.value === undefined ? "" : ` ${o.value}`}`;
    rows.push([o.group ?? "Options", flag, o.help]);
  }
  rows.push(["Options", "-h, --help", "show this help"]);
  const column = Math.min(30, Math.max(...rows.map((r) => r[1].length)) + 4);
  const groups = [...new Set(rows.map((r) => r[0]))];
  for (const group of groups) {
    lines.push("", `${group}:`);
    for (const [g, left, help] of rows) {
      if (g !== group) continue;
      const head = `  ${left}`;
      if (head.length + 2 > column) {
        lines.push(head, wrap(help, width, column));
      } else {
        lines.push(head.padEnd(column) + wrap(help, width, column).slice(column));
      }
    }
  }
  for (const note of spec.notes ?? []) lines.push("", wrap(note, width, 0));
  if (spec.examples !== undefined && spec.examples.length > 0) {
    lines.push("", "Examples:", ...spec.examples.map((e) => `  ${e}`));
  }
  return `${lines.join("\n")}\n`;
}

/** Word-wraps `text` to `width` columns, every line indented by `indent` spaces. */
export function wrap(text: string, width: number, indent: number): string {
  const pad = " ".repeat(indent);
  const out: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter((w) => w !== "")) {
    if (line !== "" && pad.length + line.length + 1 + word.length > width) {
      out.push(pad + line);
      line = word;
    } else {
      line = line === "" ? word : `${line} ${word}`;
    }
  }
  out.push(pad + line);
  return out.join("\n");
}
