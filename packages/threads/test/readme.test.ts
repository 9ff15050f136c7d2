import { writeReadmeExamples } from "@neural-nmf/tooling/readme-examples";
import { describe, expect, it, vi } from "vitest";

describe("README", () => {
  it("runs its example", async () => {
    // The example imports the built package (its workers load dist/worker-node.js).
    const files = writeReadmeExamples(new URL("..", import.meta.url).pathname, {
      "@neural-nmf/threads": "../../dist/node.js",
    });
    expect(files.length).toBe(1);
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    for (const f of files) await import(f);
    const printed = log.mock.calls.map((c) => c.join(" "));
    log.mockRestore();
    expect(printed).toEqual(["true"]);
  });
});
