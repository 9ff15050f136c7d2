import { ArgumentTypeError, NonFiniteError, ValueError } from "../errors.js";
import { gemm } from "../kernels/gemm.js";
import { Random } from "../random.js";
import { CscMatrix } from "../sparse/csc.js";
import { Tensor } from "../tensor.js";
import { orthonormaliseRowsFast } from "./householder.js";
import { svd } from "./svd.js";

/** Options of {@link randomizedSvd}. */
export interface RandomizedSvdOptions {
  /** Extra random directions beyond the rank (default 10, as scikit-learn). */
  oversampling?: number;
  /** Power (subspace) iterations, each re-orthonormalised (default 4). */
  powerIterations?: number;
  /** Seed of the random test matrix (default 0). Same seed, same result. */
  seed?: number;
}

/** Result of {@link randomizedSvd}: `X ≈ u · diag(s) · vt`. */
export interface RandomizedSvdResult {
  /** m×r row-major, orthonormal columns. */
  u: Float64Array;
  /** r approximate leading singular values, non-increasing. */
  s: Float64Array;
  /** r×n row-major, orthonormal rows. */
  vt: Float64Array;
  /** r = min(rank, m, n). */
  rank: number;
}

/** Most oversampling directions or power iterations accepted. */
const MAX_EXTRA = 1000;

/**
 * The r leading singular triplets of an m×n matrix X (dense `Tensor` or sparse `CscMatrix`) by
 * the randomised range finder of Halko, Martinsson & Tropp (2011): `Y = X Ω` for a seeded
 * Gaussian n×l test matrix (l = r + oversampling), `powerIterations` rounds of
 * `Q ← orth(X orth(Xᵀ Q))` re-orthonormalised by Householder QR each time, then the exact SVD
 * of the small l×n matrix `B = QᵀX` through the QR of Bᵀ and a Jacobi SVD of its l×l factor.
 *
 * Cost: (2·powerIterations + 2) products with X of l vectors — O(nnz·l) each for a sparse X,
 * which is never densified — plus O((m + n)·l²) for the factorisations. Memory O((m + n)·l):
 * no m×m, n×n or m×n matrix is formed. When l reaches min(m, n) the result is exact to
 * rounding. Works at any scale of X: X is scaled by a power of two internally.
 *
 * @throws {@link ArgumentTypeError} when X is neither a matrix Tensor nor a CscMatrix,
 *   {@link ValueError} for a rank < 1 or bad options, {@link NonFiniteError} for NaN/Infinity.
 */
export function randomizedSvd(
  x: Tensor | CscMatrix,
  rank: number,
  options: RandomizedSvdOptions = {},
): RandomizedSvdResult {
  const where = "randomizedSvd";
  const sparse = x instanceof CscMatrix;
  if (!sparse && !(x instanceof Tensor && x.shape.length === 2)) {
    throw new ArgumentTypeError(
      `${where}: argument \`x\` must be a matrix Tensor or a CscMatrix`,
      "x",
    );
  }
  if (!Number.isInteger(rank) || rank < 1) {
    throw new ValueError(`${where}: argument \`rank\` must be an integer ≥ 1, got ${rank}`, "rank");
  }
  const count = (value: number | undefined, name: string, fallback: number): number => {
    const v = value ?? fallback;
    if (!Number.isInteger(v) || v < 0 || v > MAX_EXTRA) {
      throw new ValueError(
        `${where}: option \`${name}\` must be an integer from 0 to ${MAX_EXTRA}, got ${v}`,
        name,
      );
    }
    return v;
  };
  const oversampling = count(options.oversampling, "oversampling", 10);
  const iterations = count(options.powerIterations, "powerIterations", 4);
  const seed = options.seed ?? 0;
  const [m, n] = x.shape as readonly [number, number];
  const r = Math.min(rank, m, n);
  const l = Math.min(r + oversampling, m, n);
  const values = sparse ? x.values : x.data;
  let maxAbs = 0;
  for (let t = 0; t < values.length; t++) {
    const v = values[t] as number;
    if (!Number.isFinite(v)) throw new NonFiniteError(`${where}: argument \`x\` holds ${v}`, "x");
    maxAbs = Math.max(maxAbs, Math.abs(v));
  }
  if (r === 0 || maxAbs === 0) {
    return zeroResult(m, n, r);
  }
  // Exact power-of-two scaling so that no product or norm below over- or underflows.
  const exponent = Math.ceil(Math.log2(maxAbs));
  const unit = 2 ** -exponent;

  // Products with X of l vectors stored as rows (l×len), transposing at the boundary.
  // X·B for B given as Bᵀ (l×n): returns (X B)ᵀ (l×m).
  const timesX = (bt: Float64Array): Float64Array => {
    const y = new Float64Array(m * l);
    if (sparse) x.rightMultiplyTransposed(bt, l, y);
    else gemm(false, true, m, l, n, x.data, bt, y);
    return transpose(y, m, l);
  };
  // Qᵀ X for Q given as Qᵀ (l×m): returns l×n.
  const transposeTimesX = (qt: Float64Array): Float64Array => {
    const out = new Float64Array(l * n);
    if (sparse) x.leftMultiplyTransposed(transpose(qt, l, m), l, out);
    else gemm(false, false, l, n, m, qt, x.data, out);
    return out;
  };

  const rng = new Random(seed);
  const omegaT = rng.fillNormal(new Float64Array(l * n), 0, unit);
  let qt = timesX(omegaT);
  orthonormaliseRowsFast(qt, l, m);
  for (let it = 0; it < iterations; it++) {
    const zt = transposeTimesX(qt);
    orthonormaliseRowsFast(zt, l, n);
    qt = timesX(zt);
    orthonormaliseRowsFast(qt, l, m);
  }
  // B = QᵀX (l×n), scaled. Bᵀ = Q₂R, so B = Rᵀ Q₂ᵀ; with Rᵀ = U_r Σ V_rᵀ: X ≈ (Q U_r) Σ (V_rᵀ Q₂ᵀ).
  const b = transposeTimesX(qt);
  for (let t = 0; t < b.length; t++) b[t] = (b[t] as number) * unit;
  const rFactor = new Float64Array(l * l);
  orthonormaliseRowsFast(b, l, n, rFactor);
  const rt = transpose(rFactor, l, l);
  const small = svd(rt, l, l);
  const u = new Float64Array(m * r);
  const uSmall = new Float64Array(l * r); // first r columns of U_r
  for (let i = 0; i < l; i++)
    for (let j = 0; j < r; j++) uSmall[i * r + j] = small.u[i * l + j] as number;
  gemm(true, false, m, r, l, qt, uSmall, u);
  const vt = new Float64Array(r * n);
  gemm(false, false, r, n, l, small.vt, b, vt);
  const s = new Float64Array(r);
  const scale = 2 ** exponent;
  for (let j = 0; j < r; j++) s[j] = (small.s[j] as number) * scale;
  return { u, s, vt, rank: r };
}

function transpose(a: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < cols; j++) out[j * rows + i] = a[i * cols + j] as number;
  return out;
}

/** A zero matrix: zero singular values with orthonormal (coordinate) vectors. */
function zeroResult(m: number, n: number, r: number): RandomizedSvdResult {
  const u = new Float64Array(m * r);
  const vt = new Float64Array(r * n);
  for (let j = 0; j < r; j++) {
    u[j * r + j] = 1;
    vt[j * n + j] = 1;
  }
  return { u, s: new Float64Array(r), vt, rank: r };
}
