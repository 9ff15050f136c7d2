// Type tests (vitest typecheck mode): the public types of @neural-nmf/tensor as users see them.
// A change here is a change of the public API and needs a changeset.
import { describe, expectTypeOf, it } from "vitest";
import {
  type ArgumentTypeError,
  add,
  CscMatrix,
  type Executor,
  grad,
  type MatmulOptions,
  matmul,
  type NeuralNmfError,
  type Operand,
  Random,
  randUniform,
  type Shape,
  type ShapeError,
  sum,
  Tensor,
  type TensorLike,
  tensor,
  type ValueAndGrad,
  valueAndGrad,
  vjp,
  withExecutor,
} from "../src/index.js";
import { type GradCheckResult, gradCheck } from "../src/testing/index.js";

describe("tensor()", () => {
  it("takes numbers, lists and rows and returns a Tensor", () => {
    expectTypeOf(tensor).parameter(0).toEqualTypeOf<TensorLike>();
    expectTypeOf(tensor(1)).toEqualTypeOf<Tensor>();
    expectTypeOf(tensor([1, 2])).toEqualTypeOf<Tensor>();
    expectTypeOf(tensor([[1, 2]])).toEqualTypeOf<Tensor>();
    expectTypeOf<number>().toExtend<TensorLike>();
    expectTypeOf<readonly number[]>().toExtend<TensorLike>();
    expectTypeOf<readonly (readonly number[])[]>().toExtend<TensorLike>();
    expectTypeOf<string>().not.toExtend<TensorLike>();
  });
});

describe("Tensor", () => {
  it("holds float64 data in a scalar or matrix shape", () => {
    expectTypeOf<Tensor["data"]>().toEqualTypeOf<Float64Array>();
    expectTypeOf<Tensor["shape"]>().toEqualTypeOf<Shape>();
    expectTypeOf<Shape>().toEqualTypeOf<readonly [] | readonly [number, number]>();
    expectTypeOf<Tensor["rank"]>().toEqualTypeOf<0 | 2>();
    expectTypeOf<Tensor["rows"]>().toEqualTypeOf<number>();
    expectTypeOf<Tensor["cols"]>().toEqualTypeOf<number>();
    expectTypeOf<Tensor["size"]>().toEqualTypeOf<number>();
  });

  it("has its accessors and conversions", () => {
    const t = tensor([[1, 2]]);
    expectTypeOf(t.get).toEqualTypeOf<(i?: number, j?: number) => number>();
    expectTypeOf(t.item()).toEqualTypeOf<number>();
    expectTypeOf(t.toArray()).toEqualTypeOf<number | number[][]>();
    expectTypeOf(t.toRows()).toEqualTypeOf<number[][]>();
    expectTypeOf(t.column(0)).toEqualTypeOf<Float64Array>();
    expectTypeOf(t.clone()).toEqualTypeOf<Tensor>();
    expectTypeOf(Tensor.fromTypedArray)
      .parameter(0)
      .toEqualTypeOf<Float64Array | readonly number[]>();
    expectTypeOf(Tensor.fromTypedArray).returns.toEqualTypeOf<Tensor>();
  });

  it("is readonly where it is shared", () => {
    const t = tensor(1);
    // @ts-expect-error shape is readonly
    t.shape = [1, 1];
    // @ts-expect-error data is readonly
    t.data = new Float64Array(1);
  });
});

describe("ops", () => {
  it("map tensors to tensors", () => {
    expectTypeOf(matmul).toEqualTypeOf<(a: Tensor, b: Tensor, options?: MatmulOptions) => Tensor>();
    expectTypeOf(add).parameters.toEqualTypeOf<[Operand, Operand]>();
    expectTypeOf(add).returns.toEqualTypeOf<Tensor>();
    expectTypeOf<number>().toExtend<Operand>();
    expectTypeOf<Tensor>().toExtend<Operand>();
    expectTypeOf(sum(tensor(1))).toEqualTypeOf<Tensor>();
    expectTypeOf<MatmulOptions>().toExtend<{ transA?: boolean; transB?: boolean }>();
  });
});

