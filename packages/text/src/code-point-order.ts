import { ArgumentTypeError } from "@neural-nmf/tensor";
import { describeValue } from "./validate.js";

/**
 * Compares two strings by Unicode code points, the order of Python's `sorted()` and therefore of
 * scikit-learn's vocabularies.
 *
 * JavaScript's default string comparison works on UTF-16 code units, which puts astral characters
 * (stored as surrogates D800–DFFF) *before* U+E000–U+FFFF (full-width forms, ligatures such as
 * "ﬁ"). Only the first differing unit matters, so remapping that pair of units is enough.
 *
 * @returns a negative number, zero or a positive number, as `Array.prototype.sort` expects.
 * @throws ArgumentTypeError (from `@neural-nmf/tensor`) when `a` or `b` is not a string (a number
 *   would otherwise compare as NaN and leave a sort silently unsorted).
 */
export function compareCodePoints(a: string, b: string): number {
  if (typeof a !== "string" || typeof b !== "string") {
    const [name, value] = typeof a !== "string" ? ["a", a] : ["b", b];
    throw new ArgumentTypeError(
      `compareCodePoints: argument \`${name}\` must be a string, got ${describeValue(value)}`,
      name,
    );
  }
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codeUnitRank(x) - codeUnitRank(y);
  }
  return a.length - b.length;
}

/**
 * Moves surrogates above U+E000–U+FFFF and those below them, keeping the order inside each block;
 * everything under U+D800 is already in code-point order.
 */
function codeUnitRank(unit: number): number {
  if (unit < 0xd800) return unit;
  if (unit < 0xe000) return unit + 0x2000;
  return unit - 0x800;
}
