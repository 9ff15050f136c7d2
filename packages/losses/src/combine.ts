import { ArgumentTypeError, add, scale, type Tensor, ValueError } from "@neural-nmf/tensor";
import { checkWeight } from "./checks.js";
import { checkLoss, evaluateLoss, type Loss, type LossNeeds, type LossResult } from "./loss.js";
import type { ModelState } from "./state.js";

/**
 * `weight · loss`: the same name, needs and terms, every term scaled by `weight`. This is the one
 * way to weight a loss — a built-in or your own — e.g. the λ of
 * `combine(energyLoss(), weighted(classificationL2Loss(), λ))`.
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
 * The sum of several losses, e.g. `combine(energyLoss(), weighted(classificationL2Loss(), λ))`
 * (weight a part with {@link weighted}).
 *
 * Its terms are the terms of its parts, so the training history shows each one. Term names stay
 * unique: a name that an earlier part already used is prefixed with the part's name
 * (`"energy/energy[1]"`); when that is not enough (the term is named after its part, or the
 * prefixed name is taken too) the first free numeric suffix is appended (`"l2Penalty#2"`).
 * The combined loss needs what any part needs, and its name joins theirs with " + ".
 *
 * @throws {@link ValueError} when no loss is given; {@link ArgumentTypeError} for a part that is
 *   not a Loss (naming it, e.g. `losses[1]`; a `[loss, weight]` pair, a form that was removed, is
 *   told to use `weighted(loss, w)`).
 */
export function combine(...losses: readonly Loss[]): Loss {
  if (losses.length === 0) {
    throw new ValueError("combine: give at least one loss", "losses");
  }
  losses.forEach((loss: unknown, i) => {
    if (Array.isArray(loss)) {
      throw new ArgumentTypeError(
        `combine: \`losses[${i}]\` is an array; \`[loss, weight]\` pairs were removed, use \`weighted(loss, w)\` instead`,
        `losses[${i}]`,
      );
    }
    checkLoss(loss, `losses[${i}]`, "combine");
  });
  const needs: { classifier?: boolean; supervision?: boolean } = {};
  for (const loss of losses) {
    if (loss.needs?.classifier === true) needs.classifier = true;
    if (loss.needs?.supervision === true) needs.supervision = true;
  }
  const name = losses.map((loss) => loss.name).join(" + ");
  const compute = (state: ModelState): LossResult => {
    const terms: Record<string, Tensor> = {};
    const taken = new Set<string>();
    let value: Tensor | undefined;
    for (const loss of losses) {
      const part = evaluateLoss(loss, state);
      value = value === undefined ? part.total : add(value, part.total);
      for (const [key, t] of Object.entries(part.terms)) {
        const unique = uniqueName(taken, key, loss.name);
        taken.add(unique);
        terms[unique] = t;
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
