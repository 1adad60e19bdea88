// Sampling G and evaluating D outside training. The prepared dispatch lists and their buffers are kept per size,
// so a page that samples every frame (the lab) binds them once instead of allocating on every call.
import { createStorage } from '../gpu/buffers.js';
import type { Dispatch, Kernels } from '../gpu/registry.js';
import type { GpuMlp, MlpApplication } from '../nn/mlp-gpu.js';
import { STREAMS, type GanConfig } from './config.js';
import { noiseDraw } from './schedule.js';

interface Prepared {
  input: GPUBuffer; // z for sampling, x for discriminating
  app: MlpApplication;
  before: Dispatch[]; // run before the network's forward pass (sampling: the noise draw)
}

const KEEP = 4; // sizes kept per kind; the oldest goes when a fifth arrives

export class Inference {
  private readonly samplers = new Map<number, Prepared>();
  private readonly judges = new Map<number, Prepared>();
  private readonly generators = new Map<number, Prepared>();

  constructor(private readonly kernels: Kernels, private readonly generator: GpuMlp, private readonly discriminator: GpuMlp,
    private readonly config: GanConfig, private readonly sampleState: GPUBuffer) {}

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

  /** Encodes and submits n fresh samples G(z), z from the sampling stream; returns the buffer they land in. */
  sample(n: number): GPUBuffer {
    const p = this.cached(this.samplers, n, () => {
      const dim = this.config.noise.dim;
      const input = createStorage(this.kernels.device, `sample${n}.z`, n * dim);
      const app = this.generator.apply(input, n, `sample${n}`);
      const before = [
        this.kernels.prepare('rng_advance', { rng_state: this.sampleState }, {}, {}, 'sample: rng advance'),
        noiseDraw(this.kernels, this.config, input, this.sampleState, STREAMS.sample, n * dim),
      ];
      return { input, app, before };
    });
    this.kernels.run([...p.before, ...p.app.forward], 'sample');
    return p.app.output;
  }

  /** Uploads x (n rows), encodes and submits D(x); returns the buffer of n logits. */
  discriminate(x: Float32Array, n: number): GPUBuffer {
    return this.forward(this.judges, this.discriminator, 'discriminate', x, n);
  }

  /** Uploads z (n rows of noise), encodes and submits G(z); returns the buffer of its n rows. */
  generate(z: Float32Array, n: number): GPUBuffer {
    return this.forward(this.generators, this.generator, 'generate', z, n);
  }

  private forward(cache: Map<number, Prepared>, net: GpuMlp, what: string, x: Float32Array, n: number): GPUBuffer {
    const p = this.cached(cache, n, () => {
      const input = createStorage(this.kernels.device, `${what}${n}.input`, x.length);
      const app = net.apply(input, n, `${what}${n}`);
      return { input, app, before: [] };
    });
    this.kernels.device.queue.writeBuffer(p.input, 0, x.buffer, x.byteOffset, x.byteLength);
    this.kernels.run(p.app.forward, what);
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
  p.app.release();
}
