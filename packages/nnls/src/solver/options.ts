/**
 * Validation of the solver options (internal).
 * @internal
 */
import {
  ArgumentTypeError,
  checkOptions,
  describeValue,
  formatShape,
  NonFiniteError,
  type OptionSpec,
  ShapeError,
  Tensor,
} from "@neural-nmf/tensor";
import { type CoreOptions, DEFAULT_TOLERANCE, defaultMaxIterations } from "./core.js";
import type { NnlsOptions } from "./types.js";

/** Every option of `nnls` and `nnlsLayer`'s solver, with what it may hold. */
const NNLS_OPTIONS: OptionSpec = {
  initial: { kind: "any" },
  // The tolerance is relative (to ‖AᵀX‖ column by column), so it only makes sense below 1.
  tolerance: { kind: "number", min: 0, exclusiveMin: true, max: 1, exclusiveMax: true },
  maxIterations: { kind: "integer", min: 1, max: 2 ** 30 },
  method: { kind: "enum", values: ["auto", "bpp", "active-set"] },
};

/**
 * Checks `options` and converts them for a k×n problem.
 * @throws {@link ArgumentTypeError} for a non-object or a warm start of the wrong type,
 *   {@link ValueError} for an unknown option or a value out of range, {@link ShapeError} for a
 *   warm start of the wrong size, {@link NonFiniteError} for NaN/±Infinity in a number or a warm
 *   start. Each error's `argument` is the option's name.
 * @internal
 */
export function parseOptions(
  options: NnlsOptions | undefined,
  k: number,
  n: number,
  where: string,
): CoreOptions {
  const o = checkOptions<NnlsOptions>(options, NNLS_OPTIONS, where);
  return {
    tolerance: o.tolerance ?? DEFAULT_TOLERANCE,
    maxIterations: o.maxIterations ?? defaultMaxIterations(k),
    method: o.method ?? "auto",
    initial: o.initial === undefined ? null : parseInitial(o.initial, k, n, where),
  };
}

function parseInitial(initial: unknown, k: number, n: number, where: string): Uint8Array {
  const arg = "initial";
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
    `${where}: option \`initial\` must be a Tensor, a Float64Array (a previous S) or a Uint8Array (a support mask), got ${describeValue(initial)}`,
    arg,
  );
}
