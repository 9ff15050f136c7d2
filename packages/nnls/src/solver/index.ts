/**
 * Public API of the multi-column NNLS solver.
 * @packageDocumentation
 */
export { nnls, nnlsGram } from "./nnls.js";
export type { NnlsGramResult, NnlsMethod, NnlsOptions, NnlsResult } from "./types.js";
