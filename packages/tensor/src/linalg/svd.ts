/**
 * Thin singular value decomposition by one-sided Jacobi rotations.
 *
 * One-sided Jacobi (Hestenes) orthogonalises the columns of A by plane rotations until every
 * pair is orthogonal to working precision; the column norms are then the singular values. It is
 * slower than bidiagonalisation + QR for large matrices but short, unconditionally convergent in
 * practice, and among the most accurate SVD methods (small singular values get high relative
 * accuracy, and the singular vectors come out orthogonal to about n·ε even for tiny σ), which is
 * what least squares and pseudo-inverses of small, possibly rank-deficient matrices need.
 * @module
 */
import { checkBuffer, checkFinite, checkSize } from "./checks.js";

/** Result of {@link svd}: `a = u · diag(s) · vt` with r = min(m, n). */
export interface SvdResult {
  /** m×r row-major, orthonormal columns (left singular vectors). */
  u: Float64Array;
  /** The r singular values, non-negative and non-increasing. */
  s: Float64Array;
  /** r×n row-major, orthonormal rows (right singular vectors, transposed). */
  vt: Float64Array;
}

/**
 * Sweeps stop when no pair needs rotating. Convergence is quadratic once the off-diagonal mass is
 * small, so 5–10 sweeps are typical; the cap only bounds pathological inputs, and the result after
 * it is still a valid (if slightly less orthogonal) decomposition.
 */
const MAX_SWEEPS = 60;

/**
 * Thin singular value decomposition `a = u · diag(s) · vt` of the m×n row-major matrix `a`
 * (any shape, any rank), with r = min(m, n) singular values in non-increasing order.
 *
 * Singular vectors of zero singular values (rank-deficient input) are completed to an
 * orthonormal set, so `uᵀu = I` and `vt·vtᵀ = I` always hold. Signs are not normalised (singular
 * vectors are unique only up to sign). The matrix is scaled internally by a power of two, so
 * entries of any magnitude are fine; singular values below ~1e-150 × the largest may come out as
 * zero. Meant for small matrices: each sweep costs about 3·r²·max(m, n) multiply-adds plus the
 * rotations, and the workspace is O(r·max(m, n)).
 *
 * @throws {@link ShapeError} when `m` or `n` is not a non-negative integer or `a` is too short.
 * @throws {@link ArgumentTypeError} when `a` is not a `Float64Array`.
 * @throws {@link NonFiniteError} when `a` holds NaN or ±Infinity.
 */
export function svd(a: Float64Array, m: number, n: number): SvdResult {
  const where = "svd";
  checkSize(where, "m", m);
  checkSize(where, "n", n);
  checkBuffer(where, "a", a, m, n);
  checkFinite(where, "a", a, m, n);
  const { u, s, vt, exponent } = svdScaled(a, m, n);
  if (exponent !== 0) {
    const scale = 2 ** exponent;
    for (let k = 0; k < s.length; k++) s[k]! *= scale;
  }
  return { u, s, vt };
}

/**
 * Default relative cutoff for singular values, as in NumPy's `lstsq` and `pinv`: max(m, n)·ε,
 * about the relative size of the rounding errors in the singular values of an m×n matrix.
 * @internal
 */
export function defaultRcond(m: number, n: number): number {
  return Math.max(m, n) * Number.EPSILON;
}

/**
 * Number of singular values above `rcond · σ_max` (`s` sorted non-increasing); 0 for a zero or
 * empty matrix.
 * @internal
 */
export function numericalRank(s: Float64Array, rcond: number): number {
  const cutoff = rcond * (s[0] ?? 0);
  let rank = 0;
  while (rank < s.length && (s[rank] as number) > cutoff) rank++;
  return rank;
}

/**
 * {@link svd} of `2^-exponent · a`, without argument checks: `s` holds the singular values of the
 * scaled matrix (the largest in (0.5, √(m·n)] unless a is zero or extreme) and the true ones are `s · 2^exponent`. Callers
 * that divide by singular values (least squares, pseudo-inverse) work with the scaled ones and
 * apply the power of two last, so that a matrix of tiny entries yields huge but finite results,
 * or ±Infinity when they truly overflow, never the NaN of `Infinity · 0`.
 * @internal
 */
