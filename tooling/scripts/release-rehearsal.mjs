#!/usr/bin/env node
// Release rehearsal: does what a release would do, away from the repository, and checks the result
// the way a user meets it. Nothing in the repository is modified.
//
//  1. Versioning. The working tree (git's tracked and untracked-but-not-ignored files) is copied to
//     a scratch folder in os.tmpdir() and `pnpm changeset version` runs there. Every public package
//     must get the version its pending changesets ask for, a CHANGELOG.md whose entries are those
//     changesets, and internal dependency ranges that are consistent; private packages stay as
//     they are, and every changeset is consumed.
//  2. Packing. The built `dist/` folders are copied into the versioned scratch copy and every public
//     package is packed with `pnpm pack` (which turns `workspace:` ranges into real ones, as
//     `pnpm publish` does). Each tarball's manifest and file list are checked.
//  3. Installing. A temporary project outside the repository installs all the tarballs with
//     `npm install --prefer-offline` (third-party dependencies come from the registry or npm's
//     cache), then every export of every package is imported (ESM) and `require()`d, every README's
//     ```ts blocks (and ```js blocks that import a package) are type-checked with strict tsc
//     (noUncheckedIndexedAccess, module nodenext) against the installed packages and run, and the
//     `neural-nmf` command runs through `npx`.
//
// Every check prints PASS, FAIL (with the reason), SKIP or KNOWN (an acknowledged problem) and the
// script ends with `release rehearsal: N passed, N failed, N skipped`. With `--report FILE` it also
// writes those counts and every check as JSON (tooling/scripts/test-all.mjs adds them to its
// summary). Exit code 1 when any check failed.
//
// Usage: node tooling/scripts/release-rehearsal.mjs [--no-build] [--keep] [--report FILE]
//   --no-build  do not build first (test-all has just built everything)
//   --keep      keep the scratch copy and the temporary project (their paths are printed)
import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const { values: cli } = parseArgs({
  options: {
    "no-build": { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
    report: { type: "string" },
  },
});

const root = fileURLToPath(new URL("../..", import.meta.url)).replace(/\/$/, "");
const env = {
  ...process.env,
  TURBO_TELEMETRY_DISABLED: "1",
  COREPACK_ENABLE_DOWNLOAD_PROMPT: "0",
  FORCE_COLOR: "0",
  NO_COLOR: "1",
  npm_config_update_notifier: "false",
  npm_config_fund: "false",
  npm_config_audit: "false",
};
const started = Date.now();

// ---------------------------------------------------------------------------------------------
// Checks and processes
// ---------------------------------------------------------------------------------------------

/** @type {{ name: string, status: "pass" | "fail" | "skip" | "known", detail?: string }[]} */
const checks = [];
const TAGS = { pass: "PASS", fail: "FAIL", skip: "SKIP", known: "KNOWN" };
function record(name, status, detail) {
  checks.push({ name, status, ...(detail ? { detail } : {}) });
  const text = detail ? ` — ${detail.replace(/\n/g, "\n        ")}` : "";
  console.log(`${TAGS[status].padEnd(6)}  ${name}${text}`);
}
const pass = (name, detail) => record(name, "pass", detail);
const fail = (name, detail) => record(name, "fail", detail);
const skip = (name, detail) => record(name, "skip", detail);
/** Passes when `problems` is empty, else fails listing them. */
const expectNone = (name, problems, okDetail) =>
  problems.length === 0 ? pass(name, okDetail) : fail(name, problems.join("\n"));

function section(title) {
  console.log(`\n--- ${title} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
}

function sh(cmd, args, { cwd = root, timeout = 300_000, input } = {}) {
  const r = spawnSync(cmd, args, {
    cwd,
    env,
    input,
    encoding: "utf8",
    timeout,
    maxBuffer: 256 * 1024 * 1024,
  });
  return {
    ok: r.status === 0,
    status: r.status,
    signal: r.signal,
    stdout: r.stdout ?? "",
    stderr: r.stderr ?? "",
    error: r.error,
    command: `${cmd} ${args.join(" ")}`,
  };
}

/** Why a process failed: its exit status and the end of its output. */
function why(r, lines = 12) {
  const head = r.error
    ? `\`${r.command}\` could not run: ${r.error.message}`
    : r.signal
      ? `\`${r.command}\` was killed (${r.signal}${r.signal === "SIGTERM" ? ", timeout" : ""})`
      : `\`${r.command}\` exited with ${r.status}`;
  const out = `${r.stderr}\n${r.stdout}`
    .split("\n")
    .map((l) => l.trimEnd())
    .filter(Boolean);
  return [head, ...out.slice(-lines)].join("\n");
}

const readJson = (file) => JSON.parse(readFileSync(file, "utf8"));
const writeJson = (file, value) => writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);

// ---------------------------------------------------------------------------------------------
// Versions: just what pnpm and changesets produce from x.y.z versions and workspace: ranges
// ---------------------------------------------------------------------------------------------

function parseVersion(v) {
  const m = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?$/.exec(String(v));
  return m ? { major: +m[1], minor: +m[2], patch: +m[3], pre: m[4] ?? null } : null;
}
function compareVersions(a, b) {
  const x = parseVersion(a);
  const y = parseVersion(b);
  for (const k of ["major", "minor", "patch"]) if (x[k] !== y[k]) return x[k] - y[k];
  if (x.pre === y.pre) return 0;
  if (x.pre === null) return 1;
  if (y.pre === null) return -1;
  return x.pre < y.pre ? -1 : 1;
}
function increment(version, bump) {
  const v = parseVersion(version);
  if (bump === "major") return `${v.major + 1}.0.0`;
  if (bump === "minor") return `${v.major}.${v.minor + 1}.0`;
  return `${v.major}.${v.minor}.${v.patch + 1}`;
}
/** Whether `version` satisfies `range` (`^x.y.z`, `~x.y.z`, `x.y.z`, `>=x.y.z`, `*`). */
function satisfies(version, range) {
  const r = String(range).trim();
  if (r === "*" || r === "") return true;
  const m = /^(\^|~|>=)?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)$/.exec(r);
  if (!m || !parseVersion(version)) return false;
  const [, op, base] = m;
  const b = parseVersion(base);
  if (compareVersions(version, base) < 0) return false;
  if (op === ">=") return true;
  if (op === undefined) return compareVersions(version, base) === 0;
  const upper =
    op === "~"
      ? `${b.major}.${b.minor + 1}.0`
      : b.major > 0
        ? `${b.major + 1}.0.0`
        : b.minor > 0
          ? `0.${b.minor + 1}.0`
          : `0.0.${b.patch + 1}`;
  return compareVersions(version, upper) < 0;
}
const BUMPS = ["patch", "minor", "major"];
const maxBump = (bumps) => bumps.reduce((a, b) => (BUMPS.indexOf(b) > BUMPS.indexOf(a) ? b : a));
const DEP_FIELDS = ["dependencies", "peerDependencies", "optionalDependencies"];

