/**
 * Public API of the multi-column NNLS solver.
 * @packageDocumentation
 */

export { nnls, nnlsGram } from "./nnls.js";
export { normalEquations } from "./normal-equations.js";
export type { NnlsGramResult, NnlsMethod, NnlsOptions, NnlsResult } from "./types.js";
