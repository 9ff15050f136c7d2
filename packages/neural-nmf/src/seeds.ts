/**
 * Every random choice of a model derives its seed from the model's `seed` here, so that one
 * seed fixes a whole fit and no two choices share a stream by accident.
 *
 * Offsets are small integers kept from the first release of each choice: changing one changes
 * every result drawn from it, so they are fixed and named rather than computed.
 * @module
 */

/** Seed of layer l's initialisation (0-based): NNDSVD's range finder, pre-training starts. */
export function layerInitSeed(seed: number, layer: number): number {
  return seed + layer;
}

/** Seed of the column order of mini-batch training. */
export function miniBatchSeed(seed: number): number {
  return seed + 1;
}

/** Seed of the folds of `classificationWeight: "auto"` cross-validation. */
export function crossValidationSeed(seed: number): number {
  return seed + 2;
}

/** Seed of the known labels held out for early stopping (`validation`). */
export function heldOutLabelsSeed(seed: number): number {
  return seed + 3;
}
