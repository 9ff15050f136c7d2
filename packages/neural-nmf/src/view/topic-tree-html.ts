/**
 * A topic tree as HTML: a self-contained interactive page ({@link topicTreeHtml}) or a fragment
 * to place in a page of one's own ({@link topicTreeHtmlFragment}). Pure string functions: no DOM,
 * no Node API, no dependency; every piece of text from the tree is escaped.
 *
 * @module
 */

import { escapeMarkup } from "./escape.js";
import type { TopicTree, TopicTreeTopic } from "./topic-tree.js";
import { childrenOf, coherenceText, num, percent, rootsOf } from "./tree-order.js";

/**
 * How much of a tree is shown open: `"all"` (every topic and its documents), or a level N (the
 * topics of levels above N are open, so the tree is visible down to level N). The top level L
 * shows the roots only.
 */
export type TopicTreeExpansion = "all" | number;

/** Options of {@link topicTreeHtml} and {@link topicTreeHtmlFragment}. */
export interface TopicTreeHtmlOptions {
  /** Title of the page and heading of the tree (default: the tree's title). */
  readonly title?: string;
  /** Words shown per topic (default: every word the tree holds). */
  readonly words?: number;
  /** Representative documents shown per topic (default: every one the tree holds). */
  readonly documents?: number;
  /** What is open at first (default 1: the whole tree, documents closed). */
  readonly expand?: TopicTreeExpansion;
  /** Fragment only: include the stylesheet in a `<style>` element (default false). */
  readonly style?: boolean;
  /** Fragment only: include the expand / collapse buttons (default true). */
  readonly controls?: boolean;
}

/**
 * Whether a topic of `level` is open when the tree is expanded to `expansion`: the behaviour of
 * the page's buttons, for hosts that drive the fragment's buttons themselves.
 */
export function isTopicOpen(level: number, expansion: TopicTreeExpansion): boolean {
  return expansion === "all" || level > expansion;
}

/**
 * The stylesheet of the tree, every rule scoped under `.nnmf-tt`. Colours fall back from
 * VitePress's variables (so the tree follows a docs site's light and dark themes) to fixed ones.
 */
export const TOPIC_TREE_CSS = `
.nnmf-tt{--nnmf-fg:var(--vp-c-text-1,#1f2328);--nnmf-muted:var(--vp-c-text-2,#59636e);--nnmf-accent:var(--vp-c-brand-1,#3451b2);--nnmf-track:var(--vp-c-divider,#d8dee4);--nnmf-soft:var(--vp-c-bg-soft,#f6f8fa);color:var(--nnmf-fg);font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;container-type:inline-size}
.nnmf-tt :is(p,ul,ol,li,table,details,summary){margin:0;line-height:inherit}
.nnmf-tt .nnmf-title{font-size:1.25em;font-weight:600;margin:0 0 .25em}
.nnmf-tt .nnmf-note{color:var(--nnmf-muted);margin:.25em 0 .75em}
.nnmf-tt .nnmf-levels{border-collapse:collapse;margin:.5em 0;display:table;font-variant-numeric:tabular-nums}
.nnmf-tt .nnmf-levels th,.nnmf-tt .nnmf-levels td{border:1px solid var(--nnmf-track);padding:.2em .7em;text-align:right}
.nnmf-tt .nnmf-levels th{background:var(--nnmf-soft)}
.nnmf-tt .nnmf-controls{display:flex;flex-wrap:wrap;gap:.4em;align-items:center;margin:.5em 0 .75em}
.nnmf-tt .nnmf-button{font:inherit;font-size:.9em;padding:.15em .7em;border:1px solid var(--nnmf-track);border-radius:6px;background:var(--nnmf-soft);color:inherit;cursor:pointer}
.nnmf-tt .nnmf-button:hover{border-color:var(--nnmf-accent)}
.nnmf-tt .nnmf-list{list-style:none;margin:0;padding:0}
.nnmf-tt .nnmf-list>li{margin:0}
.nnmf-tt .nnmf-children{margin:0 0 0 .55em;padding:0 0 0 1.1em;border-left:1px solid var(--nnmf-track)}
.nnmf-tt .nnmf-topic>summary{cursor:pointer;display:flex;flex-wrap:wrap;align-items:center;gap:.2em .7em;padding:.15em .25em;border-radius:4px}
.nnmf-tt .nnmf-topic>summary:hover{background:var(--nnmf-soft)}
.nnmf-tt .nnmf-topic>summary::before{content:"▸";color:var(--nnmf-muted);width:.8em}
.nnmf-tt .nnmf-topic[open]>summary::before{content:"▾"}
.nnmf-tt .nnmf-topic>summary::-webkit-details-marker{display:none}
.nnmf-tt .nnmf-topic>summary{list-style:none}
.nnmf-tt .nnmf-id{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-weight:600;min-width:4.5em}
.nnmf-tt .nnmf-bar{display:inline-block;width:7em;height:.65em;background:var(--nnmf-track);border-radius:3px;overflow:hidden;flex:none}
.nnmf-tt .nnmf-fill{display:block;height:100%;background:var(--nnmf-accent)}
.nnmf-tt .nnmf-size{font-variant-numeric:tabular-nums;min-width:3.6em;text-align:right;color:var(--nnmf-muted)}
.nnmf-tt .nnmf-words{flex:1 1 18em}
.nnmf-tt .nnmf-coh{font-size:.85em;color:var(--nnmf-muted);font-variant-numeric:tabular-nums}
@container (max-width:52rem){.nnmf-tt .nnmf-words{order:1;flex-basis:100%;padding-left:1.5em}.nnmf-tt .nnmf-coh{margin-left:auto}}
.nnmf-tt .nnmf-body{margin:0 0 .3em 1.3em}
.nnmf-tt .nnmf-parent{color:var(--nnmf-muted);font-size:.9em;margin:0}
.nnmf-tt .nnmf-docs>summary{cursor:pointer;color:var(--nnmf-muted);font-size:.9em}
.nnmf-tt .nnmf-doc-list{margin:.2em 0 .4em;padding-left:1.6em}
.nnmf-tt .nnmf-doc-list>li{margin:.15em 0}
.nnmf-tt .nnmf-doc-title{font-weight:600}
.nnmf-tt .nnmf-doc-share{color:var(--nnmf-muted);font-variant-numeric:tabular-nums}
.nnmf-tt .nnmf-snippet{display:block;color:var(--nnmf-muted);font-size:.9em}
`.trim();

