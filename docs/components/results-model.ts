/**
 * Turns the JSON files of `docs/public/results/` into what the Results page draws. Runs at build
 * time (in `results.data.ts`); every reader is defensive, since the files are written by scripts
 * that evolve: a file this module does not understand is listed, not fatal.
 */

/** A results file as read from disk. */
export interface RawResultFile {
  name: string;
  json?: unknown;
  error?: string;
}

export interface SyntheticRow {
  mode: string;
  layers: number;
  /** Our worst relative error over the seeds (top level). */
  error: number | null;
  bestError: number | null;
  svdBound: number | null;
  reference: number | null;
  slides: number | null;
  accuracy: number | null;
  referenceAccuracy: number | null;
  slidesAccuracy: number | null;
  epochs: number | null;
  seconds: number | null;
}

export interface NewsRow {
  method: string;
  accuracy1: number | null;
  accuracy2: number | null;
  paper1: number | null;
  paper2: number | null;
  relativeError: number | null;
  seconds: number | null;
}

export interface BenchConfig {
  label: string;
  oursMs: number | null;
  referenceMs: number | null;
  speedup: number | null;
  note: string;
}

export interface Benchmark {
  file: string;
  title: string;
  command: string | null;
  date: string | null;
  environment: string | null;
  referenceName: string;
  /** Unit of the times: "ms" or "ms/epoch". */
  unit: string;
  configs: BenchConfig[];
  targets: { name: string; met: boolean }[];
}

export interface LossCurve {
  title: string;
  series: { name: string; points: [number, number][] }[];
}

export interface ResultsModel {
  files: { name: string; status: "ok" | "unrecognised" | "error"; detail: string }[];
  generated: string | null;
  seeds: number[];
  synthetic: SyntheticRow[];
  news: NewsRow[];
  benchmarks: Benchmark[];
  lossCurves: LossCurve[];
}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === "string" ? v : null);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** `2026-11-25T20:32:53.822Z` → `2026-11-25 20:32 UTC` (the same on the server and in the browser). */
export function formatDate(iso: string | null): string | null {
  if (iso === null) return null;
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return m ? `${m[1]} ${m[2]} UTC` : iso;
}

/** Reads every file; never throws. */
export function buildResults(files: readonly RawResultFile[]): ResultsModel {
  const model: ResultsModel = {
    files: [],
    generated: null,
    seeds: [],
    synthetic: [],
    news: [],
    benchmarks: [],
    lossCurves: [],
  };
  for (const f of files) {
    if (f.error !== undefined || f.json === undefined) {
      model.files.push({ name: f.name, status: "error", detail: f.error ?? "no content" });
      continue;
    }
    try {
      const parts: string[] = [];
      // The Brown topic tree (brown-tree.json) is drawn by the topic-tree page, not here.
      if (isObj(f.json) && f.json.format === "neural-nmf-topic-tree") {
        model.files.push({ name: f.name, status: "ok", detail: "a topic tree (topic-tree page)" });
        continue;
      }
      if (f.name.startsWith("reproduce") && readReproduce(f.json, model))
        parts.push("accuracy and error tables");
      if (f.name.startsWith("bench-")) {
        const b = readBenchmark(f.name, f.json);
        if (b) {
          model.benchmarks.push(b);
          parts.push(`${b.configs.length} benchmark configurations`);
        }
      }
      const curves = findLossCurves(f.name, f.json);
      if (curves.length) {
        model.lossCurves.push(...curves);
        parts.push(`${curves.length} loss curves`);
      }
      model.files.push(
        parts.length
          ? { name: f.name, status: "ok", detail: parts.join(", ") }
          : {
              name: f.name,
              status: "unrecognised",
              detail: "no figures this page knows how to draw",
            },
      );
    } catch (e) {
      model.files.push({
        name: f.name,
        status: "error",
        detail: e instanceof Error ? e.message : String(e),
      });
    }
  }
  return model;
}

