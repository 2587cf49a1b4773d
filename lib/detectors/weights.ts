/**
 * Weights to and from bytes: the variables in network order, each as little-endian float32,
 * concatenated, with a spec (name, shape) per variable. Written through a DataView, so the bytes
 * are the same on every platform.
 */
import * as tf from "@tensorflow/tfjs";
import { DetectorError } from "./errors";
import type { NamedVariable } from "./init";
import type { WeightSpec } from "./types";

export type WeightBytes = { specs: WeightSpec[]; data: Uint8Array };

const sizeOf = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

export async function weightsToBytes(variables: readonly NamedVariable[]): Promise<WeightBytes> {
  const specs: WeightSpec[] = variables.map(({ name, variable }) => ({ name, shape: [...variable.shape], dtype: "float32" }));
  const data = new Uint8Array(4 * specs.reduce((n, s) => n + sizeOf(s.shape), 0));
  const view = new DataView(data.buffer);
  let offset = 0;
  for (const { variable } of variables) {
    const values = await variable.data();
    for (const value of values) {
      view.setFloat32(offset, Number(value), true);
      offset += 4;
    }
  }
  return { specs, data };
}

function invalid(message: string): never {
  throw new DetectorError("invalid_weights", message);
}

function checkSpecs(variables: readonly NamedVariable[], saved: WeightBytes): void {
  if (saved.specs.length !== variables.length) invalid(`${saved.specs.length} saved weights for ${variables.length} variables`);
  variables.forEach(({ name, variable }, i) => {
    const spec = saved.specs[i];
    if (!spec || spec.name !== name) invalid(`weight ${i} is "${spec?.name}", expected "${name}"`);
    if (spec.dtype !== "float32") invalid(`weight "${name}" has dtype ${String(spec.dtype)}`);
    if (spec.shape.join("×") !== variable.shape.join("×")) {
      invalid(`weight "${name}" has shape [${spec.shape.join(", ")}], expected [${variable.shape.join(", ")}]`);
    }
  });
  const expected = 4 * saved.specs.reduce((n, s) => n + sizeOf(s.shape), 0);
  if (saved.data.byteLength !== expected) invalid(`${saved.data.byteLength} bytes of weights, expected ${expected}`);
}

/** Assigns saved weights to the variables after checking names, shapes and the byte length. */
export function assignBytes(variables: readonly NamedVariable[], saved: WeightBytes): void {
  checkSpecs(variables, saved);
  const view = new DataView(saved.data.buffer, saved.data.byteOffset, saved.data.byteLength);
  let offset = 0;
  for (const { variable } of variables) {
    const values = new Float32Array(variable.size);
    for (let i = 0; i < values.length; i++, offset += 4) values[i] = view.getFloat32(offset, true);
    tf.tidy(() => variable.assign(tf.tensor(values, variable.shape, "float32")));
  }
}
