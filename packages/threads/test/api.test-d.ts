// Type tests (vitest typecheck mode): the public types of @neural-nmf/threads as users see them.
// A change here is a change of the public API and needs a changeset.
import type { Executor } from "@neural-nmf/tensor";
import { describe, expectTypeOf, it } from "vitest";
import type * as browser from "../src/browser.js";
import type * as node from "../src/node.js";
import {
  availableThreads,
  createThreadPool,
  sharedThreadPool,
  type ThreadPool,
  type ThreadPoolOptions,
  threadPoolUnavailableReason,
} from "../src/node.js";

describe("the pool", () => {
  it("is an executor of @neural-nmf/tensor that can be closed", () => {
    expectTypeOf<ThreadPool>().toExtend<Executor>();
    expectTypeOf<ThreadPool["threads"]>().toEqualTypeOf<number>();
    expectTypeOf<ThreadPool["fallbackReason"]>().toEqualTypeOf<string | null>();
    expectTypeOf<ThreadPool["close"]>().toEqualTypeOf<() => void>();
  });

  it("is created with a thread count, or shared per count", () => {
    expectTypeOf(createThreadPool).toEqualTypeOf<(options?: ThreadPoolOptions) => ThreadPool>();
    expectTypeOf<ThreadPoolOptions>().toEqualTypeOf<{ threads?: number }>();
    expectTypeOf(sharedThreadPool).toEqualTypeOf<(threads?: number) => ThreadPool>();
    expectTypeOf(availableThreads).toEqualTypeOf<() => number>();
    expectTypeOf(threadPoolUnavailableReason).toEqualTypeOf<() => string | null>();
  });
});

describe("the browser entry", () => {
  it("has the same API as the Node entry, whose declarations it is published with", () => {
    expectTypeOf<typeof browser>().toEqualTypeOf<typeof node>();
    expectTypeOf<browser.ThreadPoolOptions>().toEqualTypeOf<node.ThreadPoolOptions>();
  });
});
