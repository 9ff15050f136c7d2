/**
 * Columns of S grouped by their support (the set of strictly positive entries). Columns that
 * share a support share one Cholesky factor of the principal submatrix G_PP in the backward pass,
 * which is what makes it cost one small solve per distinct support instead of one per column.
 */
export interface SupportGroup {
  /** Row indices i with S[i, j] > 0, increasing. */
  readonly support: Int32Array;
  /** Columns j having exactly this support. */
  readonly columns: Int32Array;
}

/**
 * Groups the columns `[start, end)` of row-major S (k×n) by support; columns with an empty support
 * are omitted.
 * The key of a support is its bit pattern as a number while k ≤ 52 (exact in a double), and a
 * string of the bits beyond that.
 */
export function groupBySupport(
  s: Float64Array,
  k: number,
  n: number,
  start = 0,
  end = n,
): SupportGroup[] {
  const groups = new Map<number | string, { support: Int32Array; columns: number[] }>();
  const numeric = k <= 52;
  const flags = numeric ? null : new Array<string>(k);
  for (let j = start; j < end; j++) {
    let size = 0;
    let key = 0;
    let bit = 1;
    for (let i = 0; i < k; i++) {
      const positive = (s[i * n + j] as number) > 0;
      if (positive) {
        size++;
        key += bit;
      }
      if (flags) flags[i] = positive ? "1" : "0";
      bit *= 2;
    }
    if (size === 0) continue;
    const mapKey = flags ? flags.join("") : key;
    let g = groups.get(mapKey);
    if (g === undefined) {
      const support = new Int32Array(size);
      let t = 0;
      for (let i = 0; i < k; i++) if ((s[i * n + j] as number) > 0) support[t++] = i;
      g = { support, columns: [] };
      groups.set(mapKey, g);
    }
    g.columns.push(j);
  }
  return Array.from(groups.values(), (g) => ({
    support: g.support,
    columns: Int32Array.from(g.columns),
  }));
}
