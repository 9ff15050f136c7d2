import { BRAND, isBrandedInstance } from "./brand.js";
import {
  ArgumentTypeError,
  formatShape,
  NonFiniteError,
  ShapeError,
  ValueError,
} from "./errors.js";
import type { GraphNode } from "./graph.js";
import { Random } from "./random.js";
import { describeValue } from "./validation/describe.js";

/**
 * Shape of a tensor: `[]` for a scalar, `[rows, cols]` for a matrix. Vectors are matrices with
 * one row or one column. Higher ranks are deliberately absent: every quantity in NMF is a matrix.
 */
export type Shape = readonly [] | readonly [number, number];

/** Nested input accepted by {@link tensor}: a number, a list (a column vector) or a list of rows. */
export type TensorLike = number | readonly number[] | readonly (readonly number[])[];

/** Options of the factories that take user data. */
export interface FromDataOptions {
  /** Accept NaN and ±Infinity (default `false`: they throw {@link NonFiniteError}). */
  allowNonFinite?: boolean;
}

/**
 * A dense float64 tensor: a scalar or a matrix stored **row-major** in a `Float64Array`
 * (element (i, j) of an m×n matrix is `data[i * n + j]`).
 *
 * Tensors are immutable by contract: no function of this library writes into a tensor it was
 * given. A tensor created inside {@link valueAndGrad} carries a graph node; everywhere else it is
 * a plain value.
 */
export class Tensor {
  static readonly [BRAND]: string = "@neural-nmf/tensor:Tensor";
  /** True for a Tensor of any installed copy of this package (see `brand.ts`). */
  static [Symbol.hasInstance](value: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the subclass asked about, not this class.
    return isBrandedInstance(this, value);
  }
  /** Row-major values. Treat as read-only. */
  readonly data: Float64Array;
  /** `[]` for a scalar, `[rows, cols]` for a matrix. */
  readonly shape: Shape;
  /** @internal Graph node when the tensor is being traced for differentiation. */
  readonly node: GraphNode | null;

  /** @internal Use the factories ({@link tensor}, {@link Tensor.fromTypedArray}, {@link zeros}, ...). */
  constructor(data: Float64Array, shape: Shape, node: GraphNode | null = null) {
    this.data = data;
    this.shape = shape;
    this.node = node;
  }

  /** 0 for a scalar, 2 for a matrix. */
  get rank(): 0 | 2 {
    return this.shape.length === 0 ? 0 : 2;
  }

  /** Number of rows (1 for a scalar). */
  get rows(): number {
    return this.shape.length === 0 ? 1 : this.shape[0];
  }

  /** Number of columns (1 for a scalar). */
  get cols(): number {
    return this.shape.length === 0 ? 1 : this.shape[1];
  }

  /** Number of elements. */
  get size(): number {
    return this.data.length;
  }

  /** Whether this tensor is part of a graph being differentiated. */
  get isTraced(): boolean {
    return this.node !== null;
  }

  /**
   * Element (i, j) of a matrix, or the value of a scalar when called without arguments.
   * @throws {@link ValueError} when an index is out of range.
   */
  get(i = 0, j = 0): number {
    if (!Number.isInteger(i) || i < 0 || i >= this.rows) {
      throw new ValueError(
        `Tensor.get: row index ${i} out of range for shape ${formatShape(this.shape)}`,
        "i",
      );
    }
    if (!Number.isInteger(j) || j < 0 || j >= this.cols) {
      throw new ValueError(
        `Tensor.get: column index ${j} out of range for shape ${formatShape(this.shape)}`,
        "j",
      );
    }
    return this.data[i * this.cols + j] as number;
  }

  /** The value of a one-element tensor. */
  item(): number {
    if (this.data.length !== 1) {
      throw new ShapeError(
        `Tensor.item: needs one element, tensor has shape ${formatShape(this.shape)}`,
      );
    }
    return this.data[0] as number;
  }

  /** A number for a scalar, an array of rows for a matrix. */
  toArray(): number | number[][] {
    if (this.shape.length === 0) return this.data[0] as number;
    const [m, n] = this.shape;
    const out: number[][] = [];
    for (let i = 0; i < m; i++) out.push(Array.from(this.data.subarray(i * n, (i + 1) * n)));
    return out;
  }

  /** Rows as arrays (a scalar gives `[[value]]`). */
  toRows(): number[][] {
    const n = this.cols;
    const out: number[][] = [];
    for (let i = 0; i < this.rows; i++)
      out.push(Array.from(this.data.subarray(i * n, (i + 1) * n)));
    return out;
  }

