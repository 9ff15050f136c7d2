/**
 * Block principal pivoting for many right-hand sides (Kim & Park, "Fast nonnegative matrix
 * factorization: an active-set-like method and comparisons", SIAM J. Sci. Comput. 33(6), 2011),
 * on the equilibrated Gram form.
 *
 * Every column keeps a passive set F; per iteration all its infeasible variables
 * (`x_i < 0` in F, `y_i = (Ĝx − ĉ)_i < −τ` outside F) are exchanged at once. The backup rule
 * guards against cycling: when the number of infeasible variables has not decreased for 3
 * consecutive exchanges, only the infeasible variable of largest index is exchanged (Murty's
 * finite single principal pivoting) until the count decreases again. Columns sharing a passive set
 * are grouped (hashing the masks) so one Cholesky factor of `Ĝ_FF` serves the whole group.
 *
 * A column whose `Ĝ_FF` is singular (dependent columns of A: block pivoting assumes full rank) or
 * that exhausts its budget is marked {@link STATUS_FALLBACK} and finished by the active-set method.
 *
 * Internal module: no argument checking; all scratch is allocated once per call.
 * @internal
 */
import { backward, factorRows, forwardRows, RANK_TOL } from "./cholesky.js";
import { type GramProblem, kktScale, STATUS_CONVERGED, STATUS_FALLBACK } from "./problem.js";

/** Scratch of the block pivoting kernel for an n-column problem. @internal */
class BppWorkspace {
  /** Duals y = Ĝx − ĉ, column-major. */
  readonly Y: Float64Array;
  /** Passive-set masks, column-major. */
  readonly F: Uint8Array;
  readonly ninf: Int32Array;
  readonly backup: Int32Array;
  readonly listA: Int32Array;
  readonly listB: Int32Array;
  readonly groupHash: Int32Array;
  readonly table: Int32Array;
  readonly groupRep: Int32Array;
  readonly groupHead: Int32Array;
  readonly groupTail: Int32Array;
  readonly nextInGroup: Int32Array;
  readonly idx: Int32Array;
  readonly L: Float64Array;
  readonly dropped: Uint8Array;
  readonly cF: Float64Array;
  readonly z: Float64Array;
  constructor(k: number, n: number) {
    this.Y = new Float64Array(k * n);
    this.F = new Uint8Array(k * n);
    this.ninf = new Int32Array(n);
    this.backup = new Int32Array(n);
    this.listA = new Int32Array(n);
    this.listB = new Int32Array(n);
    this.groupHash = new Int32Array(n);
    let size = 16;
    while (size < 2 * n) size *= 2;
    this.table = new Int32Array(size);
    this.groupRep = new Int32Array(n);
    this.groupHead = new Int32Array(n);
    this.groupTail = new Int32Array(n);
    this.nextInGroup = new Int32Array(n);
    this.idx = new Int32Array(k);
    this.L = new Float64Array(k * k);
    this.dropped = new Uint8Array(k);
    this.cF = new Float64Array(k);
    this.z = new Float64Array(k);
  }
}

