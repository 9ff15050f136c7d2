import type { Tensor } from "@neural-nmf/tensor";

/**
 * Relative KKT violation computed independently of the solver, in m-space: `w = Aᵀ(x − As)`,
 * each variable in units of ‖aᵢ‖, relative to `max_i max(|aᵢᵀx|/‖aᵢ‖, ‖aᵢ‖ sᵢ)`.
 */
export function kktViolation(A: Tensor, X: Tensor, S: Tensor): number {
  const [m, k] = [A.rows, A.cols];
  const n = X.cols;
  let worst = 0;
  for (let j = 0; j < n; j++) {
    const r = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      let v = X.data[i * n + j]!;
      for (let l = 0; l < k; l++) v -= A.data[i * k + l]! * S.data[l * n + j]!;
      r[i] = v;
    }
    let sigma = 0;
    let viol = 0;
    for (let l = 0; l < k; l++) {
      let an = 0;
      let w = 0;
      let c = 0;
      for (let i = 0; i < m; i++) {
        const a = A.data[i * k + l]!;
        an += a * a;
        w += a * r[i]!;
        c += a * X.data[i * n + j]!;
      }
      const s = S.data[l * n + j]!;
      if (!(s >= 0) || !Number.isFinite(s)) return Number.POSITIVE_INFINITY;
      if (an === 0) continue;
      an = Math.sqrt(an);
      sigma = Math.max(sigma, Math.abs(c) / an, an * s);
      viol = Math.max(viol, s > 0 ? Math.abs(w) / an : w / an);
    }
    if (sigma > 0) worst = Math.max(worst, viol / sigma);
  }
  return worst;
}
