import { ValueError } from "../errors.js";
import { checkBuffer, checkFinite, checkSize } from "./checks.js";
import { orthonormaliseRows } from "./householder.js";

/** Result of {@link qr}: `a = q · r`. */
export interface QrResult {
  /** m×n row-major with orthonormal columns. */
  q: Float64Array;
  /** n×n row-major, upper triangular. */
  r: Float64Array;
}

/**
 * Thin QR factorisation `a = q · r` of a tall m×n row-major matrix (m ≥ n) by Householder
 * reflections. The columns of q are orthonormal even when a is rank deficient (r then has zero
 * pivots), so it is safe for orthonormalising blocks of vectors. Signs are not normalised.
 *
 * @throws {@link ShapeError} / {@link ArgumentTypeError} for bad sizes or buffers,
 *   {@link NonFiniteError} for NaN or ±Infinity, {@link ValueError} when m < n.
 */
export function qr(a: Float64Array, m: number, n: number): QrResult {
  const where = "qr";
  checkSize(where, "m", m);
  checkSize(where, "n", n);
  checkBuffer(where, "a", a, m, n);
  checkFinite(where, "a", a, m, n);
  if (m < n) {
    throw new ValueError(`${where}: a must be tall (m ≥ n), got ${m}×${n}`, "a");
  }
  const w = new Float64Array(n * m);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) w[j * m + i] = a[i * n + j] as number;
  const r = new Float64Array(n * n);
  orthonormaliseRows(w, n, m, r);
  const q = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) q[i * n + j] = w[j * m + i] as number;
  return { q, r };
}
