import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// The core build also compiles without Node's types (tsconfig.build.json has `types: []` and
// excludes src/node, where the Node-only Brown corpus loader lives), which catches most mistakes;
// this test catches the rest, such as a `globalThis.process` that type-checks as `any`.
const SRC = join(dirname(fileURLToPath(import.meta.url)), "../src");

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === "node" ? [] : sources(p);
    return p.endsWith(".ts") ? [p] : [];
  });
}

describe("browser safety", () => {
  const files = sources(SRC);

  it("finds the core sources", () => {
    expect(files.length).toBeGreaterThan(4);
  });

  for (const file of files) {
    it(`${relative(SRC, file)} uses no Node-only API`, () => {
      const code = readFileSync(file, "utf8")
        .replace(/\/\*[\s\S]*?\*\//g, "")
        .replace(/\/\/.*$/gm, "");
      expect(code).not.toMatch(/from\s+["']node:/);
      expect(code).not.toMatch(/from\s+["'](fs|path|os|module|url|crypto)["']/);
      expect(code).not.toMatch(/\b(process|Buffer|require|__dirname|__filename)\b/);
      expect(code).not.toMatch(/\/node\//);
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
