// README:begin
import {
  combine,
  evaluateLoss,
  factorProduct,
  type Loss,
  orthogonalityPenalty,
  weighted,
} from "@neural-nmf/losses";
import {
  ArgumentTypeError,
  add,
  inner,
  log,
  mask,
  matmul,
  randUniform,
  relu,
  scale,
  sub,
  sum,
  Tensor,
  valueAndGrad,
} from "@neural-nmf/tensor";
import { gradCheck } from "@neural-nmf/tensor/testing";

/**
 * Generalized KL divergence D(X ‖ PS) = Σ x·log(x / PS) − x + PS with P = A⁽¹⁾⋯A⁽ᴸ⁾ and
 * S = S⁽ᴸ⁾, for a dense X ≥ 0. Terms with x = 0 reduce to PS: their log part must be 0 in value
 * and in gradient, even where PS = 0.
 */
function klDivergence(): Loss {
  return {
    name: "kl",
    compute: ({ X, A, S }) => {
      if (!(X instanceof Tensor)) throw new ArgumentTypeError("kl: X must be a dense Tensor", "X");
      const PS = matmul(factorProduct(A), S[S.length - 1]!);
      // Σ x·log x − x does not depend on the parameters: a plain number.
      let constant = 0;
      const isZero = new Float64Array(X.size);
      X.data.forEach((x, i) => {
        if (x > 0) constant += x * Math.log(x) - x;
        else isZero[i] = 1;
      });
      const zero = Tensor.fromTypedArray(isZero, X.shape);
      // log(PS) where x > 0 and log(1) = 0 where x = 0, so 0·log 0 never turns into NaN.
      const logPS = log(add(mask(PS, sub(1, zero)), zero));
      return add(sub(sum(PS), inner(X, logPS)), constant);
    },
  };
}

// Nonnegative rank-4 data with some zeros.
const product = matmul(randUniform(30, 4, { seed: 1 }), randUniform(4, 40, { seed: 2 }));
const X = Tensor.fromTypedArray(
  product.data.map((x, i) => (i % 7 === 0 ? 0 : x)),
  [30, 40],
);

// The custom loss next to a built-in, weighted like any other.
const loss = combine(klDivergence(), weighted(orthogonalityPenalty(), 1e-3));
const objective = (A: Tensor, S: Tensor) => evaluateLoss(loss, { X, A: [A], S: [S] }).total;

let A = randUniform(30, 4, { seed: 3 });
let S = randUniform(4, 40, { seed: 4 });
// The loss is ~450 here: central differences lose about ε·|f|/h, so take h a little larger.
console.log(gradCheck(objective, [A, S], { eps: 1e-5 }).ok); // true

// Projected gradient descent on A and S: a step, then max(·, 0).
const step = valueAndGrad(objective);
const history: number[] = [];
for (let t = 0; t < 300; t++) {
  const { value, grads } = step(A, S);
  history.push(value);
  A = relu(sub(A, scale(grads[0]!, 5e-3)));
  S = relu(sub(S, scale(grads[1]!, 5e-3)));
}
const { terms } = evaluateLoss(loss, { X, A: [A], S: [S] });
console.log(history[0], "→", history[history.length - 1]); // 454.9… → 74.5…
console.log(Object.keys(terms)); // ["kl", "orthogonality"]

// README:end

// Test-only imports come after the example so that it reads exactly as in the README.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

describe("README example", () => {
  it("is the code of the README, verbatim", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const block = /<!-- example:begin -->\s*```ts\n([\s\S]*?)```\s*<!-- example:end -->/.exec(
      readme,
    );
    const self = readFileSync(new URL(import.meta.url), "utf8");
    const region = /\/\/ README:begin\n([\s\S]*?)\/\/ README:end/.exec(self);
    expect(block?.[1]?.trim()).toBe(region?.[1]?.trim());
  });

  it("passes gradCheck w.r.t. A and S", () => {
    const A0 = randUniform(30, 4, { seed: 3 });
    const S0 = randUniform(4, 40, { seed: 4 });
    expect(gradCheck(objective, [A0, S0], { eps: 1e-5 }).ok).toBe(true);
  });

  it("trains: 300 projected gradient steps cut the loss by more than 5×, monotonically", () => {
    expect(history).toHaveLength(300);
    const first = history[0]!;
    const last = history[history.length - 1]!;
    expect(first).toBeCloseTo(454.9286560956297, 8);
    expect(last).toBeLessThan(first / 5);
    for (let t = 1; t < history.length; t++)
      expect(history[t]!).toBeLessThanOrEqual(history[t - 1]!);
    expect(Object.keys(terms)).toEqual(["kl", "orthogonality"]);
  });

  it("guards x = 0: a zero of X under PS = 0 contributes 0, not NaN", () => {
    const X0 = Tensor.fromTypedArray([0, 2, 1, 0], [2, 2]);
    const A0 = Tensor.fromTypedArray([1, 0, 0, 1], [2, 2]);
    // PS = [[0, 2], [1, 0]]: zero exactly where X is zero.
    const S0 = Tensor.fromTypedArray([0, 2, 1, 0], [2, 2]);
    const { value, grads } = valueAndGrad(
      (a: Tensor, s: Tensor) => evaluateLoss(klDivergence(), { X: X0, A: [a], S: [s] }).total,
    )(A0, S0);
    expect(value).toBeCloseTo(0, 12);
    for (const g of grads) for (const v of g.data) expect(Number.isFinite(v)).toBe(true);
  });
});
