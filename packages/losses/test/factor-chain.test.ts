import { CscMatrix, randUniform, type Tensor, valueAndGrad } from "@neural-nmf/tensor";
import { describe, expect, it } from "vitest";
import { factorProduct, squaredResidual, squaredResidualOfFactors } from "../src/index.js";

describe("squaredResidualOfFactors", () => {
  it("equals the residual of the explicit product, value and gradients, for sparse X", () => {
    const dense = randUniform(25, 12, { seed: 1 });
    const keep = randUniform(25, 12, { seed: 2 });
    for (let i = 0; i < dense.data.length; i++)
      if ((keep.data[i] as number) < 0.7) dense.data[i] = 0;
    const X = CscMatrix.fromDense(dense);
    const A1 = randUniform(25, 6, { seed: 3 });
    const A2 = randUniform(6, 4, { seed: 4 });
    const A3 = randUniform(4, 2, { seed: 5 });
    const S = randUniform(2, 12, { seed: 6 });
    const chain = valueAndGrad((a: Tensor, b: Tensor, c: Tensor, s: Tensor) =>
      squaredResidualOfFactors(X, [a, b, c], s),
    );
    const product = valueAndGrad((a: Tensor, b: Tensor, c: Tensor, s: Tensor) =>
      squaredResidual(dense, factorProduct([a, b, c]), s),
    );
    const r1 = chain(A1, A2, A3, S);
    const r2 = product(A1, A2, A3, S);
    expect(Math.abs(r1.value - r2.value)).toBeLessThan(1e-10 * r2.value);
    r1.grads.forEach((g, i) => {
      const ref = r2.grads[i]!;
      const scaleOf = Math.max(...ref.data.map(Math.abs));
      g.data.forEach((v, t) => {
        expect(Math.abs(v - ref.data[t]!)).toBeLessThan(1e-10 * scaleOf);
      });
    });
  });
});
