import { ArgumentTypeError, ValueError } from "@neural-nmf/tensor";

/**
 * Small checks for user-supplied arguments of the Brown corpus helpers, so every message has the
 * same shape ("loadBrown: option `genres` must be ...") and names the argument in
 * `error.argument`. (The same helpers as in `@neural-nmf/text`; copied, not imported, so this
 * package does not depend on the text package.)
 */

/** A short description of a value's type for error messages ("a string", "null", "an array"). */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "number") return Number.isNaN(value) ? "NaN" : `the number ${value}`;
  if (typeof value === "string") return "a string";
  return `a value of type ${typeof value}`;
}

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

/** Refuses option names outside `allowed` (a typo would otherwise pass unnoticed). */
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
