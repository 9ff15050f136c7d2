#!/usr/bin/env node
import { reportError } from "./errors.js";
import { main } from "./main.js";

// `neural-nmf topics model.json | head` closes the pipe early: stop quietly, not with a stack.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
}
process.on("uncaughtException", (error) => {
  process.stderr.write(`neural-nmf: error: ${reportError(error).message}\n`);
  process.exit(1);
});

process.exitCode = main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
