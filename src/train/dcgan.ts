// DCGAN (Radford et al. 2015) for small images: convolutional on both sides, batch norm in G, leaky relu in D,
// Adam 2e-4 with beta1 0.5. For 28x28 MNIST with the default width:
//   G: z 100 -> linear 128x7x7 -> BN relu -> conv_transpose 64 (14x14) -> BN relu -> conv_transpose 1 (28x28) sigmoid
//   D: 1x28x28 -> conv 64 (14x14) leaky -> conv 128 (7x7) leaky -> flatten -> linear 1 (logits)
// Every conv is kernel 4, stride 2, padding 1, which halves (or doubles) the side. D has no batch norm: its step
// runs the fake and real rows as one batch (src/train/config.ts says why).
import type { LayerSpec } from '../nn/network.js';
import { standardConfig, type GanConfig } from './config.js';

export interface DcganShape {
  /** The images' side: a multiple of 4 (28 for MNIST, 32 for your own images). */
  side?: number;
  /** 1 (grayscale) or 3 (RGB). */
  channels?: number;
  /** D's first conv's channels (G's last hidden layer's); the others are twice it. 64 as in the paper; smaller
   * trains faster where the GPU is slow (SwiftShader: 16). */
  features?: number;
  /** PacGAN's packing (GanConfig.pack): D reads this many images as one, their channels side by side. Default 1. */
  pack?: number;
}

const down = (channels: number): LayerSpec => ({ type: 'conv2d', channels, kernel: 4, stride: 2, padding: 1, activation: 'leaky_relu', alpha: 0.2 });
const up = (channels: number, activation: 'identity' | 'sigmoid'): LayerSpec => ({ type: 'conv_transpose2d', channels, kernel: 4, stride: 2, padding: 1, activation });

/** The DCGAN config for `side` x `side` images of `channels` channels (28x28x1 by default: MNIST). */
export function dcganConfig(overrides: Partial<GanConfig> = {}, { side = 28, channels = 1, features = 64, pack = 1 }: DcganShape = {}): GanConfig {
  if (!Number.isInteger(side) || side < 8 || side % 4 !== 0) throw new Error(`dcganConfig: side must be a multiple of 4, 8 or more, got ${side}`);
  if (channels !== 1 && channels !== 3) throw new Error(`dcganConfig: channels must be 1 or 3, got ${channels}`);
  if (!Number.isInteger(features) || features < 1 || features > 1024) throw new Error(`dcganConfig: features must be an integer in [1, 1024], got ${features}`);
  if (!Number.isInteger(pack) || pack < 1 || pack > 16) throw new Error(`dcganConfig: pack must be an integer in [1, 16], got ${pack}`);
  const base = side / 4, f = features;
  return standardConfig({
    generator: {
      layers: [
        { units: 2 * f * base * base, activation: 'identity' }, { type: 'reshape', shape: [2 * f, base, base] },
        { type: 'batch_norm', activation: 'relu' }, up(f, 'identity'), { type: 'batch_norm', activation: 'relu' }, up(channels, 'sigmoid'),
      ],
    },
    discriminator: {
      layers: [{ type: 'reshape', shape: [pack * channels, side, side] }, down(f), down(2 * f), { type: 'flatten' }, { units: 1, activation: 'identity' }],
    },
    noise: { dim: 100, distribution: 'normal' },
    optimizers: { generator: { type: 'adam', lr: 2e-4, beta1: 0.5 }, discriminator: { type: 'adam', lr: 2e-4, beta1: 0.5 } },
    batchSize: 64,
    ...(pack > 1 ? { pack } : {}),
    ...overrides,
  });
}
