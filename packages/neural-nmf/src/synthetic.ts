import { Random, Tensor, ValueError } from "@neural-nmf/tensor";

/** Options of {@link syntheticHierarchy}. */
export interface SyntheticHierarchyOptions {
  /** Seed of the noise (and of the block sizes when `randomSizes` is set). Required. */
  seed: number;
  /**
   * Tree of the classes: `groups[l][c]` is the parent (at level l + 1) of class c of level l.
   * Default: 9 subtopics in 4 topics in 2 supertopics, as in the paper's synthetic data
   * (`[[0,0,1,1,2,2,3,3,3],[0,0,1,1]]`).
   */
  groups?: readonly (readonly number[])[];
  /** Rows (features) of each finest class. Default: the paper's sizes (87 rows in all). */
  rowSizes?: readonly number[];
  /** Columns (samples) of each finest class. Default: the paper's sizes (90 columns in all). */
  colSizes?: readonly number[];
  /**
   * Value of a block whose row and column classes first meet at each level: same finest class,
   * same parent, same grandparent, …, unrelated. Default `[4, 2, 1, 0]`.
   */
  values?: readonly number[];
  /** Uniform noise on [0, noise) added to every entry. Default 0.15. */
  noise?: number;
}

/** Data made by {@link syntheticHierarchy}. */
export interface SyntheticHierarchy {
  /** Nonnegative m×n data, one column per sample. */
  X: Tensor;
  /** `labels[l][j]` is the class of column j at level l (0 = finest). */
  labels: Int32Array[];
  /** Number of classes at each level (e.g. `[9, 4, 2]`). */
  classes: number[];
  /** `rowClasses[i]` is the finest class of row i (the "topic" a feature belongs to). */
  rowClasses: Int32Array;
}

const PAPER_GROUPS = [
  [0, 0, 1, 1, 2, 2, 3, 3, 3],
  [0, 0, 1, 1],
] as const;
const PAPER_ROWS = [10, 5, 10, 12, 14, 4, 11, 8, 13] as const;
const PAPER_COLS = [10, 10, 5, 7, 5, 20, 10, 9, 14] as const;

/**
 * Seeded synthetic data with a planted class hierarchy, built like the data of the Neural NMF
 * paper: a block matrix whose block (row class a, column class b) has the value of the level at
 * which a and b first share an ancestor (4 for the same subtopic, 2 for the same topic, 1 for the
 * same supertopic, 0 otherwise), plus uniform noise. With the defaults it has the paper's shape
 * (87 × 90, 9 / 4 / 2 classes) and block sizes, so results compare with published figures.
 *
 * @example
 * ```ts
 * const { X, labels, classes } = syntheticHierarchy({ seed: 1 }); // 87×90, classes [9, 4, 2]
 * ```
 */
export function syntheticHierarchy(options: SyntheticHierarchyOptions): SyntheticHierarchy {
  const rng = new Random(options.seed);
  const groups = options.groups ?? PAPER_GROUPS;
  const values = options.values ?? [4, 2, 1, 0];
  const noise = options.noise ?? 0.15;
  const rowSizes = options.rowSizes ?? PAPER_ROWS;
  const colSizes = options.colSizes ?? PAPER_COLS;
  const fine = rowSizes.length;
  if (colSizes.length !== fine) {
    throw new ValueError(
      `syntheticHierarchy: \`rowSizes\` has ${fine} classes but \`colSizes\` has ${colSizes.length}`,
      "colSizes",
    );
  }
  if (values.length !== groups.length + 2) {
    throw new ValueError(
      `syntheticHierarchy: \`values\` needs ${groups.length + 2} entries (one per level plus "unrelated"), got ${values.length}`,
      "values",
    );
  }
  if (!(noise >= 0) || !Number.isFinite(noise)) {
    throw new ValueError(
      `syntheticHierarchy: \`noise\` must be a finite number ≥ 0, got ${noise}`,
      "noise",
    );
  }
  for (const [name, sizes] of [
    ["rowSizes", rowSizes],
    ["colSizes", colSizes],
  ] as const) {
    if (sizes.some((s) => !Number.isInteger(s) || s < 1)) {
      throw new ValueError(`syntheticHierarchy: \`${name}\` must hold positive integers`, name);
    }
  }
  // ancestors[l][c]: ancestor at level l of finest class c.
  const ancestors: number[][] = [Array.from({ length: fine }, (_, c) => c)];
  groups.forEach((parent, l) => {
    const below = ancestors[l] as number[];
    const classesBelow = Math.max(...below) + 1;
    if (parent.length !== classesBelow || parent.some((p) => !Number.isInteger(p) || p < 0)) {
      throw new ValueError(
        `syntheticHierarchy: \`groups[${l}]\` must give a parent (integer ≥ 0) for each of the ${classesBelow} classes below it`,
        "groups",
      );
    }
    ancestors.push(below.map((c) => parent[c] as number));
  });
  const classes = ancestors.map((a) => Math.max(...a) + 1);
  classes.forEach((c, l) => {
    const seen = new Set(ancestors[l]);
    if (seen.size !== c) {
      throw new ValueError(`syntheticHierarchy: level ${l} has classes without members`, "groups");
    }
  });

  const rowClasses = expand(rowSizes);
  const colClasses = expand(colSizes);
  const m = rowClasses.length;
  const n = colClasses.length;
  const blockValue = (a: number, b: number): number => {
    for (let l = 0; l < ancestors.length; l++) {
      const anc = ancestors[l] as number[];
      if (anc[a] === anc[b]) return values[l] as number;
    }
    return values[values.length - 1] as number;
  };
  const data = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      data[i * n + j] =
        blockValue(rowClasses[i] as number, colClasses[j] as number) + noise * rng.uniform();
    }
  }
  const labels = ancestors.map((anc) => Int32Array.from(colClasses, (c) => anc[c] as number));
  return { X: new Tensor(data, [m, n]), labels, classes, rowClasses };
}

function expand(sizes: readonly number[]): Int32Array {
  const out: number[] = [];
  sizes.forEach((s, c) => {
    for (let t = 0; t < s; t++) out.push(c);
  });
  return Int32Array.from(out);
}
