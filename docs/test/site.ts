/**
 * Helpers of the browser test: build the site, serve it with `vitepress preview`, and stop the
 * server again. Only processes started here are ever stopped (by their own pid).
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

export const DOCS_DIR = fileURLToPath(new URL("..", import.meta.url));
export const CHROMIUM = "/usr/bin/chromium";

const bin = (name: string) =>
  fileURLToPath(new URL(`../node_modules/.bin/${name}`, import.meta.url));

/** Runs one build step and throws with its output when it fails. */
function step(command: string, args: string[]): void {
  const r = spawnSync(command, args, {
    cwd: DOCS_DIR,
    encoding: "utf8",
    env: { ...process.env, FORCE_COLOR: "0" },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) {
    throw new Error(
      `${command} ${args.join(" ")} failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`,
    );
  }
}

/** `typedoc && vitepress build`, the package's build script. */
export function buildSite(): void {
  if (!existsSync(bin("typedoc")) || !existsSync(bin("vitepress"))) {
    throw new Error(
      "typedoc / vitepress are not installed: run `pnpm install` at the repository root",
    );
  }
  step(bin("typedoc"), []);
  step(bin("vitepress"), ["build"]);
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface Preview {
  origin: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `vitepress preview` on a free port and waits until it answers. */
export async function startPreview(timeoutMs = 30_000): Promise<Preview> {
  const port = await freePort();
  const child = spawn(
    bin("vitepress"),
    ["preview", "--host", "127.0.0.1", "--port", String(port)],
    {
      cwd: DOCS_DIR,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, FORCE_COLOR: "0" },
    },
  );
  let output = "";
  child.stdout?.on("data", (d) => {
    output += String(d);
  });
  child.stderr?.on("data", (d) => {
    output += String(d);
  });
  const origin = `http://127.0.0.1:${port}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) {
        resolve();
        return;
      }
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        resolve();
      }, 5000);
      child.once("exit", () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill("SIGTERM");
    });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`vitepress preview exited early:\n${output}`);
    try {
      const r = await fetch(`${origin}/`);
      if (r.ok) return { origin, process: child, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  throw new Error(
    `vitepress preview did not answer on ${origin} within ${timeoutMs} ms:\n${output}`,
  );
}

/** The path of a same-origin URL (no hash, no query; percent-encoded), or null for other origins. */
export function pagePath(href: string, origin: string): string | null {
  let url: URL;
  try {
    url = new URL(href, origin);
  } catch {
    return null;
  }
  if (url.origin !== origin) return null;
  return url.pathname;
}

/** Whether a path is an HTML page of the site (as opposed to a JSON file, an image, …). */
export function isPage(path: string): boolean {
  return path.endsWith("/") || path.endsWith(".html") || !/\.[a-z0-9]+$/i.test(path);
}
