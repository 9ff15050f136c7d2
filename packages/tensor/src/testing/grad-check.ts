import { vjp } from "../autodiff.js";
import { ArgumentTypeError } from "../errors.js";
import { Random } from "../random.js";
import { Tensor } from "../tensor.js";

/** Options of {@link gradCheck}. */
export interface GradCheckOptions {
  /** Relative step of the central differences: h = eps · max(1, |x|). Default 1e-6. */
  eps?: number;
  /** Largest accepted relative error. Default 1e-6. */
  tolerance?: number;
  /** Indices of the inputs to check (default: all). */
  check?: readonly number[];
  /** Seed of the random output cotangent (default 0). */
  seed?: number;
}

/** Where the analytic and numeric gradients disagree most. */
export interface GradCheckWorst {
  /** Index of the input. */
  input: number;
  /** Row and column of the entry inside that input. */
  row: number;
  col: number;
  analytic: number;
  numeric: number;
}

/** Outcome of {@link gradCheck}. */
export interface GradCheckResult {
  /** Whether `maxRelativeError ≤ tolerance`. */
  ok: boolean;
  /** Worst |analytic − numeric| / max(|analytic|, |numeric|, 1e-3·max|gradient|) over all checked entries. */
  maxRelativeError: number;
  /** Worst |analytic − numeric|. */
  maxAbsoluteError: number;
  /** The entry with the worst relative error (null when there is nothing to check). */
  worst: GradCheckWorst | null;
}

/**
 * Checks the gradients of `fn` at `inputs` against central finite differences in float64.
 *
 * The output of `fn` may have any shape: it is reduced to the scalar `⟨W, fn(x)⟩` with a seeded
 * random `W`, so every output entry is tested. The relative error of each entry is taken against
 * `max(|analytic|, |numeric|)`, floored at 1e-3 × the largest gradient entry: an entry a thousand
 * times smaller than the largest is judged on the gradient's scale, because finite differences
 * cannot resolve it to more digits than that (their rounding error is about ε_mach·|f|/h).
 *
 * @example
 * ```ts
 * import { gradCheck } from "@neural-nmf/tensor/testing";
 * const r = gradCheck((a) => sum(square(a)), [randNormal(3, 4, { seed: 1 })]);
 * expect(r.ok).toBe(true);
 * ```
 */
export function gradCheck(
  fn: (...inputs: Tensor[]) => Tensor,
  inputs: readonly Tensor[],
  options: GradCheckOptions = {},
): GradCheckResult {
  if (typeof fn !== "function")
    throw new ArgumentTypeError("gradCheck: argument `fn` must be a function", "fn");
  inputs.forEach((t, i) => {
    if (!(t instanceof Tensor))
      throw new ArgumentTypeError(`gradCheck: input ${i} must be a Tensor`, `inputs[${i}]`);
  });
  const eps = options.eps ?? 1e-6;
  const tolerance = options.tolerance ?? 1e-6;
  const check = options.check ?? inputs.map((_, i) => i);

  const out0 = fn(...inputs);
  const rng = new Random(options.seed ?? 0);
  const w = new Tensor(rng.fillNormal(new Float64Array(out0.data.length)), out0.shape);
  const { grads } = vjp(fn, inputs, w);
  const project = (args: Tensor[]): number => {
    const y = fn(...args).data;
    let s = 0;
    for (let i = 0; i < y.length; i++) s += (y[i] as number) * (w.data[i] as number);
    return s;
  };

  const pairs: { input: number; idx: number; analytic: number; numeric: number }[] = [];
  let gmax = 0;
  for (const i of check) {
    const x = inputs[i] as Tensor;
    for (let idx = 0; idx < x.data.length; idx++) {
      const x0 = x.data[idx] as number;
      const h = eps * Math.max(1, Math.abs(x0));
      const plus = x.data.slice();
      plus[idx] = x0 + h;
      const minus = x.data.slice();
      minus[idx] = x0 - h;
      const args = inputs.slice();
      args[i] = new Tensor(plus, x.shape);
      const fp = project(args);
      args[i] = new Tensor(minus, x.shape);
      const fm = project(args);
      const numeric = (fp - fm) / (2 * h);
      const analytic = (grads[i] as Tensor).data[idx] as number;
      gmax = Math.max(gmax, Math.abs(analytic), Math.abs(numeric));
      pairs.push({ input: i, idx, analytic, numeric });
    }
  }
  // Central differences carry a rounding error of about ε_mach·|f|/h, so entries far below the
  // largest gradient entry are compared against the gradient's scale instead of their own.
  const floor = Math.max(1e-3 * gmax, 1e-12);
  let maxRel = 0;
  let maxAbs = 0;
  let worst: GradCheckWorst | null = null;
  for (const p of pairs) {
    const abs = Math.abs(p.analytic - p.numeric);
    const rel = Number.isFinite(abs)
      ? abs / Math.max(Math.abs(p.analytic), Math.abs(p.numeric), floor)
      : Infinity;
    maxAbs = Math.max(maxAbs, abs);
    if (rel > maxRel || worst === null) {
      if (rel >= maxRel) maxRel = rel;
      const cols = (inputs[p.input] as Tensor).cols;
      worst = {
        input: p.input,
        row: Math.floor(p.idx / cols),
        col: p.idx % cols,
        analytic: p.analytic,
        numeric: p.numeric,
      };
    }
  }
  return { ok: maxRel <= tolerance, maxRelativeError: maxRel, maxAbsoluteError: maxAbs, worst };
}
