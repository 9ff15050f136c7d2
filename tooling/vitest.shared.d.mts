export declare const sharedTestConfig: {
  include: string[];
  reporters: string[];
  outputFile: { json: string };
  testTimeout: number;
  hookTimeout: number;
  execArgv: string[];
  setupFiles: string[];
  typecheck: { enabled: boolean; include: string[]; tsconfig: string; ignoreSourceErrors: boolean };
};
export declare const sharedBenchConfig: { include: string[] };
