export declare const sharedTestConfig: {
  include: string[];
  reporters: string[];
  outputFile: { json: string };
  testTimeout: number;
  hookTimeout: number;
  execArgv: string[];
  setupFiles: string[];
};
export declare const sharedBenchConfig: { include: string[] };
