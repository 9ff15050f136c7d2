// Cost of handing work to another thread and getting the answer back, for the choice between a
// maintained task-pool library and the pool of @neural-nmf/threads (see its README). Measures
// the round trip of an empty task: tinypool (promise per task, structured-clone arguments) and
// our pool (part 0 on the calling thread, part 1 on a worker, completion through Atomics).
// Run: node --import tsx tooling/scripts/bench-pool-dispatch.ts
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { evenBounds, type Kernel } from "@neural-nmf/tensor";
import { createThreadPool } from "@neural-nmf/threads";
import Tinypool from "tinypool";

const rounds = 20_000;

async function tinypoolRoundTrip(): Promise<number> {
  const file = join(tmpdir(), "tinypool-empty-task.mjs");
  writeFileSync(file, "export default function task(x) { return x; }\n");
  const pool = new Tinypool({ filename: file, minThreads: 1, maxThreads: 1 });
  for (let i = 0; i < 2000; i++) await pool.run(i); // warm-up
  const start = performance.now();
  for (let i = 0; i < rounds; i++) await pool.run(i);
  const us = ((performance.now() - start) * 1000) / rounds;
  await pool.destroy();
  return us;
}

function ourRoundTrip(): number {
  const pool = createThreadPool({ threads: 2 });
  // A kernel every worker knows (the Gram kernel) on zero rows: all dispatch, no work.
  const kernel: Kernel = { name: "tensor/gram-rows", run: () => {} };
  const task = {
    kernel,
    arrays: { a: new Float64Array(0), partials: new Float64Array(2) },
    outputs: ["partials"],
    scalars: { k: 1 },
    bounds: evenBounds(2, 2),
  };
  for (let i = 0; i < 2000; i++) pool.run(task);
  const start = performance.now();
  for (let i = 0; i < rounds; i++) pool.run(task);
  const us = ((performance.now() - start) * 1000) / rounds;
  pool.close();
  return us;
}

const ours = ourRoundTrip();
const tiny = await tinypoolRoundTrip();
console.log(
  `empty task round trip: tinypool ${tiny.toFixed(1)} µs, @neural-nmf/threads ${ours.toFixed(1)} µs`,
);
