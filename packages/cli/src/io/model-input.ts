import type { CscMatrix, Tensor } from "@neural-nmf/tensor";
import { checkNonnegative } from "../data.js";
import { CliError } from "../errors.js";
import { documentProgress, type TaskProgressOptions, withTaskProgress } from "../progress.js";
import type { LoadedModel } from "./model-file.js";
import type { Input } from "./read-input.js";

/** The paths behind {@link matrixForModel}'s messages, as the user gave them. */
export interface ModelInputNames {
  /** The model file. */
  readonly model: string;
  /** The data input. */
  readonly input: string;
}

/**
 * Whether the model can read text: it was fitted on text and saved its vectoriser. A model
 * fitted on a matrix cannot turn words into its rows.
 */
export function canReadText(loaded: LoadedModel): boolean {
  return loaded.vectorizer?.isFitted === true;
}

/** Why a model cannot read a text input, for the error of each command. */
export function noVectoriserMessage(names: ModelInputNames): string {
  return `model '${names.model}' was fitted on a matrix and has no vectoriser, so it cannot read text input '${names.input}'`;
}

/**
 * The data a saved model reads from an input: a Matrix Market matrix as it is (checked against
 * the model's rows and for negative entries), text vectorised with the model's own vectoriser.
 * @throws {@link CliError} when the matrix does not fit the model or the model cannot read text.
 */
export function matrixForModel(
  input: Input,
  loaded: LoadedModel,
  names: ModelInputNames,
  progress: TaskProgressOptions,
): Tensor | CscMatrix {
  const rows = (loaded.model.layers[0] as Tensor).rows;
  if (input.kind === "matrix-market") {
    if (input.matrix.rows !== rows) {
      throw new CliError(
        `'${names.input}' has ${input.matrix.rows} rows but the model was fitted on data with ${rows} rows`,
      );
    }
    checkNonnegative(input.matrix, names.input);
    return input.matrix;
  }
  const vectorizer = loaded.vectorizer;
  if (vectorizer === null || !vectorizer.isFitted) throw new CliError(noVectoriserMessage(names));
  return withTaskProgress(progress, (p) =>
    vectorizer.transform(input.documents, { onProgress: documentProgress(p) }),
  ).matrix;
}
