/**
 * Argument checks shared by the dense linear-algebra routines. They run before any output is
 * written, so a routine that throws has not half-overwritten an in-place buffer.
 * @module
 * @internal
 */
import { ArgumentTypeError, NonFiniteError, ShapeError, ValueError } from "../errors.js";

/** Throws {@link ShapeError} unless `value` is a non-negative safe integer. */
export function checkSize(where: string, name: string, value: unknown): void {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    throw new ShapeError(
      `${where}: argument \`${name}\` must be a non-negative integer, got ${String(value)}`,
      name,
    );
  }
}

/**
 * Throws unless `x` is a `Float64Array` holding at least `rows·cols` entries
 * ({@link ArgumentTypeError} / {@link ShapeError}).
 */
export function checkBuffer(
  where: string,
  name: string,
  x: unknown,
  rows: number,
  cols: number,
): asserts x is Float64Array {
  if (!(x instanceof Float64Array)) {
    throw new ArgumentTypeError(`${where}: argument \`${name}\` must be a Float64Array`, name);
  }
  if (x.length < rows * cols) {
    throw new ShapeError(
      `${where}: argument \`${name}\` has ${x.length} entries, a ${rows}×${cols} matrix needs ${rows * cols}`,
      name,
    );
  }
}

/** Throws {@link NonFiniteError} at the first NaN or ±Infinity of the row-major rows×cols matrix `x`. */
export function checkFinite(
  where: string,
  name: string,
  x: Float64Array,
  rows: number,
  cols: number,
): void {
  for (let q = 0; q < rows * cols; q++) {
    if (!Number.isFinite(x[q] as number)) nonFinite(where, name, x, q, cols);
  }
}

/**
 * {@link checkFinite} restricted to the triangle a triangular routine reads: the lower
 * (`lower`) or upper triangle of the n×n matrix `t`, without the diagonal when it is implied.
 * Entries that are never read may hold anything.
 */
export function checkFiniteTriangle(
  where: string,
  name: string,
  t: Float64Array,
  n: number,
  lower: boolean,
  withDiagonal: boolean,
): void {
  for (let i = 0; i < n; i++) {
    const from = lower ? i * n : i * n + (withDiagonal ? i : i + 1);
    const to = lower ? i * n + (withDiagonal ? i + 1 : i) : (i + 1) * n;
    for (let q = from; q < to; q++) {
      if (!Number.isFinite(t[q] as number)) nonFinite(where, name, t, q, n);
    }
  }
}

function nonFinite(where: string, name: string, x: Float64Array, q: number, cols: number): never {
  const i = Math.floor(q / cols);
  throw new NonFiniteError(
    `${where}: argument \`${name}\` holds ${x[q]} at row ${i}, column ${q - i * cols}`,
    name,
  );
}

/** Throws {@link ValueError} unless `value` is a finite number ≥ 0. */
export function checkNonNegative(where: string, name: string, value: unknown): void {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new ValueError(
      `${where}: option \`${name}\` must be a finite number ≥ 0, got ${String(value)}`,
      name,
    );
  }
}

/** Validates an optional output buffer of `length` entries and returns it, or a new zeroed one. */
export function outputBuffer(where: string, out: unknown, length: number): Float64Array {
  if (out === undefined) return new Float64Array(length);
  if (!(out instanceof Float64Array)) {
    throw new ArgumentTypeError(`${where}: option \`out\` must be a Float64Array`, "out");
  }
  if (out.length < length) {
    throw new ShapeError(
      `${where}: option \`out\` has ${out.length} entries, the result needs ${length}`,
      "out",
    );
  }
  return out;
}

/**
 * Throws {@link ValueError} when the first `length` entries of `out` share memory with the first
 * `lx` of input `x`, except for an exact in-place call (`out` starting where `x` does) when
 * `inPlaceOk`: the routines that allow it read each input entry before writing over it, but a
 * shifted overlap would overwrite entries still to be read.
 */
export function checkNoOverlap(
  where: string,
  out: Float64Array,
  length: number,
  name: string,
  x: Float64Array,
  lx: number,
  inPlaceOk: boolean,
): void {
  if (!overlaps(out, length, x, lx)) return;
  if (inPlaceOk && out.byteOffset === x.byteOffset) return;
  throw new ValueError(
    `${where}: option \`out\` shares memory with argument \`${name}\`${inPlaceOk ? " without starting where it does" : ""}`,
    "out",
  );
}

/** Whether the first `lx` entries of `x` and the first `ly` of `y` share any byte. */
function overlaps(x: Float64Array, lx: number, y: Float64Array, ly: number): boolean {
  if (lx === 0 || ly === 0 || x.buffer !== y.buffer) return false;
  return x.byteOffset < y.byteOffset + ly * 8 && y.byteOffset < x.byteOffset + lx * 8;
}
