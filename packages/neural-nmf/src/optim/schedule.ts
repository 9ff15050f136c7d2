/** A constant step size or a function of the epoch (0-based). */
export type LearningRate = number | ((epoch: number) => number);

/** The step size at `epoch`. */
export function learningRateAt(lr: LearningRate, epoch: number): number {
  return typeof lr === "number" ? lr : lr(epoch);
}

/** Step decay as in the reference: `η₀ · factor^⌊epoch / every⌋`. */
export function stepDecay(
  initial: number,
  factor: number,
  every: number,
): (epoch: number) => number {
  return (epoch) => initial * factor ** Math.floor(epoch / every);
}
