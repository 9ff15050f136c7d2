/**
 * The order in which the renderers walk a topic tree: roots at the top level, each topic's
 * children (the topics of the level below whose parent it is) heaviest share first.
 *
 * @module
 */

import type { TopicTree, TopicTreeTopic } from "./topic-tree.js";

/** The topics of the top level, in index order: the roots of the tree. */
export function rootsOf(tree: TopicTree): readonly TopicTreeTopic[] {
  return tree.levels.at(-1)?.topics ?? [];
}

/**
 * The topics of level `topic.level − 1` whose parent is `topic`, by decreasing share of its
 * weight (then by index), so the heaviest part of a topic is listed first.
 */
export function childrenOf(tree: TopicTree, topic: TopicTreeTopic): TopicTreeTopic[] {
  const below = tree.levels[topic.level - 2];
  if (below === undefined) return [];
  return below.topics
    .filter((t) => t.parent === topic.topic)
    .sort((a, b) => (b.parentShare ?? 0) - (a.parentShare ?? 0) || a.topic - b.topic);
}

/**
 * A number of the tree as markup may show it: trees read from JSON files are not trusted to hold
 * numbers where the type says so, and anything else becomes 0 rather than unescaped text.
 */
export function num(x: unknown): number {
  const v = typeof x === "number" ? x : Number.NaN;
  return Number.isFinite(v) ? v : 0;
}

/** A fraction as a percentage with one decimal at most: `0.345` → `"34.5%"`, `1` → `"100%"`. */
export function percent(x: number): string {
  return `${Math.round(num(x) * 1000) / 10}%`;
}

/** A coherence value with three decimals and a real minus sign, or `–` when it is missing. */
export function coherenceText(v: number | null | undefined): string {
  if (typeof v !== "number" || !Number.isFinite(v)) return "–";
  const fixed = v.toFixed(3);
  return fixed.startsWith("-") ? `−${fixed.slice(1)}` : fixed;
}
