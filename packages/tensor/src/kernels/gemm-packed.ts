/**
 * Cache-blocked matrix product over packed panels (the GotoBLAS / BLIS loop structure), for
 * operands too large to stay in cache when read in place.
 *
 * Loops, outermost first: columns of C in blocks of {@link NC}; the inner dimension in blocks of
 * {@link KC} (a KC×NC block of op(B) is packed once and stays in L3/L2); rows of C in blocks of
 * {@link MC} (an MC×KC block of op(A) is packed once and stays in L2); then MR×NR tiles of C, each
 * computed by a micro-kernel that streams one MR-row sliver of packed A and one NR-column sliver
 * of packed B, both contiguous, through local-variable accumulators.
 *
 * Packing is also where transposition happens: the packed layouts are the same whatever the
 * storage of A and B, so the micro-kernel, which does all the arithmetic, has one form and the
 * four transpose combinations run at the same speed.
 * @module
 */

/** Rows of a micro-tile. 3×4 measured fastest in V8 (12 accumulators + 7 operands fit the 16 SSE registers). */
const MR = 3;
/** Columns of a micro-tile. */
const NR = 4;
/** Inner-dimension block: one KC×NR sliver of B (8 KiB) stays in L1 while a row block of A streams past. */
const KC = 256;
/** Row block (a multiple of MR): the MC×KC block of packed A (192 KiB) stays in L2. */
const MC = 96;
/** Column block (a multiple of NR): bounds the packed B block at KC×NC (2 MiB). */
const NC = 1024;

// Packing buffers live at module level and only ever grow (to at most MC×KC and KC×NC doubles,
// about 2.2 MiB together), so repeated products allocate nothing. gemm is synchronous and never
// calls out, so no two calls can use them at the same time.
let packedA = new Float64Array(0);
let packedB = new Float64Array(0);
// Staging area for tiles that stick out of C: the micro-kernel always computes a full MR×NR
// tile (the padding in the packed panels is zero), and only the part inside C is written back.
const edgeTile = new Float64Array(MR * NR);

/**
 * Copies rows `ic..ic+mc` and inner indices `pc..pc+kc` of op(A) into `dst` as consecutive
 * MR-row slivers, each stored p-major (`MR` values per inner index), zero-padded to a multiple
 * of MR rows.
 */
function packA(
  transA: boolean,
  a: Float64Array,
  m: number,
  k: number,
  ic: number,
  mc: number,
  pc: number,
  kc: number,
  dst: Float64Array,
): void {
  let o = 0;
  for (let ir = 0; ir < mc; ir += MR) {
    const i0 = ic + ir;
    const rows = Math.min(MR, mc - ir);
    if (rows === MR && transA) {
      // op(A)(i, p) = a[p·m + i]: the sliver's three values are adjacent in memory.
      for (let p = 0, s = pc * m + i0; p < kc; p++, s += m, o += MR) {
        dst[o] = a[s] as number;
        dst[o + 1] = a[s + 1] as number;
        dst[o + 2] = a[s + 2] as number;
      }
    } else if (rows === MR) {
      // op(A)(i, p) = a[i·k + p]: three rows read in parallel, each contiguous.
      const s0 = i0 * k + pc;
      const s1 = s0 + k;
      const s2 = s1 + k;
      for (let p = 0; p < kc; p++, o += MR) {
        dst[o] = a[s0 + p] as number;
        dst[o + 1] = a[s1 + p] as number;
        dst[o + 2] = a[s2 + p] as number;
      }
    } else {
      for (let p = 0; p < kc; p++, o += MR) {
        for (let t = 0; t < MR; t++) {
          const i = i0 + t;
          const pp = pc + p;
          dst[o + t] = t < rows ? ((transA ? a[pp * m + i] : a[i * k + pp]) as number) : 0;
        }
      }
    }
  }
}

/**
 * Copies inner indices `pc..pc+kc` and columns `jc..jc+nc` of op(B) into `dst` as consecutive
 * NR-column slivers, each stored p-major (`NR` values per inner index), zero-padded to a multiple
 * of NR columns.
 */
function packB(
  transB: boolean,
  b: Float64Array,
  n: number,
  k: number,
  jc: number,
  nc: number,
  pc: number,
  kc: number,
  dst: Float64Array,
): void {
  let o = 0;
  for (let jr = 0; jr < nc; jr += NR) {
    const j0 = jc + jr;
    const cols = Math.min(NR, nc - jr);
    if (cols === NR && transB) {
      // op(B)(p, j) = b[j·k + p]: four rows of the stored B read in parallel.
      const s0 = j0 * k + pc;
      const s1 = s0 + k;
      const s2 = s1 + k;
      const s3 = s2 + k;
      for (let p = 0; p < kc; p++, o += NR) {
        dst[o] = b[s0 + p] as number;
        dst[o + 1] = b[s1 + p] as number;
        dst[o + 2] = b[s2 + p] as number;
        dst[o + 3] = b[s3 + p] as number;
      }
    } else if (cols === NR) {
      for (let p = 0, s = pc * n + j0; p < kc; p++, s += n, o += NR) {
        dst[o] = b[s] as number;
        dst[o + 1] = b[s + 1] as number;
        dst[o + 2] = b[s + 2] as number;
        dst[o + 3] = b[s + 3] as number;
      }
    } else {
      for (let p = 0; p < kc; p++, o += NR) {
        for (let t = 0; t < NR; t++) {
          const j = j0 + t;
          const pp = pc + p;
          dst[o + t] = t < cols ? ((transB ? b[j * k + pp] : b[pp * n + j]) as number) : 0;
        }
      }
    }
  }
}

