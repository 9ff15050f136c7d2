/**
 * What the browser-safety tests of the packages check: that the sources of a package's core
 * (everything but the folders of Node-only code) use no Node-only API. Type-checking the core
 * without Node's types catches most mistakes; this catches the rest, such as a
 * `globalThis.process` that type-checks as `any`.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** The `.ts` files below `dir`, leaving out the folders named in `skip` (default `node`). */
export function coreSources(dir, skip = ["node"]) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return skip.includes(e.name) ? [] : coreSources(p, skip);
    return p.endsWith(".ts") ? [p] : [];
  });
}

const NODE_ONLY = [
  // `from "node:…"`, a bare `import "node:…"` and a dynamic `import("node:…")`.
  [/(from|import)\s*\(?\s*["']node:/, "imports a node: module"],
  [
    /(from|import)\s*\(?\s*["'](fs|path|os|module|url|crypto|worker_threads)["']/,
    "imports a Node built-in",
  ],
  [/\b(process|Buffer|require|__dirname|__filename)\b/, "uses a Node global"],
  [/\/node\//, "refers to Node-only code"],
];

/** The Node-only uses in a source file (its comments left out): one line of text per kind. */
export function nodeOnlyUses(file) {
  const code = readFileSync(file, "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/\/\/.*$/gm, "");
  return NODE_ONLY.filter(([pattern]) => pattern.test(code)).map(
    ([pattern, what]) => `${what}: ${code.match(pattern)?.[0]}`,
  );
}
