/**
 * A topic tree as a static SVG drawing: one column per level (the top level on the left), one
 * node per topic, an edge from each topic to its parent whose width follows the topic's share of
 * the parent's weight. A pure string function: no DOM, no Node API, no dependency.
 *
 * @module
 */

import { escapeMarkup } from "./escape.js";
import type { TopicTree, TopicTreeTopic } from "./topic-tree.js";
import { childrenOf, coherenceText, num, percent, rootsOf } from "./tree-order.js";

/** Options of {@link topicTreeSvg}. */
export interface TopicTreeSvgOptions {
  /** Words in each node's label (default 3). */
  readonly words?: number;
  /** Width of a level's column in pixels (default 260). */
  readonly columnWidth?: number;
  /** Height of a row (a topic without children below it) in pixels (default 46). */
  readonly rowHeight?: number;
  /** The drawing's accessible title (default: the tree's title). */
  readonly title?: string;
}

const MARGIN = 16;
const HEADER = 30;
/** Room left of a node's label for its disc. */
const DISC_SPACE = 22;
/** Where a node's size bar runs, below its label: its middle, relative to the node's centre. */
const BAR_MIDDLE = 16;
/** Approximate width of a character of the 12 px labels, to cut long labels before they overlap. */
const CHAR_WIDTH = 6.4;
const COLOURS = {
  text: "#1f2328",
  muted: "#59636e",
  accent: "#3451b2",
  track: "#d8dee4",
  background: "#ffffff",
};

/** A topic and where it is drawn. */
interface Placed {
  readonly topic: TopicTreeTopic;
  readonly x: number;
  readonly y: number;
  readonly radius: number;
}

/**
 * The tree as a standalone SVG document (also valid inline in HTML). Each node shows the topic's
 * name, its size as a percentage and a bar, and its top words; a node's disc grows with its
 * size. Edges join each topic to its parent, as wide as the topic's share of the parent's weight.
 * All text is XML-escaped. Nodes carry `data-id`, `data-level`, `data-topic` and `data-size`,
 * edges `data-parent`, `data-child` and `data-weight`.
 */
export function topicTreeSvg(tree: TopicTree, options: TopicTreeSvgOptions = {}): string {
  const wordCount = options.words ?? 3;
  const columnWidth = options.columnWidth ?? 260;
  const rowHeight = options.rowHeight ?? 46;
  const L = tree.ranks.length;
  const labelWidth = columnWidth - DISC_SPACE - 30;
  const maxChars = Math.max(8, Math.floor(labelWidth / CHAR_WIDTH));

  // Rows: every topic without children below it takes the next row; a topic with children sits
  // level with their middle. Each root's subtree is set off from the next by a little space.
  const placed = new Map<string, Placed>();
  let row = 0;
  const place = (topic: TopicTreeTopic): number => {
    const children = childrenOf(tree, topic);
    let at: number;
    if (children.length === 0) {
      at = row;
      row += 1;
    } else {
      const rows = children.map(place);
      at = ((rows[0] as number) + (rows.at(-1) as number)) / 2;
    }
    placed.set(topic.id, {
      topic,
      x: MARGIN + DISC_SPACE + (L - topic.level) * columnWidth,
      y: MARGIN + HEADER + at * rowHeight + rowHeight / 2,
      radius: 2.5 + 7 * Math.sqrt(Math.max(0, Math.min(1, num(topic.size)))),
    });
    return at;
  };
  for (const root of rootsOf(tree)) {
    place(root);
    row += 0.35;
  }
  const rows = Math.max(1, row - 0.35);
  const width = Math.ceil(MARGIN * 2 + DISC_SPACE + (L - 1) * columnWidth + labelWidth);
  const height = Math.ceil(MARGIN * 2 + HEADER + rows * rowHeight);

  const out: string[] = [];
  const title = escapeMarkup(options.title ?? tree.title);
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="nnmf-tree-svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${title}" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif" font-size="12">`,
    `<title>${title}</title>`,
    `<rect width="${width}" height="${height}" rx="8" fill="${COLOURS.background}"/>`,
  );
  for (const level of [...tree.levels].reverse()) {
    const x = MARGIN + DISC_SPACE + (L - num(level.level)) * columnWidth - DISC_SPACE / 2;
    const k = level.topics.length;
    out.push(
      `<text class="nnmf-level" x="${x}" y="${MARGIN + 12}" font-weight="600" fill="${COLOURS.muted}">Level ${num(level.level)} · ${k} topic${k === 1 ? "" : "s"}</text>`,
    );
  }
  // Edges first, so nodes are drawn over them.
  out.push('<g class="nnmf-edges" fill="none">');
  for (const p of placed.values()) {
    const { topic } = p;
    if (topic.parent === null) continue;
    const parent = placed.get(`L${num(topic.level) + 1}#${num(topic.parent)}`);
    if (parent === undefined) continue;
    const weight = Math.max(0, Math.min(1, num(topic.parentShare)));
    // From the end of the parent's size bar (its track spans the label) to the child's disc.
    const x0 = parent.x + labelWidth + 2;
    const y0 = parent.y + BAR_MIDDLE;
    const x1 = p.x - p.radius - 3;
    const middle = (x0 + x1) / 2;
    out.push(
      `<path class="nnmf-edge" data-parent="${escapeMarkup(parent.topic.id)}" data-child="${escapeMarkup(topic.id)}" data-weight="${weight}" d="M${r(x0)} ${r(y0)}C${r(middle)} ${r(y0)} ${r(middle)} ${r(p.y)} ${r(x1)} ${r(p.y)}" stroke="${COLOURS.accent}" stroke-opacity="0.4" stroke-width="${r(0.75 + 7 * weight)}" stroke-linecap="round"/>`,
    );
  }
  out.push("</g>");
  out.push('<g class="nnmf-nodes">');
  for (const p of placed.values()) out.push(node(p, tree, wordCount, maxChars, labelWidth));
  out.push("</g>", "</svg>", "");
  return out.join("\n");
}

