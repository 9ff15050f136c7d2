import { readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { coreSources, nodeOnlyUses } from "@neural-nmf/tooling/browser-safety";
import { describe, expect, it } from "vitest";

// The core build also compiles without Node's types (tsconfig.build.json has `types: []` and
// excludes src/node, where the Node-only Brown corpus loader lives); this test catches what that cannot (see tooling/browser-safety.mjs).
const SRC = join(dirname(fileURLToPath(import.meta.url)), "../src");

describe("browser safety", () => {
  const files = coreSources(SRC);

  it("finds the core sources", () => {
    expect(files.length).toBeGreaterThan(4);
  });

  for (const file of files) {
    it(`${relative(SRC, file)} uses no Node-only API`, () => {
      expect(nodeOnlyUses(file)).toEqual([]);
    });
  }
});

describe("package exports", () => {
  const pkg = JSON.parse(readFileSync(join(SRC, "../package.json"), "utf8")) as {
    exports: Record<string, unknown>;
  };

  it("export the Node-only loader under the `node` condition alone", () => {
    // A browser bundler then refuses the import up front instead of failing on node:fs.
    expect(pkg.exports["./brown/node"]).toEqual({
      types: "./dist/node/brown.d.ts",
      node: "./dist/node/brown.js",
    });
  });
});
