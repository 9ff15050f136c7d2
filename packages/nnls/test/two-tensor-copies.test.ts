import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import * as tensorLib from "@neural-nmf/tensor";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nnls } from "../src/index.js";

// A second, separately loaded copy of @neural-nmf/tensor, as a bundle or a package manager can
// produce when two versions are installed: the same built files under another path.
let other: typeof tensorLib;
let dir: string;

beforeAll(async () => {
  const entry = createRequire(import.meta.url).resolve("@neural-nmf/tensor");
  dir = mkdtempSync(join(tmpdir(), "tensor-copy-"));
  cpSync(dirname(entry), join(dir, "dist"), { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
  other = await import(pathToFileURL(join(dir, "dist", "index.js")).href);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("two installed copies of @neural-nmf/tensor", () => {
  it("are really two copies (the classes differ)", () => {
    expect(other.Tensor).not.toBe(tensorLib.Tensor);
    expect(other.ValueError).not.toBe(tensorLib.ValueError);
  });

  it("recognise each other's tensors and sparse matrices", () => {
    const t = other.tensor([[1, 2]]);
    expect(t instanceof tensorLib.Tensor).toBe(true);
    expect(tensorLib.tensor([[1]]) instanceof other.Tensor).toBe(true);
    const s = other.CscMatrix.fromDense(other.tensor([[1, 0]]));
    expect(s instanceof tensorLib.CscMatrix).toBe(true);
    expect(t instanceof tensorLib.CscMatrix).toBe(false);
  });

  it("let nnls solve with a Tensor from the other copy", () => {
    const A = other.tensor([
      [1, 0],
      [0, 2],
    ]);
    const X = other.tensor([[3], [4]]);
    expect(Array.from(nnls(A, X).S.data)).toEqual([3, 2]);
  });

  it("keep error classes and their hierarchy recognisable across copies", () => {
    let caught: unknown;
    try {
      nnls(other.tensor([[1]]), other.tensor([[Number.NaN]]));
    } catch (e) {
      caught = e;
    }
    expect(caught instanceof other.NonFiniteError).toBe(true);
    expect(caught instanceof other.NeuralNmfError).toBe(true);
    expect(caught instanceof other.ValueError).toBe(false);
    expect(new other.NotFittedError("x") instanceof tensorLib.NotFittedError).toBe(true);
    expect(new other.ShapeError("x") instanceof tensorLib.ValueError).toBe(false);
  });

  it("leave a user's unbranded subclass to the ordinary instanceof", () => {
    class MyError extends tensorLib.ValueError {}
    expect(new MyError("x") instanceof MyError).toBe(true);
    expect(new tensorLib.ValueError("x") instanceof MyError).toBe(false);
    expect(new other.ValueError("x") instanceof MyError).toBe(false);
    expect(new MyError("x") instanceof other.ValueError).toBe(true);
  });

  it("keep the cause of a wrapped error", () => {
    const cause = new SyntaxError("bad");
    expect(new tensorLib.ValueError("m", "json", { cause }).cause).toBe(cause);
    expect("cause" in new tensorLib.ValueError("m")).toBe(false);
  });
});