// ---------------------------------------------------------------------------------------------
// The workspace
// ---------------------------------------------------------------------------------------------

/** Workspace packages of a repository copy: name → { dir (relative), manifest }. */
function workspacePackages(base) {
  const dirs = ["tooling", "tooling/scripts", "docs"];
  for (const d of readdirSync(join(base, "packages"))) dirs.push(`packages/${d}`);
  const out = new Map();
  for (const dir of dirs) {
    const file = join(base, dir, "package.json");
    if (!existsSync(file)) continue;
    const manifest = readJson(file);
    out.set(manifest.name, { dir, manifest });
  }
  return out;
}

/** Pending changesets: { file, releases: [{ name, bump }], summary }. */
function readChangesets(base) {
  const dir = join(base, ".changeset");
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".md") && f !== "README.md")
    .sort()
    .map((file) => {
      const text = readFileSync(join(dir, file), "utf8").replace(/\r\n/g, "\n");
      const m = /^---\n([\s\S]*?)\n?---\n?([\s\S]*)$/.exec(text);
      const releases = [];
      for (const line of (m?.[1] ?? "").split("\n")) {
        const r = /^\s*["']?([^"':]+?)["']?\s*:\s*(major|minor|patch)\s*$/.exec(line);
        if (r) releases.push({ name: r[1], bump: r[2] });
      }
      return { file, releases, summary: (m?.[2] ?? "").trim(), parsed: m !== null };
    });
}

const originals = workspacePackages(root);
const publicNames = [...originals]
  .filter(([, p]) => p.dir.startsWith("packages/") && p.manifest.private !== true)
  .map(([name]) => name)
  .sort();
const privateNames = [...originals].filter(([, p]) => p.manifest.private === true).map(([n]) => n);

let scratch = null;
let project = null;
function cleanUp() {
  for (const dir of [scratch, project]) {
    if (dir && !cli.keep) rmSync(dir, { recursive: true, force: true });
  }
  if (cli.keep) console.log(`\nkept: scratch copy ${scratch}, project ${project}`);
}

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    cleanUp();
    process.exit(130);
  });
}

function finish() {
  cleanUp();
  const count = (s) => checks.filter((c) => c.status === s).length;
  const passed = count("pass");
  const failed = count("fail");
  const skipped = count("skip") + count("known");
  const seconds = (Date.now() - started) / 1000;
  if (failed > 0) {
    console.log("\nfailed checks:");
    for (const c of checks.filter((c) => c.status === "fail")) console.log(`  ${c.name}`);
  }
  const known = checks.filter((c) => c.status === "known");
  if (known.length > 0) {
    console.log("\nknown problems (not counted as failures):");
    for (const c of known) console.log(`  ${c.name}`);
  }
  console.log(
    `\nrelease rehearsal: ${passed} passed, ${failed} failed, ${skipped} skipped (${seconds.toFixed(1)}s)`,
  );
  if (cli.report) writeJson(cli.report, { passed, failed, skipped, seconds, checks });
  process.exit(failed > 0 ? 1 : 0);
}

// ---------------------------------------------------------------------------------------------
// 0. Build
// ---------------------------------------------------------------------------------------------

if (!cli["no-build"]) {
  section("build");
  const r = sh("pnpm", [
    "exec",
    "turbo",
    "run",
    "build",
    "--output-logs=errors-only",
    "--filter=./packages/*",
  ]);
  if (r.ok) pass("build the public packages");
  else fail("build the public packages", why(r));
}

// ---------------------------------------------------------------------------------------------
// 1. Versioning in a scratch copy
// ---------------------------------------------------------------------------------------------

