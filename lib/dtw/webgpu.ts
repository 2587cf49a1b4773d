/// <reference types="@webgpu/types" />
/**
 * DTW rows on WebGPU: the squared-cost DP of lib/dtw/dtw.ts (no window) for some series against many,
 * one invocation per (anchor, target) pair, each with its two rows in a storage buffer laid out
 * column-major across the pairs of a dispatch (cell k of pair p at k·stride + p), so that neighbouring
 * invocations touch neighbouring words. An invocation walks its n·m cells in order, so a dispatch takes
 * about as long as one pair however many pairs it holds, until the GPU is full: the rows of several
 * anchors go in one dispatch (on an H200, 1,024 pairs took as long as 256). The GPU computes in float32; the result is an estimate of the float64 value
 * within `gpuRelativeError` (see there), which DQS uses as tight bounds and then confirms its picks
 * exactly on the CPU — so the picks do not depend on the GPU's rounding.
 *
 * Works in a page or a worker that has `navigator.gpu`; `GpuDtw.create` says why when it cannot.
 */

const WORKGROUP = 64;
/** Pairs per dispatch at most: keeps each submission short (a GPU watchdog may stop a long one). */
const MAX_PAIRS = 8192;

const SHADER = /* wgsl */ `
struct Params { pairs: u32, stride: u32, half: u32 };
@group(0) @binding(0) var<storage, read> values: array<f32>;
@group(0) @binding(1) var<storage, read> spans: array<u32>;
@group(0) @binding(2) var<storage, read> pairIds: array<u32>; // anchor, target per pair
@group(0) @binding(3) var<storage, read_write> rows: array<f32>;
@group(0) @binding(4) var<storage, read_write> result: array<f32>;
@group(0) @binding(5) var<uniform> params: Params;

const BIG: f32 = 3.0e38; // never added: every cell has a finite neighbour (see lib/dtw/dtw.ts)

@compute @workgroup_size(${WORKGROUP})
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let p = gid.x;
  if (p >= params.pairs) { return; }
  let anchor = pairIds[2u * p];
  let aOffset = spans[2u * anchor];
  let n = spans[2u * anchor + 1u];
  let id = pairIds[2u * p + 1u];
  let bOffset = spans[2u * id];
  let m = spans[2u * id + 1u];
  let s = params.stride;
  var prev = 0u;
  var curr = params.half;
  rows[p] = 0.0;
  for (var k = 1u; k <= m; k++) { rows[k * s + p] = BIG; }
  for (var i = 0u; i < n; i++) {
    let ai = values[aOffset + i];
    var diag = rows[prev + p];
    var left = BIG;
    rows[curr + p] = BIG;
    for (var k = 1u; k <= m; k++) {
      let up = rows[prev + k * s + p];
      let d = ai - values[bOffset + k - 1u];
      left = d * d + min(min(diag, up), left);
      rows[curr + k * s + p] = left;
      diag = up;
    }
    let t = prev;
    prev = curr;
    curr = t;
  }
  result[p] = rows[prev + m * s + p];
}
`;

/**
 * Relative error bound of a GPU distance against the exact one, for series of lengths n and m: the
 * float32 cost of any warping path (≤ n + m − 1 terms, each a rounded difference squared) is within
 * (n + m + 3)·u of its exact value (u = 2⁻²⁴; positive terms, so the bound is relative), so is the
 * minimum over paths; the square root halves it. Doubled for safety.
 */
export function gpuRelativeError(n: number, m: number): number {
  return 2 * (n + m + 3) * 2 ** -24;
}

export type GpuDtwUnavailable = { ok: false; reason: string };

export class GpuDtw {
  private values: GPUBuffer | null = null;
  private spans: GPUBuffer | null = null;
  private lengths: number[] = [];
  private offsets: number[] = [];
  private readonly pipeline: GPUComputePipeline;

  private constructor(
    readonly device: GPUDevice,
    readonly adapter: { description: string; software: boolean },
  ) {
    this.pipeline = device.createComputePipeline({
      layout: "auto",
      compute: { module: device.createShaderModule({ code: SHADER }), entryPoint: "main" },
    });
  }

  /** A GPU DTW, or why not. `allowSoftware: false` refuses a software adapter (e.g. SwiftShader). */
  static async create(opts: { allowSoftware: boolean }): Promise<GpuDtw | GpuDtwUnavailable> {
    const gpu = (globalThis.navigator as Navigator | undefined)?.gpu;
    if (!gpu) return { ok: false, reason: "this browser has no WebGPU" };
    const adapter = await gpu.requestAdapter();
    if (!adapter) return { ok: false, reason: "WebGPU offered no adapter" };
    const info = await adapterInfo(adapter);
    const software = info.architecture === "swiftshader" || /swiftshader|llvmpipe|lavapipe/i.test(info.description) || isFallback(adapter);
    const description = [info.vendor, info.architecture, info.description].filter(Boolean).join(" ") || "unknown adapter";
    if (software && !opts.allowSoftware) return { ok: false, reason: `WebGPU is only a software adapter (${description})` };
    const device = await adapter.requestDevice();
    return new GpuDtw(device, { description, software });
  }

