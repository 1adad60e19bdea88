// Every config field's bad values are rejected before any GPU work, and the error names the field.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  checkFitsDevice, learningRatesAt, nextRateChange, parseSchedule, ring8PaperConfig, standardConfig, toyConfig, validateConfig,
  type GanConfig,
} from '../../src/train/config';
import type { LinearSpec } from '../../src/nn/kinds';
import { dcganConfig } from '../../src/train/dcgan';

const base = () => toyConfig();
const bad: [string, (c: GanConfig) => void, RegExp][] = [
  ['noise.dim', (c) => { c.noise.dim = 0; }, /config.noise.dim must be an integer in \[1, 4096\], got 0/],
  ['noise.distribution', (c) => { (c.noise as { distribution: string }).distribution = 'cauchy'; }, /config.noise.distribution must be 'normal' or 'uniform', got "cauchy"/],
  ['k', (c) => { c.k = 0; }, /config.k must be an integer in \[1, 100\], got 0/],
  ['k fractional', (c) => { c.k = 1.5; }, /config.k/],
  ['loss', (c) => { (c as { loss: string }).loss = 'wgan'; }, /config.loss must be 'non-saturating', 'minimax', 'least-squares', 'hinge', 'wasserstein', got "wgan"/],
  ['conditional classes', (c) => { c.conditional = { classes: 1 }; }, /config.conditional.classes must be an integer in \[2, 1000\], got 1/],
  ['conditional with a penalty, concatenating', (c) => { c.conditional = { classes: 8 }; c.penalty = { type: 'r1', weight: 1 }; },
    /config.penalty: a gradient penalty with a conditional D needs conditional.discriminator 'projection'/],
  ['conditional.discriminator', (c) => { c.conditional = { classes: 8, discriminator: 'embed' as never }; },
    /config.conditional.discriminator must be 'concatenate', 'projection', 'auxiliary', got "embed"/],
  ['conditional.auxiliaryWeight without an ACGAN', (c) => { c.conditional = { classes: 8, auxiliaryWeight: 1 }; },
    /config.conditional.auxiliaryWeight must be a number in \(0, 100\] with conditional.discriminator 'auxiliary', got 1/],
  ['conditional.auxiliaryWeight', (c) => { c.conditional = { classes: 8, discriminator: 'auxiliary', auxiliaryWeight: -1 }; }, /config.conditional.auxiliaryWeight must be/],
  ['a projection D\'s last layer', (c) => {
    c.conditional = { classes: 8, discriminator: 'projection' };
    c.discriminator.layers[c.discriminator.layers.length - 1] = { units: 2, activation: 'identity' };
  }, /config.discriminator.layers\[2\]: a D with conditional.discriminator 'projection' ends with \{ units: 1, activation: 'identity' \}/],
  ['a concatenating conv D', (c) => {
    c.conditional = { classes: 8, discriminator: 'concatenate' };
    c.discriminator.layers = [{ type: 'reshape', shape: [2, 1, 1] }, { type: 'flatten' }, { units: 1, activation: 'identity' }];
  }, /a D that reshapes rows into images \(a convolutional D\) conditions with conditional.discriminator 'projection'/],
  ['penalty type', (c) => { c.penalty = { type: 'r2' as 'r1', weight: 1 }; }, /config.penalty.type must be 'r1' or 'wgan-gp', got "r2"/],
  ['penalty weight', (c) => { c.penalty = { type: 'r1', weight: 0 }; }, /config.penalty.weight must be a number in \(0, 10000\]/],
  ['ema decay', (c) => { c.ema = { decay: 1 }; }, /config.ema.decay must be a number in \[0, 1\)/],
  ['spectral norm', (c) => { (c as { spectralNorm: unknown }).spectralNorm = 'yes'; }, /config.spectralNorm must be true or false, got "yes"/],
  ['soft label with a critic', (c) => { c.loss = 'hinge'; c.realLabel = 0.9; }, /config.realLabel must be 1 with loss 'hinge' \(a critic's loss has no target to soften\), got 0.9/],
  ['batchSize', (c) => { c.batchSize = 0; }, /config.batchSize must be an integer in \[1, 65536\]/],
  ['pack', (c) => { c.pack = 0; }, /config.pack must be an integer in \[1, 16\] \(rows per pack D judges; 2 to 4 is usual\), got 0/],
  ['batchSize under pack', (c) => { c.pack = 3; }, /config.batchSize must be a multiple of config.pack \(3\): D judges whole packs, got 256/],
  ['pack with conditional', (c) => { c.pack = 2; c.conditional = { classes: 8 }; }, /config.pack: packing is for unconditional GANs/],
  ['pack with a penalty', (c) => { c.pack = 2; c.penalty = { type: 'r1', weight: 1 }; }, /config.pack: packing with a gradient penalty \(r1\) is not supported/],
  ['seed', (c) => { c.seed = -1; }, /config.seed must be a non-negative safe integer/],
  ['realLabel', (c) => { c.realLabel = 1.2; }, /config.realLabel must be a number in \[0.5, 1\]/],
  ['optimizer type', (c) => { (c.optimizers.generator as { type: string }).type = 'rmsprop'; }, /config.optimizers.generator.type must be 'adam' or 'sgd', got "rmsprop"/],
  ['learning rate', (c) => { c.optimizers.discriminator.lr = NaN; }, /config.optimizers.discriminator.lr must be a number in \[0, 10\]/],
  ['beta1', (c) => { c.optimizers.generator = { type: 'adam', lr: 1e-3, beta1: 1 }; }, /config.optimizers.generator.beta1 must be a number in \[0, 1\)/],
  ['momentum', (c) => { c.optimizers.generator = { type: 'sgd', lr: 1e-3, momentum: -0.1 }; }, /config.optimizers.generator.momentum/],
  ['layer units', (c) => { (c.generator.layers[0] as LinearSpec).units = 0; }, /config.generator.layers\[0\].units must be an integer/],
  ['layer activation', (c) => { (c.discriminator.layers[1] as { activation: string }).activation = 'swish'; }, /config.discriminator.layers\[1\].activation must be one of/],
  ['leaky alpha', (c) => { (c.discriminator.layers[0] as LinearSpec).alpha = -0.2; }, /config.discriminator.layers\[0\].alpha must be in \[0, 1\)/],
  ['G output width', (c) => { (c.generator.layers[2] as LinearSpec).units = 3; }, /config.generator.layers\[-1\].units must be the data's dimension \(2\), got 3/],
  ['D output', (c) => { (c.discriminator.layers[2] as LinearSpec).activation = 'sigmoid'; }, /config.discriminator.layers\[-1\] must be \{ units: 1, activation: 'identity' \}/],
  ['no layers', (c) => { c.generator.layers = []; }, /config.generator.layers must be a non-empty array/],
  ['schedule type', (c) => { (c as { schedule: unknown }).schedule = '4000:0.3'; }, /config.schedule must be an array/],
  ['schedule order', (c) => { c.schedule = [{ at: 10, factor: 0.5 }, { at: 10, factor: 0.1 }]; }, /config.schedule\[1\].at must be an integer above 10/],
  ['schedule at 0', (c) => { c.schedule = [{ at: 0, factor: 0.5 }]; }, /config.schedule\[0\].at must be an integer above 0/],
  ['schedule factor', (c) => { c.schedule = [{ at: 5, factor: -1 }]; }, /config.schedule\[0\].factor must be a number in \[0, 1000\]/],
  ['schedule empty step', (c) => { c.schedule = [{ at: 5 }]; }, /config.schedule\[0\] must be a step with factor, generator or discriminator/],
];

describe('config validation', () => {
  it('accepts conditional configs with each conditioning, a penalty on a projection D or an ACGAN', () => {
    for (const discriminator of ['concatenate', 'projection', 'auxiliary'] as const) {
      expect(() => validateConfig({ ...base(), conditional: { classes: 8, discriminator } }, 2)).not.toThrow();
    }
    for (const discriminator of ['projection', 'auxiliary'] as const) {
      expect(() => validateConfig({ ...base(), conditional: { classes: 8, discriminator, auxiliaryWeight: discriminator === 'auxiliary' ? 0.5 : undefined },
        penalty: { type: 'r1', weight: 1 } }, 2)).not.toThrow();
    }
  });

  it('accepts the shipped configs', () => {
    expect(() => validateConfig(base(), 2)).not.toThrow();
    expect(() => validateConfig(standardConfig(), 784)).not.toThrow();
    expect(() => validateConfig({ ...base(), pack: 4 }, 2)).not.toThrow(); // an MLP D reads 4 x 2 values by itself
  });

  it("packs a DCGAN's images by their channels, and names a D that reads the wrong width", () => {
    expect(() => validateConfig(dcganConfig({}, { pack: 2 }), 784)).not.toThrow();
    expect(dcganConfig({}, { channels: 3, pack: 2 }).discriminator.layers[0]).toEqual({ type: 'reshape', shape: [6, 28, 28] });
    // a DCGAN's D for single images under a pack of 2 reads 1568 values, not 784
    expect(() => validateConfig({ ...dcganConfig(), pack: 2 }, 784)).toThrow(/config.discriminator.layers\[0\].*1568/);
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

describe('learning-rate schedules', () => {
  const c = toyConfig({ schedule: [{ at: 4000, factor: 0.3 }, { at: 6000, generator: 0.1, discriminator: 0.5 }] });
  const lr = c.optimizers.generator.lr;
  it('gives each network its rate for the iteration after `done` iterations', () => {
    expect(learningRatesAt(c, 0)).toEqual({ generator: lr, discriminator: lr });
    expect(learningRatesAt(c, 3999)).toEqual({ generator: lr, discriminator: lr });
    expect(learningRatesAt(c, 4000)).toEqual({ generator: lr * 0.3, discriminator: lr * 0.3 });
    expect(learningRatesAt(c, 7000)).toEqual({ generator: lr * 0.1, discriminator: lr * 0.5 });
    expect([nextRateChange(c, 0), nextRateChange(c, 4000), nextRateChange(c, 6000)]).toEqual([4000, 6000, Infinity]);
  });
  it("parses the CLI's text, and names a bad item", () => {
    expect(parseSchedule('4000:0.3, 6000:0.1')).toEqual([{ at: 4000, factor: 0.3 }, { at: 6000, factor: 0.1 }]);
    expect(parseSchedule('100:1:0.5')).toEqual([{ at: 100, generator: 1, discriminator: 0.5 }]);
    expect(parseSchedule('')).toEqual([]);
    expect(() => parseSchedule('4000:0.3,6000')).toThrow(/schedule item '6000' must be at:factor/);
    expect(() => parseSchedule('4000:x')).toThrow(/schedule item '4000:x'/);
  });
  it('ships the ring-of-8 configuration as JSON, equal to ring8PaperConfig(1)', () => {
    const json = JSON.parse(readFileSync('examples/configs/ring8-paper.json', 'utf8')) as GanConfig;
    expect(json).toEqual(ring8PaperConfig(1));
    expect(() => validateConfig(json, 2)).not.toThrow();
  });
});