/**
 * The behaviour of the page's buttons (inline in {@link topicTreeHtml}): a button with
 * `data-nnmf-expand="all"` or `="N"` opens or closes every topic as {@link isTopicOpen} says and,
 * for `"all"`, the document lists too. It holds no data from the tree.
 */
export const TOPIC_TREE_SCRIPT = `
document.addEventListener("click", function (event) {
  var button = event.target instanceof Element ? event.target.closest("[data-nnmf-expand]") : null;
  if (!button) return;
  var root = button.closest(".nnmf-tt");
  var value = button.getAttribute("data-nnmf-expand");
  var all = value === "all";
  root.querySelectorAll("details.nnmf-topic").forEach(function (d) {
    d.open = all || Number(d.getAttribute("data-level")) > Number(value);
  });
  root.querySelectorAll("details.nnmf-docs").forEach(function (d) {
    d.open = all;
  });
});
`.trim();

/**
 * A self-contained HTML page of the tree: inline CSS and a few lines of inline JavaScript, no
 * external resource. Each topic is a `<details>` element (collapsible without JavaScript) whose
 * summary shows its name, its size as a bar and a percentage, its top words and its coherence;
 * opened, it shows its share of its parent, its representative documents and its children.
 * Buttons expand the tree to a level. All text is HTML-escaped.
 */
