/** The `.ts` files below `dir`, leaving out the folders named in `skip` (default `node`). */
export declare function coreSources(dir: string, skip?: readonly string[]): string[];
/** The Node-only uses in a source file (its comments left out): one line of text per kind. */
export declare function nodeOnlyUses(file: string): string[];
