import { customOp } from "../custom-op.js";
import { ArgumentTypeError, ValueError } from "../errors.js";
import { assertTensor, Tensor } from "../tensor.js";

interface UnaryDefinition<P> {
  name: string;
  f: (x: number, p: P) => number;
  /** Derivative at x given the output y. */
  df: (x: number, y: number, p: P) => number;
  /** Optional domain check; returns a message when x is outside it. */
  domain?: (x: number) => string | null;
}

function unaryOp<P>(def: UnaryDefinition<P>) {
  const op = customOp<[Tensor], P>({
    name: def.name,
    forward: ([a], p) => {
      const x = a.data;
      const out = new Float64Array(x.length);
      for (let i = 0; i < x.length; i++) {
        const xi = x[i] as number;
        if (def.domain) {
          const msg = def.domain(xi);
          if (msg !== null)
            throw new ValueError(
              `${def.name}: argument \`a\` ${msg} (${xi} at flat index ${i})`,
              "a",
            );
        }
        out[i] = def.f(xi, p);
      }
      return { output: new Tensor(out, a.shape), saved: undefined };
    },
    backward: ({ gradOutput, inputs: [a], output, params }) => {
      const x = a.data;
      const y = output.data;
      const g = gradOutput.data;
      const out = new Float64Array(x.length);
      for (let i = 0; i < x.length; i++)
        out[i] = (g[i] as number) * def.df(x[i] as number, y[i] as number, params);
      return [new Tensor(out, a.shape)];
    },
  });
  return (a: Tensor, p: P): Tensor => {
    assertTensor(a, "a", def.name);
    return op([a], p);
  };
}

const negOp = unaryOp<undefined>({ name: "neg", f: (x) => -x, df: () => -1 });
/** Elementwise `−a`. */
export const neg = (a: Tensor): Tensor => negOp(a, undefined);

const scaleOp = unaryOp<number>({ name: "scale", f: (x, s) => s * x, df: (_x, _y, s) => s });
/** `s · a` for a plain number `s`. */
export function scale(a: Tensor, s: number): Tensor {
  checkNumber(s, "s", "scale");
  return scaleOp(a, s);
}

const squareOp = unaryOp<undefined>({ name: "square", f: (x) => x * x, df: (x) => 2 * x });
/** Elementwise `a²`. */
export const square = (a: Tensor): Tensor => squareOp(a, undefined);

const sqrtOp = unaryOp<undefined>({
  name: "sqrt",
  f: (x) => Math.sqrt(x),
  df: (_x, y) => (y > 0 ? 0.5 / y : 0),
  domain: (x) => (x < 0 ? "must be non-negative" : null),
});
/**
 * Elementwise square root. Negative entries throw {@link ValueError} instead of giving NaN;
 * the derivative at 0 is taken as 0 (a subgradient choice that keeps gradients finite).
 */
export const sqrt = (a: Tensor): Tensor => sqrtOp(a, undefined);

const expOp = unaryOp<undefined>({ name: "exp", f: (x) => Math.exp(x), df: (_x, y) => y });
/** Elementwise `eᵃ`. */
export const exp = (a: Tensor): Tensor => expOp(a, undefined);

const logOp = unaryOp<undefined>({
  name: "log",
  f: (x) => Math.log(x),
  df: (x) => 1 / x,
  domain: (x) => (x < 0 || Number.isNaN(x) ? "must be non-negative" : null),
});
/** Elementwise natural logarithm. Negative entries throw {@link ValueError}; `log(0) = −Infinity`. */
export const log = (a: Tensor): Tensor => logOp(a, undefined);

const absOp = unaryOp<undefined>({
  name: "abs",
  f: (x) => Math.abs(x),
  df: (x) => (x > 0 ? 1 : x < 0 ? -1 : 0),
});
/** Elementwise `|a|` (subgradient 0 at 0). */
export const abs = (a: Tensor): Tensor => absOp(a, undefined);

const clampOp = unaryOp<{ min: number; max: number }>({
  name: "clamp",
  f: (x, { min, max }) => (x < min ? min : x > max ? max : x),
  df: (x, _y, { min, max }) => (x < min || x > max ? 0 : 1),
});
/** Elementwise clamp into [min, max] (either bound may be ±Infinity). Gradient 1 inside, 0 outside. */
export function clamp(
  a: Tensor,
  min = Number.NEGATIVE_INFINITY,
  max = Number.POSITIVE_INFINITY,
): Tensor {
  if (
    typeof min !== "number" ||
    typeof max !== "number" ||
    Number.isNaN(min) ||
    Number.isNaN(max) ||
    min > max
  ) {
    throw new ValueError(
      `clamp: bounds must be numbers with min ≤ max, got [${min}, ${max}]`,
      "min",
    );
  }
  return clampOp(a, { min, max });
}

/** `max(a, 0)` elementwise (gradient 0 at 0). */
export function relu(a: Tensor): Tensor {
  return clamp(a, 0, Number.POSITIVE_INFINITY);
}

const powOp = unaryOp<number>({
  name: "pow",
  f: (x, p) => x ** p,
  df: (x, _y, p) => (p === 0 ? 0 : x === 0 && p < 1 ? 0 : p * x ** (p - 1)),
});
/** Elementwise `aᵖ` for a plain number `p`; non-integer powers require non-negative entries. */
export function pow(a: Tensor, p: number): Tensor {
  checkNumber(p, "p", "pow");
  assertTensor(a, "a", "pow");
  if (!Number.isInteger(p)) {
    for (let i = 0; i < a.data.length; i++) {
      if ((a.data[i] as number) < 0) {
        throw new ValueError(
          `pow: argument \`a\` must be non-negative for the non-integer power ${p}`,
          "a",
        );
      }
    }
  }
  return powOp(a, p);
}

function checkNumber(v: unknown, argument: string, where: string): void {
  if (typeof v !== "number" || !Number.isFinite(v)) {
    throw new ArgumentTypeError(
      `${where}: argument \`${argument}\` must be a finite number, got ${String(v)}`,
      argument,
    );
  }
}
