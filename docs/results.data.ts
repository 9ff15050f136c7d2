/**
 * Build-time data loader of the Results page: reads every JSON file of `public/results/` (written
 * by `pnpm reproduce` and the benchmark scripts). Missing or unreadable files only shrink the page.
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { defineLoader } from "vitepress";
import { buildResults, type RawResultFile, type ResultsModel } from "./components/results-model.ts";

declare const data: ResultsModel;

export { data };

export default defineLoader({
  watch: ["./public/results/*.json"],
  load(files: string[]): ResultsModel {
    const raw: RawResultFile[] = [...files].sort().map((file) => {
      const name = basename(file);
      try {
        return { name, json: JSON.parse(readFileSync(file, "utf8")) as unknown };
      } catch (e) {
        return { name, error: e instanceof Error ? e.message : String(e) };
      }
    });
    return buildResults(raw);
  },
});
