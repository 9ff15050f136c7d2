import { ArgumentTypeError, add, scalar, scale, Tensor, ValueError } from "@neural-nmf/tensor";
import { checkName, checkOptions, describeValue } from "./checks.js";

/**
 * How a built-in loss turns its entrywise sum into a number.
 *
 * - `"sum"` (the default): the plain sum, e.g. ‖X − PS‖²_F. Its gradient grows with the size of
 *   the data (twice the columns, twice the gradient), so a step size tuned on one data set is too
 *   large on a bigger one.
 * - `"mean"`: the same sum divided by the number of entries it runs over — each built-in states
 *   its count (m·n for reconstruction, k_{l−1}·n per energy layer, c·|known| for the L2
 *   classification, |known| for cross-entropy, the size of each penalised matrix for the
 *   regularisers). Gradients shrink by that count, so the step size must grow by it to move the
 *   same distance: η_mean = N·η_sum. This is what the reference implementation does (mean of
 *   squares everywhere), which is why its step sizes are 1 on the 87×90 synthetic data and 1e10 on
 *   20 Newsgroups.
 *
 * Mixing reductions changes the meaning of a weight λ. With a "mean" NMF term over N₁ entries and
 * a "mean" classification term over N₂ entries, `L₁/N₁ + λ·L₂/N₂ = (L₁ + λ·(N₁/N₂)·L₂)/N₁`: the
 * equivalent "sum" weight is λ·N₁/N₂, and the equivalent "sum" step size is η/N₁.
 */
export type Reduction = "sum" | "mean";

/**
 * Options every built-in loss accepts. A loss is weighted by wrapping it, not by an option:
 * `weighted(classificationL2Loss(), λ)` for the λ of `NMF loss + λ·classification` (`weighted`
 * works for every loss, custom ones included); passing `weight` throws a {@link ValueError} that
 * says so.
 */
export interface LossOptions {
  /** `"sum"` (default) or `"mean"`; see {@link Reduction} for what "mean" divides by. */
  reduction?: Reduction;
  /** Name of the loss and of its term in the training history (each built-in has a default). */
  name?: string;
}

/** {@link LossOptions} with the defaults filled in and checked. */
export interface ResolvedLossOptions {
  readonly reduction: Reduction;
  readonly name: string;
}

/** Throws {@link ValueError} unless `value` is `"sum"`, `"mean"` (or undefined → `"sum"`). */
export function checkReduction(value: unknown, where: string): Reduction {
  if (value === undefined) return "sum";
  if (value !== "sum" && value !== "mean") {
    throw new ValueError(
      `${where}: \`reduction\` must be "sum" or "mean", got ${describeValue(value)}`,
      "reduction",
    );
  }
  return value;
}

/**
 * Checks an options object of a loss factory: the common {@link LossOptions} plus the factory's
 * own `extraKeys`. Returns the resolved common options and the raw object for the extras.
 *
 * @throws {@link ValueError} naming the option for an unknown one; for the removed `weight`
 *   option (unless the factory lists it in `extraKeys`), the message says to use
 *   `weighted(loss, w)` instead.
 */
export function resolveLossOptions(
  options: unknown,
  defaultName: string,
  where: string,
  extraKeys: readonly string[] = [],
): { common: ResolvedLossOptions; raw: Record<string, unknown> } {
  const raw = checkOptions(options, ["reduction", "name", ...extraKeys], where, {
    weight: (value) =>
      `the \`weight\` option was removed; use \`weighted(loss, w)\` instead, e.g. \`weighted(${where}(…), ${typeof value === "number" ? value : "w"})\``,
  });
  const common: ResolvedLossOptions = {
    reduction: checkReduction(raw.reduction, where),
    name: raw.name === undefined ? defaultName : checkName(raw.name, "name", where),
  };
  return { common, raw };
}

/**
 * Applies a reduction to an entrywise sum over `count` entries: unchanged for `"sum"`, divided by
 * `count` for `"mean"`. A mean over no entries is taken as the (zero) sum rather than 0/0.
 */
export function applyReduction(total: Tensor, count: number, reduction: Reduction): Tensor {
  const where = "applyReduction";
  if (!(total instanceof Tensor)) {
    throw new ArgumentTypeError(
      `${where}: \`total\` must be a Tensor, got ${describeValue(total)}`,
      "total",
    );
  }
  if (typeof count !== "number" || !Number.isInteger(count) || count < 0) {
    throw new ValueError(
      `${where}: \`count\` must be a non-negative integer, got ${describeValue(count)}`,
      "count",
    );
  }
  if (checkReduction(reduction, where) === "sum" || count === 0) return total;
  return scale(total, 1 / count);
}

/**
 * The result of a built-in: the sum of its (already reduced) named parts, as a bare scalar when
 * there is one part named after the loss, else with the parts as terms.
 * @internal
 */
export function namedTerms(
  parts: readonly (readonly [string, Tensor])[],
  name: string,
): Tensor | { value: Tensor; terms: Record<string, Tensor> } {
  const [first, ...rest] = parts;
  if (first === undefined) return scalar(0);
  let value = first[1];
  for (const [, t] of rest) value = add(value, t);
  if (rest.length === 0 && first[0] === name) return value;
  return { value, terms: Object.fromEntries(parts) };
}
