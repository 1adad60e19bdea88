// The GAN lab: Algorithm 1 training live on a 2-D mixture, with D's heat map, the samples and the curves.
import {
  CheckpointError, decodeSafetensors, defaultConditioning, drawnSet, MAX_DRAWN_POINTS, Gan, grid25, loadCheckpoint, modeCoverage, ring8, saveCheckpoint, toyConfig,
  type Conditioning, type GanConfig, type LrStep, type OptimizerConfig, type ToyDataset,
} from '../src/index';
import { drawPlane } from './charts';

export interface LabSettings {
  dataset: 'ring8' | 'grid25' | 'mnist' | 'draw' | 'images';
  /** A config loss, or 'wgan-gp': the Wasserstein loss with its gradient penalty (lambda 10). */
  loss: GanConfig['loss'] | 'wgan-gp';
  /** R1's gamma (0: none), spectral norm of D, the moving average's decay (0: none), a class-conditional GAN. */
  r1: number;
  spectralNorm: boolean;
  ema: number;
  conditional: boolean;
  /** How a conditional D takes the label; 'auto': defaultConditioning (projection for the DCGAN or under a penalty). */
  conditioning: 'auto' | Conditioning;
  k: number;
  seed: number;
  generatorOptimizer: { type: 'adam' | 'sgd'; lr: number };
  discriminatorOptimizer: { type: 'adam' | 'sgd'; lr: number };
  batchSize: number;
  noiseDim: number;
  width: number;
  /** Images: an MLP, or the DCGAN with D's first conv `dcganWidth` channels wide. */
  model: 'mlp' | 'dcgan';
  dcganWidth: number;
  /** Learning-rate steps (the schedule box, parsed): applied by the Gan on the GPU between chunks. */
  schedule: LrStep[];
}

/** What the lab changes in a running run without starting it again: the base learning rates and the schedule. */
export interface Retune {
  generatorLr: number;
  discriminatorLr: number;
  schedule: LrStep[];
}

/** The run's config with a retune applied (the shapes, and so the run's state, stay the same). */
export function retuned(config: GanConfig, r: Retune): GanConfig {
  const { generator, discriminator } = config.optimizers;
  return {
    ...config,
    optimizers: { generator: { ...generator, lr: r.generatorLr }, discriminator: { ...discriminator, lr: r.discriminatorLr } },
    schedule: r.schedule,
  };
}

/** The loss and the stabilisers the lab's controls choose, as config fields; `classes`: the data's (0 when it has
 * none, and then no conditional run); `discriminator`: D's layers, when convolutional (a conditional D then reads the
 * label by projection unless chosen otherwise, as it does under a penalty: defaultConditioning). */
export function stabilisers(s: LabSettings, classes: number, discriminator?: GanConfig['discriminator']):
  Pick<GanConfig, 'loss' | 'penalty' | 'spectralNorm' | 'ema' | 'conditional'> {
  const penalty: GanConfig['penalty'] = s.loss === 'wgan-gp' ? { type: 'wgan-gp', weight: 10 } : s.r1 > 0 ? { type: 'r1', weight: s.r1 } : undefined;
  const how = s.conditioning === 'auto' ? defaultConditioning({ discriminator, penalty }) : s.conditioning;
  return {
    loss: s.loss === 'wgan-gp' ? 'wasserstein' : s.loss,
    penalty,
    spectralNorm: s.spectralNorm || undefined,
    ema: s.ema > 0 ? { decay: s.ema } : undefined,
    conditional: s.conditional && classes > 1 ? { classes, ...(how !== 'concatenate' ? { discriminator: how } : {}) } : undefined,
  };
}

const optimizer = (o: LabSettings['generatorOptimizer']): OptimizerConfig =>
  o.type === 'adam' ? { type: 'adam', lr: o.lr, beta1: 0.5 } : { type: 'sgd', lr: o.lr, momentum: 0.9 };

const SIDE = 40; // heat map resolution

export class Lab {
  /** The class a conditional run samples (the lab's class picker); undefined: classes drawn at random. */
  label?: number;
  private heat?: Float32Array;
  private frames = 0;
  private readonly grid: Float32Array;
  private readonly realShown: Float32Array;
  readonly plane: { lo: number; hi: number };

  private constructor(readonly gan: Gan, readonly data: ToyDataset) {
    this.plane = data.name === 'grid25' ? { lo: -6, hi: 6 } : { lo: -3, hi: 3 };
    const { lo, hi } = this.plane;
    this.grid = new Float32Array(SIDE * SIDE * 2);
    for (let r = 0; r < SIDE; r++) {
      for (let c = 0; c < SIDE; c++) {
        this.grid[2 * (r * SIDE + c)] = lo + ((c + 0.5) / SIDE) * (hi - lo);
        this.grid[2 * (r * SIDE + c) + 1] = hi - ((r + 0.5) / SIDE) * (hi - lo);
      }
    }
    this.realShown = data.rows.slice(0, 2 * 500);
  }

  /** The user-drawn set starts with three blobs; clicks on the plane add more. */
  static readonly firstDrawn = [[-1.5, 1], [1.5, 1], [0, -1.5]];

  private static dataset(name: string, drawn: number[][] = Lab.firstDrawn): ToyDataset {
    if (name === 'ring8') return ring8(10_000, 1);
    if (name === 'grid25') return grid25(10_000, 1);
    if (name === 'draw') return drawnSet(drawn);
    throw new CheckpointError(`the lab has no dataset ${JSON.stringify(name)} (ring8, grid25, draw)`);
  }

