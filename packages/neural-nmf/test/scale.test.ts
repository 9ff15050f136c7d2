import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const script = fileURLToPath(new URL("./fixtures/fit-huge-sparse.mjs", import.meta.url));

/**
 * Peak resident memory allowed for the whole process (Node itself, the 12 MB matrix, its kernel
 * copies and the O((m + n)·k) factors and workspaces). One dense 200 000 × 200 000 matrix — the
 * data, or a Gram matrix of either side — would need 320 GB, so a default path that densified
 * anywhere could not pass.
 */
const PEAK_MB_BOUND = 800;

describe("scale", () => {
  it.each([1, 2])(
    "fits 200 000 × 200 000 with 1 000 000 nonzeros on %i thread(s) in bounded memory",
    (threads) => {
      const r = spawnSync(process.execPath, [script, String(threads)], { encoding: "utf8" });
      expect(r.status, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout.trim().split("\n").at(-1) as string);
      expect(out.nnz).toBe(1_000_000);
      expect(out.epochs).toBe(2);
      for (const e of out.relativeError) {
        expect(e).toBeGreaterThan(0);
        expect(e).toBeLessThan(1);
      }
      console.log(
        `200 000 × 200 000, 1 M nonzeros, ${threads} thread(s): ${out.seconds.toFixed(1)} s, peak ${out.peakMB.toFixed(0)} MB`,
      );
      expect(out.peakMB).toBeLessThan(PEAK_MB_BOUND);
    },
  );
});
