import { ArgumentTypeError, describeValue, ValueError } from "@neural-nmf/tensor";

export { describeValue };

/**
 * Small checks for user-supplied options. They exist so every message has the same shape
 * ("TextVectorizer: option `minDf` must be ...") and names the option in `error.argument`.
 */

/** Rejects anything but a plain object (or `undefined`, read as "no options"). */
export function expectOptionsObject(
  value: unknown,
  where: string,
  argument = "options",
): Record<string, unknown> {
  if (value === undefined) return {};
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new ArgumentTypeError(
      `${where}: argument \`${argument}\` must be an object, got ${describeValue(value)}`,
      argument,
    );
  }
  return value as Record<string, unknown>;
}

/** `value` as a boolean, `fallback` when undefined. */
export function expectBoolean(
  value: unknown,
  fallback: boolean,
  where: string,
  option: string,
): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== "boolean") {
    throw new ArgumentTypeError(
      `${where}: option \`${option}\` must be a boolean, got ${describeValue(value)}`,
      option,
    );
  }
  return value;
}

/** `value` as an integer ≥ `min`, `fallback` when undefined. */
export function expectInteger(
  value: unknown,
  fallback: number,
  min: number,
  where: string,
  option: string,
): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number") {
    throw new ArgumentTypeError(
      `${where}: option \`${option}\` must be an integer, got ${describeValue(value)}`,
      option,
    );
  }
  if (!Number.isInteger(value) || value < min) {
    throw new ValueError(
      `${where}: option \`${option}\` must be an integer ≥ ${min}, got ${value}`,
      option,
    );
  }
  return value;
}

/** `value` as one of `allowed`, `fallback` when undefined. */
export function expectOneOf<T extends string>(
  value: unknown,
  allowed: readonly T[],
  fallback: T,
  where: string,
  option: string,
): T {
  if (value === undefined) return fallback;
  if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
    const list = allowed.map((a) => `"${a}"`).join(", ");
    throw new ValueError(
      `${where}: option \`${option}\` must be one of ${list}, got ${typeof value === "string" ? `"${value}"` : describeValue(value)}`,
      option,
    );
  }
  return value as T;
}

/**
 * The strings of an iterable (an array, a `Set`, ...). A bare string is refused although it is
 * iterable, because spreading "the" into "t", "h", "e" is never what the caller meant.
 */
export function expectWordList(value: unknown, where: string, option: string): string[] {
  const iterable =
    value !== null &&
    typeof value === "object" &&
    typeof (value as Iterable<unknown>)[Symbol.iterator] === "function";
  if (!iterable) {
    throw new ArgumentTypeError(
      `${where}: option \`${option}\` must be an iterable of strings, got ${describeValue(value)}`,
      option,
    );
  }
  const out: string[] = [];
  for (const w of value as Iterable<unknown>) {
    if (typeof w !== "string") {
      throw new ArgumentTypeError(
        `${where}: option \`${option}\` holds ${describeValue(w)}, expected only strings`,
        option,
      );
    }
    out.push(w);
  }
  return out;
}

/**
 * Refuses option names outside `allowed`. Silently ignoring them would let a scikit-learn habit
 * such as `min_df` or a typo pass unnoticed and change the results.
 */
export function expectKnownKeys(
  options: Record<string, unknown>,
  allowed: readonly string[],
  where: string,
): void {
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) {
      throw new ValueError(
        `${where}: unknown option \`${key}\` (known: ${allowed.join(", ")})`,
        key,
      );
    }
  }
}
