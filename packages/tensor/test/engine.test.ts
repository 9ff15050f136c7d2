import { describe, expect, expectTypeOf, it } from "vitest";
import {
  add,
  customOp,
  detach,
  exp,
  GradientShapeError,
  grad,
  matmul,
  mul,
  randNormal,
  scale,
  square,
  stopGradient,
  sub,
  sum,
  sumSquares,
  type Tensor,
  tensor,
  valueAndGrad,
  vjp,
  zeros,
} from "../src/index.js";
import { gradCheck } from "../src/testing/index.js";

const close = (a: Tensor, b: Tensor, tol = 1e-12) => {
  expect(a.shape).toEqual(b.shape);
  for (let i = 0; i < a.data.length; i++)
    expect(Math.abs((a.data[i] as number) - (b.data[i] as number))).toBeLessThan(tol);
};

describe("autodiff engine", () => {
  it("accumulates through a diamond (shared subexpression used twice)", () => {
    // f(x) = sum(y ⊙ y) with y = exp(x): df/dx = 2 exp(2x)
    const x = randNormal(3, 2, { seed: 1 });
    const { grads } = valueAndGrad((a: Tensor) => {
      const y = exp(a);
      return sum(mul(y, y));
    })(x);
    const expected = x.data.map((v) => 2 * Math.exp(2 * v));
    close(
      grads[0]!,
      tensor(x.toRows().map((r, i) => r.map((_, j) => expected[i * 2 + j] as number))),
    );
  });

  it("handles a node reused many times and an argument used in several branches", () => {
    const x = tensor([[1.5, -2]]);
    // f = sum(x + x + x + 3x) = 6 sum(x)
    const g = grad((a: Tensor) => sum(add(add(add(a, a), a), scale(a, 3))))(x)[0]!;
    close(g, tensor([[6, 6]]));
  });

  it("stops gradients at detached branches", () => {
    const x = randNormal(2, 2, { seed: 2 });
    const g = grad((a: Tensor) => sum(mul(a, detach(a))))(x)[0]!;
    close(g, x); // d/dx <x, c> = c where c = x (held constant)
    const g2 = grad((a: Tensor) => sum(stopGradient(square(a))))(x)[0]!;
    close(g2, zeros(2, 2));
  });

  it("returns zeros for arguments the output does not depend on, and respects argnums", () => {
    const a = randNormal(2, 3, { seed: 3 });
    const b = randNormal(2, 3, { seed: 4 });
    const f = (x: Tensor, _y: Tensor) => sumSquares(x);
    const [ga, gb] = grad(f)(a, b);
    close(ga!, scale(a, 2));
    close(gb!, zeros(2, 3));
    const only = valueAndGrad(f, { argnums: [1] })(a, b);
    expect(only.grads).toHaveLength(1);
    close(only.grads[0]!, zeros(2, 3));
  });

  it("passes auxiliary data through", () => {
    const a = randNormal(2, 2, { seed: 5 });
    const r = valueAndGrad((x: Tensor) => ({ value: sumSquares(x), aux: { terms: { fit: 1 } } }))(
      a,
    );
    expect(r.aux.terms.fit).toBe(1);
    expect(r.value).toBeCloseTo(
      a.data.reduce((s, v) => s + v * v, 0),
      12,
    );
  });

  it("never mutates its inputs or marks the caller's tensors", () => {
    const a = randNormal(4, 3, { seed: 6 });
    const b = randNormal(3, 5, { seed: 7 });
    const before = [a.data.slice(), b.data.slice()];
    grad((x: Tensor, y: Tensor) => sum(square(matmul(x, y))))(a, b);
    expect(Array.from(a.data)).toEqual(Array.from(before[0]!));
    expect(Array.from(b.data)).toEqual(Array.from(before[1]!));
    expect(a.isTraced).toBe(false);
    expect(b.isTraced).toBe(false);
  });

  it("vjp gives J^T v for non-scalar outputs", () => {
    const a = randNormal(3, 3, { seed: 8 });
    const v = randNormal(3, 3, { seed: 9 });
    const { value, grads } = vjp((x) => mul(x, x), [a], v);
    close(value, mul(a, a));
    close(grads[0]!, mul(scale(a, 2), v));
  });

  it("handles deep graphs without recursion limits", () => {
    const x = tensor([[1]]);
    const g = grad((a: Tensor) => {
      let y = a;
      for (let i = 0; i < 20_000; i++) y = add(y, scale(a, 1e-4));
      return sum(y);
    })(x)[0]!;
    expect(g.item()).toBeCloseTo(3, 10);
  });

  it("retains nothing after a backward pass (10 000 training-style steps)", () => {
    const X = randNormal(20, 15, { seed: 10 });
    let A = randNormal(20, 4, { seed: 11 });
    const S = randNormal(4, 15, { seed: 12 });
    const step = valueAndGrad((a: Tensor) => sumSquares(sub(X, matmul(a, S))));
    const gc = (globalThis as { gc?: () => void }).gc;
    const heap = () => {
      gc?.();
      return process.memoryUsage().heapUsed;
    };
    for (let i = 0; i < 500; i++) A = sub(A, scale(step(A).grads[0]!, 1e-3));
    const h0 = heap();
    let last = 0;
    for (let i = 0; i < 10_000; i++) {
      const r = step(A);
      A = sub(A, scale(r.grads[0]!, 1e-3));
      last = r.value;
    }
    const grown = heap() - h0;
    expect(Number.isFinite(last)).toBe(true);
    expect(A.isTraced).toBe(false);
    // Each step allocates ~30 KB of graph and buffers; retaining them would grow the heap by ~300 MB.
    expect(grown).toBeLessThan(gc ? 5e6 : 60e6);
  });
});

