import type { HierarchyLevel } from "neural-nmf";
import { describe, expect, it } from "vitest";
import { formatTopicTree } from "../src/commands/topics.js";
import { formatDuration, formatNumber, formatPercent, formatTable } from "../src/format.js";
import {
  documentProgress,
  formatBytes,
  formatCount,
  inputProgress,
  Progress,
  TaskProgress,
  withTaskProgress,
} from "../src/progress.js";
import { type Evaluation, summaryJson, summaryText } from "../src/summary.js";
import { recorder } from "./helpers.js";

describe("number formatting", () => {
  it("formats numbers, durations and percentages", () => {
    expect(formatNumber(0)).toBe("0");
    expect(formatNumber(1234.56789)).toBe("1234.57");
    expect(formatNumber(0.000012345)).toBe("1.2345e-5");
    expect(formatNumber(12345678)).toBe("1.2346e+7");
    expect(formatNumber(Number.NaN)).toBe("NaN");
    expect(formatDuration(840)).toBe("0.84s");
    expect(formatDuration(12_340)).toBe("12.3s");
    expect(formatDuration(125_000)).toBe("2m05s");
    expect(formatDuration(3_720_000)).toBe("1h02m");
    expect(formatPercent(0.9777)).toBe("97.8%");
  });

  it("aligns tables", () => {
    expect(
      formatTable(
        ["a", "value"],
        [
          ["x", "1"],
          ["yy", "22"],
        ],
        [false, true],
      ),
    ).toBe("a   value\n--  -----\nx       1\nyy     22");
  });
});

describe("Progress", () => {
  const ticks = (p: Progress, n: number, msPerEpoch = 1) => {
    for (let e = 1; e <= n; e++) p.update({ epoch: e, loss: 100 / e, elapsedMs: e * msPerEpoch });
  };

  it("prints plain lines every tenth of the epochs when not on a terminal", () => {
    const out = recorder();
    const p = new Progress({ stream: out, maxEpochs: 50 });
    p.status("Fitting...");
    ticks(p, 23);
    p.finish();
    const lines = out.text().trimEnd().split("\n");
    expect(lines[0]).toBe("Fitting...");
    expect(lines.slice(1).map((l) => l.split(" ")[1])).toEqual([
      "1/50",
      "5/50",
      "10/50",
      "15/50",
      "20/50",
      "23/50",
    ]);
    expect(lines[2]).toBe("epoch 5/50  loss 20  elapsed 0.01s");
    expect(out.text()).not.toContain("\r");
  });

  it("prints a line after a long silence", () => {
    const out = recorder();
    const p = new Progress({ stream: out, maxEpochs: 1000, maxSilenceMs: 5000 });
    ticks(p, 30, 1000);
    expect(
      out
        .text()
        .split("\n")
        .filter(Boolean)
        .map((l) => l.split(" ")[1]),
    ).toEqual(["1/1000", "6/1000", "11/1000", "16/1000", "21/1000", "26/1000"]);
  });

  it("redraws one line in place on a terminal", () => {
    const out = recorder({ isTTY: true, columns: 80 });
    const p = new Progress({ stream: out, maxEpochs: 100, redrawMs: 10 });
    ticks(p, 40);
    p.finish();
    const text = out.text();
    expect(text.split("\n")).toHaveLength(2); // one line, ended by finish()
    const frames = text.split("\r").filter(Boolean);
    expect(frames.length).toBeGreaterThan(2);
    expect(frames.length).toBeLessThan(10);
    const last = (frames.at(-1) as string).replace("\x1b[K\n", "");
    expect(last).toMatch(/^epoch {2}40\/100 \[█+░+\] {2}40% {2}loss 2\.5 {2}0\.04s$/);
    expect(last.length).toBeLessThan(80);
  });

  it("fills the bar with time under a time budget", () => {
    const out = recorder({ isTTY: true, columns: 60 });
    const p = new Progress({ stream: out, maxEpochs: 1000, timeBudgetMs: 100 });
    p.update({ epoch: 5, loss: 1, elapsedMs: 50 });
    expect(out.text()).toContain(" 50%");
  });

  it("is silent in mode off and clears the bar on abort", () => {
    const off = recorder({ isTTY: true });
    const p = new Progress({ stream: off, maxEpochs: 10, mode: "off" });
    p.status("x");
    ticks(p, 10);
    p.finish();
    expect(off.text()).toBe("");
    const tty = recorder({ isTTY: true });
    const q = new Progress({ stream: tty, maxEpochs: 10 });
    q.status("Fitting...");
    q.abort();
    expect(tty.text().endsWith("\r\x1b[K")).toBe(true);
  });
});

