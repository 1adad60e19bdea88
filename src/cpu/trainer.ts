// The CPU mirror of the GPU trainer: Algorithm 1 in f64, driven by the same Philox streams and draw counter, from
// the same initial weights, so that a GPU run and a CPU run from one seed can be compared iteration by iteration.
import { initNetwork, initStats, planNetwork, type NetworkSpec } from '../nn/network.js';
import { learningRatesAt, packedRows, resolveOptimizer, STREAMS, type GanConfig, type ResolvedOptimizer } from '../train/config.js';
import { gather_rows, mean_forward } from './data.js';
import { lossPlan } from '../train/losses.js';
import { auxiliaryClasses, classesOf, discriminatorSpec, generatorSpec, labelsApart, labelsInRows, onehotLabels, rowsWithLabels } from '../train/conditional.js';
import { initSpectral, planSpectral, type SpectralPlan } from '../nn/spectral.js';
import { spectral_norm_backward, spectral_norm_forward } from './spectral.js';
import { penalty_backward } from './penalty.js';
import { auxiliary_ce_forward_backward, gan_loss_forward_backward, sigmoid_bce_forward_backward } from './loss.js';
import { network_backward, network_forward, type NetworkRun } from './network.js';
import { adam_step, ema_update, sgd_momentum_step } from './optim.js';
import { rng_index, rng_normal, rng_onehot_rows, rng_uniform, take_columns } from './rng.js';

const last = (run: NetworkRun) => run.outputs[run.outputs.length - 1];

/** D's output rows as its logits and their gradient: column 0 of rows `width` wide (an ACGAN's D has its class logits
 * after), and the gradient at them placed back in that column of a full-width gradient. */
function logitColumn(out: Float64Array, width: number): { logits: Float64Array; grad: Float64Array; full(): Float64Array } {
  if (width === 1) return { logits: out, grad: new Float64Array(out.length), full() { return this.grad; } };
  const rows = out.length / width, grad = new Float64Array(rows), full = new Float64Array(out.length);
  return { logits: Float64Array.from({ length: rows }, (_, r) => out[r * width]), grad, full() { grad.forEach((g, r) => { full[r * width] = g; }); return full; } };
}

interface CpuNet {
  spec: NetworkSpec;
  params: Float64Array;
  /** Running statistics (batch norm's), moved by every training forward, as on the GPU. */
  stats: Float64Array;
  grads: Float64Array;
  m: Float64Array;
  v: Float64Array;
  steps: number;
  opt: ResolvedOptimizer;
}

function makeNet(spec: NetworkSpec, seed: number, stream: number, opt: ResolvedOptimizer): CpuNet {
  const plan = planNetwork(spec, 'network');
  const size = plan.layout.totalFloats;
  return {
    spec, params: Float64Array.from(initNetwork(spec, seed, stream)), stats: Float64Array.from(initStats(plan)), grads: new Float64Array(size), m: new Float64Array(size),
    v: new Float64Array(size), steps: 0, opt,
  };
}

function step(net: CpuNet): void {
  net.steps++;
  if (net.opt.type === 'adam') {
    adam_step(net.params, net.m, net.v, net.grads, net.steps, { lr: net.opt.lr, beta1: net.opt.beta1, beta2: net.opt.beta2, eps: net.opt.eps });
  } else {
    sgd_momentum_step(net.params, net.m, net.grads, { lr: net.opt.lr, beta1: net.opt.beta1 });
  }
}

export interface CpuMetrics {
  dLoss: number;
  gLoss: number;
  dReal: number;
  dFake: number;
}

export class CpuGan {
  readonly g: CpuNet;
  readonly d: CpuNet;
  /** The moving average of G's weights (config.ema), from G's initial weights. */
  readonly gEma?: Float64Array;
  /** D's spectral normalisation (config.spectralNorm): u and v per layer, each layer's sigma, and the effective
   * weights W / sigma that D runs on (d.params stays the raw weights the optimizer updates). */
  readonly spectral?: { plan: SpectralPlan; u: Float64Array; v: Float64Array; sigma: Float64Array; effective: Float64Array };
  draw = 0;
  readonly metrics: CpuMetrics[] = [];
  private current: CpuMetrics = { dLoss: 0, gLoss: 0, dReal: 0, dFake: 0 };

  /** The data rows as D reads them: a concatenating conditional run's with their one-hot labels appended. */
  private readonly dRows: ArrayLike<number>;
  /** A projection D's labels: each data row's one-hot label. */
  private readonly labelRows?: Float32Array;
  private readonly classes: number;

