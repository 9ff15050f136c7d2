/**
 * Topic trees to look at: the data ({@link topicTreeOf}) and its renderers to an interactive HTML
 * page ({@link topicTreeHtml}) and a static SVG drawing ({@link topicTreeSvg}). Browser-safe.
 *
 * The package exports what users build and render trees with; `escapeMarkup` and `snippetOf`
 * stay internal (exported from here for the tests only).
 * @module
 */

export { escapeMarkup } from "./escape.js";
export {
  assembleTopicTree,
  snippetOf,
  TOPIC_TREE_FORMAT,
  type TopicCoherence,
  type TopicSizeBy,
  type TopicTree,
  type TopicTreeDocument,
  type TopicTreeDocumentInfo,
  type TopicTreeLevel,
  type TopicTreeOptions,
  type TopicTreeParts,
  type TopicTreeTopic,
  topicTreeOf,
} from "./topic-tree.js";
export {
  isTopicOpen,
  TOPIC_TREE_CSS,
  TOPIC_TREE_SCRIPT,
  type TopicTreeExpansion,
  type TopicTreeHtmlOptions,
  topicTreeHtml,
  topicTreeHtmlFragment,
} from "./topic-tree-html.js";
export { type TopicTreeSvgOptions, topicTreeSvg } from "./topic-tree-svg.js";
