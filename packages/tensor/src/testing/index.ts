/**
 * Test helpers for users who write their own ops and losses: `gradCheck` compares a function's
 * gradients with central finite differences.
 * @packageDocumentation
 */
export {
  type GradCheckOptions,
  type GradCheckResult,
  type GradCheckWorst,
  gradCheck,
} from "./grad-check.js";
