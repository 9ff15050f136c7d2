// Type tests (vitest typecheck mode): the programmatic API of @neural-nmf/cli.
// A change here is a change of the public API and needs a changeset.
import type { TextVectorizer } from "@neural-nmf/text";
import type { NeuralNMF, NeuralNMFJSON } from "neural-nmf";
import { describe, expectTypeOf, it } from "vitest";
import {
  type CliError,
  type CliIo,
  type CliModelFile,
  type EXIT_FAILURE,
  type EXIT_USAGE,
  type LoadedModel,
  type MODEL_FILE_FORMAT,
  main,
  readModelFile,
  runEval,
  runFit,
  runTopics,
  type UsageError,
  version,
} from "../src/index.js";

describe("main and the commands", () => {
  it("take the arguments and the output streams and return the exit code", () => {
    type Command = (argv: readonly string[], io: CliIo) => number;
    expectTypeOf(main).toEqualTypeOf<Command>();
    expectTypeOf(runFit).toEqualTypeOf<Command>();
    expectTypeOf(runTopics).toEqualTypeOf<Command>();
    expectTypeOf(runEval).toEqualTypeOf<Command>();
    expectTypeOf(version).toEqualTypeOf<() => string>();
    expectTypeOf<typeof EXIT_USAGE>().toEqualTypeOf<2>();
    expectTypeOf<typeof EXIT_FAILURE>().toEqualTypeOf<1>();
  });

  it("write to anything with a write method, such as process.stdout", () => {
    expectTypeOf({ stdout: process.stdout, stderr: process.stderr }).toExtend<CliIo>();
    const chunks: string[] = [];
    const sink = { write: (chunk: string) => chunks.push(chunk) };
    expectTypeOf({ stdout: sink, stderr: sink }).toExtend<CliIo>();
  });

  it("fail with typed errors", () => {
    expectTypeOf<CliError>().toExtend<Error>();
    expectTypeOf<UsageError>().toExtend<Error>();
  });
});

describe("model files", () => {
  it("hold the model JSON, and the vectoriser of a text model", () => {
    expectTypeOf<typeof MODEL_FILE_FORMAT>().toEqualTypeOf<"neural-nmf-cli">();
    expectTypeOf<CliModelFile["format"]>().toEqualTypeOf<"neural-nmf-cli">();
    expectTypeOf<CliModelFile["version"]>().toEqualTypeOf<1>();
    expectTypeOf<CliModelFile["model"]>().toEqualTypeOf<NeuralNMFJSON>();
  });

  it("are read back into a model and a vectoriser", () => {
    expectTypeOf(readModelFile).toEqualTypeOf<(path: string) => LoadedModel>();
    expectTypeOf<LoadedModel>().toEqualTypeOf<{
      readonly model: NeuralNMF;
      readonly vectorizer: TextVectorizer | null;
      readonly vocabulary: string[] | null;
      readonly labelNames: string[] | null;
    }>();
  });
});
