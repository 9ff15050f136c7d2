import { Random } from "@neural-nmf/tensor";
import { describe, expect, it } from "vitest";
import { CoherenceCounts } from "../src/coherence/index.js";

/** `n` draws from a Zipf law of exponent 1 over ranks 0 .. size−1 (inverse CDF by bisection). */
function zipfSampler(size: number, random: Random): () => number {
  const cdf = new Float64Array(size);
  let total = 0;
  for (let r = 0; r < size; r++) cdf[r] = total += 1 / (r + 1);
  return () => {
    const u = random.uniform() * total;
    let lo = 0;
    let hi = size - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cdf[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

describe("coherence performance", () => {
  it("20 000 documents × 80 tokens, 5 levels × 20 topics × 10 words: one count, both measures", () => {
    const random = new Random(20261125);
    const vocabulary = Array.from({ length: 5000 }, (_, i) => `word${i}`);
    const draw = zipfSampler(vocabulary.length, random);
    const documents = Array.from({ length: 20_000 }, () =>
      Array.from({ length: 80 }, () => vocabulary[draw()]!),
    );
    // Topic words from the 2 000 most frequent words, as a fitted model's top words would be.
    const levels = Array.from({ length: 5 }, () =>
      Array.from({ length: 20 }, () => {
        const topic = new Set<string>();
        while (topic.size < 10) topic.add(vocabulary[random.int(2000)]!);
        return [...topic];
      }),
    );

    const t0 = performance.now();
    const counts = new CoherenceCounts(documents, levels.flat(2));
    const t1 = performance.now();
    const npmi = levels.map((topics) => counts.score(topics, { measure: "npmi" }));
    const umass = levels.map((topics) => counts.score(topics, { measure: "umass" }));
    const t2 = performance.now();

    console.log(
      `coherence: ${documents.length} documents × 80 tokens, ${counts.words.length} distinct topic words, ${counts.windowCount} windows: counting ${(t1 - t0).toFixed(0)} ms, scoring 5 levels × 2 measures ${(t2 - t1).toFixed(0)} ms`,
    );
    expect(counts.windowCount).toBe(20_000 * 71);
    for (const r of [...npmi, ...umass]) {
      expect(r.perTopic).toHaveLength(20);
      expect(r.perTopic.every(Number.isFinite)).toBe(true);
    }
    expect(npmi.every((r) => r.mean >= -1 && r.mean <= 1)).toBe(true);
    expect(umass.every((r) => r.mean < 0)).toBe(true);
    // "Well under a few seconds" on these 2-core machines; generous for a loaded CI runner.
    expect(t2 - t0).toBeLessThan(4000);
  });
});
