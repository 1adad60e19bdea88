// The command-line trainer: `webgpu-gan train|sample|evaluate|help`, on Dawn. Errors name the option and exit 2.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadCheckpoint, readCheckpoint as readCheckpointFile } from '../io/checkpoint.js';
import { decodeSafetensors } from '../io/safetensors.js';
import { mnistConfig, parseSchedule, toyConfig, validateConfig, type GanConfig } from '../train/config.js';
import { dcganConfig } from '../train/dcgan.js';
import { GAN_LOSSES, isGanLoss } from '../train/losses.js';
import { CONDITIONINGS, defaultConditioning, type Conditioning } from '../train/conditional.js';
import { DEFAULT_PARZEN_SIGMAS } from '../theory/parzen.js';
import { requestNodeDevice } from './device.js';
import { datasetFrom, datasetOfCheckpoint, samplesPng } from './cli-data.js';
import { CLASSIFIER_OPTIONS, trainClassifier } from './cli-classifier.js';
import { evaluate, EVALUATE_FLAGS, EVALUATE_OPTIONS } from './cli-evaluate.js';
import { prepareOut, runTraining, UsageError, writeAtomic, type Dataset } from './cli-train.js';

export { UsageError } from './cli-train.js';

export const HELP = `webgpu-gan: train generative adversarial networks on the GPU (WebGPU through Dawn)

usage:
  webgpu-gan train [options]       train a GAN; writes samples.png, metrics.csv, curves.png and checkpoint.safetensors to --out
  webgpu-gan sample [options]      draw samples from a checkpoint into a PNG
  webgpu-gan evaluate [options]    Parzen-window log-likelihood of held-out MNIST digits under an MNIST checkpoint's G
  webgpu-gan classifier [options]  train the MNIST classifier the quality measures use; writes its weights
  webgpu-gan help                  this text

train options:
  --dataset NAME     ring8 (default) | grid25 | gaussian1d | mnist (its 8,000 training digits; 2,000 are held out) |
                     stacked-mnist (10,000 images of three training digits as RGB channels: 1,000 modes)
  --images DIR       your own images instead: every PNG in DIR, resized to --side 28 (default) or 32, grayscale
                     or --rgb; files that are not PNGs or are broken are skipped, counted, with their reasons
  --model NAME       for images: mlp (default; mnistConfig()) | dcgan (dcganConfig(): convolutional, batch norm in G)
  --width N          dcgan: D's first conv's channels (default 64, as in the paper; 16 trains 10x faster on a CPU)
  --iterations N     iterations of Algorithm 1 (default 1000)
  --out DIR          where to write the results (default runs/<dataset>); checked before training. A folder that
                     holds a run is refused unless --resume or --overwrite
  --resume           go on from the run in --out (its config; --lr, --batch, --schedule may change) for N more
  --overwrite        replace the run in --out
  --checkpoint-every N  write the checkpoint and metrics.csv every N iterations as it trains
  --quality-every N  mnist: every N iterations, FID and the classes covered by 2000 samples (the classifier's
                     features, against 2000 training digits), printed and kept as metrics.csv's last columns
  Ctrl-C (SIGINT) or SIGTERM finishes the chunk in flight, writes every file for the last finished iteration and
  exits 130; a NaN writes the last finite state and exits 1; both say how to resume
  --config FILE      a JSON trainer config instead of the dataset's default (README.md, "Configs";
                     examples/configs/ring8-paper.json reproduces the README's ring-of-8 result)
  --batch N          batch size            --k N          discriminator steps per generator step
  --lr X             both learning rates   --seed N       random seed
  --loss NAME        non-saturating | minimax | least-squares (LSGAN) | hinge | wasserstein (a critic: pair it
                     with --spectral-norm) | wgan-gp (wasserstein with the gradient penalty, lambda 10)
  --r1 GAMMA         R1 penalty gamma |dD/dx|^2 / 2 on the real rows (a gradient of a gradient, on the GPU)
  --spectral-norm    spectral normalisation of D's layers (linear and conv2d): one power iteration per forward
  --conditional      a class-conditional GAN on the dataset's classes (ring8's and grid25's modes, mnist's digits,
                     the folders of an --images DIR made of class folders): a one-hot label after G's noise; D
                     reads it after its rows (an MLP) or by projection (a DCGAN, or with --r1 / wgan-gp: the
                     class term <embed[y], phi(x)> at its last layer); sample --label L draws class L
  --conditioning HOW with --conditional, how D takes the label: concatenate (an MLP D) | projection | auxiliary
                     (ACGAN: D reads no label but classifies what it sees, its cross-entropy added to both losses)
  --pack M           PacGAN: D judges packs of M samples (all real or all G's) as one, which shows it a G that
                     covers few modes (Lin et al. 2018; 2 to 4 is usual; --batch a multiple of M)
  --ema DECAY        keep a moving average of G's weights (e.g. 0.999), saved in the checkpoint; sample --ema
                     draws from it
  --schedule LIST    learning-rate steps, at:factor (both networks) or at:gFactor:dFactor, comma-separated:
                     4000:0.3,6000:0.1 multiplies both rates by 0.3 after 4000 iterations and by 0.1 after 6000
  defaults: ring8 and grid25 train G 8-64-64-2 relu and D 2-64-64-1 leaky relu, batch 128, Adam 1e-3 / 0.5,
  non-saturating; mnist trains mnistConfig() (G 100-128-784, D 784-128-1, batch 128, Adam 1e-3 / 0.9)
sample options:
  --checkpoint FILE  a checkpoint written by train (required)
  --n N              how many samples (default 64)
  --out FILE         the PNG to write (default: samples-N.png beside the checkpoint)
  --ema              from the moving average of G's weights (a run trained with --ema)
  --label L          of class L (a run trained with --conditional); without it, of classes drawn at random
evaluate options (FID, KID, precision/recall and classes on the classifier's features, each beside the held-out
digits' floor; and the Parzen-window log-likelihood of Table 1 of Goodfellow et al. 2014; all on the GPU. A Stacked
MNIST checkpoint: the modes of 1000 its samples cover (each channel classified; 26,000 samples by default, as PacGAN)
beside as many stacked held-out digits):
  --checkpoint FILE  an MNIST checkpoint written by train (required); 'real' puts the windows on the training
                     digits themselves instead, the score of a generator that reproduces its training set
  --samples N        samples drawn from G (default 10000), also the Parzen window's centres
  --classifier FILE  the classifier whose features are compared (default models/mnist-classifier.safetensors)
  --ema              measure the moving average of G's weights (a run trained with --ema)
  --measures WHICH   all (default) | quality | parzen
  --reference N      training digits the quality measures compare against (default and most 8000; the floor
                     uses as many held-out digits, at most 2000)
  --points N         held-out digits used from each of the validation and test splits (default and most 1000);
                     the window's width is chosen on validation among ${DEFAULT_PARZEN_SIGMAS.length} widths from 0.1 to 1
classifier options:
  --out FILE         where to write it (default models/mnist-classifier.safetensors, the copy the repository keeps)
  --steps N          training steps (default 1200; Adam 1e-3, x0.3 after half, x0.1 after three quarters)
  --batch N          (default 64)   --seed N   (default 1)
`;