function readReproduce(json: unknown, model: ResultsModel): boolean {
  if (!isObj(json)) return false;
  model.generated = formatDate(str(json.generated));
  model.seeds = arr(json.seeds)
    .map(num)
    .filter((v): v is number => v !== null);
  const syn = isObj(json.synthetic) ? json.synthetic : null;
  for (const r of arr(syn?.summary)) {
    if (!isObj(r)) continue;
    model.synthetic.push({
      mode: str(r.mode) ?? "?",
      layers: num(r.layers) ?? 0,
      error: num(r.worstError) ?? num(r.error),
      bestError: num(r.bestError),
      svdBound: num(r.svdBound),
      reference: num(r.referenceError),
      slides: num(r.slidesError),
      accuracy: num(r.worstAccuracy) ?? num(r.accuracy),
      referenceAccuracy: num(r.referenceAccuracy),
      slidesAccuracy: num(r.slidesAccuracy),
      epochs: num(r.maxEpochs) ?? num(r.epochs),
      seconds: num(r.maxSeconds) ?? num(r.seconds),
    });
  }
  const news = isObj(json.news) ? json.news : null;
  for (const r of arr(news?.summary)) {
    if (!isObj(r)) continue;
    const paper = arr(r.paper).map(num);
    model.news.push({
      method: str(r.method) ?? "?",
      accuracy1: num(r.accuracyLayer1),
      accuracy2: num(r.accuracyLayer2),
      paper1: paper[0] ?? null,
      paper2: paper[1] ?? null,
      relativeError: num(r.relativeError),
      seconds: num(r.seconds),
    });
  }
  return model.synthetic.length > 0 || model.news.length > 0;
}

function shapeLabel(shape: unknown): string | null {
  if (typeof shape === "string") return shape;
  if (!isObj(shape)) return null;
  const entries = Object.entries(shape).filter(([, v]) => typeof v === "number");
  return entries.length ? entries.map(([k, v]) => `${k}=${v}`).join(" ") : null;
}

function timeOf(o: unknown): number | null {
  if (typeof o === "number") return num(o);
  if (!isObj(o)) return null;
  return num(o.medianMs) ?? num(o.bestMs) ?? num(o.ms) ?? num(o.meanMs) ?? num(o.msPerEpoch);
}

const REFERENCE_KEYS = ["reference", "scipy", "python", "baseline"] as const;

/** Friendlier titles of the benchmarks this repository writes; others keep their file name. */
const BENCH_TITLES: Record<string, string> = {
  "nnls-forward": "NNLS forward pass (the solver) against SciPy",
  "nnls-backward": "NNLS backward pass (the layer's gradient) against the reference",
  compare: "Training epochs against the reference implementation",
};

