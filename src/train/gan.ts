// The GAN trainer on the GPU: Algorithm 1, many iterations per command buffer, metrics read back between batches.
import { createStorage, readFloats, readUints } from '../gpu/buffers.js';
import { withErrorScopes } from '../gpu/errors.js';
import { tune } from '../gpu/tuner.js';
import { Kernels, type Dispatch } from '../gpu/registry.js';
import { BufferUsage, MapMode } from '../gpu/usage.js';
import { FUSED_BACKWARD_STORAGE_BUFFERS, GpuNetwork, networkTuningRequests } from '../nn/network-gpu.js';
import { DeviceLostError, NonFiniteError } from './errors.js';
import { Inference } from './inference.js';
import {
  checkFitsDevice, learningRatesAt, networkPlans, nextRateChange, packedRows, resolveOptimizer, validateConfig, type GanConfig,
} from './config.js';
import { nonFiniteDetail, ringRecords, RING_SLOTS, RunState } from './run-state.js';
import { lossPlan } from './losses.js';
import { auxiliaryClasses, checkLabel, classesOf, discriminatorSpec, generatorSpec, rowsWithLabels, softmaxRows } from './conditional.js';
import { spectralForward } from '../nn/spectral.js';
import { rowsOf, stabiliserState, stepBuffers } from './step-buffers.js';
import type { GanData, GanInit, GanState, IterationMetrics, StateBuffer, TrainOptions } from './types.js';
import {
  discriminatorStep, generatorStep, GUARD, METRIC_WIDTH, type OptimizerBuffers, type StepBuffers,
} from './schedule.js';

export { RING_SLOTS } from './run-state.js';
export type { GanData, GanInit, GanState, IterationMetrics, TrainOptions } from './types.js';

const RING_BYTES = RING_SLOTS * METRIC_WIDTH * 4;
export const G_INIT_STREAM = 0x1000;
export const D_INIT_STREAM = 0x1100;
const COUNTERS_D = 0;
const COUNTERS_G = 4;

/** A GAN training on the GPU: Algorithm 1 of Goodfellow et al. (2014), k discriminator steps then one generator step
 * per iteration, noise and minibatches drawn on the GPU, many iterations encoded into one submit. Make one with
 * `createGan` (or {@link Gan.create}, {@link Gan.fromSnapshot}, `loadCheckpoint`), train it with {@link Gan.train},
 * and free its GPU buffers with {@link Gan.destroy} (the device stays the caller's). */
export class Gan {
  /** The kernel registry the run's dispatches come from (pipelines are cached per device). */
  readonly kernels: Kernels;
  /** G on the GPU: its flat parameter and gradient buffers, and their layout (`generator.layout`). */
  readonly generator: GpuNetwork;
  /** D on the GPU: its flat parameter and gradient buffers, and their layout (`discriminator.layout`). */
  readonly discriminator: GpuNetwork;
  private readonly owned: { destroy(): void }[] = [];
  private readonly iteration: Dispatch[];
  private readonly buffers: StepBuffers;
  private readonly sampleState: GPUBuffer;
  private readonly inference: Inference;
  /** The moving average of G's weights (config.ema), and sampling from it. */
  readonly generatorEma?: GpuNetwork;
  private readonly emaInference?: Inference;
  private readonly history: IterationMetrics[] = [];
  /** Iterations trained so far (set again by importState, fromSnapshot and loadCheckpoint). */
  iterations = 0;

  /** A run resumed from a snapshot (e.g. Gan.snapshot of a run whose device was lost) on `device`. With no snapshot
   * (the device was lost before the run's first train()), the run starts again from its initial state, which its
   * config and seed determine. */
  static async fromSnapshot(device: GPUDevice, config: GanConfig, data: GanData, snapshot: GanState | undefined): Promise<Gan> {
    const gan = await Gan.create(device, config, data);
    if (snapshot) gan.importState(snapshot);
    gan.snapshot = snapshot;
    return gan;
  }

  /** The same run, from its exact current state, under a config of the same shapes: new base learning rates, say,
   * or another batch size (a schedule's steps need no rebuild: `config.schedule` is applied between chunks). This
   * run is destroyed: go on with the one returned. */
  async reconfigure(config: GanConfig): Promise<Gan> {
    const state = await this.exportState();
    this.destroy();
    return Gan.fromSnapshot(this.device, config, this.data, state);
  }

