/**
 * How every package describes a value it refuses, so that messages read alike everywhere.
 * @module
 */

/**
 * A short description of a value for error messages: `string "sgd"`, `an array`, `NaN`,
 * `a Tensor of shape [3, 4]`, `an object (Map)`.
 */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return `string "${value}"`;
  if (typeof value === "object") {
    const name = (value as object).constructor?.name ?? "Object";
    // Read by shape rather than instanceof: this module sits below the Tensor class.
    const shape = (value as { shape?: unknown }).shape;
    if ((name === "Tensor" || name === "CscMatrix") && Array.isArray(shape)) {
      return `a ${name} of shape [${shape.join(", ")}]`;
    }
    if (name === "CscMatrix") {
      const m = value as { rows?: unknown; cols?: unknown };
      return `a CscMatrix of shape [${String(m.rows)}, ${String(m.cols)}]`;
    }
    return `an object (${name})`;
  }
  if (typeof value === "function") return "a function";
  return String(value);
}
