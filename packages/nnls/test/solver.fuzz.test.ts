import { CscMatrix, NonFiniteError, Random, Tensor } from "@neural-nmf/tensor";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nnls } from "../src/index.js";
import { kktViolation } from "./kkt.js";

/**
 * Fuzzing the solver over the whole float64 range: columns of A and of X scaled by powers of two
 * from 2⁻¹⁰⁷⁴ (subnormal) to 2¹⁰⁰⁰, zero and duplicate columns, any signs. Every answer is
 * checked by the independent KKT computation of kkt.ts on the problem brought to unit scale by
 * exact powers of two (the relative KKT violation is invariant under that scaling, and at unit
 * scale its squares neither underflow nor overflow).
 */

const exponent = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: -60, max: 60 }) },
  { weight: 2, arbitrary: fc.integer({ min: -1000, max: 1000 }) },
  { weight: 1, arbitrary: fc.integer({ min: -1074, max: -1022 }) }, // subnormal columns
);

const problem = fc.record({
  m: fc.integer({ min: 1, max: 7 }),
  k: fc.integer({ min: 1, max: 5 }),
  n: fc.integer({ min: 1, max: 4 }),
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  aExponents: fc.array(exponent, { minLength: 5, maxLength: 5 }),
  xExponents: fc.array(exponent, { minLength: 4, maxLength: 4 }),
  degenerate: fc.constantFrom("none", "zero", "duplicate"),
  sparse: fc.boolean(),
});

/** Column exponents that bring each column's largest |entry| into (0.5, 1] (0 for a zero column). */
function unitExponents(values: Float64Array, rows: number, cols: number): number[] {
  return Array.from({ length: cols }, (_, j) => {
    let max = 0;
    for (let i = 0; i < rows; i++) max = Math.max(max, Math.abs(values[i * cols + j]!));
    return max === 0 ? 0 : Math.ceil(Math.log2(max));
  });
}

/** v · 2^p without an intermediate overflow (factors of at most 2^±1000). */
function times(v: number, p: number): number {
  let out = v;
  let left = p;
  while (left !== 0 && out !== 0 && Number.isFinite(out)) {
    const step = Math.max(-1000, Math.min(1000, left));
    out *= 2 ** step;
    left -= step;
  }
  return out;
}

function withColumnsScaled(t: Float64Array, rows: number, cols: number, e: number[], sign: number) {
  const out = new Float64Array(t.length);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) out[i * cols + j] = times(t[i * cols + j]!, sign * e[j]!);
  }
  return out;
}

describe("NNLS across the float64 range (fuzz)", () => {
  it("returns finite nonnegative KKT points, or refuses an answer beyond float64", () => {
    let refused = 0;
    fc.assert(
      fc.property(problem, (p) => {
        const { m, k, n } = p;
        const rng = new Random(p.seed);
        const a = rng.fillNormal(new Float64Array(m * k));
        const x = rng.fillNormal(new Float64Array(m * n));
        if (p.degenerate === "zero") for (let i = 0; i < m; i++) a[i * k] = 0;
        if (p.degenerate === "duplicate" && k > 1)
          for (let i = 0; i < m; i++) a[i * k + 1] = a[i * k]!;
        const A = withColumnsScaled(a, m, k, p.aExponents, 1);
        const X = withColumnsScaled(x, m, n, p.xExponents, 1);
        const Xt = new Tensor(X, [m, n]);
        let result: ReturnType<typeof nnls>;
        try {
          result = nnls(new Tensor(A, [m, k]), p.sparse ? CscMatrix.fromDense(Xt) : Xt);
        } catch (error) {
          // Only an answer that float64 cannot hold may be refused: check on the unit problem.
          expect(error).toBeInstanceOf(NonFiniteError);
          const ea = unitExponents(A, m, k);
          const ex = unitExponents(X, m, n);
          const unit = nnls(
            new Tensor(withColumnsScaled(A, m, k, ea, -1), [m, k]),
            new Tensor(withColumnsScaled(X, m, n, ex, -1), [m, n]),
          ).S.data;
          let overflows = false;
          for (let i = 0; i < k; i++)
            for (let j = 0; j < n; j++)
              if (!Number.isFinite(times(unit[i * n + j]!, ex[j]! - ea[i]!))) overflows = true;
          expect(overflows).toBe(true);
          refused++;
          return;
        }
        const S = result.S.data;
        for (const v of S) expect(Number.isFinite(v) && v >= 0).toBe(true);
        // Independent check at unit scale: Â = A·2^−ea, X̂ = X·2^−ex, Ŝ_ij = S_ij·2^(ea_i − ex_j).
        const ea = unitExponents(A, m, k);
        const ex = unitExponents(X, m, n);
        const sHat = new Float64Array(k * n);
        for (let i = 0; i < k; i++)
          for (let j = 0; j < n; j++) sHat[i * n + j] = times(S[i * n + j]!, ea[i]! - ex[j]!);
        const violation = kktViolation(
          new Tensor(withColumnsScaled(A, m, k, ea, -1), [m, k]),
          new Tensor(withColumnsScaled(X, m, n, ex, -1), [m, n]),
          new Tensor(sHat, [k, n]),
        );
        // The violation the solver reports is the true one of what it returns (up to rounding).
        expect(result.maxKktViolation).toBeGreaterThanOrEqual(violation - 1e-8);
        if (result.converged) {
          expect(violation).toBeLessThan(1e-8);
        } else {
          // Only an answer that float64 cannot represent finely enough may fail: one scaled back
          // into the subnormal range, which keeps fewer bits than the solver computed.
          let subnormal = false;
          for (let i = 0; i < k; i++)
            for (let j = 0; j < n; j++) if (Math.abs(ex[j]! - ea[i]!) > 900) subnormal = true;
          expect(subnormal).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
    expect(refused).toBeLessThan(3000);
  });
});
