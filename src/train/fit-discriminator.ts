// The discriminator's half of Algorithm 1 with the generator held fixed, on the GPU: the setting of Proposition 1
// of Goodfellow et al. (2014), where D converges to D*(x) = p_data(x) / (p_data(x) + p_g(x)).
//
// Data: x ~ N(data.mean, data.std^2). Generator: an affine layer G(z) = generator.std * z + generator.mean with
// z ~ N(0, 1), so p_g = N(generator.mean, generator.std^2) exactly. Discriminator: logistic, D(x) = sigmoid(w x + b);
// for equal variances D* is itself logistic, so D can reach it. Each step: draw real and fake minibatches on the
// GPU, D forward on both, the fused sigmoid-BCE (real target 1, fake target 0), D backward, Adam. Many steps are
// encoded into one command buffer; nothing is read back until the caller asks.
import { createStorage, readFloats } from '../gpu/buffers';
import { withErrorScopes } from '../gpu/errors';
import { Kernels, type Dispatch } from '../gpu/registry';
import { layoutTensors, slot, tensorBinding } from '../nn/layout';
import type { Gaussian1d } from '../theory/gaussian';

export interface FitDiscriminatorConfig {
  data: Gaussian1d;
  generator: Gaussian1d;
  batchSize: number;
  learningRate: number;
  beta1: number;
  beta2: number;
  seed: number;
}

export const defaultFitConfig: FitDiscriminatorConfig = {
  data: { mean: -1, std: 1 }, generator: { mean: 1, std: 1 }, batchSize: 256, learningRate: 0.02, beta1: 0.5,
  beta2: 0.999, seed: 1,
};

export class DiscriminatorFit {
  private readonly kernels: Kernels;
  private readonly buffers: GPUBuffer[] = [];
  private readonly step: Dispatch[];
  private readonly params: GPUBuffer;
  private readonly loss: GPUBuffer;
  private readonly layout = layoutTensors([{ name: 'w', size: 1 }, { name: 'b', size: 1 }]);
  steps = 0;

  /** Allocates inside error scopes, so an out-of-memory or a validation error is an exception that says so. */
  static create(device: GPUDevice, config: FitDiscriminatorConfig = defaultFitConfig): Promise<DiscriminatorFit> {
    return withErrorScopes(device, 'allocating the discriminator fit', () => new DiscriminatorFit(device, config));
  }