describe("TaskProgress", () => {
  /** A clock the test moves by hand. */
  const clock = () => {
    let t = 0;
    return { now: () => t, advance: (ms: number) => void (t += ms) };
  };

  it("redraws one line in place on a terminal, at most every redrawMs, and ends it", () => {
    const out = recorder({ isTTY: true, columns: 100 });
    const c = clock();
    const p = new TaskProgress({ stream: out, label: "Reading x.mtx", now: c.now });
    const onInput = inputProgress(p);
    for (let done = 0; done <= 93_800_000; done += 65_536 * 50) {
      c.advance(30);
      onInput({
        done,
        total: 93_800_000,
        unit: "bytes",
        items: Math.floor(done / 13),
        itemName: "entries",
      });
    }
    c.advance(30);
    onInput({
      done: 93_800_000,
      total: 93_800_000,
      unit: "bytes",
      items: 7_033_068,
      itemName: "entries",
    });
    p.finish();
    const text = out.text();
    expect(text.endsWith("\x1b[K\n")).toBe(true);
    expect(text.split("\n")).toHaveLength(2);
    const frames = text.split("\r").filter(Boolean);
    // 30 ms per update over ~0.9 s: nothing in the first 200 ms, then every 100 ms or so.
    expect(frames.length).toBeGreaterThan(3);
    expect(frames.length).toBeLessThan(12);
    const last = (frames.at(-1) as string).replace("\x1b[K\n", "");
    expect(last).toBe(
      `Reading x.mtx [${"█".repeat(20)}] 100%  93.8 MB of 93.8 MB, 7,033,068 entries  0.90s`,
    );
    expect(frames[0]).toMatch(
      /^Reading x\.mtx \[█*░+\] {2}\d+% {2}[\d.]+ MB of 93\.8 MB, [\d,]+ entries/,
    );
  });

  it("shows nothing for a quick step, and nothing at all off a terminal or in mode off", () => {
    const quick = recorder({ isTTY: true });
    const c = clock();
    withTaskProgress({ stream: quick, label: "Vectorising", now: c.now }, (p) => {
      c.advance(150);
      documentProgress(p)(500, 500);
    });
    expect(quick.text()).toBe("");
    for (const [stream, mode] of [
      [recorder(), undefined],
      [recorder({ isTTY: true }), "off"],
    ] as const) {
      const slow = clock();
      const p = new TaskProgress({
        stream,
        label: "Vectorising",
        now: slow.now,
        ...(mode ? { mode } : {}),
      });
      for (let d = 1000; d <= 5000; d += 1000) {
        slow.advance(1000);
        documentProgress(p)(d, 5000);
      }
      p.finish();
      expect(stream.text()).toBe("");
    }
  });

  it("shows documents of the total, drops the bar when narrow or the total is unknown", () => {
    const out = recorder({ isTTY: true, columns: 60 });
    const c = clock();
    const p = new TaskProgress({ stream: out, label: "Vectorising", now: c.now });
    c.advance(1500);
    documentProgress(p)(20_000, 100_000);
    expect(out.text()).toBe("\rVectorising [█░░░░░░]  20%  20,000/100,000 documents  1.50s\x1b[K");
    const narrow = recorder({ isTTY: true, columns: 40 });
    const q = new TaskProgress({
      stream: narrow,
      label: "Reading a/very/long/path.mtx",
      now: c.now,
      showAfterMs: 0,
    });
    q.update(5, 10, "5 of 10");
    expect(narrow.text()).toBe("\rReading a/very/long/path.mtx  50%  5 of\x1b[K");
    const pipe = recorder({ isTTY: true, columns: 80 });
    const r = new TaskProgress({ stream: pipe, label: "Reading -", now: c.now, showAfterMs: 0 });
    inputProgress(r)({
      done: 2048,
      total: undefined,
      unit: "bytes",
      items: 3,
      itemName: "documents",
    });
    expect(pipe.text()).toBe("\rReading -  2.0 kB, 3 documents  0.00s\x1b[K");
  });

  it("clears its line when the step fails", () => {
    const out = recorder({ isTTY: true });
    const c = clock();
    expect(() =>
      withTaskProgress({ stream: out, label: "Reading", now: c.now }, (p) => {
        c.advance(500);
        p.update(1, 2);
        throw new Error("bad line");
      }),
    ).toThrow("bad line");
    expect(out.text().endsWith("\r\x1b[K")).toBe(true);
    expect(out.text()).not.toContain("\n");
  });

  it("formats bytes and counts", () => {
    expect(formatBytes(812)).toBe("812 B");
    expect(formatBytes(65_536)).toBe("65.5 kB");
    expect(formatBytes(93_814_282)).toBe("93.8 MB");
    expect(formatBytes(1_250_000_000)).toBe("1.25 GB");
    expect(formatCount(7)).toBe("7");
    expect(formatCount(2_950_113)).toBe("2,950,113");
    expect(formatCount(1000)).toBe("1,000");
  });
});