export function topicTreeHtml(tree: TopicTree, options: TopicTreeHtmlOptions = {}): string {
  const title = escapeMarkup(options.title ?? tree.title);
  const fragment = topicTreeHtmlFragment(tree, { ...options, style: false });
  return [
    "<!doctype html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="neural-nmf topicTreeHtml">',
    `<title>${title}</title>`,
    `<style>body{margin:2rem auto;max-width:72rem;padding:0 1rem;background:#fff}\n${TOPIC_TREE_CSS}</style>`,
    "</head>",
    "<body>",
    "<main>",
    fragment,
    "</main>",
    `<script>${TOPIC_TREE_SCRIPT}</script>`,
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

/**
 * The tree as one `<div class="nnmf-tt">` element, for a page of one's own: the summary of the
 * levels, the buttons (which need {@link TOPIC_TREE_SCRIPT} or the host's own handler; see
 * {@link isTopicOpen}) and the nested topics. Without `style: true`, add {@link TOPIC_TREE_CSS}
 * to the page. All text is HTML-escaped.
 */
export function topicTreeHtmlFragment(tree: TopicTree, options: TopicTreeHtmlOptions = {}): string {
  const expand = options.expand ?? 1;
  const out: string[] = [];
  out.push(`<div class="nnmf-tt" data-size-by="${escapeMarkup(tree.sizeBy)}">`);
  if (options.style === true) out.push(`<style>${TOPIC_TREE_CSS}</style>`);
  out.push(`<p class="nnmf-title">${escapeMarkup(options.title ?? tree.title)}</p>`);
  out.push(`<p class="nnmf-note">${escapeMarkup(sizeNote(tree))}</p>`);
  out.push(levelTable(tree));
  if (options.controls !== false) out.push(controls(tree));
  out.push('<ul class="nnmf-list nnmf-roots">');
  for (const root of rootsOf(tree)) topicItem(tree, root, options, expand, out);
  out.push("</ul>", "</div>");
  return out.join("\n");
}

function sizeNote(tree: TopicTree): string {
  const levels = tree.ranks.length;
  const shape = `${levels} level${levels === 1 ? "" : "s"} (${tree.ranks.join(" → ")} topics)`;
  const n = tree.documentCount;
  const size =
    tree.sizeBy === "documents"
      ? `size: the share of the ${n} documents whose strongest topic it is`
      : n === null
        ? "size: the topic's share of the weight in the training data"
        : `size: the topic's mean share over the ${n} documents`;
  return `${shape}; ${size}. Each topic sits under the coarser topic that uses it most, with its share of that topic's weight.`;
}

function levelTable(tree: TopicTree): string {
  const measures = (["npmi", "umass"] as const).filter((m) =>
    tree.levels.some((l) => l.meanCoherence?.[m] !== undefined),
  );
  const names = { npmi: "mean NPMI", umass: "mean UMass" };
  const head = ["level", "topics", ...measures.map((m) => names[m])];
  const rows = [...tree.levels].reverse().map((l) => {
    const cells = [
      `L${num(l.level)}`,
      String(l.topics.length),
      ...measures.map((m) => coherenceText(l.meanCoherence?.[m])),
    ];
    return `<tr data-level="${num(l.level)}">${cells.map((c) => `<td>${escapeMarkup(c)}</td>`).join("")}</tr>`;
  });
  return [
    '<table class="nnmf-levels">',
    `<thead><tr>${head.map((h) => `<th scope="col">${h}</th>`).join("")}</tr></thead>`,
    `<tbody>${rows.join("")}</tbody>`,
    "</table>",
  ].join("");
}

function controls(tree: TopicTree): string {
  const L = tree.ranks.length;
  const buttons: string[] = [];
  for (let level = L; level >= 1; level--) {
    const label = level === L ? "top level only" : `down to level ${level}`;
    buttons.push(
      `<button type="button" class="nnmf-button" data-nnmf-expand="${level}">${label}</button>`,
    );
  }
  buttons.push(
    '<button type="button" class="nnmf-button" data-nnmf-expand="all">everything, with documents</button>',
  );
  return `<div class="nnmf-controls" role="group" aria-label="How much of the tree to show">Show: ${buttons.join("")}</div>`;
}

function topicItem(
  tree: TopicTree,
  topic: TopicTreeTopic,
  options: TopicTreeHtmlOptions,
  expand: TopicTreeExpansion,
  out: string[],
): void {
  const open = isTopicOpen(topic.level, expand) ? " open" : "";
  const words = topic.words.slice(0, options.words ?? topic.words.length);
  const sizeLabel =
    tree.sizeBy === "documents"
      ? `${percent(topic.size)} of the documents`
      : `${percent(topic.size)} of the weight`;
  out.push("<li>");
  out.push(
    `<details class="nnmf-topic" data-level="${num(topic.level)}" data-topic="${num(topic.topic)}" data-size="${num(topic.size)}"${open}>`,
  );
  out.push(
    [
      "<summary>",
      `<span class="nnmf-id">${escapeMarkup(topic.id)}</span>`,
      `<span class="nnmf-bar" role="img" aria-label="${sizeLabel}"><span class="nnmf-fill" style="width:${percent(topic.size)}"></span></span>`,
      `<span class="nnmf-size">${percent(topic.size)}</span>`,
      `<span class="nnmf-words">${words
        .map(
          (w) =>
            `<span class="nnmf-word" title="${percent(w.weight)} of the topic's weight">${escapeMarkup(w.word)}</span>`,
        )
        .join(", ")}</span>`,
      coherenceSpan(topic),
      "</summary>",
    ].join(""),
  );
  out.push('<div class="nnmf-body">');
  if (topic.parent !== null) {
    out.push(
      `<p class="nnmf-parent">${percent(topic.parentShare ?? 0)} of the weight of L${num(topic.level) + 1}#${num(topic.parent)}</p>`,
    );
  }
  const documents = topic.documents.slice(0, options.documents ?? topic.documents.length);
  if (documents.length > 0) {
    const docsOpen = expand === "all" ? " open" : "";
    out.push(
      `<details class="nnmf-docs"${docsOpen}><summary>${documents.length} representative document${documents.length === 1 ? "" : "s"}</summary>`,
    );
    out.push('<ol class="nnmf-doc-list">');
    for (const d of documents) {
      const snippet =
        d.snippet === null || d.snippet === ""
          ? ""
          : `<span class="nnmf-snippet">${escapeMarkup(d.snippet)}</span>`;
      out.push(
        `<li data-document="${num(d.document)}"><span class="nnmf-doc-title">${escapeMarkup(d.title)}</span> <span class="nnmf-doc-share">${percent(d.share)} of the document</span>${snippet}</li>`,
      );
    }
    out.push("</ol>", "</details>");
  }
  const children = childrenOf(tree, topic);
  if (children.length > 0) {
    out.push('<ul class="nnmf-list nnmf-children">');
    for (const child of children) topicItem(tree, child, options, expand, out);
    out.push("</ul>");
  }
  out.push("</div>", "</details>", "</li>");
}

function coherenceSpan(topic: TopicTreeTopic): string {
  const c = topic.coherence;
  if (c === null) return "";
  const parts: string[] = [];
  if (c.npmi !== undefined) parts.push(`NPMI ${coherenceText(c.npmi)}`);
  if (c.umass !== undefined) parts.push(`UMass ${coherenceText(c.umass)}`);
  if (parts.length === 0) return "";
  return `<span class="nnmf-coh" title="coherence of the topic's top words in the documents">${parts.join(" · ")}</span>`;
}