export function svdScaled(a: Float64Array, m: number, n: number): SvdResult & { exponent: number } {
  const r = Math.min(m, n);
  const len = Math.max(m, n);
  const tall = m >= n;
  // Rotations combine whole columns of A. Rows are what is contiguous in row-major storage, so
  // the work matrix w holds the columns of A as rows (w = Aᵀ) when A is tall, and A itself when
  // A is wide, which amounts to decomposing Aᵀ instead: either way, r rows of length len.
  const w = new Float64Array(r * len);
  if (tall) {
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) w[j * m + i] = a[i * n + j] as number;
  } else {
    w.set(a.subarray(0, m * n));
  }
  let maxAbs = 0;
  for (let q = 0; q < w.length; q++) maxAbs = Math.max(maxAbs, Math.abs(w[q] as number));
  // Power-of-two scaling (exact) to max |entry| in (0.5, 1]: squared norms can neither overflow
  // nor, for rows that matter, underflow.
  const exponent = maxAbs > 0 ? Math.max(-1000, Math.min(1000, Math.ceil(Math.log2(maxAbs)))) : 0;
  if (exponent !== 0) {
    const scale = 2 ** -exponent;
    for (let q = 0; q < w.length; q++) w[q]! *= scale;
  }

  // q accumulates the rotations applied to the rows of w: q · w₀ = w stays true throughout.
  const q = new Float64Array(r * r);
  for (let i = 0; i < r; i++) q[i * r + i] = 1;
  orthogonaliseRows(w, r, len, q);

  const norms = new Float64Array(r);
  for (let i = 0; i < r; i++) norms[i] = Math.sqrt(dot(w, i * len, w, i * len, len));
  const order = Array.from({ length: r }, (_, i) => i).sort(
    (x, y) => (norms[y] as number) - (norms[x] as number) || x - y,
  );

  // With w = q·w₀ and orthogonal rows w_k = σ_k·y_k:  w₀ = qᵀ·diag(σ)·Y. For a tall A, w₀ = Aᵀ,
  // so A = Yᵀ·diag(σ)·q (u from Y, vt = q); for a wide A, w₀ = A, so u = qᵀ and vt = Y.
  const s = new Float64Array(r);
  const y = new Float64Array(r * len);
  for (let k = 0; k < r; k++) {
    const src = order[k] as number;
    const sigma = norms[src] as number;
    s[k] = sigma;
    if (sigma > 0) {
      for (let t = 0; t < len; t++) y[k * len + t] = (w[src * len + t] as number) / sigma;
    }
  }
  // Zero singular values sort last; their vectors are completed after all the others are final.
  for (let k = 0; k < r; k++)
    if (!((norms[order[k] as number] as number) > 0)) completeRow(y, k, len);

  const u = new Float64Array(m * r);
  const vt = new Float64Array(r * n);
  for (let k = 0; k < r; k++) {
    const src = (order[k] as number) * r;
    if (tall) {
      for (let i = 0; i < m; i++) u[i * r + k] = y[k * len + i] as number;
      vt.set(q.subarray(src, src + r), k * n);
    } else {
      for (let i = 0; i < m; i++) u[i * r + k] = q[src + i] as number;
    }
  }
  if (!tall) vt.set(y.subarray(0, r * n));
  return { u, s, vt, exponent };
}

/**
 * Cyclic one-sided Jacobi on the rows of the r×len matrix `w`, applying each rotation to the rows
 * of the r×r matrix `q` as well, until every pair of rows is orthogonal to working precision.
 */
function orthogonaliseRows(w: Float64Array, r: number, len: number, q: Float64Array): void {
  // A pair is rotated when |cos(angle)| exceeds len·ε: below that, rounding in the dot product
  // itself dominates and further rotations would chase noise.
  const tol = len * Number.EPSILON;
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let rotated = false;
    for (let i = 0; i < r - 1; i++) {
      const wi = i * len;
      for (let j = i + 1; j < r; j++) {
        const wj = j * len;
        const alpha = dot(w, wi, w, wi, len);
        const beta = dot(w, wj, w, wj, len);
        const gamma = dot(w, wi, w, wj, len);
        if (!(Math.abs(gamma) > tol * Math.sqrt(alpha) * Math.sqrt(beta))) continue;
        rotated = true;
        // The rotation that makes rows i and j orthogonal, choosing the smaller angle (|t| ≤ 1)
        // for stability; hypot guards ζ² against overflow when the norms differ wildly.
        const zeta = (beta - alpha) / (2 * gamma);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.hypot(1, zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const sn = c * t;
        rotate(w, wi, wj, len, c, sn);
        rotate(q, i * r, j * r, r, c, sn);
      }
    }
    if (!rotated) return;
  }
}

/** Rows x_i ← c·x_i − s·x_j and x_j ← s·x_i + c·x_j, both starting at the given offsets. */
function rotate(x: Float64Array, oi: number, oj: number, len: number, c: number, s: number): void {
  for (let t = 0; t < len; t++) {
    const xi = x[oi + t] as number;
    const xj = x[oj + t] as number;
    x[oi + t] = c * xi - s * xj;
    x[oj + t] = s * xi + c * xj;
  }
}

function dot(x: Float64Array, ox: number, y: Float64Array, oy: number, len: number): number {
  let s = 0;
  for (let t = 0; t < len; t++) s += (x[ox + t] as number) * (y[oy + t] as number);
  return s;
}

/**
 * Fills row k of `y` (rows 0..k-1 orthonormal, k < len) with a unit vector orthogonal to those
 * rows: the coordinate vector e_t with the largest component outside their span, orthogonalised
 * by two rounds of Gram–Schmidt (the second restores what cancellation loses in the first).
 * Since the squared components 1 − Σ_p y_pt² add up to len − k ≥ 1 over t, the best one keeps
 * a norm of at least 1/√len, so the normalisation is well conditioned.
 */
function completeRow(y: Float64Array, k: number, len: number): void {
  const row = k * len;
  let best = 0;
  let bestRemainder = Number.NEGATIVE_INFINITY;
  for (let t = 0; t < len; t++) {
    let inSpan = 0;
    for (let p = 0; p < k; p++) inSpan += (y[p * len + t] as number) ** 2;
    if (1 - inSpan > bestRemainder) {
      bestRemainder = 1 - inSpan;
      best = t;
    }
  }
  y.fill(0, row, row + len);
  y[row + best] = 1;
  for (let round = 0; round < 2; round++) {
    for (let p = 0; p < k; p++) {
      const proj = dot(y, p * len, y, row, len);
      for (let t = 0; t < len; t++) y[row + t]! -= proj * (y[p * len + t] as number);
    }
  }
  const norm = Math.sqrt(dot(y, row, y, row, len));
  for (let t = 0; t < len; t++) y[row + t]! /= norm;
}