describe("autodiff", () => {
  it("valueAndGrad keeps the argument list and returns the value, gradients and aux", () => {
    const f = valueAndGrad((a: Tensor, b: Tensor) => sum(matmul(a, b)));
    expectTypeOf(f).parameters.toEqualTypeOf<[Tensor, Tensor]>();
    expectTypeOf(f).returns.toEqualTypeOf<ValueAndGrad<undefined>>();
    expectTypeOf<ValueAndGrad<undefined>>().toEqualTypeOf<{
      value: number;
      grads: Tensor[];
      aux: undefined;
    }>();
    const withAux = valueAndGrad((a: Tensor) => ({ value: sum(a), aux: { n: 1 } }));
    expectTypeOf(withAux(tensor(1)).aux).toEqualTypeOf<{ n: number }>();
    // Only tensors can be differentiated.
    // @ts-expect-error a number argument is not a Tensor
    valueAndGrad((x: number) => tensor(x));
  });

  it("grad and vjp", () => {
    expectTypeOf(grad((a: Tensor) => sum(a))).returns.toEqualTypeOf<Tensor[]>();
    expectTypeOf(vjp).returns.toEqualTypeOf<{ value: Tensor; grads: Tensor[] }>();
  });

  it("gradCheck reports ok and the errors", () => {
    expectTypeOf(gradCheck).returns.toEqualTypeOf<GradCheckResult>();
    expectTypeOf<GradCheckResult["ok"]>().toEqualTypeOf<boolean>();
    expectTypeOf<GradCheckResult["maxRelativeError"]>().toEqualTypeOf<number>();
  });
});

describe("CscMatrix", () => {
  it("is a compressed sparse column matrix of float64 values and int32 indices", () => {
    expectTypeOf<CscMatrix["rows"]>().toEqualTypeOf<number>();
    expectTypeOf<CscMatrix["cols"]>().toEqualTypeOf<number>();
    expectTypeOf<CscMatrix["nnz"]>().toEqualTypeOf<number>();
    expectTypeOf<CscMatrix["shape"]>().toEqualTypeOf<readonly [number, number]>();
    expectTypeOf<CscMatrix["colPtr"]>().toEqualTypeOf<Int32Array>();
    expectTypeOf<CscMatrix["rowIndices"]>().toEqualTypeOf<Int32Array>();
    expectTypeOf<CscMatrix["values"]>().toEqualTypeOf<Float64Array>();
    expectTypeOf(CscMatrix.fromDense).toEqualTypeOf<(t: Tensor) => CscMatrix>();
    expectTypeOf(CscMatrix.fromTriplets).returns.toEqualTypeOf<CscMatrix>();
    expectTypeOf<CscMatrix["toDense"]>().toEqualTypeOf<() => Tensor>();
    expectTypeOf<CscMatrix["leftMultiplyTransposed"]>().returns.toEqualTypeOf<Float64Array>();
  });
});

describe("Random, executors and errors", () => {
  it("Random draws numbers and fills arrays", () => {
    const rng = new Random(1);
    expectTypeOf(rng.int(3)).toEqualTypeOf<number>();
    expectTypeOf(rng.fillUniform(new Float64Array(2))).toEqualTypeOf<Float64Array>();
    expectTypeOf(randUniform(2, 3, { seed: 1 })).toEqualTypeOf<Tensor>();
  });

  it("withExecutor returns what its function returns", () => {
    expectTypeOf(withExecutor<number>)
      .parameter(0)
      .toEqualTypeOf<Executor>();
    expectTypeOf(withExecutor({} as Executor, () => "x")).toEqualTypeOf<string>();
  });

  it("every error is a NeuralNmfError that names its argument", () => {
    expectTypeOf<ShapeError>().toExtend<NeuralNmfError>();
    expectTypeOf<ArgumentTypeError>().toExtend<NeuralNmfError>();
    expectTypeOf<NeuralNmfError>().toExtend<Error>();
    expectTypeOf<NeuralNmfError["argument"]>().toEqualTypeOf<string | undefined>();
  });
});
