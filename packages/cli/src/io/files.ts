import {
  accessSync,
  constants,
  linkSync,
  lstatSync,
  readFileSync,
  realpathSync,
  renameSync,
  type Stats,
  statSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, extname, join, resolve } from "node:path";
import { CliError, fileError, UsageError } from "../errors.js";

/**
 * Reads a UTF-8 text file (a leading byte-order mark is dropped).
 * @param what - what the file is, for messages: `"labels file"`, `"input"`, ...
 * @throws {@link CliError} `cannot read <what> '<path>': <reason>`.
 */
export function readTextFile(path: string, what: string): string {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw fileError(error, `read ${what}`, path);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * The lines of a text file's content, with `\r\n` and `\n` endings; the empty string after a
 * final newline is not a line. Line i of the array is line i + 1 of the file.
 */
export function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/**
 * Fails early, before a long training run, when `path` cannot be written: its folder is missing
 * or read-only, or the path is a folder.
 * @throws {@link CliError}
 */
export function checkWritable(path: string, what: string): void {
  const full = resolve(path);
  try {
    if (statSync(full, { throwIfNoEntry: false })?.isDirectory()) {
      throw new CliError(`cannot write ${what} '${path}': is a directory`);
    }
    const folder = dirname(full);
    if (!statSync(folder).isDirectory()) {
      throw new CliError(`cannot write ${what} '${path}': '${dirname(path)}' is not a directory`);
    }
    accessSync(folder, constants.W_OK);
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw fileError(error, `write ${what}`, path);
  }
}

/** A file (or folder) a command reads, which its output must never replace. */
export interface ReadPath {
  /** The path as the user gave it. */
  readonly path: string;
  /** What it is, for messages: `"input"`, `"labels file"`, ... */
  readonly what: string;
}

/** What {@link checkOutputFile} checks an output path against. */
export interface OutputRules {
  /** The command, for usage errors (`"fit"`). */
  readonly command: string;
  /** The option that names the output, for messages (`"--out"`). */
  readonly option: string;
  /** Every file and folder the command reads. */
  readonly reads: readonly ReadPath[];
  /** Whether an existing file may be replaced (`--force`). */
  readonly force: boolean;
}

/**
 * Checks an output path before any work is done:
 *
 * - it must not be any file the command reads, compared by resolved real path and by device and
 *   inode, so `in.mtx`, `./in.mtx`, `dir/../in.mtx`, a symbolic link to it and a hard link all
 *   count as the same file; `--force` does not lift this;
 * - it must not be a `.txt` file inside an input folder (it would become a document of it);
 * - an existing file is replaced only with `--force`;
 * - its folder must exist and be writable, and the path must not be a folder
 *   ({@link checkWritable}).
 *
 * @throws {@link UsageError} for the first three (exit code 2), {@link CliError} for the last.
 */
export function checkOutputFile(path: string, what: string, rules: OutputRules): void {
  checkWritable(path, what);
  const { command, option } = rules;
  const out = identify(path);
  for (const read of rules.reads) {
    const source = identify(read.path);
    if (source === null || out === null) continue;
    if (sameFile(out, source)) {
      throw new UsageError(
        `${command}: ${option} '${path}' is the ${read.what} '${read.path}'; writing the ${what} there would destroy it, so choose another file (--force does not change this)`,
        command,
      );
    }
    if (
      source.stats?.isDirectory() === true &&
      dirname(out.real) === source.real &&
      extname(out.real).toLowerCase() === ".txt"
    ) {
      throw new UsageError(
        `${command}: ${option} '${path}' is inside the ${read.what} folder '${read.path}', where it would be read as one more document next time; choose another file or folder`,
        command,
      );
    }
  }
  if (!rules.force && exists(path)) {
    throw new UsageError(
      `${command}: ${option} '${path}' already exists; add --force to replace it, or choose another file`,
      command,
    );
  }
}

interface Identity {
  /** The real path: of the file when it exists, else of its folder joined with its name. */
  readonly real: string;
  /** The file's status when it exists (links followed). */
  readonly stats: Stats | undefined;
}

/** The real path and status of `path`, or null when not even its folder can be resolved. */
function identify(path: string): Identity | null {
  const full = resolve(path);
  try {
    const stats = statSync(full, { throwIfNoEntry: false });
    if (stats !== undefined) return { real: realpathSync(full), stats };
    return { real: join(realpathSync(dirname(full)), basename(full)), stats: undefined };
  } catch {
    return null;
  }
}

function sameFile(a: Identity, b: Identity): boolean {
  if (a.real === b.real) return true;
  return (
    a.stats !== undefined &&
    b.stats !== undefined &&
    a.stats.dev === b.stats.dev &&
    a.stats.ino === b.stats.ino
  );
}

/** Whether anything is at `path`, a dangling symbolic link included. */
function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Options of {@link writeTextFileAtomic}. */
export interface WriteOptions {
  /**
   * Whether an existing file may be replaced (default true). When false, a file that appeared
   * at `path` since the checks (another run writing the same name) is left alone and the write
   * fails instead.
   */
  readonly replace?: boolean;
}

/**
 * Writes `text` to `path` through a temporary file moved into place, so an interrupted write
 * never leaves a truncated file behind. Without `replace`, the temporary file is hard-linked to
 * `path`, which fails atomically when the name is taken (where hard links are not supported,
 * the name is checked just before renaming).
 * @throws {@link CliError}
 */
export function writeTextFileAtomic(
  path: string,
  text: string,
  what: string,
  options: WriteOptions = {},
): void {
  const temporary = `${path}.${process.pid}.tmp`;
  let created = false;
  try {
    // "wx": never write through whatever may already sit at the temporary name.
    writeFileSync(temporary, text, { flag: "wx" });
    created = true;
    if (options.replace ?? true) {
      renameSync(temporary, path);
    } else {
      placeWithoutReplacing(temporary, path, what);
    }
  } catch (error) {
    try {
      if (created) unlinkSync(temporary);
    } catch {
      // Nothing to clean up.
    }
    if (error instanceof CliError) throw error;
    throw fileError(error, `write ${what}`, path);
  }
}

function placeWithoutReplacing(temporary: string, path: string, what: string): void {
  const taken = () =>
    new CliError(
      `cannot write ${what} '${path}': the file appeared while the command ran; nothing was replaced (use --force to replace it)`,
    );
  try {
    linkSync(temporary, path);
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (code === "EEXIST") throw taken();
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EOPNOTSUPP" && code !== "EXDEV") {
      throw error;
    }
    // No hard links on this file system: check, then rename.
    if (exists(path)) throw taken();
    renameSync(temporary, path);
    return;
  }
  unlinkSync(temporary);
}
