/**
 * Orchestration shared by {@link nnls} and {@link nnlsGram}: equilibration, choice of kernel,
 * canonical final solve, KKT measurement and unscaling.
 * @internal
 */
import {
  currentExecutor,
  evenBounds,
  inThreadExecutor,
  type Kernel,
  type KernelArray,
  NonFiniteError,
} from "@neural-nmf/tensor";
import { ActiveSetWorkspace, activeSetColumn } from "./active-set.js";
import { solveBpp } from "./bpp.js";
import { backward, factorRows, forwardRows, RANK_TOL } from "./cholesky.js";
import {
  type GramProblem,
  kktScale,
  STATUS_CAPPED,
  STATUS_CONVERGED,
  STATUS_FALLBACK,
} from "./problem.js";
import type { NnlsGramResult, NnlsMethod } from "./types.js";

/** Validated options in internal form. @internal */
export interface CoreOptions {
  tolerance: number;
  maxIterations: number;
  method: NnlsMethod;
  /** Warm-start passive sets, row-major k×n mask (1 = passive), or null. */
  initial: Uint8Array | null;
}

/** Default relative KKT tolerance. @internal */
export const DEFAULT_TOLERANCE = 1e-10;

/** Default per-column iteration cap. @internal */
export function defaultMaxIterations(k: number): number {
  return 10 * k + 100;
}

/**
 * Support fraction below which `"auto"` prefers the active-set kernel on a cold start:
 * `max(0.1, 0.47 − k/500)`. Fitted to the measured crossovers of the two kernels (support fraction
 * where their times are equal: 0.45, 0.43, 0.37, 0.27 at k = 9, 20, 50, 100; see the README). With
 * a warm start block pivoting is at most 10–15% slower and up to 1.5× faster, so it is used.
 * @internal
 */
export function autoSparseThreshold(k: number): number {
  return Math.max(0.1, 0.47 - k / 500);
}

/** Columns solved by the active-set kernel to estimate the support size of a cold `"auto"` call. @internal */
export const AUTO_PILOT_COLUMNS = 32;

/** Exchanges of block pivoting per column before the active-set fallback takes over. @internal */
export function bppBudget(k: number): number {
  return 2 * k + 20;
}

/** Method codes of the solver kernel (kernel arguments are numbers). @internal */
const METHOD_CODES: Record<NnlsMethod, number> = { auto: 0, bpp: 1, "active-set": 2 };
const METHOD_NAMES: readonly NnlsMethod[] = ["auto", "bpp", "active-set"];

/** Columns below which a solve stays on the calling thread (dispatch costs more). @internal */
const PARALLEL_MIN_COLUMNS = 256;

/**
 * Solves `min ½sᵀGs − cᵀs, s ≥ 0` for every column of `C` (k×n row-major) with the Gram matrix
 * `G` (k×k row-major, symmetric positive semidefinite). Inputs are not modified. A non-finite
 * entry of C throws {@link NonFiniteError} naming `X` (callers check C's own finiteness first).
 *
 * Columns are independent, so they are solved in ranges on the current executor (every thread
 * of a pool); each column's arithmetic does not depend on the split, so the answer is the same
 * bit for bit whatever the number of threads.
 * @internal
 */
export function solveGram(
  G: Float64Array,
  C: Float64Array,
  k: number,
  n: number,
  options: CoreOptions,
  where: string,
): NnlsGramResult {
  for (let t = 0; t < k * n; t++) {
    const cij = C[t]!;
    if (!Number.isFinite(cij)) {
      const i = Math.floor(t / n);
      throw new NonFiniteError(
        `${where}: AᵀX overflows or holds ${cij} at (${i}, ${t - i * n}); rescale argument \`X\` or \`A\``,
        "X",
      );
    }
  }
  // Equilibration d_i = 1/√G_ii (0 fixes a variable with a zero column of A at 0).
  const d = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    const gii = G[i * k + i]!;
    d[i] = gii > 0 ? 1 / Math.sqrt(gii) : 0;
  }
  const Gh = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    const di = d[i]!;
    for (let l = 0; l <= i; l++) {
      const v = i === l ? (di > 0 ? 1 : 0) : 0.5 * (G[i * k + l]! + G[l * k + i]!) * di * d[l]!;
      Gh[i * k + l] = v;
      Gh[l * k + i] = v;
    }
  }
  const ex = n >= PARALLEL_MIN_COLUMNS ? currentExecutor() : inThreadExecutor;
  const bounds = evenBounds(n, ex.threads);
  const parts = bounds.length - 1;
  const S = ex.allocate(k * n);
  const stats = ex.allocate(parts * STATS);
  ex.run({
    kernel: solveColumnsKernel,
    arrays: { Gh, d, C, S, stats, initial: options.initial ?? new Uint8Array(0) },
    outputs: ["S", "stats"],
    scalars: {
      k,
      n,
      tol: options.tolerance,
      maxIterations: options.maxIterations,
      method: METHOD_CODES[options.method],
    },
    bounds,
  });
  let maxIt = 0;
  let totalIt = 0;
  let unconverged = 0;
  let maxViolation = 0;
  for (let p = 0; p < parts; p++) {
    maxIt = Math.max(maxIt, stats[p * STATS]!);
    totalIt += stats[p * STATS + 1]!;
    unconverged += stats[p * STATS + 2]!;
    maxViolation = Math.max(maxViolation, stats[p * STATS + 3]!);
  }
  const passive = new Uint8Array(k * n);
  for (let t = 0; t < k * n; t++) if (S[t]! > 0) passive[t] = 1;
  return {
    S,
    iterations: maxIt,
    totalIterations: totalIt,
    converged: unconverged === 0,
    unconverged,
    maxKktViolation: maxViolation,
    passive,
  };
}

