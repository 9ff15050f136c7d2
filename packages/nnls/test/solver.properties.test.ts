import { CscMatrix, Random, Tensor } from "@neural-nmf/tensor";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type NnlsMethod, nnls, nnlsGram } from "../src/index.js";
import { kktViolation } from "./kkt.js";

/**
 * Problems are drawn from a few integer parameters (shrinkable by fast-check) and a seed that
 * drives the library's deterministic generator.
 */
type Kind =
  | "gaussian"
  | "nonneg"
  | "duplicate"
  | "scaled-duplicate"
  | "zero-column"
  | "rank-deficient"
  | "negative-cone"
  | "column-scales";

interface Problem {
  A: Tensor;
  X: Tensor;
  fullRank: boolean;
}

function build(m: number, k: number, n: number, kind: Kind, seed: number): Problem {
  const rng = new Random(seed);
  const A = new Float64Array(m * k);
  const nonneg = kind === "nonneg" || kind === "negative-cone";
  for (let t = 0; t < A.length; t++) A[t] = nonneg ? rng.uniform() : rng.normal();
  let fullRank = m >= k;
  if ((kind === "duplicate" || kind === "scaled-duplicate") && k > 1) {
    const a = rng.int(k);
    const b = (a + 1 + rng.int(k - 1)) % k;
    const f = kind === "duplicate" ? 1 : 0.25 + 4 * rng.uniform();
    for (let i = 0; i < m; i++) A[i * k + b] = f * A[i * k + a]!;
    fullRank = false;
  }
  if (kind === "zero-column") {
    const z = rng.int(k);
    for (let i = 0; i < m; i++) A[i * k + z] = 0;
    fullRank = false;
  }
  if (kind === "rank-deficient" && k > 1) {
    const r = 1 + rng.int(Math.min(k - 1, m));
    const L = Float64Array.from({ length: m * r }, () => rng.normal());
    const R = Float64Array.from({ length: r * k }, () => rng.normal());
    A.fill(0);
    for (let i = 0; i < m; i++)
      for (let l = 0; l < k; l++)
        for (let q = 0; q < r; q++) A[i * k + l] = A[i * k + l]! + L[i * r + q]! * R[q * k + l]!;
    fullRank = false;
  }
  if (kind === "column-scales") {
    for (let l = 0; l < k; l++) {
      const f = 10 ** (rng.int(13) - 6);
      for (let i = 0; i < m; i++) A[i * k + l] = A[i * k + l]! * f;
    }
  }
  const X = new Float64Array(m * n);
  if (kind === "negative-cone") {
    for (let j = 0; j < n; j++)
      for (let l = 0; l < k; l++) {
        const w = rng.uniform();
        for (let i = 0; i < m; i++) X[i * n + j] = X[i * n + j]! - w * A[i * k + l]!;
      }
  } else {
    for (let t = 0; t < X.length; t++) X[t] = rng.normal() + (nonneg ? 0.5 : 0);
  }
  if (n > 1) for (let i = 0; i < m; i++) X[i * n] = 0; // a zero column of X in every problem
  return { A: new Tensor(A, [m, k]), X: new Tensor(X, [m, n]), fullRank };
}

function scaled(t: Tensor, f: number): Tensor {
  return new Tensor(
    t.data.map((v) => v * f),
    t.shape,
  );
}

const kinds: Kind[] = [
  "gaussian",
  "nonneg",
  "duplicate",
  "scaled-duplicate",
  "zero-column",
  "rank-deficient",
  "negative-cone",
  "column-scales",
];
const methods: NnlsMethod[] = ["auto", "bpp", "active-set"];

const problemArb = fc.record({
  m: fc.integer({ min: 1, max: 14 }),
  k: fc.integer({ min: 1, max: 12 }),
  n: fc.integer({ min: 1, max: 7 }),
  kind: fc.constantFrom(...kinds),
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  method: fc.constantFrom(...methods),
  scale: fc.constantFrom(1, 1e-9, 1e9),
});

const runs = { numRuns: 400, seed: 20240611 };

