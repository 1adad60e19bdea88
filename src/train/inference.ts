// Sampling G and evaluating D outside training. The prepared dispatch lists and their buffers are kept per size,
// so a page that samples every frame (the lab) binds them once instead of allocating on every call. A request of
// more rows than one buffer of the network's widest layer can hold on this device is run in chunks that fit, each
// inside error scopes: before, 70,000 samples of a G 4096 wide came back as 60,000 samples and then zeros (the
// over-sized bindings failed validation, silently, and nothing was written).
import { createStorage } from '../gpu/buffers.js';
import { BufferUsage, MapMode } from '../gpu/usage.js';
import { runScoped } from '../gpu/errors.js';
import type { Dispatch, Kernels } from '../gpu/registry.js';
import { featureSize } from '../nn/layer.js';
import type { GpuNetwork, NetworkApplication } from '../nn/network-gpu.js';
import { STREAMS, type GanConfig } from './config.js';
import { noiseDraw } from './schedule.js';
import { auxiliaryClasses, classesOf, labelsApart, onehotLabels, onehotRows, rowsWithLabels } from './conditional.js';

interface Prepared {
  input: GPUBuffer; // z for sampling, x for discriminating
  app: NetworkApplication;
  before: Dispatch[]; // run before the network's forward pass (sampling: the noise draw)
  extra?: GPUBuffer[]; // buffers of its own besides the input (sampling a conditional G: z before its label)
}

const KEEP = 4; // sizes kept per kind; the oldest goes when a fifth arrives
/** Rows one pass may take: 65535 workgroups down, of at least 32 rows each (shaders/linear.wgsl, LANES_X 16). */
const MAX_ROWS_PER_PASS = 65535 * 32;

export class Inference {
  private readonly samplers = new Map<number, Prepared>();
  private readonly judges = new Map<number, Prepared>();
  private readonly generators = new Map<number, Prepared>();

  /** `beforeD`: run before each of D's forwards (spectral normalisation's effective weights, src/nn/spectral.ts). */
  constructor(private readonly kernels: Kernels, private readonly generator: GpuNetwork, private readonly discriminator: GpuNetwork,
    private readonly config: GanConfig, private readonly sampleState: GPUBuffer, private readonly beforeD: Dispatch[] = []) {}