function node(
  p: Placed,
  tree: TopicTree,
  wordCount: number,
  maxChars: number,
  labelWidth: number,
): string {
  const { topic, x, y, radius } = p;
  const size = Math.max(0, Math.min(1, num(topic.size)));
  const npmi = topic.coherence?.npmi;
  const head = `${percent(size)}${npmi === undefined ? "" : ` · NPMI ${coherenceText(npmi)}`}`;
  const words = topic.words
    .slice(0, wordCount)
    .map((w) => w.word)
    .join(", ");
  const all = topic.words.map((w) => w.word).join(", ");
  const barWidth = labelWidth;
  const what = tree.sizeBy === "documents" ? "of the documents" : "of the weight";
  return [
    `<g class="nnmf-node" data-id="${escapeMarkup(topic.id)}" data-level="${num(topic.level)}" data-topic="${num(topic.topic)}" data-size="${size}">`,
    `<title>${escapeMarkup(`${topic.id}: ${percent(size)} ${what}; ${all}`)}</title>`,
    `<circle cx="${r(x - radius - 3)}" cy="${r(y)}" r="${r(radius)}" fill="${COLOURS.accent}"/>`,
    `<text x="${r(x)}" y="${r(y - 6)}" fill="${COLOURS.text}"><tspan font-weight="600">${escapeMarkup(topic.id)}</tspan><tspan fill="${COLOURS.muted}" dx="6">${escapeMarkup(head)}</tspan></text>`,
    `<text class="nnmf-label" x="${r(x)}" y="${r(y + 9)}" fill="${COLOURS.text}">${escapeMarkup(cut(words, maxChars))}</text>`,
    `<rect x="${r(x)}" y="${r(y + BAR_MIDDLE - 2)}" width="${r(barWidth)}" height="4" rx="2" fill="${COLOURS.track}"/>`,
    `<rect class="nnmf-bar" x="${r(x)}" y="${r(y + BAR_MIDDLE - 2)}" width="${r(barWidth * size)}" height="4" rx="2" fill="${COLOURS.accent}"/>`,
    "</g>",
  ].join("");
}

/** Rounds a coordinate to 0.01 px: shorter output, same drawing. */
function r(v: number): number {
  return Math.round(v * 100) / 100;
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}
