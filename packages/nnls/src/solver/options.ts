/**
 * Validation of the solver options (internal).
 * @internal
 */
import {
  ArgumentTypeError,
  formatShape,
  NonFiniteError,
  ShapeError,
  Tensor,
  ValueError,
} from "@neural-nmf/tensor";
import { type CoreOptions, DEFAULT_TOLERANCE, defaultMaxIterations } from "./core.js";
import type { NnlsMethod, NnlsOptions } from "./types.js";

const KNOWN = new Set(["initial", "tolerance", "maxIterations", "method"]);
const METHODS: readonly NnlsMethod[] = ["auto", "bpp", "active-set"];

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (value instanceof Tensor) return `a Tensor of shape ${formatShape(value.shape)}`;
  if (typeof value === "object") {
    return `an object (${(value as object).constructor?.name ?? "Object"})`;
  }
  return `${typeof value} ${String(value)}`;
}

/**
 * Checks `options` and converts them for a k×n problem.
 * @throws {@link ArgumentTypeError} for a non-object or an option of the wrong type,
 *   {@link ValueError} for an unknown option or a value out of range, {@link ShapeError} for a
 *   warm start of the wrong size, {@link NonFiniteError} for a warm start holding NaN/±Infinity.
 * @internal
 */
export function parseOptions(
  options: NnlsOptions | undefined,
  k: number,
  n: number,
  where: string,
): CoreOptions {
  const out: CoreOptions = {
    tolerance: DEFAULT_TOLERANCE,
    maxIterations: defaultMaxIterations(k),
    method: "auto",
    initial: null,
  };
  if (options === undefined) return out;
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw new ArgumentTypeError(
      `${where}: argument \`options\` must be an object, got ${describe(options)}`,
      "options",
    );
  }
  for (const key of Object.keys(options)) {
    if (!KNOWN.has(key)) {
      throw new ValueError(
        `${where}: unknown option \`${key}\` (known: ${[...KNOWN].join(", ")})`,
        `options.${key}`,
      );
    }
  }
  const { tolerance, maxIterations, method, initial } = options;
  if (tolerance !== undefined) {
    if (typeof tolerance !== "number") {
      throw new ArgumentTypeError(
        `${where}: option \`tolerance\` must be a number, got ${describe(tolerance)}`,
        "options.tolerance",
      );
    }
    if (!(tolerance > 0 && tolerance < 1)) {
      throw new ValueError(
        `${where}: option \`tolerance\` must be in (0, 1), got ${tolerance}`,
        "options.tolerance",
      );
    }
    out.tolerance = tolerance;
  }
  if (maxIterations !== undefined) {
    if (typeof maxIterations !== "number") {
      throw new ArgumentTypeError(
        `${where}: option \`maxIterations\` must be a number, got ${describe(maxIterations)}`,
        "options.maxIterations",
      );
    }
    if (!Number.isInteger(maxIterations) || maxIterations < 1 || maxIterations > 2 ** 30) {
      throw new ValueError(
        `${where}: option \`maxIterations\` must be an integer in [1, 2^30], got ${maxIterations}`,
        "options.maxIterations",
      );
    }
    out.maxIterations = maxIterations;
  }
  if (method !== undefined) {
    if (!METHODS.includes(method)) {
      throw new ValueError(
        `${where}: option \`method\` must be one of ${METHODS.map((m) => `"${m}"`).join(", ")}, got ${describe(method)}`,
        "options.method",
      );
    }
    out.method = method;
  }
  if (initial !== undefined) out.initial = parseInitial(initial, k, n, where);
  return out;
}

function parseInitial(initial: unknown, k: number, n: number, where: string): Uint8Array {
  const arg = "options.initial";
  const mask = new Uint8Array(k * n);
  if (initial instanceof Tensor) {
    if (initial.shape.length !== 2 || initial.rows !== k || initial.cols !== n) {
      throw new ShapeError(
        `${where}: option \`initial\` has shape ${formatShape(initial.shape)}, expected [${k}, ${n}]`,
        arg,
      );
    }
    initial = initial.data;
  }
  if (initial instanceof Float64Array) {
    if (initial.length !== k * n) {
      throw new ShapeError(
        `${where}: option \`initial\` has ${initial.length} entries, expected k·n = ${k * n}`,
        arg,
      );
    }
    for (let t = 0; t < initial.length; t++) {
      const v = initial[t]!;
      if (!Number.isFinite(v)) {
        throw new NonFiniteError(`${where}: option \`initial\` holds ${v} at flat index ${t}`, arg);
      }
      mask[t] = v > 0 ? 1 : 0;
    }
    return mask;
  }
  if (initial instanceof Uint8Array) {
    if (initial.length !== k * n) {
      throw new ShapeError(
        `${where}: option \`initial\` (a support mask) has ${initial.length} entries, expected k·n = ${k * n}`,
        arg,
      );
    }
    for (let t = 0; t < initial.length; t++) mask[t] = initial[t] !== 0 ? 1 : 0;
    return mask;
  }
  throw new ArgumentTypeError(
    `${where}: option \`initial\` must be a Tensor, a Float64Array (a previous S) or a Uint8Array (a support mask), got ${describe(initial)}`,
    arg,
  );
}
