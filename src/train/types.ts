// The trainer's public types: data, options, metrics and the run's exportable state.

export interface GanData {
  rows: Float32Array; // (count, dims), row-major
  dims: number;
  /** Each row's class (0 .. classes - 1): required by a conditional config (config.conditional), ignored otherwise. */
  labels?: ArrayLike<number>;
}

export interface IterationMetrics {
  iteration: number; // 1-based
  dLoss: number;
  gLoss: number;
  dReal: number; // mean D(x) at the iteration's last discriminator step
  dFake: number; // mean D(G(z)) there
}

export interface TrainOptions {
  onMetrics?: (m: IterationMetrics[]) => void;
  signal?: AbortSignal;
  /** Iterations per command buffer (and per metrics read-back); at most the ring's size. */
  chunk?: number;
  /** Take an in-memory snapshot of the whole run every this many iterations (at read-backs), to go back to after
   * a NaN or a lost device; 0 turns snapshots off. Default 100. */
  snapshotEvery?: number;
}

export type GanState = { buffers: Record<string, Float32Array | Uint32Array>; iterations: number; history: IterationMetrics[] };

export interface GanInit {
  /** Initial flat parameters (in the networks' layouts) instead of He/Xavier from the seed, e.g. a fixed affine G. */
  generator?: Float32Array;
  discriminator?: Float32Array;
}

/** A named GPU buffer that is part of the run's state (what checkpoints and snapshots hold). */
export interface StateBuffer {
  buffer: GPUBuffer;
  dtype: 'F32' | 'U32';
  elements: number;
}

