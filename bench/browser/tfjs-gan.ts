// The same GAN in TensorFlow.js, read from the same GanConfig as the engine: the same layer sizes and activations,
// the same initialisation scale (He before relu-like units, Xavier otherwise, zero biases), Adam with the same
// hyper-parameters, D's loss as the mean sigmoid-BCE from logits on real plus on fake, then G's step through D with
// the configured generator loss. Noise is tf.randomNormal; a minibatch is tf.gather of random rows of a dataset
// tensor uploaded once. Written with TF.js's own fast paths (fused matMul + bias) and nothing slower than needed.
import * as tf from '@tensorflow/tfjs';
import { layerShapes, resolveOptimizer, type GanConfig, type LayerShape, type OptimizerConfig } from '../../src/index';

interface Dense {
  w: tf.Variable<tf.Rank.R2>;
  b: tf.Variable<tf.Rank.R1>;
  shape: LayerShape;
}

function dense(shape: LayerShape, name: string): Dense {
  const reluLike = shape.activation === 'relu' || shape.activation === 'leaky_relu';
  const std = reluLike ? Math.sqrt(2 / shape.inFeatures) : Math.sqrt(2 / (shape.inFeatures + shape.outFeatures));
  const w = tf.randomNormal([shape.inFeatures, shape.outFeatures], 0, std) as tf.Tensor2D;
  const b = tf.zeros([shape.outFeatures]) as tf.Tensor1D;
  // a variable shares its initial tensor's data (counted by reference), so the initial tensors can go
  const layer = { w: tf.variable(w, true, `${name}.w`), b: tf.variable(b, true, `${name}.b`), shape };
  tf.dispose([w, b]);
  return layer;
}

function activate(x: tf.Tensor2D, l: LayerShape): tf.Tensor2D {
  switch (l.activation) {
    case 'identity': return x;
    case 'relu': return tf.relu(x);
    case 'leaky_relu': return tf.leakyRelu(x, l.alpha);
    case 'tanh': return tf.tanh(x);
    case 'sigmoid': return tf.sigmoid(x);
  }
}

// matMul + bias fused (TF.js fuses only a linear epilogue while recording gradients), then the activation.
const forward = (net: Dense[], x: tf.Tensor2D): tf.Tensor2D =>
  net.reduce((h, l) => activate(tf.fused.matMul({ a: h, b: l.w, bias: l.b }) as tf.Tensor2D, l.shape), x);

function adam(o: OptimizerConfig): tf.AdamOptimizer {
  const r = resolveOptimizer(o);
  if (r.type !== 'adam') throw new Error('the TF.js mirror implements the Adam optimizer only');
  return tf.train.adam(r.lr, r.beta1, r.beta2, r.eps);
}

export class TfjsGan {
  private readonly g: Dense[];
  private readonly d: Dense[];
  private readonly optG: tf.AdamOptimizer;
  private readonly optD: tf.AdamOptimizer;
  private readonly data: tf.Tensor2D;
  private readonly realLabels: tf.Tensor2D;
  private readonly fakeLabels: tf.Tensor2D;
  private readonly ones: tf.Tensor2D;
  private readonly batch: number;

  constructor(private readonly config: GanConfig, dims: number, rows: Float32Array) {
    if (config.noise.distribution !== 'normal') throw new Error('the TF.js mirror draws normal noise only');
    this.batch = config.batchSize;
    this.g = layerShapes({ input: config.noise.dim, layers: config.generator.layers }).map((s, i) => dense(s, `G.l${i}`));
    this.d = layerShapes({ input: dims, layers: config.discriminator.layers }).map((s, i) => dense(s, `D.l${i}`));
    this.optG = adam(config.optimizers.generator);
    this.optD = adam(config.optimizers.discriminator);
    this.data = tf.tensor2d(rows, [rows.length / dims, dims]); // uploaded once
    this.realLabels = tf.fill([this.batch, 1], config.realLabel);
    this.fakeLabels = tf.zeros([this.batch, 1]);
    this.ones = tf.ones([this.batch, 1]);
  }

  private noise(): tf.Tensor2D {
    return tf.randomNormal([this.batch, this.config.noise.dim]);
  }

  /** D's loss: mean BCE(D(x), real label) on a minibatch + mean BCE(D(G(z)), 0), from logits. */
  private dLoss(): tf.Scalar {
    const index = tf.randomUniform([this.batch], 0, this.data.shape[0], 'int32');
    const real = tf.gather(this.data, index);
    const fake = forward(this.g, this.noise());
    return tf.add(
      tf.losses.sigmoidCrossEntropy(this.realLabels, forward(this.d, real)),
      tf.losses.sigmoidCrossEntropy(this.fakeLabels, forward(this.d, fake)),
    ) as tf.Scalar;
  }

  /** G's loss through D: -log D(G(z)) (non-saturating, BCE against 1) or log(1 - D(G(z))) (minimax). */
  private gLoss(): tf.Scalar {
    const logits = forward(this.d, forward(this.g, this.noise()));
    return (this.config.loss === 'non-saturating'
      ? tf.losses.sigmoidCrossEntropy(this.ones, logits)
      : tf.neg(tf.losses.sigmoidCrossEntropy(this.fakeLabels, logits))) as tf.Scalar;
  }

  /** One iteration of Algorithm 1: k D steps (gradients for D's variables only), then one G step (gradients for G's
   * variables only, flowing through D). Returns G's loss; every other tensor it made is already disposed. */
  iteration(): tf.Scalar {
    const dVars = this.d.flatMap((l) => [l.w, l.b]);
    const gVars = this.g.flatMap((l) => [l.w, l.b]);
    return tf.tidy(() => {
      for (let i = 0; i < this.config.k; i++) this.optD.minimize(() => this.dLoss(), false, dVars);
      return this.optG.minimize(() => this.gLoss(), true, gVars)!;
    });
  }

  dispose(): void {
    for (const l of [...this.g, ...this.d]) tf.dispose([l.w, l.b]);
    this.optG.dispose();
    this.optD.dispose();
    tf.dispose([this.data, this.realLabels, this.fakeLabels, this.ones]);
  }
}
