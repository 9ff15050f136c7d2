/**
 * Build-time data loader of the topic-tree page: the Brown corpus's topic tree written by
 * `tooling/scripts/brown-tree.ts` to `public/results/brown-tree.json`. A missing or unreadable
 * file gives null, and the page says how to make it.
 */
import { readFileSync } from "node:fs";
import { TOPIC_TREE_FORMAT, type TopicTree } from "neural-nmf";
import { defineLoader } from "vitepress";

declare const data: TopicTree | null;

export { data };

export default defineLoader({
  watch: ["./public/results/brown-tree.json"],
  load(files: string[]): TopicTree | null {
    const file = files[0];
    if (file === undefined) return null;
    try {
      const tree = JSON.parse(readFileSync(file, "utf8")) as TopicTree;
      return tree.format === TOPIC_TREE_FORMAT ? tree : null;
    } catch {
      return null;
    }
  },
});
