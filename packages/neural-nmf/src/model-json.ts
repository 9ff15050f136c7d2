/**
 * The saved form of a model and its validation. `NeuralNMF.fromJSON` accepts a document only if
 * every field is present, of the right type and shape, in range, and nothing else is there, so a
 * model that loads always works. Every refusal is a typed error whose `argument` is the field's
 * path (`json.layers[1][3][0]`).
 * @module
 */
import { ShapeError, Tensor, ValueError } from "@neural-nmf/tensor";
import { INIT_METHODS, type InitMethod, MAX_RANK } from "./options.js";

/** The `format` field of a saved model. */
export const MODEL_FORMAT = "neural-nmf-model";
/**
 * The version this library writes. It reads 1 (one classifier, at the top), 2 (a classifier per
 * supervised level, the pre-training start in `options.pretrainStart`) and 3 (that start folded
 * into `options.init`).
 */
export const MODEL_FORMAT_VERSION = 3;
/** Largest magnitude of a saved parameter: products of two such values stay finite. */
export const MAX_PARAMETER = 1e150;
/** Most classes of a classifier (also the limit of labels; see `supervisionFromLabels`). */
export const MAX_CLASSES = 65_536;

/** The JSON form of a model (see `NeuralNMF.toJSON`). */
export interface NeuralNMFJSON {
  format: typeof MODEL_FORMAT;
  version: number;
  options: {
    ranks: number[];
    seed: number;
    init: string;
    pretrainIterations: number;
    solver: Record<string, number>;
  };
  inputSize: number;
  layers: number[][][];
  /** The classifier of every supervised level (version 1 stored one, `classifier`, at the top). */
  classifiers: { level: number; classes: number; B: number[][] }[];
  usage: number[][];
}

/** A validated document, with the parameters as tensors. */
export interface ValidatedModel {
  options: NeuralNMFJSON["options"];
  layers: Tensor[];
  classifiers: { level: number; B: Tensor }[];
  usage: Float64Array[];
}

const WHERE = "NeuralNMF.fromJSON";

function fail(path: string, problem: string): never {
  throw new ValueError(`${WHERE}: \`${path}\` ${problem}`, path);
}

function object(
  value: unknown,
  path: string,
  keys: readonly string[],
  optional: readonly string[] = [],
) {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    fail(path, `must be an object, got ${describe(value)}`);
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!keys.includes(key) && !optional.includes(key))
      fail(`${path}.${key}`, "is not a field of a saved model");
  }
  for (const key of keys) if (!(key in record)) fail(`${path}.${key}`, "is missing");
  return record;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === "string") return `the string "${value.slice(0, 40)}"`;
  return typeof value === "object" ? "an object" : String(value);
}

function integer(value: unknown, path: string, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    fail(path, `must be an integer from ${min} to ${max}, got ${describe(value)}`);
  }
  return value;
}

function array(value: unknown, path: string, length?: number): unknown[] {
  if (!Array.isArray(value)) fail(path, `must be an array, got ${describe(value)}`);
  if (length !== undefined && value.length !== length) {
    throw new ShapeError(
      `${WHERE}: \`${path}\` must hold ${length} entries, has ${value.length}`,
      path,
    );
  }
  // A parsed document has no holes, but an object built in code can (`delete a[0]`); `map` and
  // `forEach` would skip them unchecked.
  for (let i = 0; i < value.length; i++) {
    if (!(i in value)) fail(`${path}[${i}]`, "is missing (a hole in the array)");
  }
  return value;
}

/** A rows×cols matrix of finite numbers within ±MAX_PARAMETER (≥ 0 when `nonnegative`). */
function matrix(
  value: unknown,
  path: string,
  rows: number,
  cols: number,
  nonnegative: boolean,
): Tensor {
  const list = array(value, path, rows);
  const data = new Float64Array(rows * cols);
  list.forEach((row, i) => {
    const entries = array(row, `${path}[${i}]`, cols);
    entries.forEach((v, j) => {
      if (typeof v !== "number" || !Number.isFinite(v)) {
        fail(`${path}[${i}][${j}]`, `must be a finite number, got ${describe(v)}`);
      }
      if (nonnegative && v < 0)
        fail(`${path}[${i}][${j}]`, `must be ≥ 0 (a layer of NMF), got ${v}`);
      if (Math.abs(v) > MAX_PARAMETER)
        fail(`${path}[${i}][${j}]`, `exceeds ${MAX_PARAMETER} in size (${v})`);
      data[i * cols + j] = v;
    });
  });
  return new Tensor(data, [rows, cols]);
}

/**
 * Parses (when given a string) and validates a saved model against the versioned schema.
 * @throws {@link ValueError} for malformed JSON or any field that is missing, unknown, of the wrong
 *   type or out of range, and {@link ShapeError} for arrays of the wrong length; `argument` is
 *   the field's path.
 */