  /** `labels`: each row's class, for a conditional config. */
  constructor(readonly config: GanConfig, readonly rows: ArrayLike<number>, readonly dims: number, initStreams = { g: 0x1000, d: 0x1100 },
    labels?: ArrayLike<number>) {
    this.classes = classesOf(config);
    this.dRows = labelsInRows(config) ? rowsWithLabels(Float32Array.from(rows), dims, labels, this.classes) : rows;
    if (labelsApart(config)) this.labelRows = onehotLabels(labels, rows.length / dims, this.classes);
    this.g = makeNet(generatorSpec(config), config.seed, initStreams.g, resolveOptimizer(config.optimizers.generator));
    this.d = makeNet(discriminatorSpec(config, dims), config.seed, initStreams.d, resolveOptimizer(config.optimizers.discriminator));
    if (config.ema) this.gEma = Float64Array.from(this.g.params);
    if (config.spectralNorm) {
      const plan = planSpectral(planNetwork(this.d.spec, 'network'), 'config.discriminator');
      const { u, v } = initSpectral(plan, this.d.params, config.seed, initStreams.d);
      this.spectral = {
        plan, u: Float64Array.from(u), v: Float64Array.from(v), sigma: new Float64Array(plan.layers.length),
        effective: new Float64Array(this.d.params.length),
      };
    }
  }

  /** The weights D runs on: its own, or under spectral normalisation W / sigma after one power iteration (before
   * each of D's forwards, as on the GPU and in PyTorch's training mode). */
  private discriminatorParams(): Float64Array {
    const sn = this.spectral;
    if (!sn) return this.d.params;
    sn.plan.layers.forEach((l, i) => {
      sn.sigma[i] = spectral_norm_forward(sn.effective, this.d.params, l, sn.u.subarray(l.uOffset, l.uOffset + l.rows),
        sn.v.subarray(l.vOffset, l.vOffset + l.cols), true);
    });
    return sn.effective;
  }

  private noise(stream: number): Float64Array {
    const z = new Float64Array(this.config.batchSize * this.config.noise.dim);
    const s = { seed: this.config.seed, stream, draw: this.draw };
    if (this.config.noise.distribution === 'normal') rng_normal(z, s, 0, 1);
    else rng_uniform(z, s, -1, 1);
    return z;
  }

  /** A training forward: batch norm by the batch, the running statistics moved (G's forward in each step, as on the GPU). */
  private forward(net: CpuNet, x: Float64Array, params = net.params, labels?: Float64Array): NetworkRun {
    return network_forward(params, net.spec, x, this.rowsOf(net), { stats: net.stats, labels });
  }

  /** The rows a batch is to `net`: D's are packs of config.pack rows (PacGAN), the same values read as wider rows. */
  private rowsOf(net: CpuNet): number {
    return net === this.d ? packedRows(this.config, this.config.batchSize) : this.config.batchSize;
  }

  /** A conditional step's labels, drawn from `stream` at this draw: appended to z for G, and to G's rows for D or, for
   * a projection D, as rows of their own (`fakeLabels`). */
  private labelled(z: Float64Array, stream: number): { gInput: Float64Array; toD: (rows: Float64Array) => Float64Array; fakeLabels?: Float64Array } {
    if (!this.classes) return { gInput: z, toD: (rows) => rows };
    const n = this.config.batchSize, c = this.classes, dz = this.config.noise.dim;
    const draw = { seed: this.config.seed, stream, draw: this.draw };
    const gInput = new Float64Array(n * (dz + c));
    rng_onehot_rows(gInput, z, draw, n, dz, c);
    if (this.labelRows) { // the same draw: the same labels
      const fakeLabels = new Float64Array(n * c);
      rng_onehot_rows(fakeLabels, new Float64Array(0), draw, n, 0, c);
      return { gInput, toD: (rows) => rows, fakeLabels };
    }
    return {
      gInput,
      toD: (rows) => {
        const out = new Float64Array(n * (this.dims + c));
        rng_onehot_rows(out, rows, draw, n, this.dims, c);
        return out;
      },
    };
  }

