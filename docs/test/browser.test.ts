/**
 * Builds the site, serves it with `vitepress preview` and drives Debian's Chromium through
 * playwright-core: every page reachable from the home page loads without console errors, every
 * internal link resolves, the results page draws its charts, the Brown topic tree expands and
 * collapses, and the demo trains to completion.
 * Without Chromium the test fails when `CI` is set and is skipped (with the reason) otherwise.
 */
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildSite,
  CHROMIUM,
  DOCS_DIR,
  isPage,
  type Preview,
  pagePath,
  startPreview,
} from "./site.ts";

const haveChromium = existsSync(CHROMIUM);
const skip = !haveChromium && !process.env.CI;
if (skip) {
  console.log(
    `[docs] browser test skipped: Chromium not found at ${CHROMIUM} (install it with \`apt-get install -y chromium\`; with CI set this is a failure)`,
  );
}

const SCREENSHOTS = join(DOCS_DIR, "screenshots");

/** Collects console errors, uncaught exceptions and failed same-origin requests of a page. */
function watch(page: Page, origin: string): string[] {
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console error: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`uncaught: ${e.message}`));
  page.on("response", (r) => {
    if (r.url().startsWith(origin) && r.status() >= 400)
      problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  page.on("requestfailed", (r) => {
    // ERR_ABORTED: a prefetch cancelled by the next navigation, not a failure of the site.
    const reason = r.failure()?.errorText ?? "";
    if (r.url().startsWith(origin) && !reason.includes("ERR_ABORTED")) {
      problems.push(`request failed: ${r.url()} (${reason})`);
    }
  });
  return problems;
}

/** Waits until VitePress has mounted (hydrated) the app, then for one more frame. */
async function hydrated(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      (document.querySelector("#app") as { __vue_app__?: unknown } | null)?.__vue_app__ !==
      undefined,
    undefined,
    { timeout: 20_000 },
  );
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
}

