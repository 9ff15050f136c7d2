/**
 * Argument checks shared by the loss factories. Every failure is a typed error from
 * `@neural-nmf/tensor` whose message names the function and the argument at fault.
 * @internal
 */
import {
  ArgumentTypeError,
  describeValue,
  keysOnlySpec,
  NonFiniteError,
  checkOptions as sharedCheckOptions,
  ValueError,
} from "@neural-nmf/tensor";

export { describeValue };

/**
 * A weight: a finite number ≥ 0. Negative weights are rejected because every loss here is
 * minimised; a negative weight would silently turn a penalty into a reward.
 */
export function checkWeight(value: unknown, argument: string, where: string): number {
  if (typeof value !== "number") {
    throw new ArgumentTypeError(
      `${where}: \`${argument}\` must be a number, got ${describeValue(value)}`,
      argument,
    );
  }
  if (!Number.isFinite(value)) {
    throw new NonFiniteError(`${where}: \`${argument}\` must be finite, got ${value}`, argument);
  }
  if (value < 0) {
    throw new ValueError(`${where}: \`${argument}\` must be ≥ 0, got ${value}`, argument);
  }
  return value;
}

/** A list of weights (each finite and ≥ 0), copied so later mutation by the caller is harmless. */
export function checkWeightList(value: unknown, argument: string, where: string): number[] {
  if (!Array.isArray(value) && !ArrayBuffer.isView(value)) {
    throw new ArgumentTypeError(
      `${where}: \`${argument}\` must be an array of numbers, got ${describeValue(value)}`,
      argument,
    );
  }
  const list = Array.from(value as ArrayLike<unknown>);
  return list.map((w, i) => checkWeight(w, `${argument}[${i}]`, where));
}

/** A 1-based layer number (only its form; the range depends on the state and is checked later). */
export function checkLayerNumber(value: unknown, argument: string, where: string): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
    throw new ValueError(
      `${where}: \`${argument}\` must be a layer number 1, 2, …, got ${describeValue(value)}`,
      argument,
    );
  }
  return value;
}

/** A non-empty list of distinct 1-based layer numbers, or `"all"`. */
export function checkLayerList(value: unknown, argument: string, where: string): number[] | "all" {
  if (value === undefined || value === "all") return "all";
  if (!Array.isArray(value)) {
    throw new ArgumentTypeError(
      `${where}: \`${argument}\` must be "all" or an array of layer numbers, got ${describeValue(value)}`,
      argument,
    );
  }
  if (value.length === 0) {
    throw new ValueError(
      `${where}: \`${argument}\` is empty; penalise at least one layer (or leave the loss out)`,
      argument,
    );
  }
  const layers = value.map((l, i) => checkLayerNumber(l, `${argument}[${i}]`, where));
  const repeated = layers.find((l, i) => layers.indexOf(l) !== i);
  if (repeated !== undefined) {
    throw new ValueError(
      `${where}: \`${argument}\` repeats a layer (${layers.join(", ")}); to weigh a layer more, add a penalty on it alone, e.g. \`weighted(${where}({ ${argument}: [${repeated}] }), w)\``,
      argument,
    );
  }
  return layers;
}

/** Throws unless 1 ≤ `layer` ≤ `depth` (the number of layers of the state). */
export function checkLayerInRange(layer: number, depth: number, argument: string, where: string) {
  if (layer > depth) {
    throw new ValueError(
      `${where}: \`${argument}\` is layer ${layer} but the model state has ${depth} layer${depth === 1 ? "" : "s"}`,
      argument,
    );
  }
}

/** Resolves `"all"` against the depth of a state and checks every listed layer exists. */
export function resolveLayers(
  layers: readonly number[] | "all",
  depth: number,
  argument: string,
  where: string,
): readonly number[] {
  if (layers === "all") return Array.from({ length: depth }, (_, i) => i + 1);
  for (const l of layers) checkLayerInRange(l, depth, argument, where);
  return layers;
}

/**
 * An options object: `undefined` (all defaults) or a plain object whose keys are all known.
 * Unknown keys throw because a misspelt option (`reducton`) would otherwise be ignored silently.
 * `removed` maps an option that no longer exists to the migration advice of its error (given the
 * value passed), so old code fails with a message that says what to write instead.
 */
export function checkOptions(
  options: unknown,
  allowed: readonly string[],
  where: string,
  removed: Readonly<Record<string, (value: unknown) => string>> = {},
): Record<string, unknown> {
  return sharedCheckOptions<Record<string, unknown>>(
    options,
    keysOnlySpec(allowed, removed),
    where,
  );
}

/** A non-empty string used as a loss or term name. */
export function checkName(value: unknown, argument: string, where: string): string {
  if (typeof value !== "string" || value.length === 0) {
    throw new ArgumentTypeError(
      `${where}: \`${argument}\` must be a non-empty string, got ${describeValue(value)}`,
      argument,
    );
  }
  return value;
}
