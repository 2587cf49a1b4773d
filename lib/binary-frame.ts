/**
 * A small binary envelope for uploads that carry a JSON header and raw bytes (model weights, score
 * series): [uint32 little-endian header length][header as UTF-8 JSON][body bytes]. Pure; the same
 * code frames in the browser and unframes on the server. A header with a NUL character, an unpaired
 * surrogate or nesting deeper than 64 levels is refused (lib/json-guard.ts).
 */
import { CodedError } from "./coded-error";
import { findJsonProblem } from "./json-guard";

export class FrameError extends CodedError<"truncated" | "bad_header"> {
  override readonly name = "FrameError";
}

export function encodeFrame(header: unknown, body: Uint8Array): Uint8Array<ArrayBuffer> {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(4 + json.length + body.length);
  new DataView(out.buffer).setUint32(0, json.length, true);
  out.set(json, 4);
  out.set(body, 4 + json.length);
  return out;
}

export function decodeFrame(bytes: Uint8Array): { header: unknown; body: Uint8Array } {
  if (bytes.length < 4) throw new FrameError("truncated", "The upload is shorter than its header.");
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0, true);
  if (4 + length > bytes.length) throw new FrameError("truncated", "The upload ends inside its header.");
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(4, 4 + length)));
  } catch {
    throw new FrameError("bad_header", "The upload's header is not valid JSON.");
  }
  const problem = findJsonProblem(header);
  if (problem) throw new FrameError("bad_header", `The upload's header is not acceptable: ${problem.message}.`);
  return { header, body: bytes.subarray(4 + length) };
}
