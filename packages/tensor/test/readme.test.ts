import { writeReadmeExamples } from "@neural-nmf/tooling/readme-examples";
import { describe, expect, it, vi } from "vitest";

describe("README", () => {
  it("runs its example", async () => {
    const files = writeReadmeExamples(new URL("..", import.meta.url).pathname, {
      "@neural-nmf/tensor": "../../src/index.js",
      "@neural-nmf/tensor/testing": "../../src/testing/index.js",
    });
    expect(files.length).toBeGreaterThan(0);
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    for (const f of files) await import(f);
    const printed = log.mock.calls.map((c) => c.join(" "));
    log.mockRestore();
    expect(printed.at(-1)).toBe("true"); // gradCheck(...).ok
    const [first, second] = printed.map((l) => Number(l.split(" ")[1]));
    expect(second).toBeLessThan(first!); // the loss went down
  });
});
