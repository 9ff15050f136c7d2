export declare function writeReadmeExamples(
  packageDir: string,
  rewrites: Record<string, string>,
): string[];