  discriminatorStep(): void {
    const n = this.config.batchSize;
    this.draw++;
    const { gInput, toD, fakeLabels } = this.labelled(this.noise(STREAMS.noiseD), STREAMS.labelsD);
    const rowWidth = labelsInRows(this.config) ? this.dims + this.classes : this.dims;
    const count = this.dRows.length / rowWidth;
    const idx = new Uint32Array(n);
    rng_index(idx, { seed: this.config.seed, stream: STREAMS.real, draw: this.draw }, count);
    const real = new Float64Array(n * rowWidth);
    gather_rows(real, this.dRows, idx, rowWidth, count);
    let realLabels: Float64Array | undefined;
    if (this.labelRows) gather_rows((realLabels = new Float64Array(n * this.classes)), this.labelRows, idx, this.classes, count);
    const fake = toD(last(this.forward(this.g, gInput)));
    const dParams = this.discriminatorParams();
    const realRun = this.forward(this.d, real, dParams, realLabels), fakeRun = this.forward(this.d, fake, dParams, fakeLabels);
    const classes = auxiliaryClasses(this.config), width = 1 + classes;
    const real_ = logitColumn(last(realRun), width), fake_ = logitColumn(last(fakeRun), width);
    const realLogits = real_.logits, fakeLogits = fake_.logits;
    const loss = lossPlan(this.config.loss);
    const label = this.config.realLabel;
    this.current.dLoss = loss.cpu.family === 'bce'
      ? sigmoid_bce_forward_backward(real_.grad, realLogits, 'bce', label) + sigmoid_bce_forward_backward(fake_.grad, fakeLogits, 'bce', 0)
      : gan_loss_forward_backward(real_.grad, realLogits, loss.cpu.discriminator, false, label)
        + gan_loss_forward_backward(fake_.grad, fakeLogits, loss.cpu.discriminator, true, label);
    this.current.dReal = mean_forward(realLogits, loss.meansOf);
    this.current.dFake = mean_forward(fakeLogits, loss.meansOf);
    const dReal = real_.full(), dFake = fake_.full();
    if (classes) { // an ACGAN's classifier loss on the class logits, a mean over each half
      const weight = this.config.conditional?.auxiliaryWeight ?? 1;
      this.current.dLoss += auxiliary_ce_forward_backward(dReal, last(realRun), realLabels!, n, classes, width, 1, 0, weight)
        + auxiliary_ce_forward_backward(dFake, last(fakeRun), fakeLabels!, n, classes, width, 1, 0, weight);
    }
    network_backward(this.d.grads, dParams, this.d.spec, realRun, dReal, this.rowsOf(this.d), false);
    network_backward(this.d.grads, dParams, this.d.spec, fakeRun, dFake, this.rowsOf(this.d), true);
    const penalty = this.config.penalty;
    if (penalty) { // at the real rows, or at real + eps (fake - real) with eps ~ U(0, 1) per row from its own stream
      const points = Float64Array.from(real);
      if (penalty.type === 'wgan-gp') {
        const eps = new Float64Array(n);
        rng_uniform(eps, { seed: this.config.seed, stream: STREAMS.penalty, draw: this.draw }, 0, 1);
        for (let i = 0; i < points.length; i++) points[i] += eps[Math.floor(i / this.dims)] * (fake[i] - real[i]);
      }
      this.current.dLoss += penalty_backward(this.d.grads, dParams, this.d.spec, points, n, penalty.type, penalty.weight, realLabels);
    }
    const sn = this.spectral;
    sn?.plan.layers.forEach((l, i) => spectral_norm_backward(this.d.grads, sn.effective, l, sn.u.subarray(l.uOffset),
      sn.v.subarray(l.vOffset), sn.sigma[i]));
    step(this.d);
  }

  generatorStep(): void {
    const n = this.config.batchSize;
    this.draw++;
    const { gInput, toD, fakeLabels } = this.labelled(this.noise(STREAMS.noiseG), STREAMS.labelsG);
    const gRun = this.forward(this.g, gInput);
    const dParams = this.discriminatorParams();
    const fakeRun = this.forward(this.d, toD(last(gRun)), dParams, fakeLabels);
    const classes = auxiliaryClasses(this.config), width = 1 + classes;
    const out = logitColumn(last(fakeRun), width);
    const loss = lossPlan(this.config.loss).cpu;
    this.current.gLoss = loss.family === 'bce'
      ? sigmoid_bce_forward_backward(out.grad, out.logits, loss.generator, 1)
      : gan_loss_forward_backward(out.grad, out.logits, loss.generator, false, 1);
    const dl = out.full();
    if (classes) {
      this.current.gLoss += auxiliary_ce_forward_backward(dl, last(fakeRun), fakeLabels!, n, classes, width, 1, 0, this.config.conditional?.auxiliaryWeight ?? 1);
    }
    const dScratch = new Float64Array(this.d.grads.length); // D's gradients are not kept: only its input gradient
    let dGz = network_backward(dScratch, dParams, this.d.spec, fakeRun, dl, this.rowsOf(this.d), false);
    if (this.classes && !this.labelRows) { // G's own columns: the labels' are not G's
      const own = new Float64Array(n * this.dims);
      take_columns(own, dGz, n, this.dims, this.dims + this.classes);
      dGz = own;
    }
    network_backward(this.g.grads, this.g.params, this.g.spec, gRun, dGz, n, false);
    step(this.g);
    if (this.config.ema && this.gEma) ema_update(this.gEma, this.g.params, this.config.ema.decay);
  }

  iteration(): CpuMetrics {
    const rates = learningRatesAt(this.config, this.metrics.length);
    this.g.opt.lr = rates.generator;
    this.d.opt.lr = rates.discriminator;
    for (let i = 0; i < this.config.k; i++) this.discriminatorStep();
    this.generatorStep();
    const m = { ...this.current };
    this.metrics.push(m);
    return m;
  }
}

