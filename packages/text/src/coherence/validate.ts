/**
 * Argument checks of the topic-coherence functions. Every message starts with the function the
 * caller used ("topicCoherence: ...") and every error names the argument or option at fault in
 * `error.argument`.
 *
 * @module
 */

import {
  ArgumentTypeError,
  describeValue,
  keysOnlySpec,
  checkOptions as sharedCheckOptions,
  ValueError,
} from "@neural-nmf/tensor";
import type { CoherenceMeasure, WindowCounting } from "./types.js";

/** The measures {@link CoherenceMeasure} allows, in the order of their documentation. */
export const COHERENCE_MEASURES: readonly CoherenceMeasure[] = ["npmi", "umass"];

/** The window countings {@link WindowCounting} allows. */
export const WINDOW_COUNTINGS: readonly WindowCounting[] = ["gensim", "presence"];

/**
 * `value` as an options object (`{}` when `undefined`).
 *
 * @throws ArgumentTypeError when `value` is not a plain object.
 * @throws ValueError for an option name outside `allowed` (a typo such as `top_n` would otherwise
 *   silently change the result).
 */
export function checkOptions(
  value: unknown,
  allowed: readonly string[],
  where: string,
): Record<string, unknown> {
  return sharedCheckOptions<Record<string, unknown>>(value, keysOnlySpec(allowed), where);
}

/**
 * `value` as an integer ≥ `min`, `fallback` when `undefined`.
 *
 * @throws ArgumentTypeError when `value` is not a number.
 * @throws ValueError when it is not a safe integer ≥ `min`.
 */
export function checkInteger(
  value: unknown,
  fallback: number,
  min: number,
  where: string,
  option: string,
): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number") {
    throw new ArgumentTypeError(
      `${where}: option \`${option}\` must be an integer, got ${describeValue(value)}`,
      option,
    );
  }
  if (!Number.isSafeInteger(value) || value < min) {
    throw new ValueError(
      `${where}: option \`${option}\` must be an integer ≥ ${min}, got ${describeValue(value)}`,
      option,
    );
  }
  return value;
}

/**
 * `value` as one of `allowed`, `fallback` when `undefined`.
 *
 * @throws ArgumentTypeError when `value` is not a string.
 * @throws ValueError when it is a string outside `allowed`.
 */
export function checkChoice<T extends string>(
  value: unknown,
  allowed: readonly T[],
  fallback: T,
  where: string,
  option: string,
): T {
  if (value === undefined) return fallback;
  const list = allowed.map((a) => `"${a}"`).join(", ");
  if (typeof value !== "string") {
    throw new ArgumentTypeError(
      `${where}: option \`${option}\` must be one of ${list}, got ${describeValue(value)}`,
      option,
    );
  }
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ValueError(
      `${where}: option \`${option}\` must be one of ${list}, got "${value}"`,
      option,
    );
  }
  return value as T;
}

/**
 * `value` as a non-empty list of topics, each a list of at least two strings (a copy).
 *
 * Duplicated words inside a topic are kept, as gensim keeps them (the pair of a word with itself
 * counts the windows or documents holding the word).
 *
 * @throws ArgumentTypeError when `topics` is not an array, a topic is not an array or a word is
 *   not a string.
 * @throws ValueError when there is no topic or a topic has fewer than two words (its coherence
 *   would have no word pair).
 */
export function checkTopics(value: unknown, where: string): string[][] {
  if (!Array.isArray(value)) {
    throw new ArgumentTypeError(
      `${where}: argument \`topics\` must be an array of topics (arrays of words), got ${describeValue(value)}`,
      "topics",
    );
  }
  if (value.length === 0) {
    throw new ValueError(`${where}: argument \`topics\` holds no topic`, "topics");
  }
  return value.map((topic: unknown, t) => {
    if (!Array.isArray(topic)) {
      throw new ArgumentTypeError(
        `${where}: argument \`topics\`[${t}] must be an array of words, got ${describeValue(topic)}`,
        "topics",
      );
    }
    if (topic.length < 2) {
      throw new ValueError(
        `${where}: argument \`topics\`[${t}] ${topic.length === 0 ? "is empty" : "has a single word"}; a topic needs at least two words to have a coherence`,
        "topics",
      );
    }
    return topic.map((word: unknown, j) => {
      if (typeof word !== "string") {
        throw new ArgumentTypeError(
          `${where}: argument \`topics\`[${t}][${j}] must be a string, got ${describeValue(word)}`,
          "topics",
        );
      }
      return word;
    });
  });
}

/**
 * The strings of an iterable (an array, a `Set`, ...), as an array. A bare string is refused
 * although it is iterable: spreading `"the"` into `"t"`, `"h"`, `"e"` is never what was meant.
 *
 * @throws ArgumentTypeError when `value` is not an iterable or holds a non-string.
 */
export function checkWords(value: unknown, where: string): string[] {
  const iterable =
    value !== null &&
    typeof value === "object" &&
    typeof (value as Iterable<unknown>)[Symbol.iterator] === "function";
  if (!iterable) {
    throw new ArgumentTypeError(
      `${where}: argument \`words\` must be an iterable of strings, got ${describeValue(value)}`,
      "words",
    );
  }
  const out: string[] = [];
  for (const w of value as Iterable<unknown>) {
    if (typeof w !== "string") {
      throw new ArgumentTypeError(
        `${where}: argument \`words\` holds ${describeValue(w)}, expected only strings`,
        "words",
      );
    }
    out.push(w);
  }
  return out;
}

/**
 * `value` as the list of documents (each checked, with its tokens, while it is counted).
 *
 * @throws ArgumentTypeError when `documents` is not an array.
 */
export function checkDocumentList(value: unknown, where: string): readonly unknown[] {
  if (!Array.isArray(value)) {
    throw new ArgumentTypeError(
      `${where}: argument \`documents\` must be an array of tokenised documents (arrays of strings), got ${describeValue(value)}`,
      "documents",
    );
  }
  return value;
}

/** The error for document `index` that is not an array of strings. */
export function documentTypeError(where: string, index: number, value: unknown): ArgumentTypeError {
  return new ArgumentTypeError(
    `${where}: argument \`documents\`[${index}] must be an array of strings (tokens), got ${describeValue(value)}`,
    "documents",
  );
}

/** The error for token `position` of document `index` that is not a string. */
export function tokenTypeError(
  where: string,
  index: number,
  position: number,
  value: unknown,
): ArgumentTypeError {
  return new ArgumentTypeError(
    `${where}: argument \`documents\`[${index}][${position}] must be a string, got ${describeValue(value)}`,
    "documents",
  );
}
