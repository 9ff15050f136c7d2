// Extracts the ```ts code blocks of a package README so a test can run them: the imports of the
// package's own name are pointed at its sources, and each block is written to a temporary module
// under the package's test folder (vitest transpiles it on import).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * @param {string} packageDir absolute folder of the package
 * @param {Record<string, string>} rewrites import specifier → path relative to the test folder
 * @returns {string[]} absolute paths of the generated modules, one per ts block
 */
export function writeReadmeExamples(packageDir, rewrites) {
  const readme = readFileSync(join(packageDir, "README.md"), "utf8");
  const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] ?? "");
  const outDir = join(packageDir, "test", ".readme");
  mkdirSync(outDir, { recursive: true });
  return blocks.map((code, i) => {
    let src = code;
    for (const [from, to] of Object.entries(rewrites)) src = src.replaceAll(`"${from}"`, `"${to}"`);
    const file = join(outDir, `example-${i}.ts`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(
      file,
      `// Generated from README.md by a test; do not edit.\n${src}\nexport {};\n`,
    );
    return file;
  });
}
