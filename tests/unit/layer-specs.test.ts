// Layer lists are checked before any GPU work: every bad field of every layer kind is refused with an error that
// names it; a config without `type` is linear, as the first milestone's were; dcganConfig's shapes.
import { describe, expect, it } from 'vitest';
import { planNetwork, describeNetwork, type LayerSpec } from '../../src/nn/network';
import { validateConfig } from '../../src/train/config';
import { dcganConfig } from '../../src/train/dcgan';

const image = (layer: LayerSpec): LayerSpec[] => [{ type: 'reshape', shape: [1, 6, 6] }, layer, { type: 'flatten' }, { units: 1, activation: 'identity' }];
const conv = (extra: Record<string, unknown>) => ({ type: 'conv2d', channels: 2, kernel: 3, activation: 'relu', ...extra }) as LayerSpec;

describe('layer specs', () => {
  const bad: [string, LayerSpec[], RegExp][] = [
    ['unknown type', image({ type: 'conv3d' } as never), /d.layers\[1\].type must be one of linear, conv2d, conv_transpose2d, batch_norm, reshape, flatten, projection, got "conv3d"/],
    ['unknown key', image(conv({ dilation: 2 })), /d.layers\[1\] has an unknown key 'dilation' \(known for conv2d: type, channels, kernel, stride, padding, activation, alpha\)/],
    ['channels', image(conv({ channels: 0 })), /d.layers\[1\].channels must be an integer in \[1, 4096\], got 0/],
    ['kernel', image(conv({ kernel: 2.5 })), /d.layers\[1\].kernel must be an integer in \[1, 15\], got 2.5/],
    ['stride', image(conv({ stride: 0 })), /d.layers\[1\].stride must be an integer in \[1, 8\], got 0/],
    ['padding', image(conv({ padding: 3 })), /d.layers\[1\].padding must be an integer in \[0, kernel - 1 = 2\], got 3/],
    ['no output', image(conv({ kernel: 9, padding: 0 })), /d.layers\[1\]: kernel 9, stride 1, padding 0 leave no output of an input of 1x6x6/],
    ['activation', image(conv({ activation: 'gelu' })), /d.layers\[1\].activation must be one of identity, relu, leaky_relu, tanh, sigmoid, got "gelu"/],
    ['flat input', [conv({})], /d.layers\[0\]: a conv2d needs an image input \(channels x height x width\), got 36 flat features; put \{ type: 'reshape'/],
    ['reshape size', [{ type: 'reshape', shape: [2, 6, 6] }], /d.layers\[0\].shape \[2,6,6\] holds 72 values, its input \(36\) 36/],
    ['reshape form', [{ type: 'reshape', shape: [6, 6] }], /d.layers\[0\].shape must be \[channels, height, width\] or \[features\]/],
    ['bn momentum', image({ type: 'batch_norm', momentum: 2 }), /d.layers\[1\].momentum must be a number in \[0, 1\], got 2/],
    ['bn eps', image({ type: 'batch_norm', eps: 0 }), /d.layers\[1\].eps must be a number in \[1e-12, 1\], got 0/],
    ['only reshapes', [{ type: 'flatten' }], /d.layers has no layer that computes/],
    ['not an object', [null as never], /d.layers\[0\] must be an object, got null/],
  ];
  for (const [what, layers, message] of bad) {
    it(`refuses: ${what}`, () => expect(() => planNetwork({ input: 36, layers }, 'd')).toThrow(message));
  }

  it('plans shapes and PyTorch-layout tensors; a layer without a type is linear', () => {
    const plan = planNetwork({ input: 36, layers: [...image(conv({ stride: 2, padding: 1 })).slice(0, 2), { type: 'batch_norm', activation: 'relu' },
      { type: 'flatten' }, { units: 4, activation: 'tanh' }] }, 'net');
    expect(describeNetwork(plan)).toBe('36 -> reshape 1x6x6 -> conv2d 2x3x3 relu -> batch_norm 2x3x3 relu -> flatten 18 -> linear 4 tanh');
    expect(plan.layers.flatMap((l) => l.params.map((t) => `l${l.index}.${t.key} ${JSON.stringify(t.shape)}`))).toEqual([
      'l1.weight [2,1,3,3]', 'l1.bias [2]', 'l2.weight [2]', 'l2.bias [2]', 'l4.weight [18,4]', 'l4.bias [4]',
    ]);
    expect(plan.layers[2].stats.map((t) => t.key)).toEqual(['running_mean', 'running_var']);
    expect(plan.compute.map((l) => l.type)).toEqual(['conv2d', 'batch_norm', 'linear']);
  });

  it("a GAN config: G's output must hold the data's width, D ends in one logit, D has no batch norm", () => {
    const config = dcganConfig();
    expect(() => validateConfig(config, 784)).not.toThrow();
    expect(() => validateConfig(config, 3 * 784)).toThrow(/config.generator must be a network whose output holds the data's dimension \(2352\) values, got "1x28x28 = 784"/);
    const bn = dcganConfig();
    bn.discriminator.layers.splice(2, 0, { type: 'batch_norm', activation: 'leaky_relu' });
    expect(() => validateConfig(bn, 784)).toThrow(/config.discriminator.layers\[2\]: batch_norm is not supported in the discriminator/);
    const tiny = dcganConfig({ batchSize: 1 }, { side: 8, features: 2 });
    tiny.generator.layers.splice(1, 0, { type: 'batch_norm' }); // on the linear layer's flat output: one value per channel at batch 1
    expect(() => validateConfig(tiny, 64)).toThrow(/config.generator.layers\[1\]: batch_norm needs more than one value per channel/);
    expect(() => dcganConfig({}, { side: 30 })).toThrow(/side must be a multiple of 4/);
    expect(describeNetwork(planNetwork({ input: 100, layers: config.generator.layers }, 'g')))
      .toBe('100 -> linear 6272 -> reshape 128x7x7 -> batch_norm 128x7x7 relu -> conv_transpose2d 64x14x14 -> batch_norm 64x14x14 relu -> conv_transpose2d 1x28x28 sigmoid');
    const rgb = dcganConfig({}, { side: 32, channels: 3, features: 16 });
    expect(() => validateConfig(rgb, 3 * 32 * 32)).not.toThrow();
  });

  it('the stabilisers on a DCGAN: spectral norm of its convs, a conditional conv D by projection or ACGAN (not concatenation), ' +
    'no spectral norm of a transposed conv', () => {
    expect(() => validateConfig({ ...dcganConfig(), spectralNorm: true, penalty: { type: 'wgan-gp', weight: 10 }, loss: 'wasserstein' }, 784)).not.toThrow();
    expect(() => validateConfig({ ...dcganConfig(), conditional: { classes: 10 } }, 784))
      .toThrow(/config.conditional: a concatenating D's input is a data row followed by its one-hot label, so D must start with a linear layer; .* conditions with conditional.discriminator 'projection'/);
    for (const discriminator of ['projection', 'auxiliary'] as const) {
      expect(() => validateConfig({ ...dcganConfig(), conditional: { classes: 10, discriminator }, spectralNorm: true }, 784)).not.toThrow();
    }
    const upsampling = dcganConfig();
    upsampling.discriminator.layers.splice(1, 0, { type: 'conv_transpose2d', channels: 2, kernel: 3, stride: 1, padding: 1, activation: 'relu' });
    expect(() => validateConfig(upsampling, 784)).not.toThrow();
    expect(() => validateConfig({ ...upsampling, spectralNorm: true }, 784))
      .toThrow(/config.discriminator.layers\[1\]: spectralNorm cannot normalise a conv_transpose2d layer \(linear and conv2d only\)/);
  });
});
