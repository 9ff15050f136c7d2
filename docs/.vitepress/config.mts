import { existsSync, readFileSync } from "node:fs";
import { type DefaultTheme, defineConfig } from "vitepress";

/** Order of the packages in the API sidebar: from the foundation up. */
const PACKAGE_ORDER = [
  "@neural-nmf/tensor",
  "@neural-nmf/nnls",
  "@neural-nmf/losses",
  "neural-nmf",
  "@neural-nmf/text",
  "@neural-nmf/cli",
];

/** The sidebar TypeDoc writes next to the API pages (`pnpm build` runs TypeDoc first). */
function apiSidebar(): DefaultTheme.SidebarItem[] {
  const file = new URL("../api/typedoc-sidebar.json", import.meta.url);
  if (!existsSync(file)) return [];
  const items = JSON.parse(readFileSync(file, "utf8")) as DefaultTheme.SidebarItem[];
  const rank = (t: string | undefined) => {
    const i = PACKAGE_ORDER.indexOf(t ?? "");
    return i < 0 ? PACKAGE_ORDER.length : i;
  };
  return [...items].sort((a, b) => rank(a.text) - rank(b.text));
}

const hasApi = existsSync(new URL("../api/index.md", import.meta.url));

const guide: DefaultTheme.SidebarItem[] = [
  {
    text: "Introduction",
    items: [
      { text: "Getting started", link: "/guide/getting-started" },
      { text: "Concepts", link: "/guide/concepts" },
    ],
  },
  {
    text: "Guides",
    items: [
      { text: "Writing a custom loss", link: "/guide/custom-loss" },
      { text: "Supervised and semi-supervised", link: "/guide/supervision" },
      { text: "Topic modelling a text corpus", link: "/guide/topic-modelling" },
      { text: "Looking at the topic tree", link: "/guide/topic-tree" },
      { text: "Large corpora and threads", link: "/guide/large-corpora" },
      { text: "Refused inputs", link: "/guide/refused-inputs" },
      { text: "The command line", link: "/guide/cli" },
      { text: "Saving and loading", link: "/guide/saving-loading" },
    ],
  },
  {
    text: "See it work",
    items: [
      { text: "Results", link: "/results" },
      { text: "Train in your browser", link: "/demo" },
    ],
  },
];

const api: DefaultTheme.SidebarItem[] = hasApi
  ? [{ text: "API reference", link: "/api/", items: apiSidebar(), collapsed: false }]
  : [];

export default defineConfig({
  title: "Neural NMF",
  description:
    "Hierarchical topic modelling with Neural NMF in TypeScript: NNLS layers trained end to end, in Node and in the browser.",
  lang: "en-GB",
  cleanUrls: false,
  srcExclude: ["README.md", "examples/**", "test/**", "screenshots/**", "node_modules/**"],
  head: [["link", { rel: "icon", type: "image/svg+xml", href: "/favicon.svg" }]],
  markdown: { math: true },
  themeConfig: {
    logo: "/favicon.svg",
    nav: [
      { text: "Guide", link: "/guide/getting-started", activeMatch: "/guide/" },
      ...(hasApi ? [{ text: "API", link: "/api/", activeMatch: "/api/" }] : []),
      { text: "Results", link: "/results" },
      { text: "Try it", link: "/demo" },
    ],
    sidebar: {
      "/guide/": [...guide, ...api],
      "/results": [...guide, ...api],
      "/demo": [...guide, ...api],
      "/api/": [...api, ...guide],
    },
    outline: { level: [2, 3] },
    search: { provider: "local" },
    footer: { message: "MIT licensed. Neural NMF: Will et al., arXiv 2303.00058." },
  },
  vite: {
    worker: { format: "es" },
    build: { chunkSizeWarningLimit: 2000 },
  },
});