describe.skipIf(skip)("the docs site in Chromium", () => {
  let preview: Preview | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext;

  beforeAll(async () => {
    if (!haveChromium) {
      throw new Error(
        `Chromium not found at ${CHROMIUM}: CI must run the browser test; install it with \`apt-get install -y chromium\``,
      );
    }
    buildSite();
    preview = await startPreview();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    });
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await preview?.stop();
  });

  it("loads every page without console errors, and every internal link resolves", async () => {
    const origin = preview!.origin;
    const seen = new Set<string>(["/"]);
    const fullQueue: string[] = ["/"]; // loaded from the server: HTML, hydration, app start
    const spaQueue: string[] = []; // API member pages: rendered by a client-side navigation
    const links = new Map<string, string>(); // linked path → a page that links to it
    const problems: string[] = [];
    let fullLoads = 0;
    let spaLoads = 0;

    const page = await context.newPage();
    const pageProblems = watch(page, origin);
    const settle = () =>
      page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
    const collect = async (path: string) => {
      const hrefs = await page.$$eval("a[href]", (as) =>
        as.map((a) => (a as HTMLAnchorElement).href),
      );
      for (const href of hrefs) {
        const target = pagePath(href, origin);
        if (target === null) continue;
        if (!links.has(target)) links.set(target, path);
        if (isPage(target) && !seen.has(target)) {
          seen.add(target);
          // Every guide page and every API index page is loaded in full; the ~270 API member
          // pages (plain TypeDoc Markdown, no components) through the router, which is 5× faster.
          (target.startsWith("/api/") && !target.endsWith("/") ? spaQueue : fullQueue).push(target);
        }
      }
      for (const p of pageProblems.splice(0)) problems.push(`${path}: ${p}`);
    };

    for (;;) {
      const full = fullQueue.shift();
      if (full !== undefined) {
        const response = await page.goto(origin + full, { waitUntil: "domcontentloaded" });
        if (response?.status() !== 200) {
          problems.push(`${full}: HTTP ${response?.status()}`);
          pageProblems.length = 0;
          continue;
        }
        try {
          await hydrated(page);
        } catch (e) {
          problems.push(
            `${full}: the app did not start (${e instanceof Error ? e.message.split("\n")[0] : e})`,
          );
        }
        fullLoads++;
        await collect(full);
        continue;
      }
      const spa = spaQueue.shift();
      if (spa === undefined) break;
      await page.evaluate((p) => {
        const a = document.createElement("a");
        a.href = p;
        document.body.append(a);
        a.click();
        a.remove();
      }, spa);
      try {
        await page.waitForFunction((p) => document.documentElement.dataset.page === p, spa, {
          timeout: 10_000,
        });
        await settle();
      } catch (e) {
        problems.push(
          `${spa}: the router did not load it (${e instanceof Error ? e.message.split("\n")[0] : e})`,
        );
      }
      spaLoads++;
      await collect(spa);
    }
    await page.close();

    // Every linked path (pages, JSON files, images) must answer 200 from the server.
    const broken: string[] = [];
    const targets = [...links];
    for (let i = 0; i < targets.length; i += 16) {
      await Promise.all(
        targets.slice(i, i + 16).map(async ([target, from]) => {
          const r = await fetch(origin + target);
          await r.arrayBuffer();
          if (r.status !== 200) broken.push(`${target} (linked from ${from}): HTTP ${r.status}`);
        }),
      );
    }

    console.log(
      `[docs] ${fullLoads} pages loaded in full, ${spaLoads} API pages through the router, ${links.size} internal links checked`,
    );
    expect(problems).toEqual([]);
    expect(broken).toEqual([]);
    for (const p of [
      "/guide/getting-started.html",
      "/guide/concepts.html",
      "/results.html",
      "/demo.html",
      "/guide/topic-tree.html",
      "/api/",
    ]) {
      expect(seen.has(p), `${p} should be linked from the site`).toBe(true);
    }
    expect(fullLoads + spaLoads).toBeGreaterThan(50);
  });

  it("renders the home page and the formulas", async () => {
    const page = await context.newPage();
    const problems = watch(page, preview!.origin);
    await page.goto(`${preview!.origin}/`);
    await hydrated(page);
    await expect.poll(() => page.locator(".VPHero .name").textContent()).toContain("Neural NMF");
    await page.screenshot({ path: join(SCREENSHOTS, "home.png") });
    // MathJax renders the formulas of the concepts page at build time, as SVG.
    await page.goto(`${preview!.origin}/guide/concepts.html`);
    await hydrated(page);
    expect(await page.locator("mjx-container svg").count()).toBeGreaterThan(10);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("draws the results as SVG charts", async () => {
    const page = await context.newPage();
    const problems = watch(page, preview!.origin);
    await page.goto(`${preview!.origin}/results.html`);
    await hydrated(page);
    if (existsSync(join(DOCS_DIR, "public", "results", "reproduce.json"))) {
      expect(await page.locator('svg[data-testid="bar-chart"] rect').count()).toBeGreaterThan(10);
      expect(await page.locator("table").count()).toBeGreaterThan(0);
    }
    expect(problems).toEqual([]);
    await page.close();
  });

  it("draws the Brown topic tree, whose levels expand and collapse", async () => {
    const page = await context.newPage();
    const problems = watch(page, preview!.origin);
    await page.goto(`${preview!.origin}/guide/topic-tree.html`);
    await hydrated(page);
    const tree = page.locator('[data-testid="brown-tree"] .nnmf-tt');
    await tree.waitFor({ timeout: 10_000 });
    const topics = (level: number) => tree.locator(`details.nnmf-topic[data-level="${level}"]`);
    // 2 → 5 → 15 topics, each level summarised with its mean coherence.
    expect(await topics(3).count()).toBe(2);
    expect(await topics(2).count()).toBe(5);
    expect(await topics(1).count()).toBe(15);
    expect(await tree.locator(".nnmf-levels tbody tr").count()).toBe(3);
    expect(await tree.locator(".nnmf-levels").textContent()).toMatch(/mean NPMI/);
    // Open down to level 1 at first; the documents are closed.
    await expect.poll(() => topics(1).first().isVisible()).toBe(true);
    expect(await tree.locator(".nnmf-doc-list").first().isVisible()).toBe(false);
    // Collapse to the top level: only the 2 roots are left in view.
    await tree.locator('[data-nnmf-expand="3"]').click();
    await expect.poll(() => topics(2).first().isVisible()).toBe(false);
    expect(await topics(3).nth(1).isVisible()).toBe(true);
    // Open one root by its summary: its level-2 topics show, their children stay closed.
    const root = topics(3).first();
    await root.locator(":scope > summary").click();
    await expect
      .poll(() => root.locator('details.nnmf-topic[data-level="2"]').first().isVisible())
      .toBe(true);
    expect(await root.locator('details.nnmf-topic[data-level="1"]').first().isVisible()).toBe(
      false,
    );
    // Everything, with the representative texts of each topic.
    await tree.locator('[data-nnmf-expand="all"]').click();
    await expect.poll(() => tree.locator(".nnmf-doc-list li").first().isVisible()).toBe(true);
    expect(await tree.locator(".nnmf-doc-title").first().textContent()).toMatch(/^c[a-r]\d\d · /);
    // The static drawing of the same tree.
    const svg = page.locator('img[src$="brown-tree.svg"]');
    await expect
      .poll(() => svg.evaluate((img) => (img as HTMLImageElement).naturalWidth))
      .toBeGreaterThan(500);
    // The screenshot: the tree down to level 2.
    await tree.locator('[data-nnmf-expand="2"]').click();
    await expect.poll(() => topics(1).first().isVisible()).toBe(false);
    await page.addStyleTag({ content: ".VPNav, .VPLocalNav { visibility: hidden !important; }" });
    await page
      .locator('[data-testid="brown-tree"]')
      .screenshot({ path: join(SCREENSHOTS, "topic-tree.png") });
    expect(problems).toEqual([]);
    await page.close();
  });

  it("trains a model in a Web Worker and shows the loss and the topic tree", async () => {
    const page = await context.newPage();
    const problems = watch(page, preview!.origin);
    const workers: string[] = [];
    page.on("worker", (w) => workers.push(w.url()));
    await page.goto(`${preview!.origin}/demo.html`);
    await hydrated(page);
    const train = page.locator('[data-testid="demo-train"]');
    const done = page.locator('[data-testid="demo-done"]');

    // Synthetic data, ranks 9, 4, 2: 2 + 4 + 9 topics in the tree.
    await train.click();
    await done.waitFor({ timeout: 60_000 });
    expect(workers.some((u) => u.includes("train.worker"))).toBe(true);
    // The tree is drawn by the library's renderer (topicTreeHtmlFragment): one <details> a topic.
    expect(await page.locator('[data-testid="topic-tree"] details.nnmf-topic').count()).toBe(15);
    const d =
      (await page.locator('[data-testid="demo-loss-chart"] path.series').getAttribute("d")) ?? "";
    expect((d.match(/L/g) ?? []).length).toBeGreaterThan(5);
    // The table of relative errors (the tree has a table of its own, one row a level, too).
    expect(await page.locator('[data-testid="demo-result"] > table tbody tr').count()).toBe(3);
    expect(await page.locator('[data-testid="topic-tree"] .nnmf-levels tbody tr').count()).toBe(3);

    // The bundled text sample, ranks 4, 2: sport and home.
    await page.locator('[data-testid="demo-source-text"]').check();
    await expect.poll(() => page.locator('[data-testid="demo-ranks"]').inputValue()).toBe("4, 2");
    await train.click();
    await done.waitFor({ state: "detached", timeout: 10_000 });
    await done.waitFor({ timeout: 60_000 });
    expect(await page.locator('[data-testid="topic-tree"] details.nnmf-topic').count()).toBe(6);
    expect(
      await page.locator('[data-testid="topic-tree"] .nnmf-coh').first().textContent(),
    ).toMatch(/^NPMI -?\d\.\d{3}|^NPMI −\d\.\d{3}/);
    const tree = (await page.locator('[data-testid="topic-tree"]').textContent()) ?? "";
    expect(tree).toMatch(/football|tennis/);
    expect(tree).toMatch(/garden|soil|bread|flour|oven/);
    // The fixed navigation bar would cover the top of an element screenshot.
    await page.addStyleTag({ content: ".VPNav, .VPLocalNav { visibility: hidden !important; }" });
    await page.locator('[data-testid="demo"]').screenshot({ path: join(SCREENSHOTS, "demo.png") });
    await page.addStyleTag({ content: ".VPNav, .VPLocalNav { visibility: visible !important; }" });

    // A bad input is reported on the page, not thrown.
    await page.locator('[data-testid="demo-ranks"]').fill("4, 4");
    await train.click();
    await expect
      .poll(() => page.locator('[data-testid="demo-error"]').count(), { timeout: 30_000 })
      .toBe(1);
    expect(await page.locator('[data-testid="demo-error"]').textContent()).toMatch(/decrease/);

    expect(problems).toEqual([]);
    await page.close();
  });
});
