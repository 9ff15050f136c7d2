/**
 * Escaping for text placed in HTML and SVG markup.
 *
 * @module
 */

const ENTITIES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * `text` with `& < > " '` replaced by character references, so it is safe as element content and
 * as a quoted attribute value in HTML and in SVG (XML). Every word, title and snippet of a topic
 * tree goes through it: they come from user documents and may hold anything, `<script>` included.
 */
export function escapeMarkup(text: string): string {
  return String(text).replace(/[&<>"']/g, (c) => ENTITIES[c] as string);
}
