/**
 * What crosses between the pool and its workers. Everything large lives in shared memory; a
 * message only names the kernel, the part, and where each array sits.
 * @module
 */
import type { KernelArray } from "@neural-nmf/tensor";

/** Element types a kernel array may have. */
export type ArrayKind = "f64" | "i32" | "u8";

/** Where one kernel array lives in shared memory. */
export interface SharedArrayRef {
  readonly kind: ArrayKind;
  readonly buffer: SharedArrayBuffer;
  readonly byteOffset: number;
  readonly length: number;
}

/** One part of one kernel call, for one worker. */
export interface PartMessage {
  readonly type: "part";
  readonly kernel: string;
  readonly arrays: Readonly<Record<string, SharedArrayRef>>;
  readonly scalars: Readonly<Record<string, number>>;
  readonly start: number;
  readonly end: number;
  readonly part: number;
}

/** The first message a worker gets: the control block it signals completion on. */
export interface SetupMessage {
  readonly type: "setup";
  readonly control: SharedArrayBuffer;
}

/** Any message a worker receives. */
export type WorkerMessage = SetupMessage | PartMessage;

/**
 * Layout of the control block (Int32 words): [0] parts finished in the current call, [1] 1 when a
 * part failed, [2] length in bytes of the UTF-8 error message that follows from byte 16,
 * [3] workers that have started.
 */
export const CONTROL_DONE = 0;
export const CONTROL_FAILED = 1;
export const CONTROL_MESSAGE_LENGTH = 2;
export const CONTROL_READY = 3;
export const CONTROL_MESSAGE_OFFSET = 16;
/** Bytes of the control block (room for an error message of about 4 kB). */
export const CONTROL_BYTES = 4096;

/** The kind of a typed array. */
export function kindOf(array: KernelArray): ArrayKind {
  if (array instanceof Float64Array) return "f64";
  if (array instanceof Int32Array) return "i32";
  return "u8";
}

/** A view of a shared array reference. */
export function viewOf(ref: SharedArrayRef): KernelArray {
  if (ref.kind === "f64") return new Float64Array(ref.buffer, ref.byteOffset, ref.length);
  if (ref.kind === "i32") return new Int32Array(ref.buffer, ref.byteOffset, ref.length);
  return new Uint8Array(ref.buffer, ref.byteOffset, ref.length);
}

/** Whether a typed array's memory is shared with other threads. */
export function isShared(array: KernelArray): boolean {
  return typeof SharedArrayBuffer !== "undefined" && array.buffer instanceof SharedArrayBuffer;
}

/**
 * Marks a failure in the control block with its message (the first failure wins; the message is
 * cut to the room there is). Called by a worker; the pool reads it with {@link failureOf}.
 */
export function recordFailure(control: SharedArrayBuffer, message: string): void {
  const words = new Int32Array(control);
  if (Atomics.compareExchange(words, CONTROL_FAILED, 0, 1) !== 0) return;
  const bytes = new Uint8Array(control);
  const text = new TextEncoder().encode(message);
  const length = Math.min(text.length, bytes.length - CONTROL_MESSAGE_OFFSET);
  bytes.set(text.subarray(0, length), CONTROL_MESSAGE_OFFSET);
  Atomics.store(words, CONTROL_MESSAGE_LENGTH, length);
}

/** The failure message in the control block, or null when nothing failed. */
export function failureOf(control: SharedArrayBuffer): string | null {
  const words = new Int32Array(control);
  if (Atomics.load(words, CONTROL_FAILED) === 0) return null;
  const length = Atomics.load(words, CONTROL_MESSAGE_LENGTH);
  return new TextDecoder().decode(
    new Uint8Array(control).slice(CONTROL_MESSAGE_OFFSET, CONTROL_MESSAGE_OFFSET + length),
  );
}
