import { ArgumentTypeError, ValueError } from "@neural-nmf/tensor";
import { compareCodePoints } from "./code-point-order.js";
import { ENGLISH_STOP_WORDS } from "./stop-words.js";
import {
  describeValue,
  expectBoolean,
  expectInteger,
  expectKnownKeys,
  expectOneOf,
  expectOptionsObject,
  expectWordList,
} from "./validate.js";

/** Unicode normalisation applied before tokenising. */
export type UnicodeNormalization = "NFC" | "NFKC" | "none";

/** Stop words: the bundled English list, a list of your own, or none. */
export type StopWordsOption = "english" | Iterable<string> | null;

/** Options of {@link createTokenizer} and {@link tokenize}. */
export interface TokenizerOptions {
  /** Lowercase the text before tokenising (default `true`). */
  lowercase?: boolean;
  /** Shortest token kept, in code points (default 2, as scikit-learn's `\w\w+`). */
  minTokenLength?: number;
  /**
   * Unicode normalisation of the text (default `"NFC"`), so that a precomposed "é" and "e" + a
   * combining acute accent give the same token. `"NFKC"` also folds compatibility forms
   * (ligatures such as "ﬁ", full-width letters).
   */
  normalization?: UnicodeNormalization;
  /**
   * Tokens to drop after lowercasing (default `null`: none). `"english"` is
   * {@link ENGLISH_STOP_WORDS}; use `stopWords({ add, remove })` to extend or trim it. The words go through
   * the same normalisation and lowercasing as the text, so `["The"]` also stops "the".
   */
  stopWords?: StopWordsOption;
}

/** Tokeniser options with every default filled in, as stored in a fitted vectoriser. */
export interface ResolvedTokenizerOptions {
  /** See {@link TokenizerOptions.lowercase}. */
  readonly lowercase: boolean;
  /** See {@link TokenizerOptions.minTokenLength}. */
  readonly minTokenLength: number;
  /** See {@link TokenizerOptions.normalization}. */
  readonly normalization: UnicodeNormalization;
  /** Normalised stop words, sorted and deduplicated, or `null` for none. */
  readonly stopWords: readonly string[] | null;
}

/** A function from a text to its tokens, in order of appearance (repeats kept). */
export type Tokenizer = (text: string) => string[];

const NORMALIZATIONS: readonly UnicodeNormalization[] = ["NFC", "NFKC", "none"];
const TOKENIZER_KEYS = ["lowercase", "minTokenLength", "normalization", "stopWords"] as const;

// A token is a maximal run of letters, combining marks and digits. Marks are part of words in
// scripts such as Devanagari, where vowel signs are marks; without them "नमस्ते" would fall apart.
const TOKEN_RUN = /[\p{L}\p{M}\p{N}]+/gu;
const LETTER = /\p{L}/u;

/**
 * Fills in and checks tokeniser options; also used by the vectoriser, which stores the result.
 * @throws ArgumentTypeError / ValueError (from `@neural-nmf/tensor`) naming the bad option.
 */
export function resolveTokenizerOptions(
  options: unknown,
  where = "createTokenizer",
  otherKeys: readonly string[] = [],
): ResolvedTokenizerOptions {
  const o = expectOptionsObject(options, where);
  expectKnownKeys(o, [...TOKENIZER_KEYS, ...otherKeys], where);
  const lowercase = expectBoolean(o.lowercase, true, where, "lowercase");
  const minTokenLength = expectInteger(o.minTokenLength, 2, 1, where, "minTokenLength");
  const normalization = expectOneOf(o.normalization, NORMALIZATIONS, "NFC", where, "normalization");
  let stop: readonly string[] | null = null;
  if (typeof o.stopWords === "string" && o.stopWords !== "english") {
    // The only string accepted is the name of the bundled list; "the" is not a list of words.
    throw new ValueError(
      `${where}: option \`stopWords\` must be "english", an iterable of strings or null, got "${o.stopWords}"`,
      "stopWords",
    );
  }
  if (o.stopWords !== undefined && o.stopWords !== null) {
    const raw =
      o.stopWords === "english"
        ? ENGLISH_STOP_WORDS
        : expectWordList(o.stopWords, where, "stopWords");
    const set = new Set(raw.map((w) => prepare(w, normalization, lowercase)));
    stop = Object.freeze([...set].sort(compareCodePoints));
  }
  return { lowercase, minTokenLength, normalization, stopWords: stop };
}