type Options = Record<string, string>;
const TRAIN_OPTIONS = ['dataset', 'images', 'side', 'model', 'width', 'iterations', 'out', 'config', 'batch', 'k', 'lr', 'seed', 'loss', 'schedule', 'checkpoint-every', 'ema', 'r1', 'quality-every', 'conditioning', 'pack'];
const SAMPLE_OPTIONS = ['checkpoint', 'n', 'out', 'label'];
const SAMPLE_FLAGS = ['ema'];
/** Options that take no value. */
const FLAGS = ['resume', 'overwrite', 'rgb', 'spectral-norm', 'conditional'];

export function parseOptions(args: string[], allowed: string[], flags: string[] = []): Options {
  const options: Options = {};
  const known = [...allowed, ...flags].map((o) => `--${o}`).join(', ');
  for (let i = 0; i < args.length; i++) {
    const name = args[i].startsWith('--') ? args[i].slice(2) : undefined;
    if (!name || !(allowed.includes(name) || flags.includes(name))) throw new UsageError(`unknown option '${args[i]}' (options: ${known})`);
    if (name in options) throw new UsageError(`option --${name} is given twice`);
    if (flags.includes(name)) {
      options[name] = 'yes';
      continue;
    }
    const value = args[++i];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`option --${name} needs a value`);
    options[name] = value;
  }
  return options;
}