  /** The most rows of `net` one pass can take here: its widest buffer (input, or a layer's output) within the
   * device's limit for one storage binding. */
  rowsPerPass(net: GpuNetwork): number {
    const limits = this.kernels.device.limits;
    const widest = Math.max(net.spec.input, ...net.layers.map((l) => featureSize(l.output)));
    const rows = Math.floor((Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize) - 16) / (4 * widest));
    if (rows < 1) throw new Error(`${net.name}: one row of ${widest} values does not fit in a buffer on this device`);
    // and within the grid: the linear kernels' workgroups cover at least 32 rows each, at most 65535 down
    return Math.min(rows, MAX_ROWS_PER_PASS);
  }

  /** n rows through `net`, `rowsPerPass` at a time: each pass encoded, with the copy of its output into a staging
   * buffer, in one synchronous block inside error scopes, so that no other call (a second sample() in flight, a cache
   * eviction) can overwrite or free the output before it is copied; then read back. */
  private async inChunks(net: GpuNetwork, n: number, width: number, what: string, pass: (first: number, rows: number) => GPUBuffer,
    whileAlive: <T>(work: Promise<T>) => Promise<T>): Promise<Float32Array> {
    const device = this.kernels.device;
    const out = new Float32Array(n * width);
    const step = this.rowsPerPass(net);
    for (let first = 0; first < n; first += step) {
      const rows = Math.min(step, n - first);
      const bytes = Math.ceil((rows * width * 4) / 4) * 4;
      const staging = await whileAlive(runScoped(device, `${what} (rows ${first} to ${first + rows - 1})`, () => {
        const output = pass(first, rows);
        const copy = device.createBuffer({ label: `${what} read-back`, size: bytes, usage: BufferUsage.MAP_READ | BufferUsage.COPY_DST });
        const encoder = device.createCommandEncoder({ label: `${what} read-back` });
        encoder.copyBufferToBuffer(output, 0, copy, 0, bytes);
        device.queue.submit([encoder.finish()]);
        return copy;
      }));
      try {
        await whileAlive(staging.mapAsync(MapMode.READ));
        out.set(new Float32Array(staging.getMappedRange().slice(0)), first * width);
      } finally {
        staging.destroy();
      }
    }
    return out;
  }

  /** n samples G(z), z from the sampling stream, read back (dims values per row); a conditional G's labels drawn
   * uniformly, or all `label` when it is >= 0. */
  sampleRows(n: number, dims: number, whileAlive: <T>(work: Promise<T>) => Promise<T>, label = -1): Promise<Float32Array> {
    return this.inChunks(this.generator, n, dims, 'sampling G', (_, rows) => this.sample(rows, label), whileAlive);
  }

  /** D's outputs for the n rows of x (its logit; an ACGAN's class logits after it), read back; `labels`: their one-hot
   * labels, for a projection D. */
  logitRows(x: Float32Array, n: number, whileAlive: <T>(work: Promise<T>) => Promise<T>, labels?: Float32Array): Promise<Float32Array> {
    const width = x.length / n, classes = classesOf(this.config);
    return this.inChunks(this.discriminator, n, featureSize(this.discriminator.plan.output), 'evaluating D', (first, rows) => this.discriminate(
      x.subarray(first * width, (first + rows) * width), rows, labels?.subarray(first * classes, (first + rows) * classes)), whileAlive);
  }

  /** D's outputs for the n rows of x (dims wide), a conditional D judging them as of class `label`: the label
   * concatenated to each row, or as rows of their own for a projection D; an ACGAN's D reads x alone. */
  judgeRows(x: Float32Array, n: number, dims: number, label: number | undefined, whileAlive: <T>(work: Promise<T>) => Promise<T>): Promise<Float32Array> {
    const classes = classesOf(this.config);
    const labels = label === undefined ? undefined : new Array<number>(n).fill(label);
    if (auxiliaryClasses(this.config)) return this.logitRows(x, n, whileAlive);
    if (labelsApart(this.config)) return this.logitRows(x, n, whileAlive, onehotLabels(labels, n, classes));
    return this.logitRows(rowsWithLabels(x, dims, labels, classes), n, whileAlive);
  }

  /** G(z) for the n rows of z, read back. */
  generateRows(z: Float32Array, n: number, dims: number, whileAlive: <T>(work: Promise<T>) => Promise<T>): Promise<Float32Array> {
    const width = z.length / n;
    return this.inChunks(this.generator, n, dims, 'running G',
      (first, rows) => this.generate(z.subarray(first * width, (first + rows) * width), rows), whileAlive);
  }

  private cached(cache: Map<number, Prepared>, n: number, make: () => Prepared): Prepared {
    let p = cache.get(n);
    if (!p) {
      if (cache.size >= KEEP) {
        const [oldest, old] = cache.entries().next().value!;
        cache.delete(oldest);
        release(old);
      }
      cache.set(n, (p = make()));
    }
    return p;
  }

  /** Encodes and submits n fresh samples G(z), z from the sampling stream (a conditional G's labels drawn from
   * theirs, or all `label`); returns the buffer they land in. */
  sample(n: number, label = -1): GPUBuffer {
    const classes = classesOf(this.config);
    const p = this.cached(this.samplers, n, () => {
      const dim = this.config.noise.dim;
      const z = createStorage(this.kernels.device, `sample${n}.z`, n * dim);
      const input = classes ? createStorage(this.kernels.device, `sample${n}.z and label`, n * (dim + classes)) : z;
      const app = this.generator.apply<GPUBuffer>(input, n, `sample${n}`, undefined, { training: false });
      const before = [
        this.kernels.prepare('rng_advance', { rng_state: this.sampleState }, {}, {}, 'sample: rng advance'),
        noiseDraw(this.kernels, this.config, z, this.sampleState, STREAMS.sample, n * dim),
        ...(classes ? [onehotRows(this.kernels, this.config, { out: input, data: z, rngState: this.sampleState }, STREAMS.labelsSample, n, dim, 0, label)] : []),
      ];
      return { input, app, before, extra: classes ? [z] : [] };
    });
    if (classes) p.before[2].setParams({ a: label });
    this.kernels.run([...p.before, ...p.app.forward], 'sample');
    return p.app.output;
  }

  /** Uploads x (n rows) and, for a projection D, their one-hot labels; encodes and submits D(x); returns the buffer
   * of n logits. */
  discriminate(x: Float32Array, n: number, labels?: Float32Array): GPUBuffer {
    return this.forward(this.judges, this.discriminator, 'discriminate', x, n, labels);
  }

  /** Uploads z (n rows of noise), encodes and submits G(z); returns the buffer of its n rows. */
  generate(z: Float32Array, n: number): GPUBuffer {
    return this.forward(this.generators, this.generator, 'generate', z, n);
  }

  private forward(cache: Map<number, Prepared>, net: GpuNetwork, what: string, x: Float32Array, n: number, labels?: Float32Array): GPUBuffer {
    const p = this.cached(cache, n, () => {
      const device = this.kernels.device;
      const input = createStorage(device, `${what}${n}.input`, x.length);
      const labelRows = labels && createStorage(device, `${what}${n}.labels`, labels.length);
      const app = net.apply<GPUBuffer>(input, n, `${what}${n}`, undefined, { training: false, labels: labelRows });
      return { input, app, before: [], extra: labelRows && [labelRows] };
    });
    this.kernels.device.queue.writeBuffer(p.input, 0, x.buffer, x.byteOffset, x.byteLength);
    if (labels) this.kernels.device.queue.writeBuffer(p.extra![0], 0, labels.buffer, labels.byteOffset, labels.byteLength);
    this.kernels.run([...(net === this.discriminator ? this.beforeD : []), ...p.app.forward], what);
    return p.app.output;
  }

  destroy(): void {
    for (const cache of [this.samplers, this.judges, this.generators]) {
      cache.forEach(release);
      cache.clear();
    }
  }
}

function release(p: Prepared): void {
  p.before.forEach((d) => d.destroy());
  p.input.destroy();
  p.extra?.forEach((b) => b.destroy());
  p.app.release();
}
