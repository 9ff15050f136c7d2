export declare const sharedTestConfig: {
  include: string[];
  reporters: string[];
  outputFile: { json: string };
  testTimeout: number;
  hookTimeout: number;
};
export declare const sharedBenchConfig: { include: string[] };