  /** Validates the config against the data (the error names the field), checks the largest buffers against the
   * device's limits, and allocates the run inside error scopes (a refusal is a GpuError). `createGan` calls this. */
  static async create(device: GPUDevice, config: GanConfig, data: GanData, init: GanInit = {}): Promise<Gan> {
    validateConfig(config, data.dims);
    if (!(data.rows instanceof Float32Array) || data.rows.length === 0 || data.rows.length % data.dims !== 0) {
      throw new Error(`data.rows must be a non-empty Float32Array of rows of ${data.dims} values`);
    }
    checkFitsDevice(config, data, device.limits);
    rowsWithLabels(data.rows, data.dims, data.labels, classesOf(config)); // a conditional run's labels, checked before GPU work
    // the first time a shape runs on this adapter, its matmul variants are timed and the fastest kept (tuner.ts)
    const fused = device.limits.maxStorageBuffersPerShaderStage >= FUSED_BACKWARD_STORAGE_BUFFERS;
    const plans = networkPlans(config, data.dims);
    await tune(device, [
      ...networkTuningRequests(plans.generator, [config.batchSize], fused),
      ...networkTuningRequests(plans.discriminator, [2, 1].map((halves) => packedRows(config, halves * config.batchSize)), fused),
    ]);
    return withErrorScopes(device, 'allocating the GAN', () => new Gan(device, config, data, init));
  }

  private readonly dStep: Dispatch[];
  private readonly gStep: Dispatch[];
  /** The optimizer updates, whose params uniforms hold the learning rates (rewritten between chunks). */
  private readonly updates: { generator: Dispatch; discriminator: Dispatch };
  private rates: { generator: number; discriminator: number };

  /** The learning rates the next iteration uses (the optimizers' rates under config.schedule). */
  get learningRates(): { generator: number; discriminator: number } {
    return learningRatesAt(this.config, this.iterations);
  }

  /** Writes the rates for the iteration after `this.iterations` into the optimizer dispatches' uniforms when the
   * schedule changed them: queued before the next submit, so no rebuild and no wait. */
  private applySchedule(): void {
    const next = this.learningRates;
    for (const net of ['generator', 'discriminator'] as const) {
      if (next[net] !== this.rates[net]) this.updates[net].setParams({ lr: next[net] });
    }
    this.rates = next;
  }

  /** Settles (never resolves) when the device is lost: raced against every wait, so nothing hangs on a dead device. */
  private readonly lost: Promise<never>;

