/**
 * Per-column active-set NNLS on the normal equations (Lawson–Hanson, in the Gram form of Bro &
 * De Jong's fast NNLS), with an incrementally updated Cholesky factor of `Ĝ_PP`.
 *
 * Each outer iteration adds the variable with the largest positive dual `ŵ_t` (one new row of the
 * factor, O(p²)); the inner loop steps back towards feasibility and drops the variables that hit
 * zero (the factor is recomputed from the first removed row on). Safeguards:
 * - a candidate whose pivot is below {@link RANK_TOL} (its column of A is dependent on the passive
 *   ones: duplicate, zero or rank-deficient columns) is rejected; in exact arithmetic its dual
 *   would be 0;
 * - a candidate whose new coefficient is not positive (impossible in exact arithmetic, the classic
 *   cause of Lawson–Hanson's infinite loop) is rejected;
 * - rejections are forgotten whenever a variable is accepted, and every accepted variable strictly
 *   decreases the objective, so the method terminates.
 *
 * Internal module: no argument checking; the workspace is allocated once per call.
 * @internal
 */
import { backward, factorRows, forwardRows, RANK_TOL } from "./cholesky.js";
import { type GramProblem, kktScale, STATUS_CAPPED, STATUS_CONVERGED } from "./problem.js";

/** Scratch of the active-set kernel for one problem size (reused across columns). @internal */
export class ActiveSetWorkspace {
  readonly L: Float64Array;
  readonly u: Float64Array;
  readonly z: Float64Array;
  readonly w: Float64Array;
  readonly cP: Float64Array;
  readonly P: Int32Array;
  readonly dropped: Uint8Array;
  readonly rejected: Uint8Array;
  readonly inP: Uint8Array;
  constructor(k: number) {
    this.L = new Float64Array(k * k);
    this.u = new Float64Array(k);
    this.z = new Float64Array(k);
    this.w = new Float64Array(k);
    this.cP = new Float64Array(k);
    this.P = new Int32Array(k);
    this.dropped = new Uint8Array(k);
    this.rejected = new Uint8Array(k);
    this.inP = new Uint8Array(k);
  }
}

/**
 * Removes the passive variables flagged by `remove(q)` (their ŝ is set to 0), compacts `P`,
 * refactors from the first removed position and re-solves `z = Ĝ_PP⁻¹ ĉ_P`. Variables found
 * dependent by the refactorisation (not expected: removing variables only enlarges pivots) are
 * removed as well. Returns the new passive count.
 */
function compact(
  prob: GramProblem,
  off: number,
  ws: ActiveSetWorkspace,
  p: number,
  forced: number,
): number {
  const { G, C, S, k } = prob;
  const { P, cP, L, u, z, dropped, inP } = ws;
  let first = -1;
  let np = 0;
  for (let q = 0; q < p; q++) {
    const i = P[q]!;
    if (q === forced || !(S[off + i]! > 0)) {
      S[off + i] = 0;
      inP[i] = 0;
      if (first < 0) first = q;
    } else {
      P[np] = i;
      cP[np] = C[off + i]!;
      np++;
    }
  }
  if (first < 0) first = np;
  for (;;) {
    const nd = factorRows(G, k, P, first, np, L, k, dropped, RANK_TOL);
    if (nd === 0) break;
    // Drop the dependent variables and refactor from the first of them.
    let again = -1;
    let mp = first;
    for (let q = first; q < np; q++) {
      const i = P[q]!;
      if (dropped[q] === 1) {
        S[off + i] = 0;
        inP[i] = 0;
        if (again < 0) again = q;
      } else {
        P[mp] = i;
        cP[mp] = C[off + i]!;
        mp++;
      }
    }
    np = mp;
    first = again;
  }
  forwardRows(L, k, dropped, cP, u, 0, np);
  backward(L, k, dropped, u, z, np);
  return np;
}

/** `ŵ_i = ĉ_i − Σ_q Ĝ[i, P_q] ŝ_{P_q}` for the variables outside the passive set. */
function updateDual(prob: GramProblem, off: number, ws: ActiveSetWorkspace, p: number): void {
  const { G, C, S, k } = prob;
  const { P, w, inP } = ws;
  for (let i = 0; i < k; i++) {
    if (inP[i] === 1) {
      w[i] = 0;
      continue;
    }
    const gi = i * k;
    let acc = C[off + i]!;
    for (let q = 0; q < p; q++) {
      const l = P[q]!;
      acc -= G[gi + l]! * S[off + l]!;
    }
    w[i] = acc;
  }
}