function readBenchmark(file: string, json: unknown): Benchmark | null {
  if (!isObj(json)) return null;
  const results = arr(json.results ?? json.rows).filter(isObj);
  let referenceName = "reference";
  let perEpoch = false;
  const configs: BenchConfig[] = results.map((r, i) => {
    const refKey = REFERENCE_KEYS.find((k) => r[k] !== undefined);
    if (refKey === "scipy") referenceName = "SciPy";
    if (r.referenceMsPerEpoch !== undefined) perEpoch = true;
    const oursMs =
      num(r.oursMs) ?? timeOf(r.ours) ?? num(r.oursSameWorkMsPerEpoch) ?? num(r.oursMsPerEpoch);
    const referenceMs =
      num(r.referenceMs) ?? (refKey ? timeOf(r[refKey]) : null) ?? num(r.referenceMsPerEpoch);
    const speedup =
      num(r.speedupMedian) ??
      num(r.speedup) ??
      num(r.ratio) ??
      (oursMs !== null && referenceMs !== null && oursMs > 0 ? referenceMs / oursMs : null);
    const label =
      str(r.name) ?? str(r.label) ?? str(r.config) ?? shapeLabel(r.shape) ?? `#${i + 1}`;
    const ours = isObj(r.ours) ? r.ours : {};
    const notes: string[] = [];
    const kkt = num(ours.maxKktViolation);
    if (kkt !== null) notes.push(`KKT ${kkt.toExponential(1)}`);
    const diff = num(r.maxRelDiffVsScipy) ?? num(r.maxRelDiff) ?? num(r.maxRelativeDifference);
    if (diff !== null) notes.push(`max rel. diff ${diff.toExponential(1)}`);
    const defaultMs = num(r.oursDefaultMsPerEpoch);
    if (defaultMs !== null) notes.push(`default optimiser ${defaultMs.toPrecision(3)} ms/epoch`);
    return { label, oursMs, referenceMs, speedup, note: notes.join(", ") };
  });
  if (!configs.some((c) => c.speedup !== null || c.oursMs !== null)) return null;
  const env = isObj(json.environment)
    ? Object.entries(json.environment)
        .map(([k, v]) => `${k} ${String(v)}`)
        .join(", ")
    : null;
  const targets = isObj(json.targets)
    ? Object.entries(json.targets)
        .filter(([, v]) => typeof v === "boolean")
        .map(([name, met]) => ({ name, met: met as boolean }))
    : [];
  const name = str(json.benchmark) ?? file.replace(/^bench-|\.json$/g, "");
  return {
    file,
    title: BENCH_TITLES[name] ?? name,
    command: str(json.command),
    date: formatDate(str(json.date) ?? str(json.generated)),
    environment: env,
    referenceName,
    unit: perEpoch ? "ms/epoch" : "ms",
    configs,
    targets,
  };
}

const CURVE_KEY = /loss|curve|history/i;

/**
 * Loss curves anywhere in a file: arrays of at least 3 finite numbers (or of `{ loss }` objects)
 * under a key that mentions loss, curve or history, at most four levels deep. The series name is
 * built from the sibling fields that identify the run (mode, layers, method, seed).
 */
export function findLossCurves(file: string, json: unknown): LossCurve[] {
  const found: { name: string; points: [number, number][] }[] = [];
  const visit = (v: unknown, context: string, depth: number): void => {
    if (depth > 4) return;
    if (Array.isArray(v)) {
      v.forEach((item, i) => {
        const name = isObj(item) ? (runName(item) ?? `#${i + 1}`) : null;
        visit(item, name === null ? context : context ? `${context} · ${name}` : name, depth + 1);
      });
      return;
    }
    if (!isObj(v)) return;
    for (const [k, child] of Object.entries(v)) {
      if (CURVE_KEY.test(k) && Array.isArray(child)) {
        const values = child.map((c) => (isObj(c) ? num(c.loss) : num(c)));
        if (values.length >= 3 && values.every((x) => x !== null)) {
          found.push({
            name: `${context}${context ? " · " : ""}${k}`,
            points: values.map((y, i) => [i + 1, y as number]),
          });
          continue;
        }
      }
      if (typeof child === "object") visit(child, context, depth + 1);
    }
  };
  visit(json, "", 0);
  if (found.length === 0) return [];
  // At most 4 series per chart, so the lines stay readable.
  const curves: LossCurve[] = [];
  for (let i = 0; i < found.length; i += 4) {
    curves.push({
      title: `${file}${found.length > 4 ? ` (${i / 4 + 1})` : ""}`,
      series: found.slice(i, i + 4),
    });
  }
  return curves;
}

function runName(o: Obj): string | null {
  const parts = ["method", "mode", "layers", "seed"]
    .map((k) =>
      o[k] === undefined
        ? null
        : k === "layers"
          ? `${o[k]} layers`
          : k === "seed"
            ? `seed ${o[k]}`
            : String(o[k]),
    )
    .filter((s): s is string => s !== null);
  return parts.length ? parts.join(" ") : null;
}