  /** Upload every series (ids are positions in `series`). */
  load(series: readonly Float32Array[]): void {
    this.values?.destroy();
    this.spans?.destroy();
    this.lengths = series.map((s) => s.length);
    let total = 0;
    this.offsets = series.map((s) => ((total += s.length), total - s.length));
    const values = new Float32Array(Math.max(1, total));
    series.forEach((s, i) => values.set(s, this.offsets[i]));
    const spans = new Uint32Array(series.length * 2);
    series.forEach((s, i) => spans.set([this.offsets[i]!, s.length], 2 * i));
    this.values = this.upload(values, GPUBufferUsage.STORAGE);
    this.spans = this.upload(spans, GPUBufferUsage.STORAGE);
  }

  /** DTW distances (√ taken here, in float64) from series `anchor` to series 0 … count−1. */
  async row(anchor: number, count: number): Promise<Float32Array> {
    const [out] = await this.rows([anchor], count);
    return out ?? new Float32Array(count);
  }

  /** The rows of several anchors, their pairs sharing dispatches (see the header). */
  async rows(anchors: readonly number[], count: number): Promise<Float32Array[]> {
    const out = anchors.map(() => new Float32Array(count));
    const total = anchors.length * count;
    // The two rows of every pair of a dispatch must fit one storage binding.
    const longest = this.lengths.reduce((m, n) => Math.max(m, n), 1);
    const perDispatch = Math.max(1, Math.min(MAX_PAIRS, Math.floor(this.device.limits.maxStorageBufferBindingSize / (8 * (longest + 1)))));
    for (let from = 0; from < total; from += perDispatch) {
      const size = Math.min(perDispatch, total - from);
      const pairIds = new Uint32Array(2 * size);
      for (let i = 0; i < size; i++) {
        pairIds[2 * i] = anchors[Math.floor((from + i) / count)]!;
        pairIds[2 * i + 1] = (from + i) % count;
      }
      const squared = await this.dispatch(pairIds);
      squared.forEach((v, i) => (out[Math.floor((from + i) / count)]![(from + i) % count] = Math.sqrt(v)));
    }
    return out;
  }

  destroy(): void {
    this.values?.destroy();
    this.spans?.destroy();
    this.device.destroy();
  }

  private upload(data: Float32Array | Uint32Array, usage: number): GPUBuffer {
    const buffer = this.device.createBuffer({ size: Math.max(16, data.byteLength), usage: usage | GPUBufferUsage.COPY_DST });
    this.device.queue.writeBuffer(buffer, 0, data.buffer, data.byteOffset, data.byteLength);
    return buffer;
  }

  private async dispatch(pairIds: Uint32Array): Promise<Float32Array> {
    if (!this.values || !this.spans) throw new Error("GpuDtw.load must come first");
    const device = this.device;
    const pairs = pairIds.length / 2;
    let longest = 1;
    for (let i = 1; i < pairIds.length; i += 2) longest = Math.max(longest, this.lengths[pairIds[i]!]!);
    const half = (longest + 1) * pairs;
    const rows = device.createBuffer({ size: 2 * half * 4, usage: GPUBufferUsage.STORAGE });
    const result = device.createBuffer({ size: Math.max(16, pairs * 4), usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
    const readback = device.createBuffer({ size: Math.max(16, pairs * 4), usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    const params = this.upload(Uint32Array.of(pairs, pairs, half, 0), GPUBufferUsage.UNIFORM);
    const targetBuffer = this.upload(pairIds, GPUBufferUsage.STORAGE);
    const buffers = [this.values, this.spans, targetBuffer, rows, result, params];
    const bindGroup = device.createBindGroup({
      layout: this.pipeline.getBindGroupLayout(0),
      entries: buffers.map((buffer, binding) => ({ binding, resource: { buffer } })),
    });
    const encoder = device.createCommandEncoder();
    const pass = encoder.beginComputePass();
    pass.setPipeline(this.pipeline);
    pass.setBindGroup(0, bindGroup);
    pass.dispatchWorkgroups(Math.ceil(pairs / WORKGROUP));
    pass.end();
    encoder.copyBufferToBuffer(result, 0, readback, 0, pairs * 4);
    device.queue.submit([encoder.finish()]);
    await readback.mapAsync(GPUMapMode.READ);
    const out = new Float32Array(readback.getMappedRange().slice(0, pairs * 4));
    readback.unmap();
    for (const b of [rows, result, readback, params, targetBuffer]) b.destroy();
    return out;
  }
}

/** `adapter.info` in current browsers; `requestAdapterInfo()` in older ones (and these typings). */
async function adapterInfo(adapter: GPUAdapter): Promise<{ vendor: string; architecture: string; description: string }> {
  const a = adapter as GPUAdapter & { info?: GPUAdapterInfo };
  const info = a.info ?? (await a.requestAdapterInfo?.());
  return { vendor: info?.vendor ?? "", architecture: info?.architecture ?? "", description: info?.description ?? "" };
}

function isFallback(adapter: GPUAdapter): boolean {
  return (adapter as GPUAdapter & { isFallbackAdapter?: boolean }).isFallbackAdapter === true;
}
