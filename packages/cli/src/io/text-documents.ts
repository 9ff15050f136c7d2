import { createTokenizer, type TextVectorizer } from "@neural-nmf/text";
import { UsageError } from "../errors.js";
import { inputProgress, type TaskProgressOptions, withTaskProgress } from "../progress.js";
import { detectInputKind, readInput, type TextInput } from "./read-input.js";

/**
 * Reads the documents of a text-only option (`--documents`): a folder of `.txt` files or a
 * JSON-lines file. The kind is checked before anything is read.
 * @param option - the option, for messages: `"--documents"`.
 * @throws {@link UsageError} for a Matrix Market file (it holds no words);
 *   {@link CliError} for an unreadable or malformed input.
 */
export function readTextDocuments(
  path: string,
  command: string,
  option: string,
  progress: TaskProgressOptions,
): TextInput {
  if (detectInputKind(path) === "matrix-market") {
    throw new UsageError(
      `${command}: ${option} takes text (a folder of .txt files or a .jsonl file), and '${path}' is a Matrix Market file, which holds no words`,
      command,
    );
  }
  const input = withTaskProgress(progress, (p) =>
    readInput(path, { onProgress: inputProgress(p) }),
  );
  return input as TextInput;
}

/**
 * Splits documents into the tokens the model saw: with the model's vectoriser when it has one,
 * else with the tokeniser `fit` uses by default (English stop words removed).
 */
export function tokenizeDocuments(
  documents: readonly string[],
  vectorizer: TextVectorizer | null,
): string[][] {
  const tokenize =
    vectorizer?.isFitted === true
      ? (text: string) => vectorizer.tokenize(text)
      : createTokenizer({ stopWords: "english" });
  return documents.map((text) => tokenize(text));
}