  /** Column j as a new `Float64Array`. */
  column(j: number): Float64Array {
    if (!Number.isInteger(j) || j < 0 || j >= this.cols) {
      throw new ValueError(
        `Tensor.column: index ${j} out of range for shape ${formatShape(this.shape)}`,
        "j",
      );
    }
    const m = this.rows;
    const n = this.cols;
    const out = new Float64Array(m);
    for (let i = 0; i < m; i++) out[i] = this.data[i * n + j] as number;
    return out;
  }

  /**
   * `Σ xᵢⱼ²`, the squared Frobenius norm ‖X‖²_F, as {@link CscMatrix.frobeniusNormSquared} gives
   * it for sparse data (Infinity when the squares overflow). A plain value: not differentiated.
   */
  frobeniusNormSquared(): number {
    let s = 0;
    for (let i = 0; i < this.data.length; i++) s += (this.data[i] as number) ** 2;
    return s;
  }

  /** A copy with its own storage and no graph node. */
  clone(): Tensor {
    return new Tensor(this.data.slice(), this.shape);
  }

  /** Human-readable summary, e.g. `Tensor([2, 3])`. */
  toString(): string {
    return `Tensor(${formatShape(this.shape)})`;
  }

  /**
   * Wraps or copies a typed array as a tensor of the given shape.
   * @param data - row-major values; copied unless `copy: false` (then the tensor owns it and the
   *   caller must not write to it afterwards).
   * @param shape - `[]` or `[rows, cols]`; defaults to a column vector.
   */
  static fromTypedArray(
    data: Float64Array | readonly number[],
    shape?: Shape,
    options: FromDataOptions & { copy?: boolean } = {},
  ): Tensor {
    const s = shape ?? ([data.length, 1] as const);
    checkShape(s, "shape");
    const size = s.length === 0 ? 1 : s[0] * s[1];
    if (data.length !== size) {
      throw new ShapeError(
        `Tensor.fromTypedArray: argument \`data\` has ${data.length} elements, shape ${formatShape(s)} needs ${size}`,
        "data",
      );
    }
    const arr =
      data instanceof Float64Array
        ? options.copy === false
          ? data
          : data.slice()
        : Float64Array.from(data);
    if (!options.allowNonFinite) assertFinite(arr, "data", "Tensor.fromTypedArray");
    return new Tensor(arr, s);
  }
}

/**
 * Creates a tensor from a number (scalar), a list of numbers (column vector) or a list of rows.
 * @throws {@link ShapeError} for ragged rows, {@link NonFiniteError} for NaN/±Infinity (unless allowed).
 * @example
 * ```ts
 * const a = tensor([[1, 2], [3, 4]]); // 2×2
 * const s = tensor(3);                // scalar
 * ```
 */
export function tensor(values: TensorLike, options: FromDataOptions = {}): Tensor {
  let t: Tensor;
  if (typeof values === "number") {
    t = new Tensor(Float64Array.of(values), []);
  } else if (!Array.isArray(values)) {
    throw new ArgumentTypeError(
      `tensor: argument \`values\` must be a number or an array, got ${describeValue(values)}`,
      "values",
    );
  } else if (values.length > 0 && Array.isArray(values[0])) {
    const rows = values as readonly (readonly number[])[];
    const n = rows[0]?.length ?? 0;
    const data = new Float64Array(rows.length * n);
    rows.forEach((row, i) => {
      if (!Array.isArray(row) || row.length !== n) {
        throw new ShapeError(
          `tensor: row ${i} of \`values\` has length ${row?.length}, row 0 has ${n}`,
          "values",
        );
      }
      for (let j = 0; j < n; j++) {
        const v = row[j];
        if (typeof v !== "number") {
          throw new ArgumentTypeError(
            `tensor: values[${i}][${j}] is ${describeValue(v)}, not a number`,
            "values",
          );
        }
        data[i * n + j] = v;
      }
    });
    t = new Tensor(data, [rows.length, n]);
  } else {
    const list = values as readonly number[];
    const data = new Float64Array(list.length);
    list.forEach((v, i) => {
      if (typeof v !== "number") {
        throw new ArgumentTypeError(
          `tensor: values[${i}] is ${describeValue(v)}, not a number`,
          "values",
        );
      }
      data[i] = v;
    });
    t = new Tensor(data, [list.length, 1]);
  }
  if (!options.allowNonFinite) assertFinite(t.data, "values", "tensor");
  return t;
}

