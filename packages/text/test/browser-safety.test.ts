import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { coreSources, nodeOnlyUses } from "@neural-nmf/tooling/browser-safety";
import { describe, expect, it } from "vitest";

// The core build also compiles without Node's types (tsconfig.build.json has `types: []` and
// excludes src/node); this test catches what that cannot (see tooling/browser-safety.mjs).
const SRC = join(dirname(fileURLToPath(import.meta.url)), "../src");

describe("browser safety", () => {
  const files = coreSources(SRC);

  it("finds the core sources", () => {
    expect(files.length).toBeGreaterThan(10);
  });

  for (const file of files) {
    it(`${relative(SRC, file)} uses no Node-only API`, () => {
      expect(nodeOnlyUses(file)).toEqual([]);
    });
  }
});
