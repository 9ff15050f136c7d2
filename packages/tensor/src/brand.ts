/**
 * Class identity that survives two installed copies of a package.
 *
 * A bundler or a package manager can load `@neural-nmf/tensor` twice (two versions, or one
 * through a symlink and one from the registry); `instanceof` then fails between the copies and a
 * Tensor made by one is refused by the other. We chose a brand over making tensor a peer
 * dependency: a peer dependency only asks the package manager to dedupe, and does nothing for a
 * bundle that already holds two copies, whereas a brand makes the check itself tolerant. The
 * brand is a `Symbol.for` key (one registry per JavaScript realm) holding a string per class;
 * `instanceof` asks the ordinary prototype question first, so the usual case costs nothing extra.
 * @module
 */

/**
 * The registry key under which each branded class stores its brand string. Exported for the
 * packages of this monorepo that define branded classes of their own (`TrainingError`).
 */
export const BRAND: unique symbol = Symbol.for("@neural-nmf/brand") as never;

const nativeInstanceOf = Function.prototype[Symbol.hasInstance];

/**
 * `value instanceof ctor`, also true when `value` comes from another copy of the package:
 * some class on its prototype chain carries the same brand string as `ctor` does itself.
 * Classes without a brand of their own (a user's subclass) get the ordinary answer.
 * @internal
 */
export function isBrandedInstance(ctor: object, value: unknown): boolean {
  if (nativeInstanceOf.call(ctor, value)) return true;
  if (value === null || typeof value !== "object") return false;
  if (!Object.hasOwn(ctor, BRAND)) return false;
  const want = (ctor as { [BRAND]: string })[BRAND];
  for (let p = Object.getPrototypeOf(value); p !== null; p = Object.getPrototypeOf(p)) {
    const c: unknown = Object.hasOwn(p, "constructor") ? p.constructor : undefined;
    if (typeof c === "function" && Object.hasOwn(c, BRAND) && (c as never)[BRAND] === want) {
      return true;
    }
  }
  return false;
}
