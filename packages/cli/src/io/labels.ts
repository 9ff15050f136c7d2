import { CliError } from "../errors.js";
import { readTextFile, splitLines } from "./files.js";

/** Class labels of the columns, as the model wants them. */
export interface Labels {
  /** Class of every column in 0..classes−1, or −1 where it is unknown. */
  readonly values: Int32Array;
  /** Class names when the labels were names (class i is `names[i]`), otherwise null. */
  readonly names: string[] | null;
  /** Number of classes: the number of names, or the largest integer label + 1. */
  readonly classes: number;
}

const INTEGER = /^[+-]?\d+$/;

/**
 * Most classes a labelling may have: 65 536. A classifier has one row per class and training
 * builds a classes × columns indicator matrix, so a stray `1000000` in a labels file must not
 * turn into a million-class model.
 */
export const MAX_CLASSES = 65_536;

/** Options of {@link resolveLabels}. */
export interface ResolveLabelsOptions {
  /** Names a saved model was trained with; new names are numbered after them. */
  readonly knownNames?: readonly string[] | null;
  /**
   * Classes a saved model already has (its classifier's rows): integer labels up to this count
   * are accepted even when fewer columns are labelled (evaluating on a small sample).
   */
  readonly modelClasses?: number;
}

/**
 * Turns label tokens into class numbers. When every token is an integer, it is the class (a
 * negative one means unknown). Otherwise tokens are class names, numbered in order of first
 * appearance after `knownNames` (the names a saved model was trained with). `null` is unknown.
 *
 * Integer labels are class numbers 0 … c − 1, so the largest label sets the number of classes c.
 * It is checked before anything of that size exists: c may not exceed the number of labelled
 * columns (then some class would have no example; usually the labels are numbered from an offset
 * or are ids, not classes), nor {@link MAX_CLASSES}. A saved model's own class count is always
 * allowed.
 *
 * @param where - describes token i for messages, e.g. `labels.txt: line 3`.
 * @throws {@link CliError} when no token is known, or naming the token that makes too many classes.
 */
export function resolveLabels(
  tokens: readonly (string | null)[],
  where: (index: number) => string,
  options: ResolveLabelsOptions | readonly string[] | null = null,
): Labels {
  const o: ResolveLabelsOptions =
    options === null || Array.isArray(options)
      ? { knownNames: options as readonly string[] | null }
      : (options as ResolveLabelsOptions);
  const given = tokens.filter((t): t is string => t !== null);
  if (given.length === 0) throw new CliError(`${where(-1)}: no labels given`);
  const values = new Int32Array(tokens.length).fill(-1);
  if (given.every((t) => INTEGER.test(t))) {
    let max = -1;
    let maxAt = -1;
    let labelled = 0;
    tokens.forEach((t, i) => {
      if (t === null) return;
      const v = Number(t);
      if (!Number.isSafeInteger(v)) {
        throw new CliError(
          `${where(i)}: class ${t} is too large; integer labels are class numbers 0, 1, 2, … (at most ${MAX_CLASSES - 1})`,
        );
      }
      if (v >= 0) {
        values[i] = v;
        labelled++;
        if (v > max) {
          max = v;
          maxAt = i;
        }
      }
    });
    if (max < 0) throw new CliError(`${where(-1)}: every label is unknown (negative)`);
    const limit = Math.min(MAX_CLASSES, Math.max(labelled, o.modelClasses ?? 0));
    if (max + 1 > limit) {
      const model = o.modelClasses ? ` and the model has ${o.modelClasses} classes` : "";
      throw new CliError(
        `${where(maxAt)}: class ${max} is too large: integer labels are class numbers 0 … c − 1, so it would make ${max + 1} classes, but there are only ${labelled} labelled column(s)${model} (and at most ${MAX_CLASSES} classes); renumber the classes 0, 1, 2, … or write class names, which are numbered automatically`,
      );
    }
    return { values, names: null, classes: max + 1 };
  }
  const names = [...(o.knownNames ?? [])];
  const index = new Map(names.map((name, i) => [name, i]));
  tokens.forEach((t, i) => {
    if (t === null) return;
    let c = index.get(t);
    if (c === undefined) {
      c = names.length;
      if (c >= MAX_CLASSES) {
        throw new CliError(
          `${where(i)}: class '${t}' is one more than the ${MAX_CLASSES} classes supported`,
        );
      }
      names.push(t);
      index.set(t, c);
    }
    values[i] = c;
  });
  return { values, names, classes: names.length };
}

/**
 * Reads a labels file: one label per line (an integer class, or a class name); an empty line or
 * `?` marks a column whose label is unknown. Integer classes are limited as {@link resolveLabels}
 * says.
 * @param columns - number of columns of the data; the file must have one line per column.
 * @throws {@link CliError} naming the file (and line).
 */
export function readLabelsFile(
  path: string,
  columns: number,
  options: ResolveLabelsOptions | readonly string[] | null = null,
): Labels {
  const lines = splitLines(readTextFile(path, "labels file"));
  if (lines.length !== columns) {
    throw new CliError(
      `labels file '${path}' has ${lines.length} line(s) but the input has ${columns} column(s); give one label per column`,
    );
  }
  const tokens = lines.map((line) => {
    const t = line.trim();
    return t === "" || t === "?" ? null : t;
  });
  return resolveLabels(
    tokens,
    (i) => (i < 0 ? `labels file '${path}'` : `${path}: line ${i + 1}`),
    options,
  );
}

/**
 * Reads a file of known column indices: 0-based, one per line (blank lines are skipped).
 * @returns the indices in increasing order.
 * @throws {@link CliError} for a bad, out-of-range or repeated index, or an empty file.
 */
export function readKnownFile(path: string, columns: number): Int32Array {
  const lines = splitLines(readTextFile(path, "known-columns file"));
  const seen = new Map<number, number>();
  lines.forEach((line, i) => {
    const t = line.trim();
    if (t === "") return;
    const where = `${path}: line ${i + 1}`;
    const v = /^\d+$/.test(t) ? Number(t) : Number.NaN;
    if (!Number.isSafeInteger(v)) {
      throw new CliError(`${where}: expected a 0-based column index, got '${t}'`);
    }
    if (v >= columns) {
      throw new CliError(
        `${where}: column index ${v} is out of range 0..${columns - 1} (indices are 0-based)`,
      );
    }
    const first = seen.get(v);
    if (first !== undefined) {
      throw new CliError(`${where}: column index ${v} is repeated (first on line ${first})`);
    }
    seen.set(v, i + 1);
  });
  if (seen.size === 0) throw new CliError(`known-columns file '${path}' lists no column`);
  return Int32Array.from(seen.keys()).sort();
}

/**
 * Checks that every known column has a label.
 * @throws {@link CliError} naming the first known column without one.
 */
export function checkKnownHaveLabels(known: Int32Array, labels: Labels, knownPath: string): void {
  for (const j of known) {
    if ((labels.values[j] as number) < 0) {
      throw new CliError(
        `known-columns file '${knownPath}' lists column ${j}, whose label is unknown`,
      );
    }
  }
}

/**
 * Reads a vocabulary file: one word per line, line i naming feature (row) i − 1.
 * @param rows - expected number of words (the model's input size).
 * @throws {@link CliError} when the count differs.
 */
export function readVocabularyFile(path: string, rows: number): string[] {
  const words = splitLines(readTextFile(path, "vocabulary file")).map((w) => w.trim());
  if (words.length !== rows) {
    throw new CliError(
      `vocabulary file '${path}' has ${words.length} word(s) but the model has ${rows} feature(s); give one word per line`,
    );
  }
  return words;
}
