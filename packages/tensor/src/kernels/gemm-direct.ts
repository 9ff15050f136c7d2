/**
 * Register-blocked matrix product that reads the operands where they are, with no packing.
 *
 * Packing pays for itself only when each packed element is reused many times and the operands
 * would otherwise fall out of cache. For the shapes this library multiplies most often (an 87×9
 * factor by a 9×90 one, many times per second) the operands fit in L1/L2 and the copy would be
 * a sizeable share of the work, so this kernel is both the small-size fast path and the
 * reference point the blocked kernel has to beat.
 *
 * Both transposes are handled by strides rather than branches: element (i, p) of op(A) is
 * `a[i·sai + p·sap]` and element (p, j) of op(B) is `b[p·sbp + j·sbj]`, so one loop nest serves all
 * four combinations at the same speed.
 *
 * Each dot product is summed in index order 0..k-1 into a local variable, exactly as a naive
 * triple loop would, so results match the textbook definition bit for bit.
 * @module
 */

/**
 * `C = op(A)·op(B)` (or `C += …`) through 3×4 tiles of local-variable accumulators, with 3×1,
 * 1×4 and 1×1 tiles for the ragged right and bottom edges so no work is wasted on padding.
 * Sizes must already be validated and non-zero.
 * @internal
 */
export function gemmDirect(
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
  const sai = transA ? 1 : k;
  const sap = transA ? m : 1;
  const sbp = transB ? 1 : n;
  const sbj = transB ? k : 1;
  const m3 = m - (m % 3);
  const n4 = n - (n % 4);

  for (let i = 0; i < m3; i += 3) {
    const ia0 = i * sai;
    const ia1 = ia0 + sai;
    const ia2 = ia1 + sai;
    for (let j = 0; j < n4; j += 4) {
      const ib0 = j * sbj;
      const ib1 = ib0 + sbj;
      const ib2 = ib1 + sbj;
      const ib3 = ib2 + sbj;
      // Twelve accumulators plus seven operands is about what V8 keeps in the 16 SSE registers of
      // x86-64 without spilling; 4×4 tiles measured slower for exactly that reason.
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
      for (let p = 0, pa = 0, pb = 0; p < k; p++, pa += sap, pb += sbp) {
        const a0 = a[ia0 + pa] as number;
        const a1 = a[ia1 + pa] as number;
        const a2 = a[ia2 + pa] as number;
        const b0 = b[ib0 + pb] as number;
        const b1 = b[ib1 + pb] as number;
        const b2 = b[ib2 + pb] as number;
        const b3 = b[ib3 + pb] as number;
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
      const r0 = i * n + j;
      const r1 = r0 + n;
      const r2 = r1 + n;
      if (accumulate) {
        c[r0]! += c00;
        c[r0 + 1]! += c01;
        c[r0 + 2]! += c02;
        c[r0 + 3]! += c03;
        c[r1]! += c10;
        c[r1 + 1]! += c11;
        c[r1 + 2]! += c12;
        c[r1 + 3]! += c13;
        c[r2]! += c20;
        c[r2 + 1]! += c21;
        c[r2 + 2]! += c22;
        c[r2 + 3]! += c23;
      } else {
        c[r0] = c00;
        c[r0 + 1] = c01;
        c[r0 + 2] = c02;
        c[r0 + 3] = c03;
        c[r1] = c10;
        c[r1 + 1] = c11;
        c[r1 + 2] = c12;
        c[r1 + 3] = c13;
        c[r2] = c20;
        c[r2 + 1] = c21;
        c[r2 + 2] = c22;
        c[r2 + 3] = c23;
      }
    }
    for (let j = n4; j < n; j++) {
      let c0 = 0;
      let c1 = 0;
      let c2 = 0;
      for (let p = 0, pa = 0, pb = j * sbj; p < k; p++, pa += sap, pb += sbp) {
        const bv = b[pb] as number;
        c0 += (a[ia0 + pa] as number) * bv;
        c1 += (a[ia1 + pa] as number) * bv;
        c2 += (a[ia2 + pa] as number) * bv;
      }
      const r0 = i * n + j;
      if (accumulate) {
        c[r0]! += c0;
        c[r0 + n]! += c1;
        c[r0 + 2 * n]! += c2;
      } else {
        c[r0] = c0;
        c[r0 + n] = c1;
        c[r0 + 2 * n] = c2;
      }
    }
  }

  for (let i = m3; i < m; i++) {
    const ia = i * sai;
    for (let j = 0; j < n4; j += 4) {
      const ib0 = j * sbj;
      const ib1 = ib0 + sbj;
      const ib2 = ib1 + sbj;
      const ib3 = ib2 + sbj;
      let c0 = 0;
      let c1 = 0;
      let c2 = 0;
      let c3 = 0;
      for (let p = 0, pa = ia, pb = 0; p < k; p++, pa += sap, pb += sbp) {
        const av = a[pa] as number;
        c0 += av * (b[ib0 + pb] as number);
        c1 += av * (b[ib1 + pb] as number);
        c2 += av * (b[ib2 + pb] as number);
        c3 += av * (b[ib3 + pb] as number);
      }
      const r = i * n + j;
      if (accumulate) {
        c[r]! += c0;
        c[r + 1]! += c1;
        c[r + 2]! += c2;
        c[r + 3]! += c3;
      } else {
        c[r] = c0;
        c[r + 1] = c1;
        c[r + 2] = c2;
        c[r + 3] = c3;
      }
    }
    for (let j = n4; j < n; j++) {
      let s = 0;
      for (let p = 0, pa = ia, pb = j * sbj; p < k; p++, pa += sap, pb += sbp) {
        s += (a[pa] as number) * (b[pb] as number);
      }
      const r = i * n + j;
      c[r] = accumulate ? (c[r] as number) + s : s;
    }
  }
}
