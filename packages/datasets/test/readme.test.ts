import { writeReadmeExamples } from "@neural-nmf/tooling/readme-examples";
import { describe, expect, it, vi } from "vitest";

describe("README", () => {
  it("runs its examples", async () => {
    const files = writeReadmeExamples(new URL("..", import.meta.url).pathname, {
      "@neural-nmf/datasets": "../../src/index.js",
      "@neural-nmf/datasets/brown/node": "../../src/node/brown.js",
    });
    expect(files).toHaveLength(3);
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    for (const f of files) await import(f);
    const printed = log.mock.calls.map((c) => c.join(" "));
    log.mockRestore();
    // Hierarchical corpus.
    expect(printed[0]).toBe("20000,2000");
    expect(Number(printed[1])).toBeGreaterThan(60);
    expect(Number(printed[1])).toBeLessThan(80);
    expect(printed[3]).toBe("150");
    // The Brown corpus from the Node subpath.
    expect(printed.slice(4, 7)).toEqual(["500 ca01 Press: reportage", "Press", "6"]);
    // Building a document in the browser-safe entry.
    expect(printed.slice(7)).toEqual([
      "The jury said and/or .\nIt did .",
      "Adventure and western fiction Genre fiction imaginative",
      "12",
    ]);
  });
});
