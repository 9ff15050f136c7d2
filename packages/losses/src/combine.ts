import { add, scale, type Tensor, ValueError } from "@neural-nmf/tensor";
import { checkWeight } from "./checks.js";
import { checkLoss, evaluateLoss, type Loss, type LossNeeds, type LossResult } from "./loss.js";
import type { ModelState } from "./state.js";

/** A part of {@link combine}: a loss (weight 1) or a `[loss, weight]` pair. */
export type LossPart = Loss | readonly [Loss, number];

/**
 * `weight · loss`: the same name, needs and terms, every term scaled by `weight`.
 *
 * @param weight - finite and ≥ 0 (a negative weight would reward the loss it was meant to
 *   penalise).
 * @throws {@link ArgumentTypeError} / {@link NonFiniteError} / {@link ValueError} for a bad loss
 *   or weight.
 */
export function weighted(loss: Loss, weight: number): Loss {
  checkLoss(loss, "loss", "weighted");
  const w = checkWeight(weight, "weight", "weighted");
  const compute = (state: ModelState): LossResult => {
    const { total, terms } = evaluateLoss(loss, state);
    const scaled: Record<string, Tensor> = {};
    for (const [key, t] of Object.entries(terms)) scaled[key] = scale(t, w);
    return { value: scale(total, w), terms: scaled };
  };
  return loss.needs === undefined
    ? { name: loss.name, compute }
    : { name: loss.name, needs: loss.needs, compute };
}

/**
 * The sum of several (weighted) losses, e.g. `combine(energyLoss(), [classificationL2Loss(), λ])`.
 *
 * Its terms are the weighted terms of its parts, so the training history shows each one. Term
 * names stay unique: a name that an earlier part already used is prefixed with the part's name
 * (`"energy/energy[1]"`); when that is not enough (the term is named after its part, or the
 * prefixed name is taken too) the first free numeric suffix is appended (`"l2Penalty#2"`).
 * The combined loss needs what any part needs, and its name joins theirs with " + ".
 *
 * @throws {@link ValueError} when no loss is given; {@link ArgumentTypeError} and the weight
 *   errors of {@link weighted} for a bad part (naming it, e.g. `losses[1][1]`).
 */
export function combine(...parts: readonly LossPart[]): Loss {
  if (parts.length === 0) {
    throw new ValueError("combine: give at least one loss", "losses");
  }
  const resolved = parts.map((part, i): { loss: Loss; weight: number } => {
    if (Array.isArray(part)) {
      if (part.length !== 2) {
        throw new ValueError(
          `combine: losses[${i}] must be a Loss or a [loss, weight] pair, got an array of length ${part.length}`,
          `losses[${i}]`,
        );
      }
      const [loss, weight] = part as readonly [unknown, unknown];
      checkLoss(loss, `losses[${i}][0]`, "combine");
      return { loss, weight: checkWeight(weight, `losses[${i}][1]`, "combine") };
    }
    checkLoss(part, `losses[${i}]`, "combine");
    return { loss: part, weight: 1 };
  });
  const needs: { classifier?: boolean; supervision?: boolean } = {};
  for (const { loss } of resolved) {
    if (loss.needs?.classifier === true) needs.classifier = true;
    if (loss.needs?.supervision === true) needs.supervision = true;
  }
  const name = resolved.map(({ loss }) => loss.name).join(" + ");
  const compute = (state: ModelState): LossResult => {
    const terms: Record<string, Tensor> = {};
    const taken = new Set<string>();
    let value: Tensor | undefined;
    for (const { loss, weight } of resolved) {
      const part = evaluateLoss(loss, state);
      const total = weight === 1 ? part.total : scale(part.total, weight);
      value = value === undefined ? total : add(value, total);
      for (const [key, t] of Object.entries(part.terms)) {
        const unique = uniqueName(taken, key, loss.name);
        taken.add(unique);
        terms[unique] = weight === 1 ? t : scale(t, weight);
      }
    }
    return { value: value as Tensor, terms };
  };
  return Object.keys(needs).length === 0
    ? { name, compute }
    : { name, needs: needs as LossNeeds, compute };
}

/** `key` if free, else `part/key`, else the first free `…#2`, `…#3`, …. */
function uniqueName(taken: ReadonlySet<string>, key: string, part: string): string {
  if (!taken.has(key)) return key;
  const prefixed = part === key ? key : `${part}/${key}`;
  if (!taken.has(prefixed)) return prefixed;
  for (let k = 2; ; k++) {
    const candidate = `${prefixed}#${k}`;
    if (!taken.has(candidate)) return candidate;
  }
}
