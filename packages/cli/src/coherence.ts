import { CoherenceCounts } from "@neural-nmf/text";
import type { TopicCoherence } from "neural-nmf";
import { formatTable } from "./format.js";

/** Words per topic that coherence is computed on. */
export const COHERENCE_TOP_N = 10;
/** Sliding-window size of NPMI (gensim's `c_npmi` default). */
export const COHERENCE_WINDOW = 10;

/** Coherence of the topics of one level. */
export interface LevelCoherence {
  /** Level, 1-based. */
  readonly level: number;
  /** NPMI of each topic; null when fewer than two of its words occur in the documents. */
  readonly npmi: (number | null)[];
  /** UMass of each topic; null as for `npmi`. */
  readonly umass: (number | null)[];
  /** Mean NPMI of the topics that could be scored (null when none could). */
  readonly meanNpmi: number | null;
  /** Mean UMass of the topics that could be scored (null when none could). */
  readonly meanUmass: number | null;
}

/** Coherence of every topic of every level over a set of tokenised documents. */
export interface CoherenceReport {
  /** Number of reference documents. */
  readonly documents: number;
  /** Words per topic scored ({@link COHERENCE_TOP_N}). */
  readonly topN: number;
  /** Sliding-window size of NPMI ({@link COHERENCE_WINDOW}). */
  readonly window: number;
  /** One entry per level, finest first. */
  readonly levels: LevelCoherence[];
}

/**
 * NPMI (sliding windows of 10 words) and UMass (whole documents) of each topic's top 10 words
 * over `documents`, and their mean per level, counted in one pass over the documents for every
 * level. A topic with fewer than two of its words in the documents cannot be scored: its values
 * are null and it is left out of the means (gensim would make the whole mean NaN).
 *
 * @param topics - `topics[l][t]`: the words of topic t of level l + 1, best first (only the first
 *   {@link COHERENCE_TOP_N} are used).
 * @param documents - the tokenised documents, tokenised as the model's vectoriser does.
 */
export function coherenceOf(
  topics: readonly (readonly (readonly string[])[])[],
  documents: readonly (readonly string[])[],
): CoherenceReport {
  const top = topics.map((level) => level.map((words) => words.slice(0, COHERENCE_TOP_N)));
  const counts = new CoherenceCounts(documents, top.flat(2), { window: COHERENCE_WINDOW });
  const levels = top.map((level, l): LevelCoherence => {
    // A topic none (or one) of whose words occurs cannot be scored; score the others together.
    const scorable = level.filter(
      (words) => words.filter((w) => counts.documentFrequency(w) > 0).length >= 2,
    );
    const score = (measure: "npmi" | "umass"): (number | null)[] => {
      const values =
        scorable.length === 0
          ? []
          : counts.score(scorable, { measure, topN: COHERENCE_TOP_N }).perTopic;
      let next = 0;
      return level.map((words) => {
        if (!scorable.includes(words)) return null;
        const v = values[next++] as number;
        return Number.isFinite(v) ? v : null;
      });
    };
    const npmi = score("npmi");
    const umass = score("umass");
    return { level: l + 1, npmi, umass, meanNpmi: meanOf(npmi), meanUmass: meanOf(umass) };
  });
  return { documents: documents.length, topN: COHERENCE_TOP_N, window: COHERENCE_WINDOW, levels };
}

function meanOf(values: readonly (number | null)[]): number | null {
  const scored = values.filter((v): v is number => v !== null);
  return scored.length === 0 ? null : scored.reduce((a, v) => a + v, 0) / scored.length;
}

/** The report as the tree's per-topic coherence: `result[l][t]`. */
export function treeCoherence(report: CoherenceReport): TopicCoherence[][] {
  return report.levels.map((level) =>
    level.npmi.map((npmi, t) => ({ npmi, umass: level.umass[t] ?? null })),
  );
}

/** A coherence value for a table: 3 decimals, or `–` when the topic could not be scored. */
export function formatCoherence(v: number | null | undefined): string {
  return v === null || v === undefined ? "–" : v.toFixed(3);
}

/**
 * The report as a table: one row per topic and a `mean` row per level, under a line saying what
 * was measured on what.
 * @param source - how to name the documents, e.g. `'docs'`.
 */
export function coherenceText(report: CoherenceReport, source: string): string {
  const rows: string[][] = [];
  for (const level of report.levels) {
    level.npmi.forEach((npmi, t) => {
      rows.push([
        String(level.level),
        `L${level.level}#${t}`,
        formatCoherence(npmi),
        formatCoherence(level.umass[t]),
      ]);
    });
    rows.push([
      String(level.level),
      "mean",
      formatCoherence(level.meanNpmi),
      formatCoherence(level.meanUmass),
    ]);
  }
  const n = report.documents;
  const unscored = report.levels.some((l) => l.npmi.includes(null))
    ? "\n– : fewer than two of the topic's words occur in the documents (left out of the mean)."
    : "";
  return [
    `Coherence of each topic's top ${report.topN} words in the ${n} document${n === 1 ? "" : "s"} of ${source} (NPMI: sliding windows of ${report.window} words, higher is better; UMass: whole documents, closer to 0 is better):`,
    "",
    formatTable(["level", "topic", "NPMI", "UMass"], rows, [true, false, true, true]) + unscored,
    "",
  ].join("\n");
}

/** The report as JSON-safe data for `--json` outputs (values rounded to 10 digits). */
export function coherenceJson(report: CoherenceReport): unknown {
  const round = (v: number | null) => (v === null ? null : Number(v.toPrecision(10)));
  return {
    documents: report.documents,
    topN: report.topN,
    window: report.window,
    levels: report.levels.map((l) => ({
      level: l.level,
      npmi: l.npmi.map(round),
      umass: l.umass.map(round),
      meanNpmi: round(l.meanNpmi),
      meanUmass: round(l.meanUmass),
    })),
  };
}
