import { writeReadmeExamples } from "@neural-nmf/tooling/readme-examples";
import { describe, expect, it, vi } from "vitest";

describe("README", () => {
  it("runs its example", async () => {
    const files = writeReadmeExamples(new URL("..", import.meta.url).pathname, {
      "@neural-nmf/datasets": "../../src/index.js",
    });
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    for (const f of files) await import(f);
    const printed = log.mock.calls.map((c) => c.join(" "));
    log.mockRestore();
    expect(printed[0]).toBe("20000,2000");
    expect(Number(printed[1])).toBeGreaterThan(60);
    expect(Number(printed[1])).toBeLessThan(80);
    expect(printed[3]).toBe("150");
  });
});