/** A decimal integer option: '0x10', '1e3', ' 7' and '' are refused, not read as 16, 1000, 7 and 0. */
function integer(options: Options, name: string, fallback: number, lo: number, hi: number): number {
  if (options[name] === undefined) return fallback;
  const v = /^-?(0|[1-9][0-9]*)$/.test(options[name]) ? Number(options[name]) : NaN;
  if (!Number.isSafeInteger(v) || v < lo || v > hi) throw new UsageError(`--${name} must be a decimal integer in [${lo}, ${hi}], got '${options[name]}'`);
  return v;
}

const MODELS = ['mlp', 'dcgan'];

/** The default config for images: mnistConfig()'s MLP (its output as wide as the images), or --model dcgan's
 * convolutional GAN (--width: D's first channels; 64 as in the paper). */
function modelConfig(options: Options, data: Dataset): GanConfig {
  const model = options.model ?? 'mlp';
  if (!MODELS.includes(model)) throw new UsageError(`--model must be ${MODELS.join(' or ')}, got '${model}'`);
  if (model === 'mlp') {
    if (options.width !== undefined) throw new UsageError('--width goes with --model dcgan');
    const config = mnistConfig();
    config.generator.layers[config.generator.layers.length - 1] = { units: data.dims, activation: 'sigmoid' };
    return config;
  }
  const features = integer(options, 'width', 64, 1, 1024);
  return dcganConfig({}, { side: data.image!.side, channels: data.image!.channels, features, pack: integer(options, 'pack', 1, 1, 16) });
}