function hashMask(F: Uint8Array, off: number, k: number): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < k; i++) {
    if (F[off + i] === 1) h = Math.imul(h ^ i, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h;
}

function sameMask(F: Uint8Array, a: number, b: number, k: number): boolean {
  for (let i = 0; i < k; i++) if (F[a + i] !== F[b + i]) return false;
  return true;
}

/**
 * Solves `Ĝ_FF x_F = ĉ_F` and sets `y = Ĝx − ĉ` (0 on F) for the `count` columns in `list`, one
 * factorisation per distinct passive set. Columns whose factor drops a variable get
 * {@link STATUS_FALLBACK}. Returns the number of columns of `list` still solved by block pivoting
 * (compacted at the front of `list`).
 */
function solveGroups(prob: GramProblem, ws: BppWorkspace, list: Int32Array, count: number): number {
  const { G, C, S, k } = prob;
  const {
    F,
    Y,
    table,
    groupHash,
    groupRep,
    groupHead,
    groupTail,
    nextInGroup,
    idx,
    L,
    dropped,
    cF,
    z,
  } = ws;
  const mask = table.length - 1;
  table.fill(-1);
  let nGroups = 0;
  for (let t = 0; t < count; t++) {
    const j = list[t]!;
    const off = j * k;
    const h = hashMask(F, off, k);
    let slot = h & mask;
    for (;;) {
      const g = table[slot]!;
      if (g < 0) {
        table[slot] = nGroups;
        groupHash[nGroups] = h;
        groupRep[nGroups] = j;
        groupHead[nGroups] = j;
        groupTail[nGroups] = j;
        nextInGroup[j] = -1;
        nGroups++;
        break;
      }
      if (groupHash[g] === h && sameMask(F, groupRep[g]! * k, off, k)) {
        nextInGroup[groupTail[g]!] = j;
        nextInGroup[j] = -1;
        groupTail[g] = j;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  let kept = 0;
  for (let g = 0; g < nGroups; g++) {
    const rep = groupRep[g]! * k;
    let p = 0;
    for (let i = 0; i < k; i++) if (F[rep + i] === 1) idx[p++] = i;
    const singular = p > 0 && factorRows(G, k, idx, 0, p, L, p, dropped, RANK_TOL) > 0;
    for (let j = groupHead[g]!; j >= 0; j = nextInGroup[j]!) {
      if (singular) {
        prob.status[j] = STATUS_FALLBACK;
        continue;
      }
      list[kept++] = j;
      const off = j * k;
      for (let q = 0; q < p; q++) cF[q] = C[off + idx[q]!]!;
      forwardRows(L, p, dropped, cF, z, 0, p);
      backward(L, p, dropped, z, z, p);
      // Scatter x_F and form y = Ĝ_{:,F} x_F − ĉ outside F in one sweep.
      let q = 0;
      for (let i = 0; i < k; i++) {
        if (F[off + i] === 1) {
          S[off + i] = z[q++]!;
          Y[off + i] = 0;
          continue;
        }
        S[off + i] = 0;
        const gi = i * k;
        let acc = -C[off + i]!;
        for (let t = 0; t < p; t++) acc += G[gi + idx[t]!]! * z[t]!;
        Y[off + i] = acc;
      }
    }
  }
  return kept;
}

/**
 * Runs block principal pivoting on the columns `first ≤ j < n` with `ĉ ≠ 0` (others get ŝ = 0).
 * Columns that converge get {@link STATUS_CONVERGED}; the others {@link STATUS_FALLBACK}, with
 * `prob.iterations[j]` holding the exchanges spent. An iteration is one exchange of (a block of)
 * variables of that column.
 * @param budget - maximum number of exchanges per column.
 * @internal
 */
export function solveBpp(prob: GramProblem, budget: number, first: number): void {
  const { G, C, S, k, n, tol, cmax, initial } = prob;
  const ws = new BppWorkspace(k, n);
  const { F, Y, ninf, backup } = ws;
  let list = ws.listA;
  let other = ws.listB;
  let count = 0;
  let anyPassive = false;
  for (let j = first; j < n; j++) {
    const off = j * k;
    prob.iterations[j] = 0;
    prob.status[j] = STATUS_CONVERGED;
    S.fill(0, off, off + k);
    if (cmax[j] === 0) continue;
    ninf[j] = k + 1;
    backup[j] = 3;
    if (initial !== null) {
      for (let i = 0; i < k; i++) {
        const v = initial[off + i] === 1 && G[i * k + i]! > 0 ? 1 : 0;
        F[off + i] = v;
        if (v === 1) anyPassive = true;
      }
    }
    list[count++] = j;
  }
  if (anyPassive) {
    count = solveGroups(prob, ws, list, count);
  } else {
    for (let t = 0; t < count; t++) {
      const off = list[t]! * k;
      for (let i = 0; i < k; i++) Y[off + i] = -C[off + i]!;
    }
  }

  while (count > 0) {
    let next = 0;
    for (let t = 0; t < count; t++) {
      const j = list[t]!;
      const off = j * k;
      const cm = cmax[j]!;
      const tau = tol * cm;
      let nInf = 0;
      let nX = 0;
      let last = -1;
      let yWorst = 0;
      for (let i = 0; i < k; i++) {
        if (F[off + i] === 1) {
          if (S[off + i]! < 0) {
            nInf++;
            nX++;
            last = i;
          }
        } else {
          const yi = Y[off + i]!;
          if (yi < -tau) {
            nInf++;
            last = i;
            if (-yi > yWorst) yWorst = -yi;
          }
        }
      }
      // τ uses max|ĉ| only; dual violations within the full scale max(|ĉ|, max x) are accepted.
      if (nInf > 0 && nX === 0 && yWorst <= tol * kktScale(cm, S, off, k)) nInf = 0;
      if (nInf === 0) continue;
      if (prob.iterations[j]! >= budget) {
        prob.status[j] = STATUS_FALLBACK;
        continue;
      }
      prob.iterations[j] = prob.iterations[j]! + 1;
      let exchangeAll = true;
      if (nInf < ninf[j]!) {
        ninf[j] = nInf;
        backup[j] = 3;
      } else if (backup[j]! >= 1) {
        backup[j] = backup[j]! - 1;
      } else {
        exchangeAll = false;
      }
      if (exchangeAll) {
        for (let i = 0; i < k; i++) {
          if (F[off + i] === 1) {
            if (S[off + i]! < 0) F[off + i] = 0;
          } else if (Y[off + i]! < -tau) {
            F[off + i] = 1;
          }
        }
      } else {
        F[off + last] = 1 - F[off + last]!;
      }
      other[next++] = j;
    }
    const tmp = list;
    list = other;
    other = tmp;
    count = next > 0 ? solveGroups(prob, ws, list, next) : 0;
  }
}