  /** @param device the device the run lives on (the caller's: destroy() leaves it alone)
   * @param config the run's config, validated (a schedule in it is applied between chunks)
   * @param data the training rows, uploaded to the GPU once
   * @param init initial flat parameters, in place of the seeded initialisation */
  private constructor(readonly device: GPUDevice, readonly config: GanConfig, readonly data: GanData, init: GanInit) {
    this.lost = device.lost.then((info) => {
      this.halted = new DeviceLostError(info.reason ?? 'unknown', info.message, this.snapshot?.iterations);
      throw this.halted;
    });
    this.lost.catch(() => undefined); // observed here so that a loss nobody is waiting on is not an unhandled rejection
    this.state = new RunState(device);
    const k = (this.kernels = new Kernels(device));
    const buf = (label: string, init: number | Float32Array | Uint32Array) => this.own(createStorage(device, label, init));
    this.generator = this.own(new GpuNetwork(k, 'G', generatorSpec(config), config.seed, G_INIT_STREAM, init.generator));
    this.discriminator = this.own(new GpuNetwork(k, 'D', discriminatorSpec(config, data.dims), config.seed, D_INIT_STREAM, init.discriminator));
    this.buffers = stepBuffers(k, config, data, { generator: this.generator, discriminator: this.discriminator }, init, (o) => this.own(o),
      D_INIT_STREAM);
    const { rngState, counters, dSpectral } = this.buffers;
    const state = (net: GpuNetwork, counterIndex: number): OptimizerBuffers => {
      const s = { m: buf(`${net.name}.moment1`, net.layout.totalFloats), v: buf(`${net.name}.moment2`, net.layout.totalFloats), counterIndex };
      const who = net === this.generator ? 'generator' : 'discriminator';
      this.state.buffers[`${who}.optimizer.moment1`] = { buffer: s.m, dtype: 'F32', elements: net.layout.totalFloats };
      this.state.buffers[`${who}.optimizer.moment2`] = { buffer: s.v, dtype: 'F32', elements: net.layout.totalFloats };
      return s;
    };
    const dStep = (this.dStep = discriminatorStep(k, config, this.discriminator, resolveOptimizer(config.optimizers.discriminator),
      state(this.discriminator, COUNTERS_D), this.buffers));
    // the moving average of G's weights starts as G's initial weights and shares its running statistics
    this.generatorEma = config.ema ? this.own(new GpuNetwork(k, 'G.ema', this.generator.spec, config.seed, G_INIT_STREAM,
      init.generator, this.generator.stats)) : undefined;
    const gStep = (this.gStep = generatorStep(k, config, this.generator, resolveOptimizer(config.optimizers.generator),
      state(this.generator, COUNTERS_G), this.buffers, this.generatorEma?.params));
    this.iteration = [...Array.from({ length: config.k }, () => dStep).flat(), ...gStep];
    const update = (steps: Dispatch[]) => steps.find((d) => d.kernel === 'adam_step' || d.kernel === 'sgd_momentum_step')!;
    this.updates = { generator: update(gStep), discriminator: update(dStep) };
    this.rates = { generator: config.optimizers.generator.lr, discriminator: config.optimizers.discriminator.lr };
    [...dStep, ...gStep].forEach((d) => this.own(d));
    this.sampleState = buf('sample rng_state', 2);
    // D's effective weights from the raw ones before it judges outside training (u and v left as they are)
    const refreshD = dSpectral ? spectralForward(k, dSpectral.plan, dSpectral.buffers, false, 'discriminate').map((d) => this.own(d)) : [];
    this.inference = this.own(new Inference(k, this.generator, this.discriminator, config, this.sampleState, refreshD));
    if (this.generatorEma) this.emaInference = this.own(new Inference(k, this.generatorEma, this.discriminator, config, this.sampleState));
    this.state.addNetwork('generator', this.generator);
    // with spectral normalisation, D's state is its raw weights (PyTorch's weight_orig) and the u, v vectors
    this.state.addNetwork('discriminator', { plan: this.discriminator.plan, layout: this.discriminator.layout,
      params: dSpectral?.buffers.raw ?? this.discriminator.params, stats: this.discriminator.stats });
    Object.assign(this.state.buffers, stabiliserState(this.buffers, this.generatorEma));
    Object.assign(this.state.buffers, {
      'optimizer.counters': { buffer: counters, dtype: 'U32', elements: 8 },
      'rng.state': { buffer: rngState, dtype: 'U32', elements: 2 },
      'rng.sample_state': { buffer: this.sampleState, dtype: 'U32', elements: 2 },
      'metrics.ring': { buffer: this.buffers.ring, dtype: 'F32', elements: RING_SLOTS * METRIC_WIDTH },
      'metrics.ring_state': { buffer: this.buffers.ringState, dtype: 'U32', elements: 1 },
    } satisfies Record<string, StateBuffer>);
  }

  /** Everything a run's future depends on, by name: parameters, optimizer moments and step counters, RNG counters,
   * the metrics ring. Checkpoints (src/io/checkpoint.ts) save and restore exactly these. */
  private readonly state: RunState;

  /** The name, element type and length of every buffer in the run's state (what exportState returns). */
  stateLayout(): Record<string, { dtype: 'F32' | 'U32'; elements: number }> {
    return this.state.layout();
  }

  /** Reads the run's whole state back from the GPU, consistent even while a train() is in flight: every state
   * buffer, the iteration count and the metrics history. Rejects with a DeviceLostError when the device is lost. */
  async exportState(): Promise<GanState> {
    this.assertUsable('exportState');
    return this.state.readAll(this.iterations, this.history, (work) => this.whileAlive(work));
  }

