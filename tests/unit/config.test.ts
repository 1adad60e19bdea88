// Every config field's bad values are rejected before any GPU work, and the error names the field.
import { describe, expect, it } from 'vitest';
import { checkFitsDevice, standardConfig, toyConfig, validateConfig, type GanConfig } from '../../src/train/config';

const base = () => toyConfig();
const bad: [string, (c: GanConfig) => void, RegExp][] = [
  ['noise.dim', (c) => { c.noise.dim = 0; }, /config.noise.dim must be an integer in \[1, 4096\], got 0/],
  ['noise.distribution', (c) => { (c.noise as { distribution: string }).distribution = 'cauchy'; }, /config.noise.distribution must be 'normal' or 'uniform', got "cauchy"/],
  ['k', (c) => { c.k = 0; }, /config.k must be an integer in \[1, 100\], got 0/],
  ['k fractional', (c) => { c.k = 1.5; }, /config.k/],
  ['loss', (c) => { (c as { loss: string }).loss = 'wasserstein'; }, /config.loss must be 'minimax' or 'non-saturating'/],
  ['batchSize', (c) => { c.batchSize = 0; }, /config.batchSize must be an integer in \[1, 65536\]/],
  ['seed', (c) => { c.seed = -1; }, /config.seed must be a non-negative safe integer/],
  ['realLabel', (c) => { c.realLabel = 1.2; }, /config.realLabel must be a number in \[0.5, 1\]/],
  ['optimizer type', (c) => { (c.optimizers.generator as { type: string }).type = 'rmsprop'; }, /config.optimizers.generator.type must be 'adam' or 'sgd', got "rmsprop"/],
  ['learning rate', (c) => { c.optimizers.discriminator.lr = NaN; }, /config.optimizers.discriminator.lr must be a number in \[0, 10\]/],
  ['beta1', (c) => { c.optimizers.generator = { type: 'adam', lr: 1e-3, beta1: 1 }; }, /config.optimizers.generator.beta1 must be a number in \[0, 1\)/],
  ['momentum', (c) => { c.optimizers.generator = { type: 'sgd', lr: 1e-3, momentum: -0.1 }; }, /config.optimizers.generator.momentum/],
  ['layer units', (c) => { c.generator.layers[0].units = 0; }, /config.generator.layers\[0\].units must be an integer/],
  ['layer activation', (c) => { (c.discriminator.layers[1] as { activation: string }).activation = 'swish'; }, /config.discriminator.layers\[1\].activation must be one of/],
  ['leaky alpha', (c) => { c.discriminator.layers[0].alpha = -0.2; }, /config.discriminator.layers\[0\].alpha must be in \[0, 1\)/],
  ['G output width', (c) => { c.generator.layers[2].units = 3; }, /config.generator.layers\[-1\].units must be the data's dimension \(2\), got 3/],
  ['D output', (c) => { c.discriminator.layers[2].activation = 'sigmoid'; }, /config.discriminator.layers\[-1\] must be \{ units: 1, activation: 'identity' \}/],
  ['no layers', (c) => { c.generator.layers = []; }, /config.generator.layers must be a non-empty array/],
];

describe('config validation', () => {
  it('accepts the shipped configs', () => {
    expect(() => validateConfig(base(), 2)).not.toThrow();
    expect(() => validateConfig(standardConfig(), 784)).not.toThrow();
  });
  for (const [field, edit, message] of bad) {
    it(`rejects a bad ${field}, naming it`, () => {
      const c = structuredClone(base());
      edit(c);
      expect(() => validateConfig(c, 2)).toThrow(message);
    });
  }
  it('rejects a batch too large for the adapter before allocating, saying what to change', () => {
    const limits = { maxStorageBufferBindingSize: 128 << 20, maxBufferSize: 256 << 20 } as GPUSupportedLimits;
    const huge = standardConfig({ batchSize: 65536 });
    expect(() => checkFitsDevice(huge, { rows: new Float32Array(784), dims: 784 }, limits))
      .toThrow(/an activation buffer \(2 batchSize rows, fake and real, x widest layer\) needs 411041792 bytes, more than this adapter allows in one buffer \(134217728\); use a smaller batchSize/);
    expect(() => checkFitsDevice(standardConfig(), { rows: new Float32Array(784), dims: 784 }, limits)).not.toThrow();
  });
});
