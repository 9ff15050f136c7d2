import { linkSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { formatMatrixMarket } from "@neural-nmf/text";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CliError, UsageError } from "../src/errors.js";
import { checkOutputFile, type OutputRules, writeTextFileAtomic } from "../src/io/files.js";
import { main } from "../src/main.js";
import { lowRankMatrix, recorder, tempDir } from "./helpers.js";

const tmp = tempDir();
let input = "";
let labels = "";
const at = (name: string) => join(tmp.dir, name);

beforeAll(() => {
  input = tmp.write("in.mtx", formatMatrixMarket(lowRankMatrix(8, 7, 2, 1)));
  labels = tmp.write("labels.txt", "0\n1\n0\n1\n0\n1\n0\n");
  symlinkSync(input, at("link.mtx"));
  linkSync(input, at("hard.mtx"));
  mkdirSync(at("sub"));
  mkdirSync(at("docs"));
  writeFileSync(at("docs/a.txt"), "cats and dogs");
  writeFileSync(at("existing.json"), "keep me");
  symlinkSync(at("nowhere.json"), at("dangling.json"));
});
afterAll(() => tmp.cleanup());

const rules = (force = false): OutputRules => ({
  command: "fit",
  option: "--out",
  reads: [
    { path: input, what: "input" },
    { path: labels, what: "labels file" },
  ],
  force,
});

function usage(f: () => void): string {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error("expected a UsageError");
}

describe("checkOutputFile", () => {
  it.each([
    ["the same path", () => input],
    ["another spelling (dir/../)", () => at("sub/../in.mtx")],
    ["a symbolic link to it", () => at("link.mtx")],
    ["a hard link to it", () => at("hard.mtx")],
  ])("refuses %s as the input, even with --force", (_, out) => {
    for (const force of [false, true]) {
      expect(usage(() => checkOutputFile(out(), "model file", rules(force)))).toMatch(
        /^fit: --out '.*' is the input '.*in\.mtx'; writing the model file there would destroy it/,
      );
    }
  });

  it("refuses a relative spelling of the input path (cwd-relative)", () => {
    const cwd = process.cwd();
    process.chdir(tmp.dir);
    try {
      const relative = { ...rules(true), reads: [{ path: "in.mtx", what: "input" }] };
      expect(usage(() => checkOutputFile("./in.mtx", "model file", relative))).toMatch(
        /is the input 'in\.mtx'/,
      );
    } finally {
      process.chdir(cwd);
    }
  });

  it("refuses every file the command reads, not only the input", () => {
    expect(usage(() => checkOutputFile(labels, "model file", rules(true)))).toMatch(
      /is the labels file/,
    );
  });

  it("refuses an existing file without --force, and replaces it with --force", () => {
    expect(usage(() => checkOutputFile(at("existing.json"), "model file", rules()))).toBe(
      `fit: --out '${at("existing.json")}' already exists; add --force to replace it, or choose another file`,
    );
    expect(() => checkOutputFile(at("existing.json"), "model file", rules(true))).not.toThrow();
    // A dangling symbolic link is something that exists, too.
    expect(usage(() => checkOutputFile(at("dangling.json"), "model file", rules()))).toMatch(
      /already exists/,
    );
    expect(() => checkOutputFile(at("new.json"), "model file", rules())).not.toThrow();
  });

  it("refuses a .txt file inside an input folder", () => {
    const folder = { ...rules(true), reads: [{ path: at("docs"), what: "input" }] };
    expect(usage(() => checkOutputFile(at("docs/model.txt"), "model file", folder))).toMatch(
      /is inside the input folder '.*docs', where it would be read as one more document/,
    );
    expect(() => checkOutputFile(at("docs/model.json"), "model file", folder)).not.toThrow();
  });

  it("still refuses folders and missing folders as CliErrors", () => {
    expect(() => checkOutputFile(at("sub"), "model file", rules(true))).toThrow(CliError);
    expect(() => checkOutputFile(at("missing/m.json"), "model file", rules())).toThrow(
      /no such file or directory/,
    );
  });
});

describe("writeTextFileAtomic", () => {
  it("does not replace a file that appeared after the checks unless told to", () => {
    const path = at("race.json");
    writeFileSync(path, "written by someone else");
    expect(() => writeTextFileAtomic(path, "model", "model file", { replace: false })).toThrow(
      /the file appeared while the command ran; nothing was replaced/,
    );
    expect(readFileSync(path, "utf8")).toBe("written by someone else");
    writeTextFileAtomic(path, "model", "model file");
    expect(readFileSync(path, "utf8")).toBe("model");
    writeTextFileAtomic(at("fresh.json"), "new", "model file", { replace: false });
    expect(readFileSync(at("fresh.json"), "utf8")).toBe("new");
  });
});

describe("neural-nmf fit --out", () => {
  function fit(...argv: string[]): { status: number; stdout: string; stderr: string } {
    const stdout = recorder();
    const stderr = recorder();
    const status = main(["fit", ...argv, "--epochs", "2", "--quiet"], { stdout, stderr });
    return { status, stdout: stdout.text(), stderr: stderr.text() };
  }

  it("refuses the input before reading or training, and leaves it intact", () => {
    const before = readFileSync(input);
    for (const out of [input, at("link.mtx"), at("sub/../in.mtx")]) {
      const r = fit(input, "--ranks", "2", "--out", out, "--force");
      expect(r.status).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(/^neural-nmf: error: fit: --out '.*' is the input/);
      expect(r.stderr).not.toMatch(/Fitting/);
    }
    expect(readFileSync(input)).toEqual(before);
  });

  it("refuses an existing model file without --force, replaces it with --force", () => {
    const out = at("model.json");
    expect(fit(input, "--ranks", "2", "--out", out).status).toBe(0);
    const first = readFileSync(out, "utf8");
    const again = fit(input, "--ranks", "2", "--out", out, "--seed", "2");
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/already exists; add --force to replace it/);
    expect(readFileSync(out, "utf8")).toBe(first);
    expect(fit(input, "--ranks", "2", "--out", out, "--seed", "2", "--force").status).toBe(0);
    expect(readFileSync(out, "utf8")).not.toBe(first);
  });

  it("--force needs --out", () => {
    expect(fit(input, "--ranks", "2", "--force").stderr).toMatch(/--force applies to --out only/);
  });
});
