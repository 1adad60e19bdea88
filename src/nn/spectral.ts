// Spectral normalisation of a network's weights (Miyato et al. 2018): which layers, where their u and v vectors lie,
// their seeded start, and the dispatches that keep the effective weights W / sigma that the layers read. The network's
// raw weights (what the optimizer updates and checkpoints hold) stay in a buffer of their own.
import { rng_normal } from '../cpu/rng.js';
import { power_iteration, type SpectralSlot } from '../cpu/spectral.js';
import type { Dispatch, Kernels } from '../gpu/registry.js';
import { slot } from './layout.js';
import type { NetworkPlan } from './network.js';

export interface SpectralLayer extends SpectralSlot {
  /** The layer's place in the network (its tensors are `l${index}.*`). */
  index: number;
  uOffset: number;
  vOffset: number;
}

export interface SpectralPlan {
  layers: SpectralLayer[];
  uFloats: number;
  vFloats: number;
}

/** Every layer with parameters, normalised; a kind that cannot be (batch norm, a transposed conv) is an error that
 * names the layer. */
export function planSpectral(plan: NetworkPlan, field: string): SpectralPlan {
  let uFloats = 0, vFloats = 0;
  const layers = plan.compute.filter((l) => l.params.length > 0).map((l) => {
    if (!l.kind.spectralMatrix) {
      throw new Error(`${field}.layers[${l.index}]: spectralNorm cannot normalise a ${l.type} layer (linear and conv2d only)`);
    }
    const m = l.kind.spectralMatrix(l);
    const weight = slot(plan.layout, `l${l.index}.weight`);
    // the layer's other tensors (its bias, a projection's embedding: not normalised) are copied as they are, as one
    // range from the first to the end of the last
    const rest = l.params.filter((t) => t.key !== 'weight').map((t) => slot(plan.layout, `l${l.index}.${t.key}`));
    const restStart = Math.min(...rest.map((s) => s.offset)), restEnd = Math.max(...rest.map((s) => s.offset + s.size));
    if (restStart < weight.offset + weight.size && restEnd > weight.offset) throw new Error(`layer ${l.index}: its weight lies among its other tensors`);
    const layer = { ...m, index: l.index, weightOffset: weight.offset, biasOffset: restStart, biasSize: restEnd - restStart, uOffset: uFloats, vOffset: vFloats };
    uFloats += m.rows;
    vFloats += m.cols;
    return layer;
  });
  return { layers, uFloats, vFloats };
}

/** The power iteration's PyTorch-like start: u ~ N(0, 1) from the layer's init stream (a draw its tensors never use),
 * normalised, then 15 iterations on the initial weights (torch.nn.utils.parametrizations.spectral_norm does 15), so
 * that sigma is already close before the first step; in f64, rounded once. */
export function initSpectral(sp: SpectralPlan, params: ArrayLike<number>, seed: number, streamBase: number): { u: Float32Array; v: Float32Array } {
  const u = new Float32Array(sp.uFloats), v = new Float32Array(sp.vFloats);
  for (const l of sp.layers) {
    const lu = new Float64Array(l.rows), lv = new Float64Array(l.cols);
    rng_normal(lu, { seed, stream: streamBase + l.index, draw: 1000 });
    for (let i = 0; i < 15; i++) power_iteration(params, l, lu, lv);
    u.set(lu, l.uOffset);
    v.set(lv, l.vOffset);
  }
  return { u, v };
}

export interface SpectralBuffers {
  raw: GPUBuffer; // the network's weights as trained (the optimizer's)
  effective: GPUBuffer; // W / sigma and the biases: what the layers read
  u: GPUBuffer;
  v: GPUBuffer;
  sigma: GPUBuffer; // one per layer
}

const paramsOf = (l: SpectralLayer, i: number, iterate: boolean) => ({
  rows: l.rows, cols: l.cols, row_stride: l.rowStride, col_stride: l.colStride, weight_offset: l.weightOffset,
  bias_offset: l.biasOffset, bias_size: l.biasSize, u_offset: l.uOffset, v_offset: l.vOffset, iterate: iterate ? 1 : 0, sigma_index: i,
});

/** Before a forward: (one power iteration when `iterate`, as every training forward in PyTorch does) the effective
 * weights from the raw ones. */
export function spectralForward(k: Kernels, sp: SpectralPlan, b: SpectralBuffers, iterate: boolean, label: string): Dispatch[] {
  return sp.layers.map((l, i) => k.prepare('spectral_norm_forward', { weight_sn: b.effective, u: b.u, v: b.v, sigma: b.sigma, weight: b.raw },
    paramsOf(l, i, iterate), {}, `${label}: spectral norm of l${l.index}`));
}

/** After the backward: the gradient at the effective weights becomes the gradient at the raw ones, in place. */
export function spectralBackward(k: Kernels, sp: SpectralPlan, b: SpectralBuffers, grads: GPUBuffer, label: string): Dispatch[] {
  return sp.layers.map((l, i) => k.prepare('spectral_norm_backward', { grad: grads, u: b.u, v: b.v, sigma: b.sigma, weight_sn: b.effective },
    paramsOf(l, i, false), {}, `${label}: spectral norm gradient of l${l.index}`));
}
