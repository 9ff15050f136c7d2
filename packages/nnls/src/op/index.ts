export { type NnlsBackwardInput, type NnlsBackwardOutput, nnlsBackward } from "./backward.js";
export {
  type LayerDiagnostics,
  type NnlsLayerOptions,
  type WarmStart,
  createWarmStart,
  nnlsLayer,
} from "./nnls-layer.js";
export { type SupportGroup, groupBySupport } from "./support-groups.js";