/** Per-part statistics of the solver kernel: max iterations, total, unconverged, max violation. */
const STATS = 4;

/**
 * The solver kernel: columns `[start, end)` of the equilibrated problem. Arrays: Gh (k×k), d (k),
 * C (k×n row-major), S (k×n output), stats (parts·4 output), initial (k×n mask row-major, or
 * empty); scalars: k, n, tol, maxIterations, method.
 */
function solveColumns(
  arrays: Readonly<Record<string, KernelArray>>,
  scalars: Readonly<Record<string, number>>,
  start: number,
  end: number,
  part: number,
): void {
  const k = scalars.k!;
  const n = scalars.n!;
  const width = end - start;
  const C = arrays.C as Float64Array;
  const d = arrays.d as Float64Array;
  const source = arrays.initial as Uint8Array;
  const Ch = new Float64Array(k * width);
  const cmax = new Float64Array(width);
  for (let i = 0; i < k; i++) {
    const di = d[i]!;
    const row = i * n;
    for (let jj = 0; jj < width; jj++) {
      const v = C[row + start + jj]! * di;
      Ch[jj * k + i] = v;
      const a = Math.abs(v);
      if (a > cmax[jj]!) cmax[jj] = a;
    }
  }
  let initial: Uint8Array | null = null;
  if (source.length > 0) {
    initial = new Uint8Array(k * width);
    for (let i = 0; i < k; i++) {
      const row = i * n + start;
      for (let jj = 0; jj < width; jj++) initial[jj * k + i] = source[row + jj] === 1 ? 1 : 0;
    }
  }
  const prob: GramProblem = {
    k,
    n: width,
    G: arrays.Gh as Float64Array,
    C: Ch,
    S: new Float64Array(k * width),
    cmax,
    tol: scalars.tol!,
    maxIterations: scalars.maxIterations!,
    iterations: new Int32Array(width),
    status: new Uint8Array(width),
    initial,
  };
  solveProblem(prob, METHOD_NAMES[scalars.method!] ?? "auto");
  finish(prob, d, arrays.S as Float64Array, n, start, arrays.stats as Float64Array, part * STATS);
}

/** The solver kernel, by name for worker threads. @internal */
export const solveColumnsKernel: Kernel = { name: "nnls/solve-columns", run: solveColumns };

/** Runs the chosen kernel on every column of `prob`, then the canonical final solve. */
function solveProblem(prob: GramProblem, requested: NnlsMethod): void {
  const { k, n, initial } = prob;
  const ws = new ActiveSetWorkspace(k);
  const polish = new Uint8Array(n);
  // Both kernels end with the same canonical solve on the final support, so the choice changes
  // the work, not the answer.
  let method = requested;
  let first = 0;
  if (method === "auto") {
    method = "bpp";
    if (initial === null) {
      // Pilot: the first columns by the active set (they stay solved); their support size
      // predicts which kernel is faster for the rest.
      const pilot = Math.min(n, AUTO_PILOT_COLUMNS);
      let passive = 0;
      for (let j = 0; j < pilot; j++) {
        prob.iterations[j] = activeSetColumn(prob, j, ws, prob.maxIterations, null, 0);
        polish[j] = 1;
        for (let i = j * k; i < (j + 1) * k; i++) if (prob.S[i]! > 0) passive++;
      }
      first = pilot;
      if (passive < autoSparseThreshold(k) * k * pilot) method = "active-set";
    }
  }
  if (method === "active-set") {
    for (let j = first; j < n; j++) {
      prob.iterations[j] = activeSetColumn(prob, j, ws, prob.maxIterations, initial, j * k);
      polish[j] = 1;
    }
  } else {
    solveBpp(prob, Math.min(prob.maxIterations, bppBudget(k)), first);
    // Columns block pivoting gave up on: active set, warm-started from the positive part of the
    // last block-pivoting iterate, with the rest of the column's budget.
    const mask = new Uint8Array(k);
    for (let j = first; j < n; j++) {
      if (prob.status[j] !== STATUS_FALLBACK) continue;
      const used = prob.iterations[j]!;
      const off = j * k;
      for (let i = 0; i < k; i++) mask[i] = prob.S[off + i]! > 0 ? 1 : 0;
      prob.status[j] = STATUS_CONVERGED;
      prob.iterations[j] = used + activeSetColumn(prob, j, ws, prob.maxIterations - used, mask, 0);
      polish[j] = 1;
    }
  }
  canonicalSolve(prob, polish, ws);
}

