/**
 * The genre hierarchy of the Brown corpus: 15 genres (the letters of the Brown manual), five
 * middle-level groups chosen for this package, and the corpus's own split into informative and
 * imaginative prose.
 *
 * The middle level follows the usual macro-categories of the Brown family of corpora (press,
 * general prose, learned, fiction) with two changes that suit topic modelling:
 *
 * - H (government documents, foundation and industry reports, a college catalogue, house organs)
 *   joins J (learned and scientific writing) rather than general prose: both are institutional,
 *   impersonal and technical in vocabulary, while D–G address a general reader.
 * - Fiction is split into general fiction and humour (K, R: literary novels and stories, humorous
 *   essays and sketches) and genre fiction (L, M, N, P: mystery, science fiction, adventure and
 *   western, romance — the formula fiction of magazines and paperbacks), so that the imaginative
 *   branch has a level between genre and top as the informative branch has.
 */

/** Genre letters of the Brown corpus (the manual skips I, O and Q). */
export type BrownGenreLetter =
  | "A"
  | "B"
  | "C"
  | "D"
  | "E"
  | "F"
  | "G"
  | "H"
  | "J"
  | "K"
  | "L"
  | "M"
  | "N"
  | "P"
  | "R";

/** Middle-level groups (see the module comment for the reasoning). */
export type BrownGroupId =
  | "press"
  | "general-prose"
  | "learned"
  | "general-fiction"
  | "genre-fiction";

/** Top level: Brown's informative prose (A–J) and imaginative prose (K–R). */
export type BrownTopLevelId = "informative" | "imaginative";

/** One genre of the corpus. */
export interface BrownGenre {
  /** Letter of the genre; file ids are `c` + lowercase letter + two digits. */
  readonly letter: BrownGenreLetter;
  /** Name from the Brown corpus manual. */
  readonly name: string;
  /** NLTK's category name for the genre (as in the package's `cats.txt`). */
  readonly category: string;
  /** Number of texts (samples of about 2,000 words) in the genre. */
  readonly documents: number;
  /** Middle-level group. */
  readonly group: BrownGroupId;
  /** Top level. */
  readonly top: BrownTopLevelId;
}

/** A middle-level group. */
export interface BrownGroup {
  /** Identifier. */
  readonly id: BrownGroupId;
  /** Display name. */
  readonly name: string;
  /** Genres in the group. */
  readonly genres: readonly BrownGenreLetter[];
  /** Top level of the group. */
  readonly top: BrownTopLevelId;
}

/** A top-level branch. */
export interface BrownTopLevel {
  /** Identifier. */
  readonly id: BrownTopLevelId;
  /** Display name. */
  readonly name: string;
  /** Groups in the branch. */
  readonly groups: readonly BrownGroupId[];
}

/** The 15 genres in corpus order; their index is the genre label of `brownLabels`. */
export const BROWN_GENRES: readonly BrownGenre[] = Object.freeze([
  genre("A", "Press: reportage", "news", 44, "press", "informative"),
  genre("B", "Press: editorial", "editorial", 27, "press", "informative"),
  genre("C", "Press: reviews", "reviews", 17, "press", "informative"),
  genre("D", "Religion", "religion", 17, "general-prose", "informative"),
  genre("E", "Skills and hobbies", "hobbies", 36, "general-prose", "informative"),
  genre("F", "Popular lore", "lore", 48, "general-prose", "informative"),
  genre(
    "G",
    "Belles-lettres, biography, memoirs",
    "belles_lettres",
    75,
    "general-prose",
    "informative",
  ),
  genre(
    "H",
    "Miscellaneous: government documents, reports, house organs",
    "government",
    30,
    "learned",
    "informative",
  ),
  genre("J", "Learned and scientific writings", "learned", 80, "learned", "informative"),
  genre("K", "General fiction", "fiction", 29, "general-fiction", "imaginative"),
  genre("L", "Mystery and detective fiction", "mystery", 24, "genre-fiction", "imaginative"),
  genre("M", "Science fiction", "science_fiction", 6, "genre-fiction", "imaginative"),
  genre("N", "Adventure and western fiction", "adventure", 29, "genre-fiction", "imaginative"),
  genre("P", "Romance and love story", "romance", 29, "genre-fiction", "imaginative"),
  genre("R", "Humor", "humor", 9, "general-fiction", "imaginative"),
]);

/** The five middle-level groups; their index is the group label of `brownLabels`. */
export const BROWN_GROUPS: readonly BrownGroup[] = Object.freeze([
  group("press", "Press", ["A", "B", "C"], "informative"),
  group("general-prose", "General prose", ["D", "E", "F", "G"], "informative"),
  group("learned", "Government and learned", ["H", "J"], "informative"),
  group("general-fiction", "General fiction and humor", ["K", "R"], "imaginative"),
  group("genre-fiction", "Genre fiction", ["L", "M", "N", "P"], "imaginative"),
]);

/** The two top-level branches; their index is the top label of `brownLabels`. */
export const BROWN_TOP_LEVELS: readonly BrownTopLevel[] = Object.freeze([
  topLevel("informative", "Informative prose", ["press", "general-prose", "learned"]),
  topLevel("imaginative", "Imaginative prose", ["general-fiction", "genre-fiction"]),
]);

function genre(
  letter: BrownGenreLetter,
  name: string,
  category: string,
  documents: number,
  group: BrownGroupId,
  top: BrownTopLevelId,
): BrownGenre {
  return Object.freeze({ letter, name, category, documents, group, top });
}

function group(
  id: BrownGroupId,
  name: string,
  genres: BrownGenreLetter[],
  top: BrownTopLevelId,
): BrownGroup {
  return Object.freeze({ id, name, genres: Object.freeze(genres), top });
}

function topLevel(id: BrownTopLevelId, name: string, groups: BrownGroupId[]): BrownTopLevel {
  return Object.freeze({ id, name, groups: Object.freeze(groups) });
}
