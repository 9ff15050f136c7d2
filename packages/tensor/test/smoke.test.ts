import { describe, expect, it } from "vitest";
import { matmul, randNormal, sub, sum, sumSquares, valueAndGrad } from "../src/index.js";
import { gradCheck } from "../src/testing/index.js";

describe("smoke", () => {
  it("differentiates a least-squares loss", () => {
    const X = randNormal(5, 4, { seed: 1 });
    const S = randNormal(3, 4, { seed: 2 });
    const A = randNormal(5, 3, { seed: 3 });
    const f = (a: typeof A) => sumSquares(sub(X, matmul(a, S)));
    const r = gradCheck(f, [A]);
    expect(r.ok).toBe(true);
    const { value, grads } = valueAndGrad(f)(A);
    expect(value).toBeGreaterThan(0);
    expect(grads[0]!.shape).toEqual([5, 3]);
    expect(sum(A).shape).toEqual([]);
  });
});