/**
 * Recomputes the active-set columns on their final support with a fresh factor in increasing
 * index order, the same arithmetic as block pivoting: the answer then depends only on the support
 * (warm and cold starts agree bit for bit), not on the path the incremental factor took.
 * Kept only when it is a clean solve (no dependent variable, all coefficients positive).
 */
function canonicalSolve(prob: GramProblem, which: Uint8Array, ws: ActiveSetWorkspace): void {
  const { G, C, S, k, n } = prob;
  const { P, L, dropped, cP, z } = ws;
  for (let j = 0; j < n; j++) {
    if (which[j] !== 1) continue;
    const off = j * k;
    let p = 0;
    for (let i = 0; i < k; i++) {
      if (S[off + i]! > 0) {
        P[p] = i;
        cP[p] = C[off + i]!;
        p++;
      }
    }
    if (p === 0 || factorRows(G, k, P, 0, p, L, p, dropped, RANK_TOL) > 0) continue;
    forwardRows(L, p, dropped, cP, z, 0, p);
    backward(L, p, dropped, z, z, p);
    let ok = true;
    for (let q = 0; q < p; q++) if (!(z[q]! > 0)) ok = false;
    if (ok) for (let q = 0; q < p; q++) S[off + P[q]!] = z[q]!;
  }
}

/**
 * Measures the KKT violation of every column, unscales into columns `start…` of `out` (k×width
 * row-major, `width` columns in all) and writes the part's statistics at `stats[at…at+3]`.
 */
function finish(
  prob: GramProblem,
  d: Float64Array,
  out: Float64Array,
  width: number,
  start: number,
  stats: Float64Array,
  at: number,
): void {
  const { G, C, S, k, n, tol, cmax } = prob;
  const idx = new Int32Array(k);
  let maxViolation = 0;
  let unconverged = 0;
  let maxIt = 0;
  let totalIt = 0;
  for (let j = 0; j < n; j++) {
    const off = j * k;
    let p = 0;
    for (let i = 0; i < k; i++) {
      const v = S[off + i]!;
      // Guard: ŝ is ≥ 0 and finite by construction; make it a certainty.
      if (v > 0 && v < Number.POSITIVE_INFINITY) {
        idx[p++] = i;
      } else {
        S[off + i] = 0;
      }
    }
    const sigma = kktScale(cmax[j]!, S, off, k);
    let worst = 0;
    for (let i = 0; i < k; i++) {
      const gi = i * k;
      if (G[gi + i] === 0) continue; // fixed variable (zero column of A)
      let gs = 0;
      for (let q = 0; q < p; q++) {
        const l = idx[q]!;
        gs += G[gi + l]! * S[off + l]!;
      }
      const w = C[off + i]! - gs;
      const v = S[off + i]! > 0 ? Math.abs(w) : w;
      if (v > worst) worst = v;
    }
    const violation = sigma > 0 ? worst / sigma : 0;
    if (violation > maxViolation) maxViolation = violation;
    if (prob.status[j] === STATUS_CAPPED || !(violation <= tol)) unconverged++;
    const it = prob.iterations[j]!;
    totalIt += it;
    if (it > maxIt) maxIt = it;
    const col = start + j;
    for (let i = 0; i < k; i++) out[i * width + col] = 0;
    for (let q = 0; q < p; q++) {
      const i = idx[q]!;
      out[i * width + col] = S[off + i]! * d[i]!;
    }
  }
  stats[at] = maxIt;
  stats[at + 1] = totalIt;
  stats[at + 2] = unconverged;
  stats[at + 3] = maxViolation;
}
