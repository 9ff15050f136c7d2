import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { nnlsGram, supportSolve } from "@neural-nmf/nnls";
import {
  CscMatrix,
  gram,
  inThreadExecutor,
  type Kernel,
  Random,
  smallTimesWide,
  ValueError,
  withExecutor,
} from "@neural-nmf/tensor";
import { afterAll, describe, expect, it } from "vitest";
// The built files: workers load `dist/worker-node.js`, so the tests use the build too.
import * as browser from "../dist/browser.js";
import { createThreadPool, sharedThreadPool, type ThreadPool } from "../dist/node.js";

/** A corpus-like sparse matrix: Zipf-ish rows, about `perColumn` entries per column. */
function corpus(m: number, n: number, perColumn: number, seed: number): CscMatrix {
  const rng = new Random(seed);
  const colPtr = new Int32Array(n + 1);
  const rows: number[] = [];
  const values: number[] = [];
  for (let j = 0; j < n; j++) {
    const set = new Set<number>();
    for (let t = 0; t < perColumn; t++) set.add(Math.floor(m * rng.uniform() ** 2));
    for (const r of [...set].sort((a, b) => a - b)) {
      rows.push(r);
      values.push(1 + rng.int(5));
    }
    colPtr[j + 1] = rows.length;
  }
  return new CscMatrix(m, n, colPtr, Int32Array.from(rows), Float64Array.from(values));
}

const pool: ThreadPool = createThreadPool({ threads: 3 });
afterAll(() => pool.close());

const x = corpus(3000, 4000, 40, 1);
const k = 12;
const a = new Random(2).fillUniform(new Float64Array(3000 * k));

describe("worker-thread pool", () => {
  it("runs on the requested threads", () => {
    expect(pool.threads).toBe(3);
    expect(pool.fallbackReason).toBeNull();
  });

  it("gives AᵀX bit for bit like one thread, and X Bᵀ to 1e-14", () => {
    const one = x.leftMultiplyTransposed(a, k);
    const xbtOne = x.rightMultiplyTransposed(one, k);
    withExecutor(pool, () => {
      expect(Array.from(x.leftMultiplyTransposed(a, k))).toEqual(Array.from(one));
      const xbt = x.rightMultiplyTransposed(one, k);
      for (let t = 0; t < xbt.length; t++) {
        expect(Math.abs(xbt[t]! - xbtOne[t]!)).toBeLessThanOrEqual(1e-14 * Math.abs(xbtOne[t]!));
      }
    });
  });

  it("solves NNLS and its backward pass bit for bit like one thread", () => {
    const g = gram(a, 3000, k);
    const c = x.leftMultiplyTransposed(a, k);
    const one = nnlsGram(g, c, k, 4000);
    const many = withExecutor(pool, () => nnlsGram(g, c, k, 4000));
    expect(Array.from(many.S)).toEqual(Array.from(one.S));
    expect(many.maxKktViolation).toBe(one.maxKktViolation);
    expect(many.totalIterations).toBe(one.totalIterations);
    const gradS = new Random(3).fillNormal(new Float64Array(k * 4000));
    const z1 = supportSolve(g, one.S, gradS, k, 4000);
    const z2 = withExecutor(pool, () => supportSolve(g, one.S, gradS, k, 4000));
    expect(Array.from(z2.z)).toEqual(Array.from(z1.z));
    expect(z2.factorizations).toBeGreaterThanOrEqual(z1.factorizations);
  });

  it("copies back outputs that are not in shared memory", () => {
    const w = new Random(4).fillNormal(new Float64Array(8 * 8));
    const b = new Random(5).fillNormal(new Float64Array(8 * 20_000));
    const expected = smallTimesWide(false, 8, 8, 20_000, w, b, new Float64Array(8 * 20_000));
    const out = new Float64Array(8 * 20_000); // ordinary memory
    withExecutor(pool, () => smallTimesWide(false, 8, 8, 20_000, w, b, out));
    expect(Array.from(out)).toEqual(Array.from(expected));
  });

  it("rethrows a failure in a worker, names the kernel, and keeps working after it", () => {
    const unknown: Kernel = { name: "test/not-a-kernel", run: () => {} };
    expect(() =>
      pool.run({
        kernel: unknown,
        arrays: {},
        outputs: [],
        scalars: {},
        bounds: [0, 1, 2, 3],
      }),
    ).toThrow(/worker thread failed: test\/not-a-kernel \(part [12]\): unknown kernel/);
    // A kernel that throws on the calling thread: the error surfaces after the workers finish.
    const failing: Kernel = {
      name: "tensor/csc-atx",
      run: () => {
        throw new Error("local failure");
      },
    };
    expect(() =>
      pool.run({ kernel: failing, arrays: {}, outputs: [], scalars: {}, bounds: [0, 1, 2, 3] }),
    ).toThrow("local failure");
    const again = withExecutor(pool, () => x.leftMultiplyTransposed(a, k));
    expect(Array.from(again)).toEqual(Array.from(x.leftMultiplyTransposed(a, k)));
  });

  it("validates the thread count and shares one pool per count", () => {
    expect(() => createThreadPool({ threads: 0 })).toThrow(ValueError);
    expect(() => createThreadPool({ threads: 1.5 })).toThrow(ValueError);
    expect(() => createThreadPool({ threads: 1e6 })).toThrow(ValueError);
    expect(sharedThreadPool(2)).toBe(sharedThreadPool(2));
    sharedThreadPool(2).close();
  });

  it("runs on the calling thread after close()", () => {
    const p = createThreadPool({ threads: 2 });
    p.close();
    expect(p.threads).toBe(1);
    const out = withExecutor(p, () => x.leftMultiplyTransposed(a, k));
    expect(Array.from(out)).toEqual(
      Array.from(withExecutor(inThreadExecutor, () => x.leftMultiplyTransposed(a, k))),
    );
  });
});