/**
 * One MR×NR tile: `C[ci…] (+)= Ap-sliver · Bp-sliver` over `kc` inner indices. `rows`/`cols`
 * say how much of the tile lies inside C; `overwrite` stores instead of adding (first KC block
 * of a non-accumulating product).
 */
function microKernel(
  kc: number,
  ap: Float64Array,
  pa: number,
  bp: Float64Array,
  pb: number,
  c: Float64Array,
  ci: number,
  ldc: number,
  rows: number,
  cols: number,
  overwrite: boolean,
): void {
  let c00 = 0;
  let c01 = 0;
  let c02 = 0;
  let c03 = 0;
  let c10 = 0;
  let c11 = 0;
  let c12 = 0;
  let c13 = 0;
  let c20 = 0;
  let c21 = 0;
  let c22 = 0;
  let c23 = 0;
  // Unrolling this loop by two measured ~15% slower (register spills), so it stays plain.
  for (let p = 0; p < kc; p++, pa += MR, pb += NR) {
    const a0 = ap[pa] as number;
    const a1 = ap[pa + 1] as number;
    const a2 = ap[pa + 2] as number;
    const b0 = bp[pb] as number;
    const b1 = bp[pb + 1] as number;
    const b2 = bp[pb + 2] as number;
    const b3 = bp[pb + 3] as number;
    c00 += a0 * b0;
    c01 += a0 * b1;
    c02 += a0 * b2;
    c03 += a0 * b3;
    c10 += a1 * b0;
    c11 += a1 * b1;
    c12 += a1 * b2;
    c13 += a1 * b3;
    c20 += a2 * b0;
    c21 += a2 * b1;
    c22 += a2 * b2;
    c23 += a2 * b3;
  }
  if (rows === MR && cols === NR) {
    const r1 = ci + ldc;
    const r2 = r1 + ldc;
    if (overwrite) {
      c[ci] = c00;
      c[ci + 1] = c01;
      c[ci + 2] = c02;
      c[ci + 3] = c03;
      c[r1] = c10;
      c[r1 + 1] = c11;
      c[r1 + 2] = c12;
      c[r1 + 3] = c13;
      c[r2] = c20;
      c[r2 + 1] = c21;
      c[r2 + 2] = c22;
      c[r2 + 3] = c23;
    } else {
      c[ci]! += c00;
      c[ci + 1]! += c01;
      c[ci + 2]! += c02;
      c[ci + 3]! += c03;
      c[r1]! += c10;
      c[r1 + 1]! += c11;
      c[r1 + 2]! += c12;
      c[r1 + 3]! += c13;
      c[r2]! += c20;
      c[r2 + 1]! += c21;
      c[r2 + 2]! += c22;
      c[r2 + 3]! += c23;
    }
    return;
  }
  const e = edgeTile;
  e[0] = c00;
  e[1] = c01;
  e[2] = c02;
  e[3] = c03;
  e[4] = c10;
  e[5] = c11;
  e[6] = c12;
  e[7] = c13;
  e[8] = c20;
  e[9] = c21;
  e[10] = c22;
  e[11] = c23;
  for (let r = 0; r < rows; r++) {
    for (let t = 0; t < cols; t++) {
      const v = e[r * NR + t] as number;
      const q = ci + r * ldc + t;
      c[q] = overwrite ? v : (c[q] as number) + v;
    }
  }
}

/**
 * `C = op(A)·op(B)` (or `C += …`) through packed, cache-sized blocks. Sizes must already be
 * validated and non-zero. Allocates only the first time it meets a larger block than before.
 * @internal
 */
export function gemmPacked(
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  a: Float64Array,
  b: Float64Array,
  c: Float64Array,
  accumulate: boolean,
): void {
  const kcMax = Math.min(KC, k);
  const needA = kcMax * Math.ceil(Math.min(MC, m) / MR) * MR;
  const needB = kcMax * Math.ceil(Math.min(NC, n) / NR) * NR;
  if (packedA.length < needA) packedA = new Float64Array(needA);
  if (packedB.length < needB) packedB = new Float64Array(needB);
  const ap = packedA;
  const bp = packedB;

  for (let jc = 0; jc < n; jc += NC) {
    const nc = Math.min(NC, n - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = Math.min(KC, k - pc);
      // The first inner block stores, the later ones add: C is never cleared separately.
      const overwrite = pc === 0 && !accumulate;
      packB(transB, b, n, k, jc, nc, pc, kc, bp);
      for (let ic = 0; ic < m; ic += MC) {
        const mc = Math.min(MC, m - ic);
        packA(transA, a, m, k, ic, mc, pc, kc, ap);
        for (let jr = 0; jr < nc; jr += NR) {
          const cols = Math.min(NR, nc - jr);
          const pb = jr * kc;
          for (let ir = 0; ir < mc; ir += MR) {
            const rows = Math.min(MR, mc - ir);
            microKernel(
              kc,
              ap,
              ir * kc,
              bp,
              pb,
              c,
              (ic + ir) * n + jc + jr,
              n,
              rows,
              cols,
              overwrite,
            );
          }
        }
      }
    }
  }
}
