// Property tests are seeded like everything else: every run checks the same cases, so CI results
// are reproducible. Set FC_SEED to explore other cases locally.
import fc from "fast-check";

fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261125) });
