import { writeReadmeExamples } from "@neural-nmf/tooling/readme-examples";
import { describe, expect, it, vi } from "vitest";

describe("README", () => {
  it("runs its examples", async () => {
    const files = writeReadmeExamples(new URL("..", import.meta.url).pathname, {
      "@neural-nmf/nnls": "../../src/index.js",
    });
    expect(files.length).toBeGreaterThanOrEqual(2);
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    // The first ts block is the API summary (declarations only); run the examples.
    for (const f of files.slice(1)) await import(f);
    const printed = log.mock.calls.map((c) => c.map(String).join(" "));
    log.mockRestore();
    expect(printed).toContain("true 30,6 6,3");
    expect(printed.at(-1)).toBe("true");
  });
});