section("versioning (scratch copy, pnpm changeset version)");
scratch = mkdtempSync(join(tmpdir(), "neural-nmf-release-"));
{
  const git = sh("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"]);
  let files;
  if (git.ok) {
    files = git.stdout.split("\0").filter(Boolean);
  } else {
    // No git (an exported tree): everything but what .gitignore would leave out anyway.
    const ignored = new Set(["node_modules", ".git", "dist", ".turbo", "coverage"]);
    files = [];
    const walk = (dir) => {
      for (const e of readdirSync(join(root, dir), { withFileTypes: true })) {
        if (ignored.has(e.name)) continue;
        const rel = dir ? `${dir}/${e.name}` : e.name;
        if (e.isDirectory()) walk(rel);
        else if (e.isFile()) files.push(rel);
      }
    };
    walk("");
  }
  let copied = 0;
  for (const rel of files) {
    const from = join(root, rel);
    // Tracked files deleted in the working tree are not part of it.
    let stat;
    try {
      stat = lstatSync(from);
    } catch {
      continue;
    }
    if (!stat.isFile()) continue;
    mkdirSync(dirname(join(scratch, rel)), { recursive: true });
    copyFileSync(from, join(scratch, rel));
    copied++;
  }
  // Tools (changesets, its changelog generator, prettier) resolve from the copy's node_modules.
  // Nothing below writes into node_modules, so the repository's can be shared.
  symlinkSync(join(root, "node_modules"), join(scratch, "node_modules"), "dir");
  pass("copy the working tree", `${copied} files (${git.ok ? "git ls-files" : "no git: walked"})`);
}

const changesets = readChangesets(scratch);
const before = workspacePackages(scratch);
const changelogBefore = new Map(
  [...before].map(([n, p]) => [n, existsSync(join(scratch, p.dir, "CHANGELOG.md"))]),
);
{
  const problems = [];
  for (const c of changesets) {
    if (!c.parsed) problems.push(`.changeset/${c.file}: no front matter`);
    if (c.summary.length === 0) problems.push(`.changeset/${c.file}: empty summary`);
    for (const r of c.releases) {
      if (!before.has(r.name)) problems.push(`.changeset/${c.file}: unknown package ${r.name}`);
      else if (before.get(r.name).manifest.private === true)
        problems.push(`.changeset/${c.file}: ${r.name} is private (never released)`);
    }
  }
  expectNone(
    "changesets name public packages and have summaries",
    problems,
    `${changesets.length} pending changesets, ${changesets.filter((c) => c.releases.length === 0).length} without releases`,
  );
}

const version = sh("pnpm", ["changeset", "version"], { cwd: scratch, timeout: 120_000 });
const after = workspacePackages(scratch);
if (!version.ok) {
  fail("pnpm changeset version", why(version));
  finish();
}
pass("pnpm changeset version");

/** name → new version of every public package after versioning. */
const newVersions = new Map(publicNames.map((n) => [n, after.get(n)?.manifest.version]));
/** name → the bumps its changesets ask for. */
const asked = new Map();
for (const c of changesets)
  for (const r of c.releases) asked.set(r.name, [...(asked.get(r.name) ?? []), r]);

/** Sections of a changelog's newest release: heading → bullet lines. */
function newestRelease(text) {
  const lines = text.replace(/\r\n/g, "\n").split("\n");
  const start = lines.findIndex((l) => l.startsWith("## "));
  if (start < 0) return null;
  const end = lines.findIndex((l, i) => i > start && l.startsWith("## "));
  const body = lines.slice(start + 1, end < 0 ? undefined : end);
  const sections = new Map();
  let current = "";
  for (const l of body) {
    if (l.startsWith("### ")) sections.set((current = l.slice(4).trim()), []);
    else if (current) sections.get(current).push(l);
  }
  return { heading: lines[start].slice(3).trim(), sections };
}
const SECTION_OF = { major: "Major Changes", minor: "Minor Changes", patch: "Patch Changes" };
/** Text for comparing a changeset with its changelog entry (prettier may restyle emphasis). */
const collapse = (s) =>
  s
    .replace(/[*_\\]/g, "")
    .replace(/\s+/g, " ")
    .trim();

for (const name of publicNames) {
  const old = before.get(name).manifest.version;
  const now = newVersions.get(name);
  const wanted = asked.get(name) ?? [];
  const dir = after.get(name).dir;
  const internalDeps = DEP_FIELDS.flatMap((f) =>
    Object.keys(after.get(name).manifest[f] ?? {}).filter((d) => after.has(d)),
  );
  const bumpedDeps = internalDeps.filter(
    (d) => before.get(d).manifest.version !== after.get(d).manifest.version,
  );
  // The version
  let expected;
  if (wanted.length > 0) expected = increment(old, maxBump(wanted.map((r) => r.bump)));
  else if (now !== old && bumpedDeps.length > 0) expected = increment(old, "patch");
  else expected = old;
  const label = `version ${name}`;
  if (!parseVersion(now)) fail(label, `not a version: ${JSON.stringify(now)}`);
  else if (now !== expected)
    fail(
      label,
      `${old} → ${now}, expected ${expected} (changesets ask for ${wanted.map((r) => r.bump).join(", ") || "nothing"})`,
    );
  else if (now === "0.0.0")
    fail(label, "no changeset names it: it would be published as 0.0.0 (add a changeset)");
  else if (old === "0.0.0" && wanted.length === 0)
    fail(
      label,
      `first release ${now} only because its dependencies changed: no changeset of its own describes it`,
    );
  else if (now === old) pass(label, `${now}, nothing to release`);
  else
    pass(
      label,
      `${old} → ${now} (${wanted.length ? `${wanted.length} changesets: ${[...new Set(wanted.map((r) => r.bump))].join(", ")}` : "dependencies"})`,
    );

  // The changelog
  const clabel = `changelog ${name}`;
  if (now === old) {
    skip(clabel, "not released");
    continue;
  }
  const file = join(scratch, dir, "CHANGELOG.md");
  if (!existsSync(file)) {
    fail(clabel, `${dir}/CHANGELOG.md was not written`);
    continue;
  }
  const release = newestRelease(readFileSync(file, "utf8"));
  const problems = [];
  if (!release) problems.push("no `## <version>` heading");
  else {
    if (release.heading !== now) problems.push(`newest heading is ${release.heading}, not ${now}`);
    for (const c of changesets) {
      const r = c.releases.find((x) => x.name === name);
      if (!r) continue;
      const bullets = collapse((release.sections.get(SECTION_OF[r.bump]) ?? []).join(" "));
      const firstLine = collapse(c.summary.split("\n")[0] ?? "");
      if (!bullets.includes(firstLine))
        problems.push(`.changeset/${c.file} (${r.bump}) is not under "### ${SECTION_OF[r.bump]}"`);
    }
    const entries = [...release.sections.values()].flat().filter((l) => /^- /.test(l));
    const fromChangesets = changesets.filter((c) => c.releases.some((r) => r.name === name));
    const summaries = fromChangesets.map((c) => collapse(c.summary.split("\n")[0] ?? ""));
    for (const e of entries) {
      const text = collapse(e.slice(2).replace(/^[0-9a-f]{7}: /, ""));
      if (/^Updated dependencies( \[[0-9a-f]+\])?$/.test(text)) continue;
      if (!summaries.some((s) => s.startsWith(text) || text.startsWith(s)))
        problems.push(`entry not from a changeset: ${e.slice(0, 80)}`);
    }
    // Dependency updates: every bumped internal dependency listed with its new version.
    const listed = [...release.sections.values()]
      .flat()
      .map((l) => /^\s+- (.+)@(\d[^\s]*)$/.exec(l))
      .filter(Boolean);
    for (const d of bumpedDeps) {
      const hit = listed.find((m) => m[1] === d);
      if (!hit) problems.push(`updated dependency ${d} not listed`);
      else if (hit[2] !== after.get(d).manifest.version)
        problems.push(`lists ${d}@${hit[2]}, but ${d} is ${after.get(d).manifest.version}`);
    }
  }
  expectNone(
    clabel,
    problems,
    `${dir}/CHANGELOG.md: ## ${now}, ${[...(release?.sections.keys() ?? [])].join(", ")}`,
  );
}