function configFor(options: Options, data: Dataset, base?: GanConfig): GanConfig {
  let config: GanConfig;
  const where = options.config ? `--config ${options.config}: ` : '';
  if (base) {
    config = base;
  } else if (options.config) {
    if (options.model !== undefined || options.width !== undefined) throw new UsageError('--model and --width choose a config: drop them with --config');
    try {
      config = JSON.parse(readFileSync(options.config, 'utf8')) as GanConfig;
    } catch (e) {
      throw new UsageError(`--config ${options.config}: ${(e as Error).message}`);
    }
    try {
      validateConfig(config, data.dims); // the file as it is, before any option is applied to it
    } catch (e) {
      throw new UsageError(`${where}${(e as Error).message}`);
    }
  } else if (data.image) {
    config = modelConfig(options, data);
  } else {
    const out = data.dims;
    config = toyConfig({
      generator: { layers: [{ units: 64, activation: 'relu' }, { units: 64, activation: 'relu' }, { units: out, activation: 'identity' }] },
      discriminator: { layers: [{ units: 64, activation: 'leaky_relu', alpha: 0.2 }, { units: 64, activation: 'leaky_relu', alpha: 0.2 }, { units: 1, activation: 'identity' }] },
      noise: { dim: 8, distribution: 'normal' }, batchSize: 128,
    });
  }
  if (options.pack !== undefined) {
    if (base) throw new UsageError('--pack cannot change when resuming: the run keeps its own D');
    if (options.config) throw new UsageError('--pack: with --config, write "pack" in the config (D\'s first layer reads the packed width)');
    // an MLP's D reads pack x the row's width by itself; the DCGAN's packs its channels (modelConfig)
    config.pack = integer(options, 'pack', 1, 1, 16);
  }
  config.batchSize = integer(options, 'batch', config.batchSize, 1, 65536);
  config.k = integer(options, 'k', config.k, 1, 100);
  if (base && options.seed !== undefined) throw new UsageError('--seed cannot change when resuming: the run keeps its own');
  config.seed = integer(options, 'seed', config.seed, 0, 2 ** 31);
  if (options.loss !== undefined) {
    if (options.loss === 'wgan-gp') { // Gulrajani et al.'s recipe: the Wasserstein critic with lambda = 10
      config.loss = 'wasserstein';
      config.penalty = { type: 'wgan-gp', weight: 10 };
    } else {
      if (!isGanLoss(options.loss)) throw new UsageError(`--loss must be one of ${[...GAN_LOSSES, 'wgan-gp'].join(', ')}; got '${options.loss}'`);
      config.loss = options.loss;
    }
  }
  if (options.r1 !== undefined) {
    if (options.loss === 'wgan-gp') throw new UsageError('--r1 and --loss wgan-gp are two penalties on the same gradient: choose one');
    const gamma = /^[0-9.eE+-]+$/.test(options.r1) ? Number(options.r1) : NaN;
    if (!(gamma > 0 && gamma <= 1e4)) throw new UsageError(`--r1 must be a weight gamma in (0, 10000] such as 10, got '${options.r1}'`);
    config.penalty = { type: 'r1', weight: gamma };
  }
  if (options.conditional !== undefined) {
    if (base) throw new UsageError('--conditional cannot change when resuming: the run keeps its own');
    if (!data.classes) {
      throw new UsageError(`--conditional needs a dataset with classes (ring8: 8 modes, grid25: 25, mnist: 10 digits, --images DIR of class folders); ${data.source} has none`);
    }
    const how = options.conditioning ?? defaultConditioning(config);
    if (!CONDITIONINGS.includes(how as Conditioning)) throw new UsageError(`--conditioning must be ${CONDITIONINGS.join(', ')}, got '${how}'`);
    config.conditional = { classes: data.classes, ...(how !== 'concatenate' ? { discriminator: how as Conditioning } : {}) };
  } else if (options.conditioning !== undefined) {
    throw new UsageError('--conditioning goes with --conditional (it says how D takes the label)');
  }
  if (options['spectral-norm'] !== undefined) {
    if (base) throw new UsageError('--spectral-norm cannot change when resuming: the run keeps its own (or has none)');
    config.spectralNorm = true;
  }
  if (options.ema !== undefined) {
    // the average is part of the run's state: a run has it from its start or not at all
    if (base) throw new UsageError('--ema cannot change when resuming: the run keeps its own (or has none)');
    const decay = /^[0-9.eE+-]+$/.test(options.ema) ? Number(options.ema) : NaN;
    if (!(decay >= 0 && decay < 1)) throw new UsageError(`--ema must be a decay in [0, 1) such as 0.999, got '${options.ema}'`);
    config.ema = { decay };
  }
  if (options.lr !== undefined) {
    const lr = Number(options.lr);
    if (!(lr > 0 && lr <= 10)) throw new UsageError(`--lr must be a number in (0, 10], got '${options.lr}'`);
    config.optimizers.generator.lr = lr;
    config.optimizers.discriminator.lr = lr;
  }
  if (options.schedule !== undefined) {
    try {
      config.schedule = parseSchedule(options.schedule);
    } catch (e) {
      throw new UsageError(`--schedule: ${(e as Error).message}`);
    }
  }
  try {
    validateConfig(config, data.dims);
  } catch (e) {
    throw new UsageError(`${where}${(e as Error).message}`);
  }
  return config;
}