/**
 * Solves column j of `prob` by the active-set method, writing ŝ into `prob.S` and the status into
 * `prob.status[j]`; returns the number of iterations spent.
 *
 * An iteration is one change of the passive set (an accepted variable or one step of the inner
 * loop). With `init`, the method starts from the passive set `init[initOff + i] === 1` (dependent
 * variables are skipped; variables whose coefficient turns out non-positive are dropped, one
 * iteration per sweep).
 * @param maxIterations - iteration budget for this column.
 * @internal
 */
export function activeSetColumn(
  prob: GramProblem,
  j: number,
  ws: ActiveSetWorkspace,
  maxIterations: number,
  init: Uint8Array | null,
  initOff: number,
): number {
  const { G, C, S, k, tol } = prob;
  const { P, cP, L, u, z, w, dropped, rejected, inP } = ws;
  const off = j * k;
  S.fill(0, off, off + k);
  inP.fill(0);
  rejected.fill(0);
  const cm = prob.cmax[j]!;
  let it = 0;
  let p = 0;
  prob.status[j] = STATUS_CONVERGED;
  if (cm === 0) {
    // ĉ = 0: s = 0 is optimal (ŵ = 0).
    return 0;
  }

  if (init !== null) {
    for (let i = 0; i < k; i++) {
      if (init[initOff + i] !== 1 || !(G[i * k + i]! > 0)) continue;
      P[p] = i;
      cP[p] = C[off + i]!;
      if (factorRows(G, k, P, p, p + 1, L, k, dropped, RANK_TOL) === 0) {
        inP[i] = 1;
        p++;
      }
    }
    forwardRows(L, k, dropped, cP, u, 0, p);
    backward(L, k, dropped, u, z, p);
    // From ŝ = 0 every non-positive coordinate of z blocks at step 0: drop them all, re-solve.
    for (;;) {
      let any = false;
      for (let q = 0; q < p; q++) {
        if (!(z[q]! > 0)) {
          any = true;
          break;
        }
      }
      if (!any) break;
      if (it >= maxIterations) {
        // ŝ = 0 is feasible: return it.
        S.fill(0, off, off + k);
        prob.status[j] = STATUS_CAPPED;
        return it;
      }
      it++;
      for (let q = 0; q < p; q++) S[off + P[q]!] = z[q]! > 0 ? 1 : 0;
      p = compact(prob, off, ws, p, -1);
    }
    for (let q = 0; q < p; q++) S[off + P[q]!] = z[q]!;
  }

  const tau0 = tol * cm;
  updateDual(prob, off, ws, p);
  for (;;) {
    // Candidate: the largest dual among admissible variables.
    let t = -1;
    let best = tau0;
    for (let i = 0; i < k; i++) {
      const wi = w[i]!;
      if (wi > best && inP[i] === 0 && rejected[i] === 0) {
        best = wi;
        t = i;
      }
    }
    if (t < 0) break;
    // τ₀ uses max|ĉ| only; the full scale also counts max ŝ.
    if (best <= tol * kktScale(cm, S, off, k)) break;
    if (it >= maxIterations) {
      prob.status[j] = STATUS_CAPPED;
      break;
    }

    // Try to add t: one new row of the factor.
    P[p] = t;
    cP[p] = C[off + t]!;
    if (factorRows(G, k, P, p, p + 1, L, k, dropped, RANK_TOL) !== 0) {
      rejected[t] = 1;
      continue;
    }
    forwardRows(L, k, dropped, cP, u, p, p + 1);
    backward(L, k, dropped, u, z, p + 1);
    if (!(z[p]! > 0)) {
      rejected[t] = 1;
      continue;
    }
    p++;
    it++;
    inP[t] = 1;
    rejected.fill(0);

    // Inner loop: step from the feasible ŝ towards z until z is feasible.
    let capped = false;
    for (;;) {
      let alpha = Number.POSITIVE_INFINITY;
      let qmin = -1;
      for (let q = 0; q < p; q++) {
        const zq = z[q]!;
        if (zq <= 0) {
          const sq = S[off + P[q]!]!;
          const a = sq / (sq - zq);
          if (a < alpha) {
            alpha = a;
            qmin = q;
          }
        }
      }
      if (qmin < 0) break;
      if (it >= maxIterations) {
        capped = true;
        break;
      }
      it++;
      for (let q = 0; q < p; q++) {
        const i = P[q]!;
        const sq = S[off + i]!;
        S[off + i] = sq + alpha * (z[q]! - sq);
      }
      p = compact(prob, off, ws, p, qmin);
    }
    if (capped) {
      // ŝ is the last feasible iterate (the objective decreases monotonically).
      prob.status[j] = STATUS_CAPPED;
      break;
    }
    for (let q = 0; q < p; q++) S[off + P[q]!] = z[q]!;
    updateDual(prob, off, ws, p);
  }
  return it;
}