{
  const problems = [];
  for (const name of privateNames) {
    const b = before.get(name).manifest.version;
    const a = after.get(name)?.manifest.version;
    if (a !== b) problems.push(`${name}: ${b} → ${a}`);
    const dir = after.get(name)?.dir;
    if (dir && !changelogBefore.get(name) && existsSync(join(scratch, dir, "CHANGELOG.md")))
      problems.push(`${name}: a CHANGELOG.md was written`);
  }
  expectNone("private packages are not versioned", problems, privateNames.join(", "));
}
{
  const left = readChangesets(scratch).map((c) => `.changeset/${c.file} is still there`);
  expectNone("every changeset is consumed", left);
}

// Internal dependency ranges, as written in the versioned manifests.
const protocols = new Map(); // protocol → ["pkg → dep"]
for (const name of publicNames) {
  const m = after.get(name).manifest;
  const problems = [];
  for (const field of [...DEP_FIELDS, "devDependencies"]) {
    for (const [dep, range] of Object.entries(m[field] ?? {})) {
      if (!after.has(dep)) continue;
      if (!String(range).startsWith("workspace:")) {
        problems.push(
          `${field}.${dep} is ${JSON.stringify(range)}: internal packages are linked with workspace: ranges`,
        );
        continue;
      }
      if (field === "devDependencies") continue;
      if (after.get(dep).manifest.private === true)
        problems.push(`${field}.${dep}: a private package can never be installed by users`);
      protocols.set(range, [...(protocols.get(range) ?? []), `${name} → ${dep}`]);
    }
  }
  expectNone(`internal ranges ${name}`, problems);
}
if (protocols.size > 1)
  fail(
    "internal ranges use one protocol",
    [...protocols].map(([p, uses]) => `${p}: ${uses.join(", ")}`).join("\n"),
  );
else pass("internal ranges use one protocol", [...protocols.keys()].join(", ") || "none");

// ---------------------------------------------------------------------------------------------
// 2. Packing
// ---------------------------------------------------------------------------------------------

section("packing (pnpm pack of the versioned copy)");
const tarballDir = join(scratch, ".tarballs");
mkdirSync(tarballDir);
/** name → { tarball, manifest, files } */
const packed = new Map();

function tarFiles(tarball) {
  const r = sh("tar", ["-tzf", tarball]);
  return r.ok ? r.stdout.split("\n").filter(Boolean) : null;
}
function exportTargets(exportsField, out = []) {
  if (typeof exportsField === "string") out.push(exportsField);
  else if (exportsField && typeof exportsField === "object")
    for (const v of Object.values(exportsField)) exportTargets(v, out);
  return out;
}
/** The subpaths a user imports: "@scope/pkg", "@scope/pkg/testing"… (not ./package.json). */
function specifiers(manifest) {
  const exp = manifest.exports;
  if (exp === undefined) return [manifest.name];
  if (typeof exp === "string" || !Object.keys(exp).some((k) => k.startsWith(".")))
    return [manifest.name];
  return Object.keys(exp)
    .filter((k) => k !== "./package.json" && !k.includes("*"))
    .map((k) => (k === "." ? manifest.name : `${manifest.name}/${k.slice(2)}`));
}

