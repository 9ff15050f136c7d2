import { readFileSync } from "node:fs";
import { suggest } from "./args.js";
import { demoSpec, runDemo } from "./commands/demo.js";
import { evalSpec, runEval } from "./commands/eval.js";
import { runFit } from "./commands/fit.js";
import { fitSpec } from "./commands/fit-args.js";
import { runTopics, topicsSpec } from "./commands/topics.js";
import { runTransform, transformSpec } from "./commands/transform.js";
import { reportError, UsageError } from "./errors.js";
import type { CliIo } from "./io/cli-io.js";

const COMMANDS = {
  fit: { spec: fitSpec, run: runFit },
  transform: { spec: transformSpec, run: runTransform },
  topics: { spec: topicsSpec, run: runTopics },
  eval: { spec: evalSpec, run: runEval },
  demo: { spec: demoSpec, run: runDemo },
} as const;

type CommandName = keyof typeof COMMANDS;

/** The commands, for messages: `fit, transform, topics, eval or demo`. */
const COMMAND_LIST = (() => {
  const names = Object.keys(COMMANDS);
  return `${names.slice(0, -1).join(", ")} or ${names.at(-1)}`;
})();

/** The version of this package, read from its `package.json`. */
export function version(): string {
  const url = new URL("../package.json", import.meta.url);
  return (JSON.parse(readFileSync(url, "utf8")) as { version: string }).version;
}

/** The top-level help text. */
export function topLevelHelp(): string {
  const rows = Object.values(COMMANDS).map(({ spec }) => {
    const args = spec.positionals.map((p) => `<${p.name}>`).join(" ");
    return [`${spec.name} ${args}`, spec.brief] as const;
  });
  const column = Math.max(...rows.map(([left]) => left.length)) + 4;
  return [
    "neural-nmf: hierarchical topic models with Neural NMF",
    "",
    "Usage: neural-nmf <command> [options]",
    "",
    "Commands:",
    ...rows.map(([left, help]) => `  ${left.padEnd(column)}${help}`),
    "",
    "Options:",
    "  -h, --help       show this help",
    "  -v, --version    print the version",
    "",
    "Run 'neural-nmf <command> --help' for the options of a command.",
    "",
    "Examples:",
    "  neural-nmf fit data.mtx --ranks 9,4,2 --out model.json",
    "  neural-nmf transform model.json new-docs/ --format csv --out topics.csv",
    "  neural-nmf topics model.json --documents docs/ --html tree.html",
    "  neural-nmf eval model.json data.mtx --labels labels.txt",
    "  neural-nmf demo",
    "",
  ].join("\n");
}

/**
 * Runs the CLI on `argv` (the arguments after the program name). Never throws: every error is
 * written to `io.stderr` as one line, `neural-nmf: error: <message>`.
 *
 * @returns the exit code: 0 on success, 2 for a usage error, 1 for any other failure.
 */
export function main(argv: readonly string[], io: CliIo): number {
  try {
    return dispatch(argv, io);
  } catch (error) {
    const { message, exitCode } = reportError(error);
    io.stderr.write(`neural-nmf: error: ${message}\n`);
    if (process.env.NEURAL_NMF_DEBUG && error instanceof Error && error.stack) {
      io.stderr.write(`${error.stack}\n`);
    }
    return exitCode;
  }
}

function dispatch(argv: readonly string[], io: CliIo): number {
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.stderr.write(topLevelHelp());
    return 2;
  }
  if (first === "-h" || first === "--help") {
    io.stdout.write(topLevelHelp());
    return 0;
  }
  if (first === "-v" || first === "--version") {
    io.stdout.write(`${version()}\n`);
    return 0;
  }
  if (first === "help") {
    const topic = rest[0];
    if (topic === undefined) {
      io.stdout.write(topLevelHelp());
      return 0;
    }
    return commandOf(topic).run(["--help"], io);
  }
  if (first.startsWith("-")) {
    throw new UsageError(`unknown option '${first}' (a command comes first: ${COMMAND_LIST})`);
  }
  return commandOf(first).run(rest, io);
}

function commandOf(name: string): (typeof COMMANDS)[CommandName] {
  if (Object.hasOwn(COMMANDS, name)) return COMMANDS[name as CommandName];
  const guess = suggest(name, Object.keys(COMMANDS));
  const hint = guess === undefined ? "" : ` (did you mean '${guess}'?)`;
  throw new UsageError(`unknown command '${name}'${hint}; commands are ${COMMAND_LIST}`);
}
