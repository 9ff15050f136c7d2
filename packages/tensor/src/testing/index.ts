/**
 * Test helpers for users who write their own ops and losses: `gradCheck` compares a function's
 * gradients with central finite differences, and `sequentialExecutor` runs kernels in parts
 * on one thread, to test code written for thread pools.
 * @packageDocumentation
 */
export {
  type GradCheckOptions,
  type GradCheckResult,
  type GradCheckWorst,
  gradCheck,
} from "./grad-check.js";
export { sequentialExecutor } from "./sequential-executor.js";
