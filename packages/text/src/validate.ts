import {
  ArgumentTypeError,
  checkOptions,
  describeValue,
  keysOnlySpec,
  type OptionConstraint,
} from "@neural-nmf/tensor";

export { describeValue };

/**
 * The text package's option checks, on top of the shared `checkOptions` of
 * `@neural-nmf/tensor`, so that every message has the same shape in every package
 * ("TextVectorizer: option `minDf` must be ...") and names the option in `error.argument`.
 */

/** One option checked against `constraint` by the shared checker; `fallback` when undefined. */
function checked<T>(
  value: unknown,
  fallback: T,
  constraint: OptionConstraint,
  where: string,
  option: string,
): T {
  if (value === undefined) return fallback;
  checkOptions({ [option]: value }, { [option]: constraint }, where);
  return value as T;
}

/** Rejects anything but a plain object (or `undefined`, read as "no options"). */
export function expectOptionsObject(
  value: unknown,
  where: string,
  argument = "options",
): Record<string, unknown> {
  if (
    value !== undefined &&
    (value === null || typeof value !== "object" || Array.isArray(value))
  ) {
    throw new ArgumentTypeError(
      `${where}: argument \`${argument}\` must be an object, got ${describeValue(value)}`,
      argument,
    );
  }
  return (value ?? {}) as Record<string, unknown>;
}

/** `value` as a boolean, `fallback` when undefined. */
export function expectBoolean(
  value: unknown,
  fallback: boolean,
  where: string,
  option: string,
): boolean {
  return checked(value, fallback, { kind: "boolean" }, where, option);
}

/** `value` as an integer ≥ `min`, `fallback` when undefined. */
export function expectInteger(
  value: unknown,
  fallback: number,
  min: number,
  where: string,
  option: string,
): number {
  return checked(value, fallback, { kind: "integer", min }, where, option);
}

/** `value` as one of `allowed`, `fallback` when undefined. */
export function expectOneOf<T extends string>(
  value: unknown,
  allowed: readonly T[],
  fallback: T,
  where: string,
  option: string,
): T {
  return checked(value, fallback, { kind: "enum", values: allowed }, where, option);
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
  checkOptions(options, keysOnlySpec(allowed), where);
}
