import { type Supervision, supervisionFromLabels } from "@neural-nmf/losses";
import { ShapeError, Tensor, ValueError } from "@neural-nmf/tensor";

/** Labels of one level for supervised or semi-supervised training. */
export interface LabelsInput {
  /** Class of every column (integers from 0); entries of unknown columns are ignored. */
  labels: ArrayLike<number>;
  /** Indices of the columns whose label is known (default: all). */
  known?: ArrayLike<number>;
  /** Number of classes (default: largest label + 1). */
  classes?: number;
  /** Level whose codes S⁽ˡ⁾ are classified, 1-based (default: the top level L). */
  level?: number;
  /**
   * Weight of this level's classification term (default: the fit's `classificationWeight`, see
   * {@link FitOptions.classificationWeight}).
   */
  weight?: number | "auto";
}

/** A ready-made {@link Supervision} with the level it applies to (default: the top level). */
export type LevelSupervision = Supervision & { level?: number; weight?: number | "auto" };

/**
 * What `fit` accepts as `supervision`: labels of one level (the top level unless `level` says
 * otherwise), or a list of them, one per supervised level.
 */
export type SupervisionInput =
  | LabelsInput
  | LevelSupervision
  | readonly (LabelsInput | LevelSupervision)[];

/** One supervised level, checked. */
export interface SupervisedLevel {
  readonly level: number;
  readonly supervision: Supervision;
  /** The weight asked for, if any (undefined: the fit's default). */
  readonly weight: number | "auto" | undefined;
}

function isSupervision(value: unknown): value is LevelSupervision {
  return value !== null && typeof value === "object" && "Y" in value && value.Y instanceof Tensor;
}

/**
 * Checks the `supervision` option of `fit` against the data (n columns) and the model (L levels)
 * and returns the supervised levels in increasing order.
 * @throws {@link ValueError} for a level out of range, a level given twice or a bad weight;
 *   {@link ShapeError} when labels do not describe n columns (and the errors of
 *   `supervisionFromLabels` for bad labels).
 */
export function resolveSupervisedLevels(
  input: SupervisionInput | undefined,
  n: number,
  L: number,
): SupervisedLevel[] {
  if (input === undefined) return [];
  const list = Array.isArray(input) ? input : [input];
  if (list.length === 0) {
    throw new ValueError(
      "fit: `supervision` is an empty list; give labels or leave it out",
      "supervision",
    );
  }
  const out: SupervisedLevel[] = [];
  list.forEach((entry: LabelsInput | LevelSupervision, i: number) => {
    const arg = Array.isArray(input) ? `supervision[${i}]` : "supervision";
    if (entry === null || typeof entry !== "object") {
      throw new ValueError(
        `fit: \`${arg}\` must be labels ({ labels, known? }) or a Supervision`,
        arg,
      );
    }
    const level = entry.level ?? L;
    if (!Number.isInteger(level) || level < 1 || level > L) {
      throw new ValueError(
        `fit: \`${arg}.level\` must be a level from 1 to ${L}, got ${String(entry.level)}`,
        `${arg}.level`,
      );
    }
    if (out.some((s) => s.level === level)) {
      throw new ValueError(`fit: level ${level} is supervised twice`, `${arg}.level`);
    }
    const weight = entry.weight;
    if (
      weight !== undefined &&
      weight !== "auto" &&
      !(typeof weight === "number" && Number.isFinite(weight) && weight >= 0)
    ) {
      throw new ValueError(
        `fit: \`${arg}.weight\` must be a finite number ≥ 0 or "auto", got ${String(weight)}`,
        `${arg}.weight`,
      );
    }
    const supervision = isSupervision(entry)
      ? entry
      : supervisionFromLabels(entry.labels, {
          ...(entry.classes !== undefined ? { classes: entry.classes } : {}),
          ...(entry.known !== undefined ? { known: entry.known } : {}),
        });
    if (supervision.Y.cols !== n) {
      throw new ShapeError(`fit: \`${arg}\` has ${supervision.Y.cols} columns but X has ${n}`, arg);
    }
    out.push({ level, supervision, weight });
  });
  return out.sort((a, b) => a.level - b.level);
}
