export {
  type NnlsBackwardInput,
  type NnlsBackwardOutput,
  nnlsBackward,
  type SupportSolution,
  supportSolve,
} from "./backward.js";
export {
  createWarmStart,
  type LayerDiagnostics,
  type NnlsLayerOptions,
  nnlsLayer,
  type WarmStart,
} from "./nnls-layer.js";
export { groupBySupport, type SupportGroup } from "./support-groups.js";
