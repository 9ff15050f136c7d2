import { writeReadmeExamples } from "@neural-nmf/tooling/readme-examples";
import { describe, expect, it, vi } from "vitest";

describe("README", () => {
  it("runs its example", async () => {
    const files = writeReadmeExamples(new URL("..", import.meta.url).pathname, {
      "neural-nmf": "../../src/index.js",
    });
    expect(files.length).toBeGreaterThan(0);
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    for (const f of files) await import(f);
    const printed = log.mock.calls.map((c) => c.join(" "));
    log.mockRestore();
    // The example prints the relative errors of the three levels, then the accuracy 1.
    const rel = printed.find((l) => l.includes("0.0"));
    expect(rel).toBeDefined();
    expect(printed).toContain("1");
  });
});