export function validateModelJson(json: unknown): ValidatedModel {
  let doc = json;
  if (typeof json === "string") {
    try {
      doc = JSON.parse(json);
    } catch (error) {
      throw new ValueError(
        `${WHERE}: not valid JSON (${error instanceof Error ? error.message : String(error)})`,
        "json",
        { cause: error },
      );
    }
  }
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) {
    fail("json", `must be a saved model object, got ${describe(doc)}`);
  }
  const head = doc as Record<string, unknown>;
  if (head.format !== MODEL_FORMAT)
    fail("json.format", `must be "${MODEL_FORMAT}" (is this a saved model?)`);
  if (head.version !== 1 && head.version !== 2 && head.version !== 3) {
    fail(
      "json.version",
      `must be 1, 2 or ${MODEL_FORMAT_VERSION} (this library's formats), got ${describe(head.version)}`,
    );
  }
  const v1 = head.version === 1;
  const separateStart = head.version !== 3;
  const root = object(doc, "json", [
    "format",
    "version",
    "options",
    "inputSize",
    "layers",
    "usage",
    ...(v1 ? ["classifier", "classes"] : ["classifiers"]),
  ]);
  const o = object(root.options, "json.options", [
    "ranks",
    "seed",
    "init",
    ...(separateStart ? ["pretrainStart"] : []),
    "pretrainIterations",
    "solver",
  ]);
  const ranks = array(o.ranks, "json.options.ranks").map((r, l) =>
    integer(r, `json.options.ranks[${l}]`, 1, MAX_RANK),
  );
  if (ranks.length === 0) fail("json.options.ranks", "must hold at least one rank");
  ranks.forEach((r, l) => {
    if (l > 0 && r >= (ranks[l - 1] as number))
      fail(`json.options.ranks[${l}]`, "must be smaller than the rank before it");
  });
  if (typeof o.seed !== "number" || !Number.isFinite(o.seed))
    fail("json.options.seed", "must be a finite number");
  let init = o.init as string;
  if (separateStart) {
    if (!["pretrain", "nndsvd", "random"].includes(init))
      fail("json.options.init", "must be pretrain, nndsvd or random");
    if (!["nndsvd", "random"].includes(o.pretrainStart as string))
      fail("json.options.pretrainStart", "must be nndsvd or random");
    if (init === "pretrain" && o.pretrainStart === "random") init = "pretrain-random";
  } else if (!INIT_METHODS.includes(init as InitMethod)) {
    fail("json.options.init", `must be one of ${INIT_METHODS.join(", ")}`);
  }
  integer(o.pretrainIterations, "json.options.pretrainIterations", 0, 1_000_000);
  const solver = object(o.solver, "json.options.solver", [], ["tolerance", "maxIterations"]);
  if (solver.tolerance !== undefined) {
    const t = solver.tolerance;
    if (typeof t !== "number" || !(t > 0 && t < 1))
      fail("json.options.solver.tolerance", "must be in (0, 1)");
  }
  if (solver.maxIterations !== undefined)
    integer(solver.maxIterations, "json.options.solver.maxIterations", 1, 1_000_000);
  const L = ranks.length;
  const inputSize = integer(root.inputSize, "json.inputSize", ranks[0] as number, 2 ** 31 - 1);
  const layerList = array(root.layers, "json.layers", L);
  const layers = layerList.map((rows, l) =>
    matrix(
      rows,
      `json.layers[${l}]`,
      l === 0 ? inputSize : (ranks[l - 1] as number),
      ranks[l] as number,
      true,
    ),
  );
  const classifiers: { level: number; B: Tensor }[] = [];
  if (v1) {
    if (root.classifier !== null) {
      const classes = integer(root.classes, "json.classes", 1, MAX_CLASSES);
      classifiers.push({
        level: L,
        B: matrix(root.classifier, "json.classifier", classes, ranks[L - 1] as number, false),
      });
    } else if (root.classes !== null) {
      fail("json.classes", "must be null when there is no classifier");
    }
  } else {
    array(root.classifiers, "json.classifiers").forEach((entry, i) => {
      const path = `json.classifiers[${i}]`;
      const c = object(entry, path, ["level", "classes", "B"]);
      const level = integer(c.level, `${path}.level`, 1, L);
      if (classifiers.some((x) => x.level === level))
        fail(`${path}.level`, `repeats level ${level}`);
      const classes = integer(c.classes, `${path}.classes`, 1, MAX_CLASSES);
      classifiers.push({
        level,
        B: matrix(c.B, `${path}.B`, classes, ranks[level - 1] as number, false),
      });
    });
  }
  const usage = array(root.usage, "json.usage", L).map((u, l) => {
    const t = matrix([u], `json.usage[${l}]`, 1, ranks[l] as number, true);
    return Float64Array.from(t.data);
  });
  return {
    options: {
      ranks,
      seed: o.seed as number,
      init,
      pretrainIterations: o.pretrainIterations as number,
      solver: { ...(solver as Record<string, number>) },
    },
    layers,
    classifiers,
    usage,
  };
}

/** What {@link modelDocument} saves of a fitted model. */
export interface ModelParts {
  readonly options: {
    readonly ranks: readonly number[];
    readonly seed: number;
    readonly init: string;
    readonly pretrainIterations: number;
    readonly solver: object;
  };
  readonly layers: readonly Tensor[];
  readonly classifiers: readonly { level: number; B: Tensor }[];
  readonly usage: readonly Float64Array[];
}

/** The saved form (current version) of a fitted model's parts. */
export function modelDocument(parts: ModelParts): NeuralNMFJSON {
  const o = parts.options;
  return {
    format: MODEL_FORMAT,
    version: MODEL_FORMAT_VERSION,
    options: {
      ranks: [...o.ranks],
      seed: o.seed,
      init: o.init,
      pretrainIterations: o.pretrainIterations,
      solver: { ...o.solver } as Record<string, number>,
    },
    inputSize: (parts.layers[0] as Tensor).rows,
    layers: parts.layers.map((a) => a.toRows()),
    classifiers: parts.classifiers.map(({ level, B }) => ({
      level,
      classes: B.rows,
      B: B.toRows(),
    })),
    usage: parts.usage.map((u) => Array.from(u)),
  };
}