describe("summaries", () => {
  const evaluation: Evaluation = {
    relativeError: [0.0236, 0.2816, 0.4676],
    accuracy: { "1": 0.9, "2": 0.95, "3": 1 },
    accuracyScope: "unlabelled",
    fittedOn: 60,
    scoredOn: 30,
  };
  const training = { epochs: 312, seconds: 2.4123, stopReason: "tolerance" as const };

  it("writes the JSON summary with the documented keys first", () => {
    const json = JSON.parse(
      summaryJson(evaluation, { training, ranks: [9, 4, 2], shape: [87, 90], out: "m.json" }),
    );
    expect(Object.keys(json).slice(0, 5)).toEqual([
      "relativeError",
      "accuracy",
      "epochs",
      "seconds",
      "stopReason",
    ]);
    expect(json).toMatchObject({
      relativeError: [0.0236, 0.2816, 0.4676],
      accuracy: { "1": 0.9, "2": 0.95, "3": 1 },
      epochs: 312,
      seconds: 2.412,
      stopReason: "tolerance",
      accuracyScope: "unlabelled",
      ranks: [9, 4, 2],
      shape: [87, 90],
      out: "m.json",
    });
  });

  it("writes a readable summary", () => {
    const text = summaryText(evaluation, { heading: "Heading", training, ranks: [9, 4, 2] });
    expect(text).toBe(
      [
        "Heading",
        "Training: 312 epochs in 2.41s, converged (loss change below the tolerance)",
        "",
        "level  rank  relative error  accuracy",
        "-----  ----  --------------  --------",
        "    1     9          0.0236     90.0%",
        "    2     4          0.2816     95.0%",
        "    3     2          0.4676    100.0%",
        "",
        "Accuracy: post-hoc least-squares classifier on each level's representation, fitted on the 60 known columns, scored on the 30 others.",
        "",
      ].join("\n"),
    );
  });

  it("leaves out accuracy without labels", () => {
    const text = summaryText({ relativeError: [0.5] }, { heading: "H", ranks: [3] });
    expect(text).not.toMatch(/ccuracy/);
    expect(
      JSON.parse(summaryJson({ relativeError: [0.5] }, { ranks: [3], shape: [4, 5] })),
    ).toEqual({
      relativeError: [0.5],
      ranks: [3],
      shape: [4, 5],
    });
  });
});

describe("formatTopicTree", () => {
  const w = (...words: string[]) => words.map((word) => ({ word, weight: 1 / words.length }));

  it("nests finer topics under their parents, heaviest share first", () => {
    const words = [
      [w("cat", "mat"), w("dog", "bone"), w("stock", "share")],
      [w("cat", "dog"), w("stock", "index")],
    ];
    const hierarchy: HierarchyLevel[] = [
      {
        level: 2,
        topics: [
          {
            topic: 0,
            children: [
              { topic: 1, weight: 0.6 },
              { topic: 0, weight: 0.4 },
            ],
          },
          { topic: 1, children: [{ topic: 2, weight: 1 }] },
        ],
        parent: Int32Array.of(0, 0, 1),
      },
    ];
    expect(formatTopicTree([3, 2], words, hierarchy)).toBe(
      [
        "L2#0  cat, dog",
        "├─ L1#1   60%  dog, bone",
        "└─ L1#0   40%  cat, mat",
        "",
        "L2#1  stock, index",
        "└─ L1#2  100%  stock, share",
        "",
      ].join("\n"),
    );
  });

  it("indents three levels and lists a single level flat", () => {
    const words = [[w("a"), w("b"), w("c")], [w("ab"), w("c2")], [w("all")]];
    const hierarchy: HierarchyLevel[] = [
      {
        level: 2,
        topics: [
          {
            topic: 0,
            children: [
              { topic: 0, weight: 0.5 },
              { topic: 1, weight: 0.5 },
            ],
          },
          { topic: 1, children: [{ topic: 2, weight: 1 }] },
        ],
        parent: Int32Array.of(0, 0, 1),
      },
      {
        level: 3,
        topics: [
          {
            topic: 0,
            children: [
              { topic: 0, weight: 0.7 },
              { topic: 1, weight: 0.3 },
            ],
          },
        ],
        parent: Int32Array.of(0, 0),
      },
    ];
    expect(formatTopicTree([3, 2, 1], words, hierarchy)).toBe(
      [
        "L3#0  all",
        "├─ L2#0   70%  ab",
        "│  ├─ L1#0   50%  a",
        "│  └─ L1#1   50%  b",
        "└─ L2#1   30%  c2",
        "   └─ L1#2  100%  c",
        "",
      ].join("\n"),
    );
    expect(formatTopicTree([2], [[w("x"), w("y")]], [])).toBe("L1#0  x\nL1#1  y\n");
  });

  it("shows each topic's NPMI before its words, aligned, – for a topic not scored", () => {
    const words = [[w("cat", "mat"), w("dog", "bone")], [w("pets")]];
    const hierarchy: HierarchyLevel[] = [
      {
        level: 2,
        topics: [
          {
            topic: 0,
            children: [
              { topic: 0, weight: 0.75 },
              { topic: 1, weight: 0.25 },
            ],
          },
        ],
        parent: Int32Array.of(0, 0),
      },
    ];
    expect(formatTopicTree([2, 1], words, hierarchy, { npmi: [[0.1234, null], [-0.05]] })).toBe(
      [
        "L2#0  NPMI -0.050  pets",
        "├─ L1#0   75%  NPMI  0.123  cat, mat",
        "└─ L1#1   25%  NPMI      –  dog, bone",
        "",
      ].join("\n"),
    );
  });
});
