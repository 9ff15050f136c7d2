import {
  accessSync,
  constants,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { dirname, resolve } from "node:path";
import { CliError, fileError } from "../errors.js";

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

/**
 * Writes `text` to `path` through a temporary file renamed into place, so an interrupted write
 * never leaves a truncated file behind.
 * @throws {@link CliError}
 */
export function writeTextFileAtomic(path: string, text: string, what: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, path);
  } catch (error) {
    try {
      unlinkSync(temporary);
    } catch {
      // Nothing to clean up.
    }
    throw fileError(error, `write ${what}`, path);
  }
}
