// WebGPU's flag values, fixed by the specification. Using them instead of the GPUBufferUsage/GPUMapMode globals
// keeps the engine importable where those globals are not installed (Node with Dawn, workers, tests).
export const BufferUsage = {
  MAP_READ: 0x1, MAP_WRITE: 0x2, COPY_SRC: 0x4, COPY_DST: 0x8, INDEX: 0x10, VERTEX: 0x20, UNIFORM: 0x40,
  STORAGE: 0x80, INDIRECT: 0x100, QUERY_RESOLVE: 0x200,
} as const;
export const MapMode = { READ: 0x1, WRITE: 0x2 } as const;
