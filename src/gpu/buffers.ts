// Labelled buffer helpers. Storage buffers can always be copied from and to, so tests and checkpoints can read them.
import { BufferUsage, MapMode } from './usage.js';

export type ElementData = Float32Array | Uint32Array;

const STORAGE = BufferUsage.STORAGE | BufferUsage.COPY_SRC | BufferUsage.COPY_DST;

/** A storage buffer of `elements` 4-byte elements (zeroed), or holding a copy of `data`. */
export function createStorage(device: GPUDevice, label: string, init: number | ElementData): GPUBuffer {
  const elements = typeof init === 'number' ? init : init.length;
  if (!Number.isInteger(elements) || elements < 0) throw new Error(`buffer '${label}': bad element count ${elements}`);
  // Sizes round up to 16 bytes: WebGPU rejects empty bindings, and a kernel may view the buffer as vec4.
  const size = Math.max(16, Math.ceil((elements * 4) / 16) * 16);
  const buffer = device.createBuffer({ label, size, usage: STORAGE, mappedAtCreation: typeof init !== 'number' });
  if (typeof init !== 'number') {
    const ctor = init instanceof Uint32Array ? Uint32Array : Float32Array;
    new ctor(buffer.getMappedRange()).set(init);
    buffer.unmap();
  }
  return buffer;
}

/** Copies `buffer` into a staging buffer and maps it. Only for tests, checkpoints and metrics: never mid-iteration. */
export async function readBuffer(device: GPUDevice, buffer: GPUBuffer, bytes = buffer.size): Promise<ArrayBuffer> {
  const staging = device.createBuffer({
    label: `${buffer.label}.readback`, size: bytes, usage: BufferUsage.MAP_READ | BufferUsage.COPY_DST,
  });
  const encoder = device.createCommandEncoder({ label: `${buffer.label}.readback` });
  encoder.copyBufferToBuffer(buffer, 0, staging, 0, bytes);
  device.queue.submit([encoder.finish()]);
  try {
    await staging.mapAsync(MapMode.READ);
    return staging.getMappedRange().slice(0);
  } finally {
    staging.destroy();
  }
}

export async function readFloats(device: GPUDevice, buffer: GPUBuffer, elements?: number): Promise<Float32Array> {
  return new Float32Array(await readBuffer(device, buffer, elements === undefined ? buffer.size : elements * 4));
}

export async function readUints(device: GPUDevice, buffer: GPUBuffer, elements?: number): Promise<Uint32Array> {
  return new Uint32Array(await readBuffer(device, buffer, elements === undefined ? buffer.size : elements * 4));
}