  /** Overwrites the run's state (every named buffer must be given, with its exact length). */
  importState(state: GanState): void {
    this.assertUsable('importState');
    this.state.writeAll(state.buffers);
    this.iterations = state.iterations;
    this.history.length = 0;
    this.history.push(...state.history);
  }

  private own<T extends { destroy(): void }>(o: T): T {
    this.owned.push(o);
    return o;
  }

  /** Runs single steps of one kind outside the iteration schedule, for inspection and tests (the generator step
   * also commits a metrics record). Not needed for training: train() runs whole iterations. */
  runSteps(kind: 'discriminator' | 'generator', count = 1): Promise<undefined> {
    this.assertUsable('runSteps');
    const list = kind === 'discriminator' ? this.dStep : this.gStep;
    this.applySchedule();
    this.kernels.run(Array.from({ length: count }, () => list).flat(), `${kind} steps`);
    return this.device.queue.onSubmittedWorkDone();
  }

  /** One iteration's dispatches, in order (for profiling: bench/dispatch-profile.ts). */
  dispatches(): readonly Dispatch[] { return this.iteration; }

  /** GPU dispatches per iteration (k discriminator steps and one generator step; a two-pass kernel counts two). */
  get dispatchesPerIteration(): number {
    return this.iteration.reduce((sum, d) => sum + d.passes, 0);
  }

  /** Encodes `count` iterations into one compute pass, copies the metrics ring and the guard out, and submits once. */
  private submitIterations(count: number, staging: GPUBuffer): void {
    const encoder = this.device.createCommandEncoder({ label: `GAN x${count}` });
    const pass = encoder.beginComputePass({ label: `GAN x${count}` });
    for (let i = 0; i < count; i++) for (const d of this.iteration) d.encode(pass);
    pass.end();
    encoder.copyBufferToBuffer(this.buffers.ring, 0, staging, 0, RING_BYTES);
    encoder.copyBufferToBuffer(this.buffers.guard, 0, staging, RING_BYTES, 4);
    this.device.queue.submit([encoder.finish()]);
    this.iterations += count;
  }

  /** Waits for `work` unless the device is lost first, in which case it rejects with the DeviceLostError. */
  private whileAlive<T>(work: Promise<T>): Promise<T> {
    return Promise.race([work, this.lost]);
  }

  /** Set by destroy(): every later call throws instead of computing on freed buffers (which gives zeros, silently). */
  private destroyed = false;

  private assertUsable(what: string): void {
    if (this.destroyed) throw new Error(`${what}: this run was destroyed (gan.destroy()); create or load a new one`);
  }

  /** The last in-memory snapshot of the run (see {@link TrainOptions.snapshotEvery}): restoreSnapshot() goes back to
   * it, and Gan.fromSnapshot() resumes it on a new device. */
  snapshot?: GanState;
  /** The error that halted training (a NonFiniteError or a DeviceLostError), if any: train() throws it again until
   * restoreSnapshot() clears it. */
  halted?: Error;

  /** Goes back to the last snapshot after a NonFiniteError (or by choice), clearing the halt. */
  restoreSnapshot(): void {
    if (!this.snapshot) throw new Error('no snapshot to restore: none was taken (snapshotEvery was 0, or no train() ran)');
    if (this.halted instanceof DeviceLostError) throw new Error('the device is lost: resume the snapshot on a new device with Gan.fromSnapshot()');
    this.importState(this.snapshot);
    this.device.queue.writeBuffer(this.buffers.guard, 0, new Uint32Array([0]));
    this.halted = undefined;
  }

  /** Looks at the guard the GPU set, confirms it on the CPU (the metrics, then the flagged gradients), and halts. */
  private async haltOnNonFinite(guard: number, records: IterationMetrics[]): Promise<never> {
    const network = guard === GUARD.discriminator ? 'discriminator' : guard === GUARD.generator ? 'generator' : 'both';
    const nets = network === 'both' ? [this.discriminator, this.generator] : [network === 'generator' ? this.generator : this.discriminator];
    const detail = await nonFiniteDetail(this.device, records, nets);
    const first = records[0]?.iteration ?? this.iterations;
    this.halted = new NonFiniteError(network, [first, this.iterations], this.snapshot?.iterations, detail);
    throw this.halted;
  }