for (const name of publicNames) {
  const { dir, manifest } = after.get(name);
  const label = `pack ${name}`;
  const dist = join(root, dir, "dist");
  if (!existsSync(dist)) {
    fail(label, `${dir}/dist does not exist: build first`);
    continue;
  }
  cpSync(dist, join(scratch, dir, "dist"), { recursive: true });
  // pnpm resolves `workspace:` ranges through the package's node_modules links.
  for (const field of [...DEP_FIELDS, "devDependencies"]) {
    for (const [dep, range] of Object.entries(manifest[field] ?? {})) {
      if (!after.has(dep) || !String(range).startsWith("workspace:")) continue;
      const link = join(scratch, dir, "node_modules", dep);
      if (existsSync(link)) continue;
      mkdirSync(dirname(link), { recursive: true });
      symlinkSync(relative(dirname(link), join(scratch, after.get(dep).dir)), link, "dir");
    }
  }
  const r = sh("pnpm", ["pack", "--pack-destination", tarballDir], {
    cwd: join(scratch, dir),
    timeout: 120_000,
  });
  const tarball = r.stdout
    .split("\n")
    .map((l) => l.trim())
    .reverse()
    .find((l) => l.endsWith(".tgz"));
  if (!r.ok || !tarball || !existsSync(tarball)) {
    fail(label, why(r));
    continue;
  }
  const files = tarFiles(tarball);
  const extracted = sh("tar", ["-xzf", tarball, "-O", "package/package.json"]);
  if (!files || !extracted.ok) {
    fail(label, `cannot read ${tarball}`);
    continue;
  }
  const m = JSON.parse(extracted.stdout);
  const problems = [];
  if (m.version !== newVersions.get(name))
    problems.push(`version ${m.version}, expected ${newVersions.get(name)}`);
  for (const field of [...DEP_FIELDS, "devDependencies"]) {
    for (const [dep, range] of Object.entries(m[field] ?? {})) {
      if (/^(workspace|link|file|catalog|portal):/.test(String(range)))
        problems.push(`${field}.${dep} is ${range} (not resolvable from a registry)`);
      else if (field !== "devDependencies" && newVersions.has(dep)) {
        if (!satisfies(newVersions.get(dep), range))
          problems.push(
            `${field}.${dep} is ${range}, which ${dep}@${newVersions.get(dep)} does not satisfy`,
          );
      } else if (field !== "devDependencies" && after.has(dep))
        problems.push(`${field}.${dep}: private package ${dep} is never published`);
    }
  }
  const present = new Set(files.map((f) => f.replace(/^package\//, "")));
  const targets = [
    ...exportTargets(m.exports),
    ...(typeof m.bin === "string" ? [m.bin] : Object.values(m.bin ?? {})),
    ...[m.main, m.module, m.types, m.typings].filter(Boolean),
  ];
  for (const t of new Set(targets)) {
    if (t.includes("*")) continue;
    if (!present.has(t.replace(/^\.\//, ""))) problems.push(`${t} is not in the tarball`);
  }
  for (const f of ["package.json", "README.md", "LICENSE"])
    if (!present.has(f)) problems.push(`${f} is not in the tarball`);
  const devInternal = Object.keys(m.devDependencies ?? {}).filter((d) => after.has(d));
  packed.set(name, { tarball, manifest: m, files: present });
  expectNone(
    label,
    problems,
    `${tarball.split("/").pop()}, ${files.length} files${devInternal.length ? `; note: devDependencies keep ${devInternal.join(", ")} (harmless: not installed by users)` : ""}`,
  );
}

// ---------------------------------------------------------------------------------------------
// 3. A user's project: install, import, require, READMEs, the command
// ---------------------------------------------------------------------------------------------

section("installing the tarballs in a project outside the repository");
project = mkdtempSync(join(tmpdir(), "neural-nmf-user-"));
writeJson(join(project, "package.json"), {
  name: "neural-nmf-release-rehearsal",
  version: "0.0.0",
  private: true,
  type: "module",
});
if (packed.size === 0) {
  fail("npm install of the tarballs", "nothing was packed");
  finish();
}
{
  const r = sh(
    "npm",
    [
      "install",
      "--prefer-offline",
      "--no-audit",
      "--no-fund",
      "--loglevel=error",
      ...[...packed.values()].map((p) => p.tarball),
    ],
    { cwd: project, timeout: 300_000 },
  );
  if (!r.ok) {
    fail("npm install of the tarballs", why(r));
    finish();
  }
  pass("npm install of the tarballs", `${packed.size} tarballs`);
}
{
  // Each internal dependency must resolve to the tarball installed at the top, not to a second
  // copy (from the registry, when a range does not admit the packed version).
  const problems = [];
  for (const name of packed.keys()) {
    const nested = join(project, "node_modules", name, "node_modules");
    if (!existsSync(nested)) continue;
    for (const dep of publicNames) {
      if (existsSync(join(nested, dep, "package.json"))) {
        const v = readJson(join(nested, dep, "package.json")).version;
        problems.push(`${name} got its own ${dep}@${v} instead of the packed one`);
      }
    }
  }
  expectNone("internal dependencies resolve to the packed packages", problems);
}

section("importing (ESM) and require() of every export");
const allSpecifiers = [...packed.values()].flatMap((p) => specifiers(p.manifest));
{
  // One process per export, so that one broken module cannot make the next ones fail too.
  const probe = join(project, "probe-import.mjs");
  writeFileSync(
    probe,
    `import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
const specifier = process.argv[2];
const describe = (e) => \`\${e?.code ?? e?.name ?? "Error"}: \${String(e?.message ?? e).split("\\n")[0]}\`;
const names = (m) => Object.keys(m).filter((k) => k !== "__esModule" && k !== "module.exports").sort();
const r = { node: process.version, requireModule: process.features.require_module === true };
try { r.import = names(await import(specifier)); } catch (e) { r.importError = describe(e); }
try { r.require = names(require(specifier)); } catch (e) { r.requireError = describe(e); }
console.log(JSON.stringify(r));
process.exit(0);
`,
  );
  let announced = false;
  for (const s of allSpecifiers) {
    const r = sh("node", [probe, s], { cwd: project, timeout: 120_000 });
    let res = null;
    try {
      res = JSON.parse(r.stdout.trim().split("\n").pop() ?? "");
    } catch {}
    if (!res) {
      fail(`import ${s}`, why(r));
      continue;
    }
    if (!announced) {
      announced = true;
      console.log(
        `node ${res.node}: require(esm) ${res.requireModule ? "available" : "not available"}`,
      );
    }
    const warnings = r.stderr.split("\n").filter((l) => /Warning/.test(l));
    const warned = warnings.length ? `; stderr: ${warnings[0]}` : "";
    if (res.importError) fail(`import ${s}`, res.importError);
    else if (res.import.length === 0) fail(`import ${s}`, "the module exports nothing");
    else pass(`import ${s}`, `${res.import.length} exports${warned}`);
    // ESM only: require() works exactly where Node can require ES modules (20.19+, 22.12+) and
    // gives the same module; elsewhere it must fail with ERR_REQUIRE_ESM.
    if (res.requireModule) {
      if (res.requireError) fail(`require ${s}`, res.requireError);
      else if (res.importError) skip(`require ${s}`, "import failed");
      else if (res.require.join() !== res.import.join())
        fail(`require ${s}`, "require() and import give different exports");
      else pass(`require ${s}`, `require(esm): same exports as import${warned}`);
    } else if (res.requireError?.startsWith("ERR_REQUIRE_ESM"))
      pass(`require ${s}`, "ESM only: ERR_REQUIRE_ESM on this Node");
    else fail(`require ${s}`, res.requireError ?? "require() of an ESM-only package succeeded");
  }
}

section("types and README examples (strict tsc against the installed packages)");
const require = createRequire(join(root, "package.json"));
const tsc = join(dirname(require.resolve("typescript/package.json")), "bin", "tsc");
const typeRoots = join(root, "node_modules", "@types");

/**
 * README code that cannot stand alone as written, recognised by its content (so it follows a block
 * that moves to another README): `prelude` is put before it (what the surrounding prose supplies),
 * `run: false` type-checks without running, `skip` leaves it out with the reason, `apiSummary`
 * checks a declaration-only summary against the package's own types.
 */
const BLOCK_NOTES = [
  {
    match: /^\{\s*\n\s*format: "neural-nmf-cli"/,
    skip: "not TypeScript: a sketch of the model file's JSON layout (with `...` elisions)",
  },
  {
    match: /^function nnls\(A: Tensor/m,
    apiSummary: "@neural-nmf/nnls",
    prelude:
      'import type { CscMatrix, Tensor } from "@neural-nmf/tensor";\nimport type { NnlsResult } from "@neural-nmf/nnls";',
    run: false,
  },
  {
    match: /new TextVectorizer\(\{ stopWords: stop \}\)/,
    prelude: 'import { TextVectorizer } from "@neural-nmf/text"; // from the example above',
  },
  {
    match: /parseMatrixMarket\(text\)/,
    prelude:
      'import { readFileSync } from "node:fs";\nconst text = readFileSync("data.mtx", "utf8"); // the prose: a file\'s text',
  },
  { match: /await fetch\("data\.mtx"\)/, run: false, note: "browser code: type-checked only" },
];

/**
 * Acknowledged problems: a block whose every type error matches `diagnostic` is reported as KNOWN
 * (not a failure); once it type-checks the entry is reported as stale.
 */
const KNOWN_ISSUES = [
  // None at present. The last one: the neural-nmf README's logging `onEpoch` callback (console.log
  // returns void) was refused while onEpoch was typed `(info) => undefined | boolean`; an entry
  // looked like this until the type became `(info) => void | boolean`:
  // {
  //   match: /onEpoch: \(e\) =>/,
  //   diagnostic: (line) => /onEpoch/.test(line),
  //   note: "onEpoch is typed `(info) => undefined | boolean`; being changed to `void | boolean`",
  // },
];

const readmes = ["README.md", ...publicNames.map((n) => `${after.get(n).dir}/README.md`)].filter(
  (f) => existsSync(join(root, f)),
);
/** { id, readme, line, lang, file (relative to project), header (lines before the code), note } */
const blocks = [];
const packageNames = new RegExp(
  `from\\s+["'](${publicNames.map((n) => n.replace(/[/]/g, "\\/")).join("|")})(/[^"']*)?["']`,
);
for (const readme of readmes) {
  const text = readFileSync(join(root, readme), "utf8").replace(/\r\n/g, "\n");
  const slug = readme === "README.md" ? "root" : readme.split("/")[1];
  const index = { ts: 0, js: 0 };
  for (const m of text.matchAll(/^```(ts|typescript|js|javascript|mjs)\n([\s\S]*?)^```/gm)) {
    const lang = m[1].startsWith("t") ? "ts" : "js";
    const code = m[2];
    const line = text.slice(0, m.index).split("\n").length + 1; // first line of code
    const id = `${readme}:${line}`;
    const i = index[lang]++;
    if (lang === "js" && !packageNames.test(code)) continue; // shell-like snippets
    const note = BLOCK_NOTES.find((n) => n.match.test(code)) ?? {};
    const known = KNOWN_ISSUES.find((k) => k.match.test(code));
    if (note.skip) {
      skip(`README ${id} (${lang} block ${i})`, note.skip);
      continue;
    }
    let body = code;
    let tail = "";
    if (note.apiSummary) {
      // Declarations only: make them ambient, then require each to equal the package's own.
      body = code.replace(/^function /gm, "declare function ");
      const declared = [...code.matchAll(/^(?:declare\s+)?(function|interface|type)\s+(\w+)/gm)];
      tail = [
        `import type * as __api from "${note.apiSummary}";`,
        "type __Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;",
        ...[...new Map(declared.map((d) => [d[2], d[1]]))].map(([n, kind]) =>
          kind === "function"
            ? `export const __${n}: __Same<typeof ${n}, typeof __api.${n}> = true; // ${n}`
            : `export const __${n}: __Same<${n}, __api.${n}> = true; // ${n}`,
        ),
      ].join("\n");
    }
    const header = [
      `// ${id}: ${lang} block ${i} of ${readme} (generated by tooling/scripts/release-rehearsal.mjs)`,
      ...(note.prelude ? note.prelude.split("\n") : []),
    ];
    const file = `readme/${slug}/block-${i}.${lang === "ts" ? "ts" : "mjs"}`;
    mkdirSync(join(project, dirname(file)), { recursive: true });
    writeFileSync(join(project, file), `${header.join("\n")}\n${body}\n${tail}\nexport {};\n`);
    blocks.push({
      id,
      i,
      readme,
      line,
      lang,
      file,
      headerLines: header.length,
      bodyLines: body.split("\n").length,
      note,
      known,
    });
  }
}

// One file per export: it must resolve to typed declarations (no implicit any).
const typeFiles = allSpecifiers.map((s, i) => {
  const file = `types/export-${i}.ts`;
  mkdirSync(join(project, "types"), { recursive: true });
  writeFileSync(
    join(project, file),
    `import * as ns from "${s}";\nexport const names: string[] = Object.keys(ns);\n`,
  );
  return { specifier: s, file };
});

const compilerOptions = {
  target: "ES2022",
  lib: ["ES2022", "DOM", "DOM.Iterable"],
  module: "NodeNext",
  moduleResolution: "NodeNext",
  moduleDetection: "force",
  strict: true,
  noUncheckedIndexedAccess: true,
  skipLibCheck: true,
  types: ["node"],
  typeRoots: [typeRoots],
  rootDir: ".",
  outDir: "out",
  noEmitOnError: false,
  sourceMap: false,
};
writeJson(join(project, "tsconfig.json"), {
  compilerOptions,
  include: ["readme/**/*.ts", "types/**/*.ts"],
});

/** tsc diagnostics by file (relative to the project): [{ line, text }]. */
function diagnostics(output) {
  const byFile = new Map();
  let last = null;
  for (const l of output.split("\n")) {
    const m = /^(.+?)\((\d+),(\d+)\): (error|warning) (TS\d+: .*)$/.exec(l);
    if (m) {
      last = { line: +m[2], column: +m[3], text: m[5] };
      const f = relative(project, join(project, m[1]));
      byFile.set(f, [...(byFile.get(f) ?? []), last]);
    } else if (last && /^\s/.test(l) && l.trim()) last.text += `\n  ${l.trim()}`;
    else if (l.trim()) byFile.set("", [...(byFile.get("") ?? []), { line: 0, text: l }]);
  }
  return byFile;
}

const compile = sh("node", [tsc, "-p", join(project, "tsconfig.json"), "--pretty", "false"], {
  cwd: project,
  timeout: 300_000,
});
const diags = diagnostics(compile.stdout);
// tsc exits 0 (clean) or 1–2 (diagnostics); anything else, or a failure without a single
// diagnostic, means it did not check the files, and no check below may pass by default.
const tscRan = (r, d) => !r.error && !r.signal && (r.ok || d.size > 0);
if (!tscRan(compile, diags)) fail("tsc on the README examples", why(compile));
{
  const ours = new Set([...typeFiles.map((t) => t.file), ...blocks.map((b) => b.file)]);
  const stray = [...diags]
    .filter(([f]) => !ours.has(f))
    .flatMap(([f, list]) => list.map((d) => `${f || "tsc"}${f ? `(${d.line})` : ""}: ${d.text}`));
  if (stray.length > 0) fail("tsc: diagnostics outside the examples", stray.join("\n"));
}
const notChecked = tscRan(compile, diags) ? null : "tsc did not run (see above)";
for (const t of typeFiles) {
  const ds = diags.get(t.file) ?? [];
  if (notChecked) fail(`types ${t.specifier}`, notChecked);
  else
    expectNone(
      `types ${t.specifier}`,
      ds.map((d) => d.text),
      "typed declarations resolve (module nodenext)",
    );
}

// The same exports without skipLibCheck (TypeScript's default) and without the DOM library (a
// Node project's setting): the shipped .d.ts files must compile as they are.
{
  const tsconfig = join(project, "tsconfig.libcheck.json");
  writeJson(tsconfig, {
    compilerOptions: { ...compilerOptions, lib: ["ES2022"], skipLibCheck: false, noEmit: true },
    include: ["types/**/*.ts"],
  });
  const r = sh("node", [tsc, "-p", tsconfig, "--pretty", "false"], { cwd: project });
  const byFile = diagnostics(r.stdout);
  const ds = [...byFile].flatMap(([f, list]) => list.map((d) => `${f}(${d.line}): ${d.text}`));
  // Only the packages' own declarations are this check's business.
  const ours = ds.filter((d) => /node_modules\/(@neural-nmf\/|neural-nmf\/)/.test(d));
  if (!tscRan(r, byFile)) fail("shipped .d.ts files compile without skipLibCheck", why(r));
  else
    expectNone(
      "shipped .d.ts files compile without skipLibCheck",
      ours,
      ds.length > ours.length
        ? `${ds.length - ours.length} diagnostics outside the packages ignored`
        : undefined,
    );
}

const codeLines = (b) => readFileSync(join(project, b.file), "utf8").split("\n");
for (const b of blocks) {
  if (b.lang !== "ts") continue;
  const label = `README ${b.id} (ts block ${b.i}) type-checks`;
  const lines = codeLines(b);
  const ds = diags.get(b.file) ?? [];
  if (notChecked) {
    fail(label, notChecked);
    continue;
  }
  const shown = ds.map((d) => {
    const inBody = d.line > b.headerLines && d.line <= b.headerLines + b.bodyLines;
    const where = inBody
      ? `${b.readme}:${b.line + d.line - b.headerLines - 1}`
      : `${b.file}:${d.line}`;
    const source = lines[d.line - 1]?.trim() ?? "";
    const summary = /\/\/ (\w+)$/.exec(source);
    if (b.note.apiSummary && summary && !inBody)
      return `${b.readme}: the README's \`${summary[1]}\` differs from ${b.note.apiSummary}'s`;
    return `${where}: ${d.text}\n    ${source}`;
  });
  if (ds.length === 0) {
    pass(
      label,
      [
        b.note.prelude ? "with a prelude" : "",
        b.note.apiSummary ? "declarations equal the package's" : "",
        b.known
          ? `note: known issue no longer reproduces (${b.known.note.slice(0, 40)}…): remove it from KNOWN_ISSUES`
          : "",
      ]
        .filter(Boolean)
        .join("; ") || undefined,
    );
  } else if (b.known && ds.every((d) => b.known.diagnostic(lines[d.line - 1] ?? "", d.text))) {
    record(label, "known", `${b.known.note}\n${shown.join("\n")}`);
  } else fail(label, shown.join("\n"));
}

section("running the README examples against the installed packages");
{
  // Fixture for examples that read a file: a small Matrix Market matrix named in the READMEs.
  const work = join(project, "work");
  mkdirSync(work);
  const rows = 6;
  const cols = 5;
  const values = Array.from({ length: rows * cols }, (_, k) => ((k * 7) % 11) / 10 + 0.1);
  writeFileSync(
    join(work, "data.mtx"),
    `%%MatrixMarket matrix array real general\n${rows} ${cols}\n${values.join("\n")}\n`,
  );
  for (const b of blocks) {
    const label = `README ${b.id} (${b.lang} block ${b.i}) runs`;
    if (b.note.run === false) {
      skip(label, b.note.note ?? "declarations only: type-checked, not run");
      continue;
    }
    const js =
      b.lang === "ts"
        ? join(project, "out", b.file.replace(/\.ts$/, ".js"))
        : join(project, b.file);
    if (!existsSync(js)) {
      fail(label, `${relative(project, js)} was not emitted`);
      continue;
    }
    const t0 = Date.now();
    const r = sh("node", [js], { cwd: work, timeout: 180_000 });
    const ms = Date.now() - t0;
    if (r.ok) pass(label, `${(ms / 1000).toFixed(1)}s`);
    else fail(label, why(r));
  }
}

section("the command: npx neural-nmf");
{
  const cliName = publicNames.find((n) => packed.get(n)?.manifest.bin);
  if (!cliName) fail("npx neural-nmf --help", "no packed package has a bin");
  else {
    const bin = Object.keys(
      typeof packed.get(cliName).manifest.bin === "string"
        ? { [cliName.split("/").pop()]: 0 }
        : packed.get(cliName).manifest.bin,
    )[0];
    // --no: never fetch a package of that name from the registry when the local bin is missing.
    // `--`: npx would take --help and --version as its own options.
    const npx = (args, cwd = project) =>
      sh("npx", ["--no", "--", bin, ...args], { cwd, timeout: 120_000 });
    const help = npx(["--help"]);
    if (help.ok && /Usage: /.test(help.stdout))
      pass(`npx ${bin} --help`, help.stdout.split("\n")[0]);
    else fail(`npx ${bin} --help`, why(help));
    const ver = npx(["--version"]);
    const expected = newVersions.get(cliName);
    if (ver.ok && ver.stdout.trim() === expected) pass(`npx ${bin} --version`, expected);
    else
      fail(
        `npx ${bin} --version`,
        ver.ok ? `printed ${JSON.stringify(ver.stdout.trim())}, expected ${expected}` : why(ver),
      );
    // A small fit and its topic tree: the whole stack through the installed command.
    const dir = join(project, "cli-run");
    mkdirSync(dir);
    const m = 12;
    const n = 16;
    const x = Array.from({ length: m * n }, (_, k) => {
      const i = k % m;
      const j = Math.floor(k / m);
      return i < m / 2 === j < n / 2 ? 1 + ((i * 3 + j * 5) % 7) / 7 : 0.05;
    });
    writeFileSync(
      join(dir, "x.mtx"),
      `%%MatrixMarket matrix array real general\n${m} ${n}\n${x.join("\n")}\n`,
    );
    const fit = npx(
      [
        "fit",
        "x.mtx",
        "--ranks",
        "4,2",
        "--epochs",
        "50",
        "--quiet",
        "--json",
        "--out",
        "model.json",
      ],
      dir,
    );
    let summary = null;
    try {
      summary = JSON.parse(fit.stdout.trim().split("\n").pop() ?? "");
    } catch {}
    if (fit.ok && summary?.relativeError?.length === 2 && existsSync(join(dir, "model.json")))
      pass(
        `npx ${bin} fit`,
        `relative errors ${summary.relativeError.map((e) => e.toFixed(3)).join(", ")}`,
      );
    else fail(`npx ${bin} fit`, fit.ok ? `unexpected output: ${fit.stdout.slice(-300)}` : why(fit));
    const topics = npx(["topics", "model.json", "--top", "3"], dir);
    if (topics.ok && /L2#0/.test(topics.stdout)) pass(`npx ${bin} topics`);
    else
      fail(
        `npx ${bin} topics`,
        topics.ok ? `no topic tree in: ${topics.stdout.slice(0, 300)}` : why(topics),
      );
  }
}

finish();