  /** A lab resumed from a checkpoint saved by the lab (its dataset, and any drawn points, are in the metadata). */
  static async fromCheckpoint(device: GPUDevice, bytes: Uint8Array): Promise<Lab> {
    const { metadata } = decodeSafetensors(bytes);
    let drawn: number[][] | undefined;
    if (metadata.drawn !== undefined) {
      try {
        drawn = JSON.parse(metadata.drawn) as number[][];
      } catch {
        throw new CheckpointError('metadata.drawn is not valid JSON');
      }
      if (!Array.isArray(drawn) || !drawn.every((p) => Array.isArray(p) && p.length === 2 && p.every(Number.isFinite))) {
        throw new CheckpointError('metadata.drawn is not a list of [x, y] points');
      }
      if (drawn.length > MAX_DRAWN_POINTS) throw new CheckpointError(`metadata.drawn holds ${drawn.length} points; the lab takes at most ${MAX_DRAWN_POINTS}`);
    }
    const data = Lab.dataset(metadata.dataset ?? '', drawn);
    const gan = await loadCheckpoint(device, bytes, { rows: data.rows, dims: 2, labels: data.labels });
    if ((gan.config.pack ?? 1) > 1) { // the heat map is D(x) at each point of the plane: a packing D judges packs
      gan.destroy();
      throw new CheckpointError(`this run's D judges packs of ${gan.config.pack} points (config.pack), so the lab cannot draw D(x) for one point; sample it with the CLI`);
    }
    return new Lab(gan, data);
  }

  /** Plane coordinates of a click at (fx, fy), fractions of the canvas from its top-left corner. */
  planePoint(fx: number, fy: number): [number, number] {
    const { lo, hi } = this.plane;
    return [lo + fx * (hi - lo), hi - fy * (hi - lo)];
  }

  /** The same run, continuing from its current state, on the drawn set with more points. */
  static async withPoints(device: GPUDevice, old: Lab, points: [number, number][]): Promise<Lab> {
    const data = drawnSet([...old.data.modes, ...points]);
    const state = await old.gan.exportState();
    return new Lab(await Gan.fromSnapshot(device, old.gan.config, { rows: data.rows, dims: 2, labels: data.labels }, state), data);
  }

  /** The same run, continuing from its current state, under new learning rates or a new schedule. The old lab stays
   * alive (a frame may be using it) until the caller swaps it out. */
  static async withConfig(device: GPUDevice, old: Lab, r: Retune): Promise<Lab> {
    const state = await old.gan.exportState();
    return new Lab(await Gan.fromSnapshot(device, retuned(old.gan.config, r), { rows: old.data.rows, dims: 2, labels: old.data.labels }, state), old.data);
  }

  /** The run resumed on a new device from the old one's last in-memory snapshot (after a lost device). */
  static async resumeOn(device: GPUDevice, old: Lab): Promise<Lab> {
    return new Lab(await Gan.fromSnapshot(device, old.gan.config, { rows: old.data.rows, dims: 2, labels: old.data.labels }, old.gan.snapshot), old.data);
  }

  checkpoint(): Promise<Uint8Array> {
    const extra: Record<string, string> = { dataset: this.data.name };
    if (this.data.name === 'draw') extra.drawn = JSON.stringify(this.data.modes);
    return saveCheckpoint(this.gan, extra);
  }

  static async create(device: GPUDevice, s: LabSettings): Promise<Lab> {
    const data = Lab.dataset(s.dataset);
    const width = s.width;
    const config = toyConfig({
      generator: { layers: [{ units: width, activation: 'relu' }, { units: width, activation: 'relu' }, { units: 2, activation: 'identity' }] },
      discriminator: { layers: [{ units: width, activation: 'leaky_relu', alpha: 0.2 }, { units: width, activation: 'leaky_relu', alpha: 0.2 }, { units: 1, activation: 'identity' }] },
      noise: { dim: s.noiseDim, distribution: 'normal' }, batchSize: s.batchSize, k: s.k, seed: s.seed,
      optimizers: { generator: optimizer(s.generatorOptimizer), discriminator: optimizer(s.discriminatorOptimizer) },
      schedule: s.schedule, ...stabilisers(s, data.name === 'draw' ? 0 : data.modes.length),
    });
    return new Lab(await Gan.create(device, config, { rows: data.rows, dims: 2, labels: data.labels }), data);
  }

  /** Trains `iterations` (0 when paused) in one submit, then redraws; returns what the stats line shows. */
  async frame(iterations: number, plane: HTMLCanvasElement) {
    if (iterations > 0) await this.gan.train(iterations, { chunk: iterations, snapshotEvery: 50 });
    // a conditional run: the samples of the class picked (or of classes drawn at random), D as it judges that class
    const label = this.gan.config.conditional ? this.label : undefined;
    const fake = await this.gan.sample(500, { label });
    if (this.frames++ % 4 === 0 || !this.heat) this.heat = await this.gan.discriminate(this.grid, { label: this.gan.config.conditional ? label ?? 0 : undefined });
    drawPlane(plane, this.plane, this.heat, SIDE, this.realShown, fake);
    const history = this.gan.metrics().slice(-1000);
    const last = history.at(-1);
    const cov = modeCoverage(fake, this.data);
    // (V + log 4) / 2 from the minibatch: V = -(D loss) when the real label is 1
    const jsd = last ? (-last.dLoss + Math.log(4)) / 2 : NaN;
    return {
      iteration: this.gan.iterations, last, history, modes: cov.modesCovered, of: this.data.modes.length,
      quality: cov.highQualityFraction, jsd, rates: this.gan.learningRates,
    };
  }

  destroy(): void {
    this.gan.destroy();
  }
}