describe("custom ops", () => {
  const cube = customOp<[Tensor], undefined, Tensor>({
    name: "cube",
    forward: ([x]) => ({ output: mul(mul(x, x), x), saved: x }),
    backward: ({ gradOutput, saved }) => [mul(gradOutput, scale(square(saved), 3))],
  });

  it("differentiates through a user-defined op", () => {
    const x = randNormal(3, 4, { seed: 13 });
    const r = gradCheck((a) => cube([a], undefined), [x]);
    expect(r.ok).toBe(true);
  });

  it("forward sees untraced inputs and backward gets needsGrad flags", () => {
    const seen: boolean[][] = [];
    const op = customOp<[Tensor, Tensor]>({
      name: "probe",
      forward: ([a, b]) => {
        expect(a.isTraced).toBe(false);
        return { output: add(a, b), saved: undefined };
      },
      backward: ({ gradOutput, needsGrad }) => {
        seen.push([...needsGrad]);
        return [gradOutput, needsGrad[1] ? gradOutput : null];
      },
    });
    const a = randNormal(2, 2, { seed: 14 });
    const b = randNormal(2, 2, { seed: 15 });
    grad((x: Tensor) => sum(op([x, b], undefined)))(a);
    expect(seen).toEqual([[true, false]]);
  });

  it("throws GradientShapeError naming the op when a gradient has the wrong shape", () => {
    const bad = customOp<[Tensor]>({
      name: "badTranspose",
      forward: ([a]) => ({ output: a, saved: undefined }),
      backward: () => [zeros(3, 2)],
    });
    const a = randNormal(2, 3, { seed: 16 });
    expect(() => grad((x: Tensor) => sum(bad([x], undefined)))(a)).toThrow(GradientShapeError);
    expect(() => grad((x: Tensor) => sum(bad([x], undefined)))(a)).toThrow(
      /badTranspose.*\[3, 2\].*\[2, 3\]/,
    );
  });

  it("throws when backward returns the wrong number of gradients", () => {
    const bad = customOp<[Tensor]>({
      name: "short",
      forward: ([a]) => ({ output: a, saved: undefined }),
      // The types ask for one gradient; the runtime check is for untyped callers.
      backward: () => [] as unknown as [null],
    });
    expect(() => grad((x: Tensor) => sum(bad([x], undefined)))(tensor([[1]]))).toThrow(
      /short: backward returned 0/,
    );
  });

  it("types inputs, needsGrad and gradients per position of the input tuple", () => {
    const axpy = customOp<[Tensor, Tensor], number>({
      name: "axpy",
      forward: ([x, y], alpha) => {
        expectTypeOf(x).toEqualTypeOf<Tensor>();
        return { output: add(scale(x, alpha), y), saved: undefined };
      },
      backward: ({ gradOutput, params: alpha, needsGrad }) => {
        expectTypeOf(needsGrad).toEqualTypeOf<readonly [boolean, boolean]>();
        return [needsGrad[0] ? scale(gradOutput, alpha) : null, needsGrad[1] ? gradOutput : null];
      },
    });
    const x = randNormal(2, 3, { seed: 18 });
    const y = randNormal(2, 3, { seed: 19 });
    expect(gradCheck((a, b) => axpy([a, b], 0.5), [x, y]).ok).toBe(true);
    // @ts-expect-error a two-input op takes exactly two inputs
    expect(() => axpy([x], 0.5)).toThrow();
    customOp<[Tensor, Tensor]>({
      name: "oneGradient",
      forward: ([a]) => ({ output: a, saved: undefined }),
      // @ts-expect-error backward returns one gradient per input
      backward: ({ gradOutput }) => [gradOutput],
    });
  });

  it("takes any number of inputs with the default `readonly Tensor[]`", () => {
    const total = customOp({
      name: "total",
      forward: (inputs) => ({ output: inputs.reduce((s, t) => add(s, t)), saved: undefined }),
      backward: ({ gradOutput, inputs }) => inputs.map(() => gradOutput),
    });
    const xs = [1, 2, 3].map((seed) => randNormal(2, 2, { seed }));
    expect(gradCheck((a, b, c) => total([a, b, c], undefined), xs).ok).toBe(true);
  });

  it("gradCheck detects a wrong backward", () => {
    const wrong = customOp<[Tensor]>({
      name: "wrongSquare",
      forward: ([a]) => ({ output: square(a), saved: undefined }),
      backward: ({ gradOutput, inputs: [a] }) => [mul(gradOutput, a)], // missing factor 2
    });
    const r = gradCheck((x) => wrong([x], undefined), [randNormal(3, 3, { seed: 17 })]);
    expect(r.ok).toBe(false);
    expect(r.maxRelativeError).toBeGreaterThan(0.3);
    expect(r.worst).not.toBeNull();
  });
});
