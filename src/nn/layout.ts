// Flat parameter buffers: every tensor of a network in one buffer, so that one optimizer dispatch updates them all.
// Each tensor starts at a multiple of 64 floats (256 bytes), the storage-buffer offset alignment WebGPU guarantees.

export const TENSOR_ALIGN_FLOATS = 64;

export interface TensorSlot {
  name: string;
  offset: number; // in floats
  size: number; // in floats
}

export interface ParameterLayout {
  tensors: TensorSlot[];
  totalFloats: number;
}

export function layoutTensors(tensors: readonly { name: string; size: number }[]): ParameterLayout {
  const slots: TensorSlot[] = [];
  let offset = 0;
  const seen = new Set<string>();
  for (const { name, size } of tensors) {
    if (seen.has(name)) throw new Error(`parameter layout: duplicate tensor '${name}'`);
    if (!Number.isInteger(size) || size <= 0) throw new Error(`parameter layout: tensor '${name}' has bad size ${size}`);
    seen.add(name);
    slots.push({ name, offset, size });
    offset += Math.ceil(size / TENSOR_ALIGN_FLOATS) * TENSOR_ALIGN_FLOATS;
  }
  return { tensors: slots, totalFloats: offset };
}

export function slot(layout: ParameterLayout, name: string): TensorSlot {
  const s = layout.tensors.find((t) => t.name === name);
  if (!s) throw new Error(`parameter layout has no tensor '${name}'`);
  return s;
}

/** The binding of one tensor inside a flat buffer; its size rounds up to 16 bytes (a vec4 view), inside its slot. */
export function tensorBinding(buffer: GPUBuffer, s: TensorSlot): GPUBufferBinding {
  return { buffer, offset: s.offset * 4, size: Math.ceil(s.size / 4) * 16 };
}