async function train(args: string[]): Promise<number> {
  const options = parseOptions(args, TRAIN_OPTIONS, FLAGS);
  const resume = options.resume !== undefined, overwrite = options.overwrite !== undefined;
  if (resume && overwrite) throw new UsageError('--resume and --overwrite exclude each other');
  if (resume && options.config) throw new UsageError('--resume goes on with the run\'s own config: drop --config');
  const data = datasetFrom(options);
  if (!data.image && (options.model !== undefined || options.width !== undefined)) throw new UsageError('--model and --width go with images (--dataset mnist or stacked-mnist, or --images DIR)');
  const iterations = integer(options, 'iterations', 1000, 1, 10_000_000);
  const checkpointEvery = integer(options, 'checkpoint-every', 0, 1, 10_000_000);
  const qualityEvery = integer(options, 'quality-every', 0, 1, 10_000_000);
  if (qualityEvery && data.name !== 'mnist') throw new UsageError(`--quality-every needs --dataset mnist (the quality classifier is MNIST's), not ${data.source}`);
  const out = options.out ?? join('runs', data.name === 'mnist' && options.model === 'dcgan' ? 'mnist-dcgan' : data.name);
  // every usage and config error before --out is touched; --out checked before any training
  let config = resume ? undefined : configFor(options, data);
  prepareOut(out, { resume, overwrite });
  if (!config) {
    const bytes = readFileSync(join(out, 'checkpoint.safetensors'));
    const saved = decodeSafetensors(bytes).metadata;
    if ((saved.dataset ?? 'ring8') !== data.name) throw new UsageError(`--resume: the run in ${out} trained on '${saved.dataset}', not '${data.name}'`);
    config = configFor(options, data, (await readCheckpointFile(bytes)).config);
  }
  return runTraining({ data, config, iterations, out, resume, checkpointEvery, qualityEvery, samplesPng: (s) => samplesPng(data, s) });
}

function readCheckpoint(command: string, options: Options): Uint8Array {
  if (!options.checkpoint) throw new UsageError(`${command} needs --checkpoint FILE`);
  try {
    return readFileSync(options.checkpoint);
  } catch (e) {
    throw new UsageError(`--checkpoint ${options.checkpoint}: ${(e as Error).message}`);
  }
}

async function sample(args: string[]): Promise<void> {
  const options = parseOptions(args, SAMPLE_OPTIONS, SAMPLE_FLAGS);
  const n = integer(options, 'n', 64, 1, 100_000);
  const bytes = readCheckpoint('sample', options);
  const metadata = decodeSafetensors(bytes).metadata;
  const data = datasetOfCheckpoint(metadata);
  // the run's own config decides what --ema and --label may ask for (a broken one is loadCheckpoint's to report)
  let saved: Partial<GanConfig> | undefined;
  try { saved = JSON.parse(metadata.config ?? '') as GanConfig; } catch { /* reported by loadCheckpoint */ }
  const classes = saved?.conditional?.classes ?? 0;
  if (saved && options.label !== undefined && !classes) throw new UsageError(`--label: the run in ${options.checkpoint} is not conditional (train it with --conditional)`);
  const label = options.label === undefined || !saved ? undefined : integer(options, 'label', 0, 0, classes - 1);
  if (saved && options.ema && !saved.ema) throw new UsageError(`--ema: the run in ${options.checkpoint} keeps no moving average of G (train it with --ema DECAY)`);
  const { device } = await requestNodeDevice();
  const gan = await loadCheckpoint(device, bytes, { rows: data.rows, dims: data.dims, labels: data.labels });
  // beside the checkpoint, not in whatever folder the command happens to run from
  const out = options.out ?? join(dirname(options.checkpoint!), `samples-${n}.png`);
  writeAtomic(out, samplesPng(data, await gan.sample(n, { ema: options.ema !== undefined, label })));
  process.stdout.write(`wrote ${n} samples to ${out}\n`);
  gan.destroy();
  device.destroy();
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (!command || command === 'help' || command === '--help' || command === '-h') {
      process.stdout.write(HELP);
      return command ? 0 : 2;
    }
    if (command === 'train') return await train(rest);
    if (command === 'sample') await sample(rest);
    else if (command === 'evaluate') {
      const options = parseOptions(rest, EVALUATE_OPTIONS, EVALUATE_FLAGS);
      await evaluate(options, (name, fallback, lo, hi) => integer(options, name, fallback, lo, hi), readCheckpoint);
    }
    else if (command === 'classifier') {
      const options = parseOptions(rest, CLASSIFIER_OPTIONS);
      await trainClassifier(options, (name, fallback, lo, hi) => integer(options, name, fallback, lo, hi));
    } else throw new UsageError(`unknown command '${command}' (train, sample, evaluate, classifier, help)`);
    return 0;
  } catch (e) {
    process.stderr.write(`webgpu-gan: ${(e as Error).message}\n`);
    return e instanceof UsageError ? 2 : 1;
  }
}