describe("KKT properties (fast-check)", () => {
  it("random and degenerate problems: S ≥ 0, finite, KKT within tolerance", () => {
    fc.assert(
      fc.property(problemArb, ({ m, k, n, kind, seed, method, scale }) => {
        const p = build(m, k, n, kind, seed);
        const A = scaled(p.A, scale);
        const X = scaled(p.X, scale);
        const r = nnls(A, X, { method });
        expect(r.S.shape).toEqual([k, n]);
        expect(r.converged).toBe(true);
        expect(r.maxKktViolation).toBeLessThanOrEqual(1e-10);
        expect(kktViolation(A, X, r.S)).toBeLessThanOrEqual(1e-8);
        for (let t = 0; t < r.S.data.length; t++) {
          expect(r.passive[t]).toBe(r.S.data[t]! > 0 ? 1 : 0);
        }
        if (kind === "negative-cone") for (const v of r.S.data) expect(v).toBe(0);
        if (n > 1) for (let l = 0; l < k; l++) expect(r.S.get(l, 0)).toBe(0);
      }),
      runs,
    );
  });

  it("bpp and active-set reach the same optimum (same S when it is unique)", () => {
    fc.assert(
      fc.property(problemArb, ({ m, k, n, kind, seed }) => {
        const { A, X, fullRank } = build(m, k, n, kind, seed);
        const a = nnls(A, X, { method: "bpp" });
        const b = nnls(A, X, { method: "active-set" });
        let xx = 0;
        for (const v of X.data) xx += v * v;
        const obj = (S: Tensor): number => {
          let f = 0;
          for (let i = 0; i < m; i++)
            for (let j = 0; j < n; j++) {
              let v = X.data[i * n + j]!;
              for (let l = 0; l < k; l++) v -= A.data[i * k + l]! * S.data[l * n + j]!;
              f += v * v;
            }
          return f;
        };
        expect(Math.abs(obj(a.S) - obj(b.S))).toBeLessThanOrEqual(1e-12 * Math.max(xx, 1e-300));
        if (fullRank && kind !== "column-scales") {
          let smax = 0;
          for (const v of a.S.data) smax = Math.max(smax, v);
          for (let t = 0; t < a.S.data.length; t++) {
            expect(Math.abs(a.S.data[t]! - b.S.data[t]!)).toBeLessThanOrEqual(1e-9 * smax);
          }
        }
      }),
      runs,
    );
  });

  it("scaling A and X by 1e±9 gives the same support and a correspondingly scaled S", () => {
    fc.assert(
      fc.property(
        problemArb.filter((p) => p.m >= p.k && (p.kind === "gaussian" || p.kind === "nonneg")),
        fc.constantFrom(1e-9, 1e9),
        fc.constantFrom(1e-9, 1, 1e9),
        ({ m, k, n, kind, seed, method }, alpha, beta) => {
          const { A, X } = build(m, k, n, kind, seed);
          const base = nnls(A, X, { method });
          const r = nnls(scaled(A, alpha), scaled(X, beta), { method });
          expect(Array.from(r.passive)).toEqual(Array.from(base.passive));
          let smax = 0;
          for (const v of base.S.data) smax = Math.max(smax, v);
          for (let t = 0; t < r.S.data.length; t++) {
            const expected = (base.S.data[t]! * beta) / alpha;
            // Rounding is amplified by κ(G) (random 2×2 draws reach 1e6): 1e-7 relative.
            expect(Math.abs(r.S.data[t]! - expected)).toBeLessThanOrEqual(
              (1e-7 * smax * beta) / alpha,
            );
          }
        },
      ),
      runs,
    );
  });

  it("warm start gives the cold-start answer (bit for bit on full-rank problems)", () => {
    fc.assert(
      fc.property(
        problemArb,
        fc.constantFrom("random-mask", "solution", "perturbed", "all", "none"),
        ({ m, k, n, kind, seed, method }, start) => {
          const { A, X, fullRank } = build(m, k, n, kind, seed);
          const cold = nnls(A, X, { method });
          const rng = new Random(seed + 1);
          let initial: Tensor | Float64Array | Uint8Array;
          if (start === "random-mask") {
            initial = Uint8Array.from({ length: k * n }, () => (rng.uniform() < 0.5 ? 1 : 0));
          } else if (start === "solution") {
            initial = cold.S;
          } else if (start === "perturbed") {
            const B = A.data.map((v) => v * (1 + 0.01 * rng.normal()));
            initial = nnls(new Tensor(B, [m, k]), X).S.data;
          } else {
            initial = new Uint8Array(k * n).fill(start === "all" ? 1 : 0);
          }
          const warm = nnls(A, X, { method, initial });
          expect(warm.converged).toBe(true);
          expect(kktViolation(A, X, warm.S)).toBeLessThanOrEqual(1e-8);
          if (fullRank && kind !== "column-scales") {
            expect(Array.from(warm.S.data)).toEqual(Array.from(cold.S.data));
          }
        },
      ),
      runs,
    );
  });

  it("a sparse X (CscMatrix) gives the dense answer", () => {
    fc.assert(
      fc.property(problemArb, fc.double({ min: 0.1, max: 0.9, noNaN: true }), (p, keep) => {
        const { A, X, fullRank } = build(p.m, p.k, p.n, p.kind, p.seed);
        const rng = new Random(p.seed + 2);
        const Xs = new Tensor(
          X.data.map((v) => (rng.uniform() < keep ? v : 0)),
          X.shape,
        );
        const dense = nnls(A, Xs, { method: p.method });
        const sparse = nnls(A, CscMatrix.fromDense(Xs), { method: p.method });
        expect(sparse.converged).toBe(true);
        expect(kktViolation(A, Xs, sparse.S)).toBeLessThanOrEqual(1e-8);
        if (fullRank && p.kind !== "column-scales") {
          let smax = 0;
          for (const v of dense.S.data) smax = Math.max(smax, v);
          for (let t = 0; t < dense.S.data.length; t++) {
            expect(Math.abs(sparse.S.data[t]! - dense.S.data[t]!)).toBeLessThanOrEqual(1e-9 * smax);
          }
        }
      }),
      runs,
    );
  });

  it("iteration cap: never throws, finite feasible S, converged false when the cap binds", () => {
    fc.assert(
      fc.property(problemArb, fc.integer({ min: 1, max: 4 }), (p, maxIterations) => {
        const { A, X } = build(p.m, p.k, p.n, p.kind, p.seed);
        const r = nnls(A, X, { method: p.method, maxIterations });
        expect(r.iterations).toBeLessThanOrEqual(maxIterations);
        for (const v of r.S.data) expect(Number.isFinite(v) && v >= 0).toBe(true);
        // converged ⇔ every column satisfies KKT within the tolerance.
        expect(r.converged).toBe(r.unconverged === 0);
        if (r.converged) expect(r.maxKktViolation).toBeLessThanOrEqual(1e-10);
        else expect(r.unconverged).toBeGreaterThan(0);
      }),
      runs,
    );
  });

  it("nnlsGram on G = AᵀA, C = AᵀX matches nnls", () => {
    fc.assert(
      fc.property(problemArb, ({ m, k, n, kind, seed, method }) => {
        const { A, X } = build(m, k, n, kind, seed);
        const G = new Float64Array(k * k);
        const C = new Float64Array(k * n);
        for (let r = 0; r < m; r++) {
          for (let i = 0; i < k; i++) {
            const a = A.data[r * k + i]!;
            for (let l = 0; l < k; l++) G[i * k + l] = G[i * k + l]! + a * A.data[r * k + l]!;
            for (let j = 0; j < n; j++) C[i * n + j] = C[i * n + j]! + a * X.data[r * n + j]!;
          }
        }
        const r = nnlsGram(G, C, k, n, { method });
        expect(r.converged).toBe(true);
        expect(kktViolation(A, X, new Tensor(r.S, [k, n]))).toBeLessThanOrEqual(1e-8);
      }),
      runs,
    );
  });
});
