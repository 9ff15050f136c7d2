import { TextVectorizer, type TextVectorizerJSON } from "@neural-nmf/text";
import { NeuralNMF, type NeuralNMFJSON } from "neural-nmf";
import { CliError } from "../errors.js";
import { readTextFile, type WriteOptions, writeTextFileAtomic } from "./files.js";

/** Identifies the JSON files written by `neural-nmf fit --out`. */
export const MODEL_FILE_FORMAT = "neural-nmf-cli";

/** The JSON written by `neural-nmf fit --out FILE`. */
export interface CliModelFile {
  /** Always {@link MODEL_FILE_FORMAT}. */
  readonly format: typeof MODEL_FILE_FORMAT;
  /** Layout version, 1. */
  readonly version: 1;
  /** The model, as `NeuralNMF.toJSON()` writes it. */
  readonly model: NeuralNMFJSON;
  /** The fitted vectoriser of a text input (`TextVectorizer.toJSON()`). */
  readonly vectorizer?: TextVectorizerJSON;
  /** The word (or feature name) of every input row. */
  readonly vocabulary?: string[];
  /** Class names, when the labels were names: class i is `labelNames[i]`. */
  readonly labelNames?: string[];
}

/** A model file, read and restored. */
export interface LoadedModel {
  readonly model: NeuralNMF;
  /** The restored vectoriser, or null for a model fitted on a matrix. */
  readonly vectorizer: TextVectorizer | null;
  /** The word of every input row, when known. */
  readonly vocabulary: string[] | null;
  /** Class names, when the training labels were names. */
  readonly labelNames: string[] | null;
}

/**
 * Writes a model file (compact JSON, written atomically). With `replace: false` an existing file
 * is left alone and the write fails.
 */
export function writeModelFile(
  path: string,
  content: CliModelFile,
  options: WriteOptions = {},
): void {
  writeTextFileAtomic(path, `${JSON.stringify(content)}\n`, "model file", options);
}

/**
 * Reads a file written by `neural-nmf fit --out` (or a bare `NeuralNMF.toJSON()` dump) and
 * restores the model and, for text models, the vectoriser.
 * @throws {@link CliError} naming the file for unreadable, non-JSON or inconsistent content.
 */
export function readModelFile(path: string): LoadedModel {
  const text = readTextFile(path, "model file");
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliError(`model file '${path}' is not valid JSON (${reason})`, { cause: error });
  }
  const record = (data ?? {}) as Record<string, unknown>;
  let file: Partial<CliModelFile>;
  if (record.format === MODEL_FILE_FORMAT) {
    if (record.version !== 1) {
      throw new CliError(
        `model file '${path}' has version ${JSON.stringify(record.version)}; this CLI reads version 1`,
      );
    }
    file = record as Partial<CliModelFile>;
  } else if (record.format === "neural-nmf-model") {
    file = { model: record as unknown as NeuralNMFJSON };
  } else {
    throw new CliError(
      `'${path}' is not a neural-nmf model file (written by 'neural-nmf fit --out')`,
    );
  }
  try {
    const model = NeuralNMF.fromJSON(file.model as NeuralNMFJSON);
    const vectorizer =
      file.vectorizer === undefined ? null : TextVectorizer.fromJSON(file.vectorizer);
    const vocabulary = stringArray(file.vocabulary, "vocabulary", path);
    const labelNames = stringArray(file.labelNames, "labelNames", path);
    const rows = (file.model as NeuralNMFJSON).inputSize;
    const words = vocabulary ?? (vectorizer?.isFitted ? [...vectorizer.vocabulary] : null);
    if (words !== null && words.length !== rows) {
      throw new CliError(
        `model file '${path}' is inconsistent: ${words.length} words for ${rows} input rows`,
      );
    }
    return { model, vectorizer, vocabulary: words, labelNames };
  } catch (error) {
    if (error instanceof CliError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliError(`model file '${path}' is damaged: ${reason}`, { cause: error });
  }
}

function stringArray(value: unknown, field: string, path: string): string[] | null {
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) {
    throw new CliError(`model file '${path}': field "${field}" must be an array of strings`);
  }
  return value as string[];
}