  /** Runs `iterations` iterations of Algorithm 1, `options.chunk` (default 32) per submit; metrics arrive once per
   * chunk, read back between chunks, and the learning rates of `config.schedule` are written between chunks. A NaN
   * or an infinity halts training with a NonFiniteError (no update is applied from the bad step on); a lost device
   * rejects with a DeviceLostError; an aborted `options.signal` rejects with a DOMException named 'AbortError'
   * before the next chunk. Resolves with the metrics of the iterations it ran. */
  async train(iterations: number, options: TrainOptions = {}): Promise<IterationMetrics[]> {
    if (!Number.isInteger(iterations) || iterations < 0) throw new Error(`iterations must be a non-negative integer, got ${iterations}`);
    const chunk = options.chunk ?? 32;
    if (!Number.isInteger(chunk) || chunk < 1 || chunk > RING_SLOTS) throw new Error(`chunk must be an integer in [1, ${RING_SLOTS}], got ${chunk}`);
    const snapshotEvery = options.snapshotEvery ?? 100;
    if (!Number.isInteger(snapshotEvery) || snapshotEvery < 0) throw new Error(`snapshotEvery must be a non-negative integer, got ${snapshotEvery}`);
    this.assertUsable('train');
    if (this.halted) throw this.halted;
    if (snapshotEvery > 0 && !this.snapshot) this.snapshot = await this.exportState();
    if (this.halted) throw this.halted;
    const staging = this.device.createBuffer({
      label: 'metrics ring readback', size: RING_BYTES + 16, usage: BufferUsage.MAP_READ | BufferUsage.COPY_DST,
    });
    const fresh: IterationMetrics[] = [];
    try {
      for (let done = 0; done < iterations;) {
        if (options.signal?.aborted) throw new DOMException('training aborted', 'AbortError');
        this.assertUsable('train'); // destroyed between chunks
        // a chunk never spans a change of learning rate: it ends where the schedule steps
        const count = Math.min(chunk, iterations - done, nextRateChange(this.config, this.iterations) - this.iterations);
        const first = this.iterations;
        this.applySchedule();
        this.submitIterations(count, staging);
        await this.whileAlive(staging.mapAsync(MapMode.READ));
        const mapped = staging.getMappedRange().slice(0);
        staging.unmap();
        const ring = new Float32Array(mapped, 0, RING_SLOTS * METRIC_WIDTH);
        const guard = new Uint32Array(mapped, RING_BYTES, 1)[0];
        const records = ringRecords(ring, first, count);
        if (guard !== 0) await this.haltOnNonFinite(guard, records);
        this.history.push(...records);
        fresh.push(...records);
        options.onMetrics?.(records);
        done += count;
        if (snapshotEvery > 0 && this.iterations - (this.snapshot?.iterations ?? 0) >= snapshotEvery) {
          this.snapshot = await this.exportState();
        }
      }
    } finally {
      staging.destroy();
    }
    return fresh;
  }

  /** Every iteration's metrics so far. */
  metrics(): IterationMetrics[] { return [...this.history]; }

  /** n samples G(z), z drawn from the sampling stream (training's draws are unaffected); `ema` samples the moving
   * average of G's weights instead (config.ema). Runs in passes that fit the device's buffers when n rows of G's
   * widest layer do not. */
  async sample(n: number, { ema = false, label }: { ema?: boolean; label?: number } = {}): Promise<Float32Array> {
    this.assertUsable('sample');
    if (!Number.isInteger(n) || n < 1 || n > 1 << 20) throw new Error(`sample: n must be an integer in [1, 2^20], got ${n}`);
    if (ema && !this.emaInference) throw new Error('sample: { ema: true } needs a run with config.ema (a moving average of G\'s weights)');
    checkLabel(this.config, 'sample', label, false);
    return (ema ? this.emaInference! : this.inference).sampleRows(n, this.data.dims, (work) => this.whileAlive(work), label ?? -1);
  }

