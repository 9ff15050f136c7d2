/**
 * Declarative checks of option objects, in the manner of scikit-learn's parameter constraints:
 * a package lists each option's constraint once, and {@link checkOptions} refuses unknown keys
 * and out-of-range values with a typed error naming the option, before anything runs.
 * @module
 */
import { ArgumentTypeError, NonFiniteError, ValueError } from "../errors.js";
import { describeValue } from "./describe.js";

/** What one option may hold. */
export type OptionConstraint =
  | { readonly kind: "integer"; readonly min?: number; readonly max?: number }
  | {
      readonly kind: "number";
      readonly min?: number;
      readonly max?: number;
      /** The minimum itself is excluded. */
      readonly exclusiveMin?: boolean;
      /** The maximum itself is excluded. */
      readonly exclusiveMax?: boolean;
    }
  | { readonly kind: "boolean" }
  | { readonly kind: "string" }
  | { readonly kind: "enum"; readonly values: readonly unknown[] }
  /** Anything else: checked by the owner (only its presence as a known key is checked here). */
  | { readonly kind: "any" }
  /**
   * An option that no longer exists: giving it (with any value) fails with this migration advice,
   * so old code learns what to write instead. A function gets the value passed.
   */
  | { readonly kind: "removed"; readonly advice: string | ((value: unknown) => string) }
  /** Several acceptable forms: the value must satisfy one of them. */
  | { readonly kind: "oneOf"; readonly options: readonly OptionConstraint[] };

/** The constraints of every known option, by name. */
export type OptionSpec = Readonly<Record<string, OptionConstraint>>;

function describeConstraint(c: OptionConstraint): string {
  switch (c.kind) {
    case "integer":
      return `an integer${range(c.min, c.max)}`;
    case "number":
      return `a finite number${c.exclusiveMin ? ` > ${c.min}` : ""}${c.exclusiveMax ? ` < ${c.max}` : ""}${range(
        c.exclusiveMin ? undefined : c.min,
        c.exclusiveMax ? undefined : c.max,
      )}`;
    case "boolean":
      return "true or false";
    case "string":
      return "a string";
    case "enum":
      return c.values.map((v) => (typeof v === "string" ? `"${v}"` : String(v))).join(", ");
    case "any":
    case "removed":
      return "a value";
    case "oneOf":
      return c.options.map(describeConstraint).join(", or ");
  }
}

function range(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return ` from ${min} to ${max}`;
  if (min !== undefined) return ` ≥ ${min}`;
  if (max !== undefined) return ` ≤ ${max}`;
  return "";
}

/** Whether `value` satisfies `c` (the type and the range). */
export function satisfies(value: unknown, c: OptionConstraint): boolean {
  switch (c.kind) {
    case "integer":
      return (
        typeof value === "number" &&
        Number.isInteger(value) &&
        (c.min === undefined || value >= c.min) &&
        (c.max === undefined || value <= c.max)
      );
    case "number":
      return (
        typeof value === "number" &&
        Number.isFinite(value) &&
        (c.min === undefined || (c.exclusiveMin ? value > c.min : value >= c.min)) &&
        (c.max === undefined || (c.exclusiveMax ? value < c.max : value <= c.max))
      );
    case "boolean":
      return typeof value === "boolean";
    case "string":
      return typeof value === "string";
    case "enum":
      return c.values.includes(value);
    case "any":
      return true;
    case "removed":
      return false;
    case "oneOf":
      return c.options.some((o) => satisfies(value, o));
  }
}

/** Whether `c` asks for a number (so that NaN or ±Infinity is a non-finite number, not a wrong choice). */
function expectsNumber(c: OptionConstraint): boolean {
  if (c.kind === "integer" || c.kind === "number") return true;
  return c.kind === "oneOf" && c.options.some(expectsNumber);
}

/** The options a spec accepts (the removed ones are not offered). */
function knownOptions(spec: OptionSpec): string {
  return Object.keys(spec)
    .filter((k) => spec[k]?.kind !== "removed")
    .join(", ");
}

/**
 * The spec of an owner that checks every value itself: the `allowed` keys accept anything, the
 * `removed` ones fail with their advice. For {@link checkOptions}.
 */
export function keysOnlySpec(
  allowed: readonly string[],
  removed: Readonly<Record<string, string | ((value: unknown) => string)>> = {},
): OptionSpec {
  const spec: Record<string, OptionConstraint> = {};
  for (const key of allowed) spec[key] = { kind: "any" };
  for (const [key, advice] of Object.entries(removed)) spec[key] = { kind: "removed", advice };
  return spec;
}

/** Whether `value` has the JavaScript type `c` asks for (a number, a boolean, a string). */
function hasRightType(value: unknown, c: OptionConstraint): boolean {
  switch (c.kind) {
    case "integer":
    case "number":
      return typeof value === "number";
    case "boolean":
      return typeof value === "boolean";
    case "string":
      return typeof value === "string";
    case "oneOf":
      return c.options.some((o) => hasRightType(value, o));
    default:
      return true;
  }
}

/**
 * Checks an option object against its spec and returns it typed: it must be a plain object (or
 * undefined, giving `{}`), hold only known keys, and every value present must satisfy its
 * constraint. `undefined` values count as absent.
 *
 * @param where - the function or class, for messages (`"NeuralNMF"`, `"fit"`).
 * @throws {@link ArgumentTypeError} when `options` is not an object or a value has the wrong
 *   JavaScript type (a string where a number is expected); {@link ValueError} for an unknown
 *   option (listing the known ones) or a value out of range; {@link NonFiniteError} for NaN or
 *   ±Infinity where a number is expected. Each error's `argument` is the option's name.
 */
export function checkOptions<T extends object>(
  options: unknown,
  spec: OptionSpec,
  where: string,
): Partial<T> {
  if (options === undefined) return {};
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw new ArgumentTypeError(
      `${where}: options must be an object, got ${describeValue(options)}`,
      "options",
    );
  }
  for (const [key, value] of Object.entries(options)) {
    const c = spec[key];
    if (c === undefined || !Object.hasOwn(spec, key)) {
      throw new ValueError(
        `${where}: unknown option \`${key}\` (known: ${knownOptions(spec)})`,
        key,
      );
    }
    if (c.kind === "removed") {
      const advice = typeof c.advice === "string" ? c.advice : c.advice(value);
      throw new ValueError(`${where}: ${advice}`, key);
    }
    if (value === undefined || satisfies(value, c)) continue;
    if (!hasRightType(value, c)) {
      throw new ArgumentTypeError(
        `${where}: option \`${key}\` must be ${describeConstraint(c)}, got ${describeValue(value)}`,
        key,
      );
    }
    if (typeof value === "number" && !Number.isFinite(value) && expectsNumber(c)) {
      throw new NonFiniteError(
        `${where}: option \`${key}\` must be ${describeConstraint(c)}, got ${describeValue(value)}`,
        key,
      );
    }
    throw new ValueError(
      `${where}: option \`${key}\` must be ${describeConstraint(c)}, got ${describeValue(value)}`,
      key,
    );
  }
  return options as Partial<T>;
}