describe("browser entry", () => {
  it("falls back to one thread, saying why, where Web Workers cannot be used", () => {
    // Node has no global Worker: the browser build must notice and not try.
    expect(browser.threadPoolUnavailableReason()).toMatch(/Web Workers are not available/);
    const p = browser.createThreadPool({ threads: 4 });
    expect(p.threads).toBe(1);
    expect(p.fallbackReason).toMatch(/Web Workers/);
  });

  it("imports no Node built-in, directly or through its own modules", () => {
    const dist = join(dirname(fileURLToPath(import.meta.url)), "../dist");
    const seen = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const source = readFileSync(join(dist, file), "utf8");
      for (const [, spec] of source.matchAll(/(?:import|export)[^"']*["']([^"']+)["']/g)) {
        expect(spec).not.toMatch(/^node:|^(fs|os|path|worker_threads)$/);
        if (spec!.startsWith("./")) visit(spec!.slice(2));
      }
    };
    visit("browser.js");
    visit("worker-browser.js");
    expect(seen.has("pool.js")).toBe(true);
  });
});

describe("a worker that cannot load its kernels", () => {
  it("fails the first call at once with the worker's reason, instead of a 60 s timeout", async () => {
    const { SharedMemoryPool } = await import("../dist/pool.js");
    const start = new URL("../dist/worker-start.js", import.meta.url).href;
    // A worker whose kernel import fails, as when a dependency is missing from the install.
    const worker = new Worker(
      `const { parentPort } = require("node:worker_threads");
       import(${JSON.stringify(start)}).then(({ startWorker }) => {
         const handle = startWorker(() => Promise.reject(new Error("Cannot find package '@neural-nmf/nnls'")));
         parentPort.on("message", handle);
       });`,
      { eval: true },
    );
    worker.unref();
    const broken = new SharedMemoryPool([worker]);
    const t0 = performance.now();
    expect(() => withExecutor(broken, () => x.leftMultiplyTransposed(a, k))).toThrow(
      /did not start: a worker could not load its kernels: Error: Cannot find package '@neural-nmf\/nnls'/,
    );
    expect(performance.now() - t0).toBeLessThan(10_000);
    // Later calls keep saying so rather than running half the work.
    expect(() => withExecutor(broken, () => x.leftMultiplyTransposed(a, k))).toThrow(
      /did not start/,
    );
    broken.close();
  });
});
