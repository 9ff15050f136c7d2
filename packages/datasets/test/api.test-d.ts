// Type tests (vitest typecheck mode): the public types of @neural-nmf/datasets as users see them.
// A change here is a change of the public API and needs a changeset.
import type { CscMatrix } from "@neural-nmf/tensor";
import { describe, expectTypeOf, it } from "vitest";
import {
  type BrownDocument,
  type BrownGenreLetter,
  type BrownLabels,
  brownDocument,
  brownLabels,
  type HierarchicalCorpus,
  type HierarchicalCorpusOptions,
  hierarchicalCorpus,
} from "../src/index.js";
import { type LoadBrownOptions, loadBrown } from "../src/node/brown.js";

describe("hierarchicalCorpus", () => {
  it("needs a size and a seed and returns sparse counts with planted labels", () => {
    expectTypeOf(hierarchicalCorpus).toEqualTypeOf<
      (options: HierarchicalCorpusOptions) => HierarchicalCorpus
    >();
    expectTypeOf({ documents: 10, seed: 1 }).toExtend<HierarchicalCorpusOptions>();
    expectTypeOf({ documents: 10 }).not.toExtend<HierarchicalCorpusOptions>();
    expectTypeOf<HierarchicalCorpus>().toEqualTypeOf<{
      X: CscMatrix;
      subtopics: Int32Array;
      groups: Int32Array;
      vocabulary: string[];
    }>();
    expectTypeOf<HierarchicalCorpusOptions["mixture"]>().toEqualTypeOf<
      readonly [number, number, number] | undefined
    >();
  });
});

describe("the Brown corpus", () => {
  it("describes a document by its genre, group and top level", () => {
    expectTypeOf<BrownDocument>().toExtend<{
      readonly id: string;
      readonly genre: BrownGenreLetter;
      readonly text: string;
    }>();
    expectTypeOf(brownDocument).toEqualTypeOf<(id: string, tagged: string) => BrownDocument>();
    expectTypeOf(brownLabels).toEqualTypeOf<(documents: readonly BrownDocument[]) => BrownLabels>();
    expectTypeOf<BrownLabels>().toEqualTypeOf<{
      readonly genre: Int32Array;
      readonly group: Int32Array;
      readonly top: Int32Array;
    }>();
    expectTypeOf<"A">().toExtend<BrownGenreLetter>();
    expectTypeOf<"Z">().not.toExtend<BrownGenreLetter>();
  });

  it("loads in Node from the /brown/node subpath", () => {
    expectTypeOf(loadBrown).toEqualTypeOf<(options?: LoadBrownOptions) => BrownDocument[]>();
    expectTypeOf<LoadBrownOptions>().toEqualTypeOf<{
      genres?: readonly BrownGenreLetter[];
      directory?: string;
    }>();
  });
});