  /** D(x) for rows of x (count, dims), in its loss's sense: probabilities sigmoid(logit) for the minimax and
   * non-saturating losses, D's raw output for the others (LSGAN's estimate of p_data / (p_data + p_g), the hinge's
   * and Wasserstein critic's value). */
  async discriminate(x: Float32Array, options: { label?: number } = {}): Promise<Float32Array> {
    const logits = await this.logits(x, options);
    if (lossPlan(this.config.loss).meansOf === 'identity') return logits;
    return logits.map((l) => (l >= 0 ? 1 / (1 + Math.exp(-l)) : Math.exp(l) / (1 + Math.exp(l))));
  }

  /** D's raw output (logits for the sigmoid losses) for rows of x (count, dims), in passes that fit the device's
   * buffers; a conditional D judges every row as of class `label` (an ACGAN's reads none); a packing D, each pack. */
  async logits(x: Float32Array, { label }: { label?: number } = {}): Promise<Float32Array> {
    this.assertUsable('logits');
    const pack = this.config.pack ?? 1, packWidth = pack * this.data.dims;
    const n = rowsOf(x, packWidth, pack > 1 ? `logits (D judges packs of ${pack} rows of ${this.data.dims})` : 'logits');
    checkLabel(this.config, 'logits', label, !auxiliaryClasses(this.config)); // an ACGAN's D reads no label
    const out = await this.inference.judgeRows(x, n, packWidth, label, (work) => this.whileAlive(work));
    const width = out.length / n; // an ACGAN's D: its logit, then its class logits
    return width === 1 ? out : Float32Array.from({ length: n }, (_, r) => out[r * width]);
  }

  /** An ACGAN's D as a classifier (conditional.discriminator 'auxiliary'): for rows of x (count, dims), the
   * probabilities of each class (count rows of the classes), the softmax of D's class logits. */
  async classify(x: Float32Array): Promise<Float32Array> {
    this.assertUsable('classify');
    const n = rowsOf(x, this.data.dims, 'classify'), classes = auxiliaryClasses(this.config);
    if (!classes) throw new Error("classify: needs an ACGAN (config.conditional.discriminator 'auxiliary'): this D has no class logits");
    return softmaxRows(await this.inference.judgeRows(x, n, this.data.dims, undefined, (work) => this.whileAlive(work)), 1 + classes, 1, classes);
  }

  /** G(z) for given rows of G's input (count, noise.dim; a conditional G's rows then hold the label's one-hot after
   * the noise), e.g. to interpolate in the latent space or to compare with another implementation; training's and
   * sample()'s draws are unaffected. */
  async generate(z: Float32Array): Promise<Float32Array> {
    this.assertUsable('generate');
    const n = rowsOf(z, this.config.noise.dim + classesOf(this.config), 'generate');
    return this.inference.generateRows(z, n, this.data.dims, (work) => this.whileAlive(work));
  }

  /** The flat parameter buffers, read back (layouts in generator.layout and discriminator.layout). */
  async parameters(): Promise<{ generator: Float32Array; discriminator: Float32Array; generatorEma?: Float32Array }> {
    this.assertUsable('parameters');
    const read = (net: GpuNetwork) => this.whileAlive(readFloats(this.device, net.params, net.layout.totalFloats));
    return {
      generator: await read(this.generator),
      discriminator: await this.whileAlive(readFloats(this.device, this.buffers.dSpectral?.buffers.raw ?? this.discriminator.params,
        this.discriminator.layout.totalFloats)),
      ...(this.generatorEma ? { generatorEma: await read(this.generatorEma) } : {}),
    };
  }

  /** Optimizer step counts and the RNG draw counter, for tests and checkpoints. */
  async counters(): Promise<{ dSteps: number; gSteps: number; draw: number }> {
    this.assertUsable('counters');
    const c = await this.whileAlive(readUints(this.device, this.buffers.counters, 8));
    const r = await this.whileAlive(readUints(this.device, this.buffers.rngState, 2));
    return { dSteps: c[COUNTERS_D], gSteps: c[COUNTERS_G], draw: r[0] + r[1] * 2 ** 32 };
  }

  /** Frees the run's GPU buffers and dispatches. The device is left alone: it is the caller's. */
  destroy(): void {
    this.destroyed = true;
    // newest first: what was built on the networks (inference, dispatches) goes before the networks themselves
    this.owned.reverse().forEach((o) => o.destroy());
    this.owned.length = 0;
  }
}
