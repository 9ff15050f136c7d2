/**
 * Small, dependency-free helpers for the site's SVG charts: scales, "nice" tick values and path
 * strings. The Vue components only lay out what these functions compute, so the maths is
 * unit-tested in Node (`test/charts.test.ts`).
 */

/** A map from data values to pixels. */
export interface Scale {
  (value: number): number;
  /** Tick values inside the domain. */
  ticks: number[];
  /** Whether the scale is logarithmic. */
  log: boolean;
}

/** Rounds a step to 1, 2 or 5 times a power of ten, whichever is nearest (geometrically). */
export function niceStep(span: number, count: number): number {
  if (!(span > 0) || !Number.isFinite(span)) return 1;
  const raw = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  const nice =
    fraction >= Math.sqrt(50)
      ? 10
      : fraction >= Math.sqrt(10)
        ? 5
        : fraction >= Math.sqrt(2)
          ? 2
          : 1;
  return nice * power;
}

/** Tick values covering [min, max] with about `count` intervals (nice multiples). */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (min === max) return [min];
  const step = niceStep(max - min, count);
  const start = Math.ceil(min / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let t = start; t <= max + step * 1e-9; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

/** Domain [0 or min, max] extended to nice tick boundaries. */
export function niceDomain(min: number, max: number, count = 5): [number, number] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [0, 1];
  if (min === max) return min === 0 ? [0, 1] : [Math.min(0, min), Math.max(0, max) * 1.1 || 1];
  const step = niceStep(max - min, count);
  return [Math.floor(min / step + 1e-9) * step, Math.ceil(max / step - 1e-9) * step];
}

/** A linear scale from `[d0, d1]` to `[r0, r1]`. */
export function linearScale(
  domain: [number, number],
  range: [number, number],
  tickCount = 5,
): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0 || 1;
  const f = ((v: number) => r0 + ((v - d0) / span) * (r1 - r0)) as Scale;
  f.ticks = niceTicks(d0, d1, tickCount);
  f.log = false;
  return f;
}

/** A base-10 logarithmic scale (domain must be positive). Ticks at powers of ten (and 2, 5). */
export function logScale(domain: [number, number], range: [number, number]): Scale {
  const lo = Math.log10(Math.max(domain[0], Number.MIN_VALUE));
  const hi = Math.log10(Math.max(domain[1], Number.MIN_VALUE));
  const [r0, r1] = range;
  const span = hi - lo || 1;
  const f = ((v: number) =>
    r0 + ((Math.log10(Math.max(v, Number.MIN_VALUE)) - lo) / span) * (r1 - r0)) as Scale;
  const ticks: number[] = [];
  const decades = Math.ceil(hi) - Math.floor(lo);
  const multipliers = decades <= 1 ? [1, 2, 5] : [1];
  for (let e = Math.floor(lo); e <= Math.ceil(hi); e++) {
    for (const m of multipliers) {
      const t = m * 10 ** e;
      const lt = Math.log10(t);
      if (lt >= lo - 1e-9 && lt <= hi + 1e-9) ticks.push(Number(t.toPrecision(12)));
    }
  }
  f.ticks = ticks;
  f.log = true;
  return f;
}

/** SVG path `M x y L x y …` through the points, skipping non-finite values (which break the line). */
export function linePath(
  points: readonly (readonly [number, number])[],
  x: Scale,
  y: Scale,
): string {
  let d = "";
  let pen = false;
  for (const [px, py] of points) {
    if (!Number.isFinite(px) || !Number.isFinite(py) || (y.log && py <= 0)) {
      pen = false;
      continue;
    }
    d += `${pen ? "L" : "M"}${round(x(px))} ${round(y(py))}`;
    pen = true;
  }
  return d;
}

/**
 * Keeps at most `max` points of a long series (evenly spaced, always the first and last), so a
 * live chart of thousands of epochs stays cheap to redraw.
 */
export function decimate<T>(points: readonly T[], max: number): T[] {
  if (points.length <= max || max < 2) return points.slice();
  const out: T[] = [];
  const step = (points.length - 1) / (max - 1);
  for (let i = 0; i < max; i++) out.push(points[Math.round(i * step)] as T);
  return out;
}

/** Short label of a number for an axis or a bar: 3 significant digits, no trailing zeros. */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return "–";
  if (v === 0) return "0";
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-3) return v.toExponential(1).replace("e+", "e");
  if (a >= 100) return String(Math.round(v));
  return String(Number(v.toPrecision(3)));
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}