/**
 * Builds a tokeniser. The rules, in order:
 *
 * 1. Unicode normalisation (`normalization`, default NFC), then lowercasing (`lowercase`).
 * 2. Tokens are maximal runs of letters (`\p{L}`), combining marks (`\p{M}`) and digits or other
 *    numerals (`\p{N}`). Everything else — spaces, punctuation, symbols, emoji, apostrophes,
 *    hyphens, underscores — separates tokens, so "data-driven" gives "data" and "driven".
 * 3. Runs without any letter are numbers and are dropped ("42", "3", "14" from "3.14"); runs that
 *    mix letters and digits stay whole ("mp3", "1990s").
 * 4. Tokens shorter than `minTokenLength` code points are dropped.
 * 5. Stop words are dropped.
 *
 * Only ECMAScript built-ins are used, so it runs unchanged in browsers and workers. The
 * tokeniser refuses anything but a string with an `ArgumentTypeError` naming `text`.
 *
 * @example
 * ```ts
 * const tok = createTokenizer({ stopWords: "english" });
 * tok("The café's 2 croissants, naïvely eaten!"); // ["café", "croissants", "naïvely", "eaten"]
 * ```
 */
export function createTokenizer(options?: TokenizerOptions): Tokenizer {
  return tokenizerFromResolved(resolveTokenizerOptions(options));
}

/**
 * Tokenises one text (see {@link createTokenizer} for the rules). Prefer `createTokenizer` for many
 * texts: it prepares the stop-word set once.
 * @throws ArgumentTypeError (from `@neural-nmf/tensor`) when `text` is not a string (`null`,
 *   `undefined`, a number, ...), naming `text`; ArgumentTypeError / ValueError for a bad option.
 */
export function tokenize(text: string, options?: TokenizerOptions): string[] {
  expectText(text, "tokenize");
  return createTokenizer(options)(text);
}

/** Refuses anything but a string, which `String.prototype.normalize` would otherwise trip on. */
function expectText(text: unknown, where: string): asserts text is string {
  if (typeof text !== "string") {
    throw new ArgumentTypeError(
      `${where}: argument \`text\` must be a string, got ${describeValue(text)}`,
      "text",
    );
  }
}

/** The tokeniser for already-checked options (the vectoriser keeps those in its state). */
export function tokenizerFromResolved(options: ResolvedTokenizerOptions): Tokenizer {
  const { lowercase, minTokenLength, normalization } = options;
  const stop = options.stopWords === null ? null : new Set(options.stopWords);
  return (text: string): string[] => {
    expectText(text, "tokenizer");
    const runs = prepare(text, normalization, lowercase).match(TOKEN_RUN);
    if (runs === null) return [];
    const out: string[] = [];
    for (const run of runs) {
      if (!hasLetter(run)) continue;
      // A run of at least 2·min UTF-16 units has at least min code points; counting is only
      // needed for short runs that may hold surrogate pairs.
      if (run.length < 2 * minTokenLength && codePointLength(run) < minTokenLength) continue;
      if (stop?.has(run)) continue;
      out.push(run);
    }
    return out;
  };
}

/** Normalisation then lowercasing: the order scikit-learn's preprocessor uses in our fixtures. */
function prepare(text: string, normalization: UnicodeNormalization, lowercase: boolean): string {
  const s = normalization === "none" ? text : text.normalize(normalization);
  return lowercase ? s.toLowerCase() : s;
}

function hasLetter(run: string): boolean {
  // Most tokens start with an ASCII letter; skip the Unicode property regex for them.
  const c = run.charCodeAt(0);
  if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)) return true;
  return LETTER.test(run);
}

function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // Count every unit except the low half of a surrogate pair.
    if (c < 0xdc00 || c > 0xdfff) n++;
  }
  return n;
}
