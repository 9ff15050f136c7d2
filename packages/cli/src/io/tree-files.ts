import { resolve } from "node:path";
import { type TopicTree, topicTreeHtml, topicTreeSvg } from "neural-nmf";
import { UsageError } from "../errors.js";
import { checkOutputFile, type ReadPath, writeTextFileAtomic } from "./files.js";

/** Where to write a topic tree: `--html` and `--svg`, and whether they may replace files. */
export interface TreeOutputs {
  /** The interactive HTML page (`--html FILE`). */
  readonly html?: string;
  /** The SVG drawing (`--svg FILE`). */
  readonly svg?: string;
  /** Whether an existing file may be replaced (`--force`). */
  readonly force: boolean;
}

/**
 * Checks `--html` and `--svg` before anything is read, with the rules of `fit --out`: never a
 * file the command reads, not an existing file without `--force`, a writable folder; and not
 * both the same file.
 * @throws {@link UsageError} (or {@link CliError} for an unwritable folder).
 */
export function checkTreeOutputs(
  command: string,
  outputs: TreeOutputs,
  reads: readonly ReadPath[],
): void {
  const { html, svg, force } = outputs;
  if (html !== undefined && svg !== undefined && resolve(html) === resolve(svg)) {
    throw new UsageError(
      `${command}: --html and --svg name the same file '${html}'; give each its own file`,
      command,
    );
  }
  if (html !== undefined) {
    checkOutputFile(html, "HTML page", { command, option: "--html", reads, force });
  }
  if (svg !== undefined) {
    checkOutputFile(svg, "SVG drawing", { command, option: "--svg", reads, force });
  }
}

/**
 * Writes the tree's HTML page and SVG drawing (each atomically; without `force` a file that
 * appeared since the checks is left alone and the write fails).
 * @returns the lines to tell the user what was written.
 */
export function writeTreeOutputs(tree: TopicTree, outputs: TreeOutputs): string[] {
  const lines: string[] = [];
  if (outputs.html !== undefined) {
    writeTextFileAtomic(outputs.html, topicTreeHtml(tree), "HTML page", {
      replace: outputs.force,
    });
    lines.push(`Topic tree (interactive HTML) written to ${outputs.html}: open it in a browser`);
  }
  if (outputs.svg !== undefined) {
    writeTextFileAtomic(outputs.svg, topicTreeSvg(tree), "SVG drawing", {
      replace: outputs.force,
    });
    lines.push(`Topic tree (SVG drawing) written to ${outputs.svg}`);
  }
  return lines;
}
