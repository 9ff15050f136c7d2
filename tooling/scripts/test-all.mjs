#!/usr/bin/env node
// Runs every check of the monorepo (build, typecheck, lint, publint/attw, package tests including
// their API type tests, the release rehearsal) and ends with the one summary line CI reads:
// `N passed, N failed`. Test counts come from each package's vitest JSON report and from the
// rehearsal's report (one per check); a failed build, typecheck or lint stage counts as one failed
// check so it cannot hide.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = new URL("../..", import.meta.url).pathname;
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: "1", FORCE_COLOR: "0" };

function run(label, cmd, args) {
  console.log(`\n=== ${label}: ${cmd} ${args.join(" ")}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env });
  const ok = r.status === 0;
  console.log(`=== ${label}: ${ok ? "ok" : `FAILED (exit ${r.status})`}`);
  return ok;
}

const workspaces = ["packages", "docs"].flatMap((dir) => {
  const p = join(root, dir);
  if (!existsSync(p)) return [];
  if (existsSync(join(p, "package.json"))) return [p];
  return readdirSync(p)
    .map((d) => join(p, d))
    .filter((d) => existsSync(join(d, "package.json")));
});
for (const w of workspaces) rmSync(join(w, ".vitest-result.json"), { force: true });

const failedStages = [];
const stage = (label, cmd, args) => {
  if (!run(label, cmd, args)) failedStages.push(label);
};
stage("build", "pnpm", ["exec", "turbo", "run", "build"]);
stage("typecheck", "pnpm", ["exec", "turbo", "run", "typecheck"]);
stage("lint", "pnpm", ["exec", "biome", "check", "."]);
// publint + arethetypeswrong on every published package: exports maps, types first, ESM only.
stage("package checks", "pnpm", ["exec", "turbo", "run", "publint", "--filter=./packages/*"]);
const testsOk = run("test", "pnpm", [
  "exec",
  "turbo",
  "run",
  "test",
  "--continue",
  "--concurrency=1",
]);

// Release rehearsal (tooling/scripts/release-rehearsal.mjs): versions a scratch copy with the
// pending changesets, packs every public package, installs the tarballs in a project outside the
// repository and imports, requires, type-checks and runs them (READMEs, the command). It needs the
// build, so it is left out when the build failed (which already counts as a failure).
const rehearsalReport = join(tmpdir(), `neural-nmf-release-rehearsal-${process.pid}.json`);
rmSync(rehearsalReport, { force: true });
if (failedStages.includes("build")) {
  console.log("\n=== release rehearsal: not run (the build failed)");
} else {
  run("release rehearsal", "node", [
    "tooling/scripts/release-rehearsal.mjs",
    "--no-build",
    "--report",
    rehearsalReport,
  ]);
}

let passed = 0;
let failed = 0;
let skipped = 0;
for (const w of workspaces) {
  const f = join(w, ".vitest-result.json");
  if (!existsSync(f)) continue;
  const r = JSON.parse(readFileSync(f, "utf8"));
  passed += r.numPassedTests ?? 0;
  failed += r.numFailedTests ?? 0;
  skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  console.log(`${w.slice(root.length)}: ${r.numPassedTests} passed, ${r.numFailedTests} failed`);
}
// A package whose test process died without a report still makes the run fail.
if (!testsOk && failed === 0) failedStages.push("test (no report)");
if (existsSync(rehearsalReport)) {
  const r = JSON.parse(readFileSync(rehearsalReport, "utf8"));
  passed += r.passed;
  failed += r.failed;
  skipped += r.skipped;
  console.log(`release rehearsal: ${r.passed} passed, ${r.failed} failed`);
  for (const c of r.checks) if (c.status === "fail") console.log(`  failed: ${c.name}`);
  rmSync(rehearsalReport, { force: true });
} else if (!failedStages.includes("build")) {
  failedStages.push("release rehearsal (no report)");
}
// Named again here because CI logs are often read from their tail only.
for (const label of failedStages) console.log(`stage failed: ${label}`);
failed += failedStages.length;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 ? 1 : 0);
