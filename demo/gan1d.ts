// Figure 1 of Goodfellow et al. (2014), live: a 1-D GAN whose generator is affine, G(z) = a z + b with z ~ N(0, 1),
// so p_g = N(b, a^2) is known exactly at every step, and D*(x) = p_data / (p_data + p_g) can be drawn beside the
// trained D(x). With G's training off, D alone converges to D*; with it on, p_g moves onto p_data and D flattens to 1/2.
import {
  coveringInterval, Gan, gaussian1d, gaussianPdf, jensenShannon, lossPlan, mlpLayout, optimalDiscriminator, toyConfig, valueOfGame,
  type GanConfig, type Gaussian1d,
} from '../src/index';
import { drawCurves } from './plot';

export const DATA_1D: Gaussian1d = { mean: -1, std: 0.6 };
const GRID = 241;

export class Gan1d {
  private readonly xs: Float32Array;
  private constructor(readonly gan: Gan, readonly lo: number, readonly hi: number, readonly trainG: boolean) {
    this.xs = Float32Array.from({ length: GRID }, (_, i) => lo + ((hi - lo) * i) / (GRID - 1));
  }

  /** `loss`: a config loss, or 'wgan-gp' (the Wasserstein critic with its gradient penalty, lambda 10). */
  static async create(device: GPUDevice, generator: Gaussian1d, trainG: boolean, loss: GanConfig['loss'] | 'wgan-gp', k: number,
    seed: number): Promise<Gan1d> {
    const config = toyConfig({
      ...(loss === 'wgan-gp' ? { loss: 'wasserstein', penalty: { type: 'wgan-gp', weight: 10 } } : { loss }),
      generator: { layers: [{ units: 1, activation: 'identity' }] },
      discriminator: { layers: [{ units: 32, activation: 'tanh' }, { units: 32, activation: 'tanh' }, { units: 1, activation: 'identity' }] },
      noise: { dim: 1, distribution: 'normal' }, k, seed, batchSize: 256,
      optimizers: {
        generator: { type: 'adam', lr: trainG ? 2e-3 : 0, beta1: 0.5 },
        discriminator: { type: 'adam', lr: 2e-3, beta1: 0.5 },
      },
    });
    const g = new Float32Array(mlpLayout({ input: 1, layers: config.generator.layers }).totalFloats);
    g[0] = generator.std; // l0.w: the scale a
    g[64] = generator.mean; // l0.b: the shift b, in the next 64-float slot
    const gan = await Gan.create(device, config, { rows: gaussian1d(20_000, seed, DATA_1D.mean, DATA_1D.std).rows, dims: 1 }, { generator: g });
    const [lo, hi] = coveringInterval(DATA_1D, generator, 3.5);
    return new Gan1d(gan, Math.min(lo, -5), Math.max(hi, 4), trainG);
  }

  async frame(iterations: number, canvas: HTMLCanvasElement) {
    if (iterations > 0) await this.gan.train(iterations, { chunk: iterations, snapshotEvery: 0 });
    const g = (await this.gan.parameters()).generator;
    const pG = { mean: g[64], std: Math.max(1e-3, Math.abs(g[0])) };
    const d = await this.gan.discriminate(this.xs);
    const dAt = (x: number) => {
      const t = Math.min(GRID - 1.001, Math.max(0, ((x - this.lo) / (this.hi - this.lo)) * (GRID - 1)));
      const i = Math.floor(t);
      return d[i] + (d[i + 1] - d[i]) * (t - i);
    };
    const pData = gaussianPdf(DATA_1D), pGen = gaussianPdf(pG);
    // D* for the loss: p_data / (p_data + p_g) for the BCE losses and LSGAN (targets 0 and 1); the hinge's is
    // sign(p_data - p_g), drawn with its D on [-1, 1] mapped to [0, 1]; a Wasserstein critic has no pointwise D*
    const loss = this.gan.config.loss;
    const hinge = loss === 'hinge', critic = loss === 'wasserstein';
    const dStar = hinge ? (x: number) => (Math.sign(pData(x) - pGen(x)) + 1) / 2 : optimalDiscriminator(pData, pGen);
    drawCurves(canvas, [
      { f: pData, color: '#2e86de', kind: 'density' }, { f: pGen, color: '#27ae60', kind: 'density' },
      ...(critic ? [] : [{ f: dStar, color: '#1d2430', kind: 'probability' as const, dashed: true }]),
      { f: hinge ? (x: number) => (dAt(x) + 1) / 2 : critic ? (x: number) => 1 / (1 + Math.exp(-dAt(x))) : dAt, color: '#c0392b', kind: 'probability' },
    ], this.lo, this.hi);
    const [wlo, whi] = coveringInterval(DATA_1D, pG, 8);
    const jsd = jensenShannon(pData, pGen, wlo, whi);
    return {
      steps: this.gan.iterations, loss: this.gan.metrics().at(-1)?.dLoss ?? NaN,
      text: `iteration ${this.gan.iterations} · G ${this.trainG ? 'trains' : 'fixed'} · p_g = N(${pG.mean.toFixed(3)}, ${pG.std.toFixed(3)}²) · ` +
        `${loss}${this.gan.config.penalty ? ' + gradient penalty' : ''}` +
        `${critic ? ' (the critic drawn through a sigmoid; no pointwise D*)' : hinge ? ' (D and D* = sign(p_data - p_g) drawn on [-1, 1])' : ''} · ` +
        // Theorem 1's V(G, D) is the BCE game's value: shown for the losses that play it
        (lossPlan(loss).meansOf === 'sigmoid'
          ? `V(G, D) ${valueOfGame(pData, pGen, dAt, wlo, whi).toFixed(4)} vs -log 4 + 2 JSD = ${(-Math.log(4) + 2 * jsd).toFixed(4)} · ` : '') +
        `JSD ${jsd.toFixed(4)} nats`,
    };
  }

  destroy(): void {
    this.gan.destroy();
  }
}