  private constructor(readonly device: GPUDevice, readonly config: FitDiscriminatorConfig = defaultFitConfig) {
    const n = config.batchSize;
    if (!Number.isInteger(n) || n < 1 || n > 1 << 20) throw new Error(`batchSize must be an integer in [1, 2^20], got ${n}`);
    if (!(config.data.std > 0) || !(config.generator.std > 0)) throw new Error('data.std and generator.std must be > 0');
    this.kernels = new Kernels(device);
    const buf = (label: string, init: number | Float32Array | Uint32Array) => {
      const b = createStorage(device, label, init);
      this.buffers.push(b);
      return b;
    };
    const total = this.layout.totalFloats;
    this.params = buf('D.params', total);
    const grads = buf('D.grads', total), m = buf('D.adam.m', total), v = buf('D.adam.v', total);
    const counters = buf('D.counters', 4);
    const guard = buf('D.guard', 1); // never set here: this fit has no NaN check (its losses are shown live)
    const rngState = buf('rng_state', 2);
    const real = buf('x.real', n), z = buf('z', n), fake = buf('x.fake', n);
    const logitsReal = buf('D.logits.real', n), logitsFake = buf('D.logits.fake', n);
    const dReal = buf('dlogits.real', n), dFake = buf('dlogits.fake', n);
    this.loss = buf('D.loss', 1);
    // G is fixed: its one weight is the std and its bias the mean.
    const gW = buf('G.w', new Float32Array([config.generator.std])), gB = buf('G.b', new Float32Array([config.generator.mean]));

    const w = tensorBinding(this.params, slot(this.layout, 'w')), b = tensorBinding(this.params, slot(this.layout, 'b'));
    const dw = tensorBinding(grads, slot(this.layout, 'w')), db = tensorBinding(grads, slot(this.layout, 'b'));
    const seed = { seed_lo: config.seed >>> 0, seed_hi: Math.floor(config.seed / 2 ** 32) >>> 0 };
    const shape = { batch: n, in_features: 1, out_features: 1 };
    const k = this.kernels;
    const adam = { n: total, lr: config.learningRate, beta1: config.beta1, beta2: config.beta2, eps: 1e-8, counter_index: 0 };
    this.step = [
      k.prepare('rng_normal', { out: real, rng_state: rngState }, { n, stream: 1, ...seed, a: config.data.mean, b: config.data.std }, {}, 'x ~ p_data'),
      k.prepare('rng_normal', { out: z, rng_state: rngState }, { n, stream: 2, ...seed, a: 0, b: 1 }, {}, 'z ~ N(0, 1)'),
      k.prepare('linear_forward', { out: fake, x: z, w: gW, b: gB }, shape, {}, 'G(z)'),
      k.prepare('linear_forward', { out: logitsReal, x: real, w, b }, shape, {}, 'D(x) logits'),
      k.prepare('linear_forward', { out: logitsFake, x: fake, w, b }, shape, {}, 'D(G(z)) logits'),
      k.prepare('sigmoid_bce_forward_backward', { dlogits: dReal, loss: this.loss, logits: logitsReal },
        { n, mode: 0, target_label: 1, scale: 1, accumulate: 0, loss_index: 0 }, {}, 'loss real'),
      k.prepare('sigmoid_bce_forward_backward', { dlogits: dFake, loss: this.loss, logits: logitsFake },
        { n, mode: 0, target_label: 0, scale: 1, accumulate: 1, loss_index: 0 }, {}, 'loss fake'),
      k.prepare('linear_backward_weight', { dw, x: real, dout: dReal, out: logitsReal }, { ...shape, accumulate: 0 }, {}, 'dw real'),
      k.prepare('linear_backward_bias', { db, dout: dReal, out: logitsReal }, { ...shape, accumulate: 0 }, {}, 'db real'),
      k.prepare('linear_backward_weight', { dw, x: fake, dout: dFake, out: logitsFake }, { ...shape, accumulate: 1 }, {}, 'dw fake'),
      k.prepare('linear_backward_bias', { db, dout: dFake, out: logitsFake }, { ...shape, accumulate: 1 }, {}, 'db fake'),
      k.prepare('optimizer_count_step', { counters, guard }, adam, {}, 'D step count'),
      k.prepare('adam_step', { param: this.params, m, v, grad: grads, counters, guard }, adam, {}, 'D adam'),
      k.prepare('rng_advance', { rng_state: rngState }, {}, {}, 'rng advance'),
    ];
  }

  /** Encodes `steps` discriminator steps into one compute pass and submits them. */
  train(steps: number): void {
    const encoder = this.device.createCommandEncoder({ label: `D fit x${steps}` });
    const pass = encoder.beginComputePass({ label: `D fit x${steps}` });
    for (let s = 0; s < steps; s++) for (const d of this.step) d.encode(pass);
    pass.end();
    this.device.queue.submit([encoder.finish()]);
    this.steps += steps;
  }

  /** D's parameters and the last step's loss, -V(G, D) estimated on that step's minibatches. */
  async read(): Promise<{ w: number; b: number; loss: number }> {
    const p = await readFloats(this.device, this.params, this.layout.totalFloats);
    const [loss] = await readFloats(this.device, this.loss, 1);
    return { w: p[slot(this.layout, 'w').offset], b: p[slot(this.layout, 'b').offset], loss };
  }

  destroy(): void {
    this.step.forEach((d) => d.destroy());
    this.buffers.forEach((b) => b.destroy());
  }
}

export const discriminatorAt = (w: number, b: number) => (x: number) => 1 / (1 + Math.exp(-(w * x + b)));