/** A scalar tensor. */
export function scalar(value: number): Tensor {
  if (typeof value !== "number") {
    throw new ArgumentTypeError(
      `scalar: argument \`value\` must be a number, got ${describeValue(value)}`,
      "value",
    );
  }
  return new Tensor(Float64Array.of(value), []);
}

/** An m×n matrix filled with `value`. */
export function full(rows: number, cols: number, value: number): Tensor {
  checkShape([rows, cols], "rows/cols");
  return new Tensor(new Float64Array(rows * cols).fill(value), [rows, cols]);
}

/** An m×n matrix of zeros. */
export function zeros(rows: number, cols: number): Tensor {
  return full(rows, cols, 0);
}

/** An m×n matrix of ones. */
export function ones(rows: number, cols: number): Tensor {
  return full(rows, cols, 1);
}

/** The n×n identity (or an m×n matrix with ones on its diagonal). */
export function eye(n: number, cols: number = n): Tensor {
  const t = zeros(n, cols);
  for (let i = 0; i < Math.min(n, cols); i++) t.data[i * cols + i] = 1;
  return t;
}

/** Options of the random factories. */
export interface RandomOptions {
  /** Seed of a fresh {@link Random}, or a generator to draw from (its state advances). */
  seed?: number | Random;
}

/** Resolves a seed or a generator into a generator (a missing seed is an error: randomness is seeded everywhere). */
export function toRandom(seed: number | Random | undefined, where: string): Random {
  if (seed instanceof Random) return seed;
  if (seed === undefined) {
    throw new ValueError(
      `${where}: option \`seed\` is required (a number or a Random); results must be reproducible`,
      "seed",
    );
  }
  return new Random(seed);
}

/** An m×n matrix of uniform numbers in [low, high) (default [0, 1)). */
export function randUniform(
  rows: number,
  cols: number,
  options: RandomOptions & { low?: number; high?: number },
): Tensor {
  checkShape([rows, cols], "rows/cols");
  const rng = toRandom(options.seed, "randUniform");
  const data = rng.fillUniform(new Float64Array(rows * cols), options.low ?? 0, options.high ?? 1);
  return new Tensor(data, [rows, cols]);
}

/** An m×n matrix of normal numbers (default mean 0, standard deviation 1). */
export function randNormal(
  rows: number,
  cols: number,
  options: RandomOptions & { mean?: number; std?: number },
): Tensor {
  checkShape([rows, cols], "rows/cols");
  const rng = toRandom(options.seed, "randNormal");
  const data = rng.fillNormal(new Float64Array(rows * cols), options.mean ?? 0, options.std ?? 1);
  return new Tensor(data, [rows, cols]);
}

/** @internal Throws unless `shape` is `[]` or two non-negative integers. */
export function checkShape(shape: readonly number[], argument: string): void {
  if (shape.length !== 0 && shape.length !== 2) {
    throw new ShapeError(
      `shape ${formatShape(shape)} has rank ${shape.length}; only scalars and matrices exist`,
      argument,
    );
  }
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) {
      throw new ShapeError(`shape ${formatShape(shape)} must hold non-negative integers`, argument);
    }
  }
}

/** Throws {@link NonFiniteError} naming `argument` if `data` holds NaN or ±Infinity. */
export function assertFinite(data: ArrayLike<number>, argument: string, where: string): void {
  for (let i = 0; i < data.length; i++) {
    const v = data[i] as number;
    if (!Number.isFinite(v)) {
      throw new NonFiniteError(
        `${where}: argument \`${argument}\` holds ${v} at flat index ${i}`,
        argument,
      );
    }
  }
}

/** @internal Throws {@link ArgumentTypeError} unless `value` is a {@link Tensor}. */
export function assertTensor(
  value: unknown,
  argument: string,
  where: string,
): asserts value is Tensor {
  if (!(value instanceof Tensor)) {
    throw new ArgumentTypeError(
      `${where}: argument \`${argument}\` must be a Tensor, got ${describeValue(value)}`,
      argument,
    );
  }
}

/**
 * Throws unless `t` is a matrix: {@link ArgumentTypeError} when it is not a {@link Tensor} at
 * all, {@link ShapeError} when it is a scalar. For packages that take matrices from users.
 */
export function assertMatrix(t: unknown, argument: string, where: string): asserts t is Tensor {
  assertTensor(t, argument, where);
  if (t.shape.length !== 2) {
    throw new ShapeError(
      `${where}: argument \`${argument}\` must be a matrix, got shape ${formatShape(t.shape)}`,
      argument,
    );
  }
}
