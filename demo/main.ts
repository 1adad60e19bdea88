// The demo page: the GAN lab (2-D mixtures) and the optimal-discriminator view (1-D), on the browser's WebGPU.
import {
  adapterName, decodeSafetensors, DeviceLostError, parseSchedule, requestBrowserDevice, toyConfig, validateConfig,
  WebGpuUnavailableError, type IterationMetrics, type LrStep,
  type ConvSpec, type LinearSpec,
  describeImageSet,
} from '../src/index';
import { Lab, type LabSettings, type Retune } from './lab';
import { ImageLab, mnistData, uploadedData, type ImageData } from './image-lab';
import { imagesFrom } from './image-files';
import { TrainingCharts } from './training-charts';

// created on the first frame, when the chart containers have their size
let charts: TrainingCharts | undefined;
import { Gan1d } from './gan1d';
import { $, classPicked, settingsFromControls, showClasses, value } from './controls';

/** The largest checkpoint the lab reads (its own are a few MB): a bigger file is refused before it is read. */
const MAX_UPLOAD_BYTES = 64 * 2 ** 20;

/** The images uploaded last (the 'images' dataset), resized and converted as the side and colour chosen then. */
let uploaded: ImageData | undefined;

/** The learning-rate schedule in force: the schedule box's last valid value (a refused one changes nothing). */
let schedule: LrStep[] = [];

/** The box's syntax (parseSchedule's): at:factor, or at:gFactor:dFactor. */
const scheduleText = (steps: LrStep[]) => steps.map((s) => (s.generator === undefined && s.discriminator === undefined
  ? `${s.at}:${s.factor}` : `${s.at}:${s.generator ?? s.factor ?? 1}:${s.discriminator ?? s.factor ?? 1}`)).join(',');

function showSchedule(text: string, state: 'applied' | 'refused'): void {
  const msg = $('schedule-msg');
  msg.textContent = text;
  msg.dataset.state = state;
}

function describeSchedule(steps: LrStep[]): string {
  if (steps.length === 0) return 'constant learning rates';
  const step = (s: LrStep) => (s.generator === undefined && s.discriminator === undefined
    ? `x${s.factor}` : `G x${s.generator ?? s.factor ?? 1}, D x${s.discriminator ?? s.factor ?? 1}`) + ` after ${s.at}`;
  return `schedule applied: ${steps.map(step).join('; ')} iterations`;
}

/** A rate as the page shows it (3 significant digits, no float noise). */
const rate3 = (v: number) => String(Number(v.toPrecision(3)));

function showUnavailable(message: string): void {
  const box = $('unavailable');
  box.style.display = 'block';
  const title = document.createElement('strong');
  title.textContent = 'WebGPU is not available here, so nothing can train. ';
  const detail = document.createElement('span');
  detail.textContent = `${message}. Use a current Chrome, Edge, Firefox or Safari with WebGPU enabled ` +
    '(Chrome on Linux: chrome://flags/#enable-unsafe-webgpu), and open the page from https or localhost.';
  box.replaceChildren(title, detail);
  $('stats').textContent = 'not training: no WebGPU';
}

interface View {
  /** The same run on its data plus points the user placed (fractions of the plane canvas), where that applies. */
  addPoints?(device: GPUDevice, points: [number, number][]): Promise<View>;
  /** The same run on a new device, from its last snapshot (whose iteration is `from`), where the view can do that. */
  resumeOn?(device: GPUDevice): Promise<{ view: View; from: number }>;
  /** The same run, continuing from its current state, under new learning rates or a new schedule, where the view can
   * do that (the 1-D view starts again instead). */
  retune?(device: GPUDevice, r: Retune): Promise<View>;
  /** The class a conditional run samples (the class picker), where the view has one. */
  setLabel?(label: number | undefined): void;
  /** The run as a checkpoint file, where the view has one (the lab does; the 1-D view does not). */
  checkpoint?(): Promise<Uint8Array>;
  /** Trains `iterations` (0 when paused), redraws, and says what the stats line shows. */
  frame(iterations: number): Promise<{ steps: number; loss: number; text: string }>;
  destroy(): void;
}

async function labView(device: GPUDevice, checkpoint?: Uint8Array): Promise<View> {
  const settings = settingsFromControls(schedule);
  let lab: Lab | ImageLab;
  if (checkpoint) {
    const dataset = decodeSafetensors(checkpoint).metadata.dataset;
    lab = dataset === 'mnist' || dataset === 'images' ? await ImageLab.fromCheckpoint(device, checkpoint, uploaded) : await Lab.fromCheckpoint(device, checkpoint);
  } else if (settings.dataset === 'mnist' || settings.dataset === 'images') {
    if (settings.dataset === 'mnist') $('stats').textContent = 'loading the MNIST digits...';
    const data = settings.dataset === 'mnist' ? await mnistData() : uploaded;
    if (!data) throw new Error('no images yet: pick image files or a zip, or drop a folder, below the plane');
    lab = await ImageLab.create(device, settings, data);
  } else {
    lab = await Lab.create(device, settings);
  }
  return labViewOf(lab, !!checkpoint);
}

/** `showSettings`: put the run's own settings in the controls (a run loaded from a checkpoint brings its own). */
function labViewOf(lab: Lab | ImageLab, showSettings: boolean): View {
  if (showSettings) {
    // show the resumed run's own settings in the controls
    const c = lab.gan.config;
    $<HTMLSelectElement>('dataset').value = lab.data.name;
    $<HTMLSelectElement>('loss').value = c.penalty?.type === 'wgan-gp' ? 'wgan-gp' : c.loss;
    $<HTMLSelectElement>('r1').value = c.penalty?.type === 'r1' ? String(c.penalty.weight) : '0';
    $<HTMLInputElement>('spectral-norm').checked = !!c.spectralNorm;
    $<HTMLSelectElement>('ema').value = c.ema ? String(c.ema.decay) : '0';
    $<HTMLInputElement>('conditional').checked = !!c.conditional;
    $<HTMLSelectElement>('conditioning').value = c.conditional?.discriminator ?? 'auto';
    $<HTMLInputElement>('k').value = String(c.k);
    $<HTMLInputElement>('seed').value = String(c.seed);
    $<HTMLSelectElement>('batch').value = String(c.batchSize);
    $<HTMLSelectElement>('noise').value = String(c.noise.dim);
    const convolutional = c.discriminator.layers.find((l) => l.type === 'conv2d') as ConvSpec | undefined;
    $<HTMLSelectElement>('model').value = convolutional ? 'dcgan' : 'mlp';
    if (convolutional) $<HTMLSelectElement>('dcgan-width').value = String(convolutional.channels);
    else $<HTMLSelectElement>('width').value = String((c.generator.layers[0] as LinearSpec).units);
    for (const [net, o] of [['g', c.optimizers.generator], ['d', c.optimizers.discriminator]] as const) {
      $<HTMLSelectElement>(`${net}-opt`).value = o.type;
      $<HTMLSelectElement>(`${net}-lr`).value = String(o.lr);
    }
    schedule = c.schedule ?? [];
    $<HTMLInputElement>('schedule').value = scheduleText(schedule);
    showSchedule(describeSchedule(schedule), 'applied');
  }
  showClasses(lab.gan.config.conditional?.classes ?? 0);
  if (lab instanceof Lab) lab.label = classPicked();
  return {
    setLabel: (label) => { if (lab instanceof Lab) lab.label = label; },
    checkpoint: () => lab.checkpoint(),
    addPoints: lab instanceof Lab && lab.data.name === 'draw'
      ? async (device, points) => labViewOf(await Lab.withPoints(device, lab, points.map(([fx, fy]) => lab.planePoint(fx, fy))), false)
      : undefined,
    retune: async (device, r) =>
      labViewOf(lab instanceof ImageLab ? await ImageLab.withConfig(device, lab, r) : await Lab.withConfig(device, lab, r), false),
    resumeOn: async (device) => {
      const resumed = lab instanceof ImageLab ? await ImageLab.resumeOn(device, lab) : await Lab.resumeOn(device, lab);
      return { view: labViewOf(resumed, false), from: resumed.gan.iterations };
    },
    async frame(iterations) {
      const s: { iteration: number; last?: IterationMetrics; history: IterationMetrics[]; jsd: number;
        modes?: number; of?: number; quality?: number; qualityText?: string; rates: { generator: number; discriminator: number } } =
        await lab.frame(iterations, $('plane'));
      $('lr-now').textContent = `learning rates now: G ${rate3(s.rates.generator)} · D ${rate3(s.rates.discriminator)}`;
      charts ??= new TrainingCharts($('curves'), $('probs'));
      charts.update(s.history);
      const m = s.last;
      const coverage = s.modes !== undefined ? ` · modes ${s.modes}/${s.of} · ${(100 * s.quality!).toFixed(0)}% of samples within 3 std of a mode` : '';
      const text = m
        ? `iteration ${s.iteration} · D loss ${m.dLoss.toFixed(3)} · G loss ${m.gLoss.toFixed(3)} · mean D(x) ${m.dReal.toFixed(3)} · ` +
          `mean D(G(z)) ${m.dFake.toFixed(3)} · JSD estimate (V + log 4)/2 ${s.jsd.toFixed(3)}${coverage}` +
          `${s.qualityText ? ` · ${s.qualityText}` : ''}`
        : 'iteration 0';
      return { steps: s.iteration, loss: m?.dLoss ?? NaN, text };
    },
    destroy: () => lab.destroy(),
  };
}

async function oneDimensionalView(device: GPUDevice): Promise<View> {
  const generator = { mean: Number(value('gmean')), std: 1.2 };
  const trainG = $<HTMLInputElement>('train-g').checked;
  const k = Math.max(1, Math.min(10, Math.round(Number(value('k')) || 1)));
  const run = await Gan1d.create(device, generator, trainG, value('loss') as LabSettings['loss'], k,
    Math.max(0, Math.round(Number(value('seed')) || 0)));
  return {
    frame: (iterations) => run.frame(iterations, $('plot')),
    destroy: () => run.destroy(),
  };
}

async function main(): Promise<void> {
  let acquired;
  try {
    acquired = await requestBrowserDevice();
  } catch (e) {
    showUnavailable(e instanceof WebGpuUnavailableError ? e.message : String(e));
    return;
  }
  let { device } = acquired;
  $('adapter').textContent = `adapter: ${adapterName(acquired.description)}`;
  let view: View | undefined;
  let paused = false;
  let stepOnce = false;
  let generation = 0; // a reset while a frame is in flight makes that frame's view stale
  let rate = { steps: 0, at: performance.now(), perSecond: 0 };

  const reset = async (checkpoint?: Uint8Array) => {
    const mine = ++generation;
    $('notice').textContent = '';
    const oneD = !checkpoint && value('dataset') === 'optimal-d';
    $('lab-views').hidden = oneD;
    $('fit-view').hidden = !oneD;
    if (oneD) $('lr-now').textContent = '';
    let next: View;
    try {
      next = oneD ? await oneDimensionalView(device) : await labView(device, checkpoint);
    } catch (e) {
      if (checkpoint) throw e; // the loader says what it could not load
      if (mine === generation) $('notice').textContent = `could not start: ${(e as Error).message}`; // the run goes on
      return;
    }
    if (mine !== generation) return next.destroy();
    if (view) retire(view);
    view = next;
    rate = { steps: 0, at: performance.now(), perSecond: 0 };
  };
  for (const id of ['dataset', 'loss', 'k', 'seed', 'g-opt', 'd-opt', 'batch', 'noise', 'width', 'train-g', 'model', 'dcgan-width',
    'r1', 'spectral-norm', 'ema', 'conditional', 'conditioning']) {
    $(id).addEventListener('change', () => void reset());
  }
  $('class').addEventListener('change', () => view?.setLabel?.(classPicked())); // the same run, another class drawn
  /** Installs a view made from `old` (a retune, a new point) unless anything replaced the view or began to (a reset,
   * a load, another swap, a lost device: each moves `generation`) while it was being made: then it is stale. */
  const swapIn = (mine: number, old: View, next: View) => {
    if (mine !== generation || view !== old) return next.destroy();
    ++generation;
    view = next;
    retire(old);
  };
  /** Destroys a replaced view once the frame it may be in (training, drawing) has finished: destroying it under that
   * frame made its work use buffers already destroyed. */
  let framing: { view: View; done: Promise<unknown> } | undefined;
  const retire = (old: View) => {
    const busy = framing?.view === old ? framing.done : undefined;
    if (busy) void busy.finally(() => old.destroy());
    else old.destroy();
  };
  // New learning rates or a new schedule: the run goes on from its exact state under them (the 1-D view, whose rates
  // are its own, starts again on an lr change and ignores the schedule).
  const retune = async () => {
    const old = view;
    if (!old?.retune) return reset();
    const mine = generation;
    const next = await old.retune(device, { generatorLr: Number(value('g-lr')), discriminatorLr: Number(value('d-lr')), schedule });
    swapIn(mine, old, next);
  };
  const retuneShowingErrors = () => retune().catch((e) => {
    if (!(e instanceof DeviceLostError)) $('notice').textContent = `error: ${(e as Error).message}`;
  });
  for (const id of ['g-lr', 'd-lr']) $(id).addEventListener('change', () => void retuneShowingErrors());
  $('schedule').addEventListener('change', () => {
    let next: LrStep[];
    try {
      next = parseSchedule(value('schedule'));
      validateConfig(toyConfig({ schedule: next }), 2); // the steps' own rules: 'at' increasing from 1, factors in [0, 1000]
    } catch (e) {
      showSchedule(`schedule not applied: ${(e as Error).message}`, 'refused'); // the run goes on as it was
      return;
    }
    schedule = next;
    showSchedule(describeSchedule(next), 'applied');
    if (view?.retune) void retuneShowingErrors();
  });
  $('gmean').addEventListener('input', () => {
    $('gmean-v').textContent = Number(value('gmean')).toFixed(1);
    void reset(); // the run starts again from the new p_g
  });
  $('pause').addEventListener('click', () => {
    paused = !paused;
    $('pause').textContent = paused ? 'play' : 'pause';
  });
  $('step').addEventListener('click', () => { stepOnce = true; });
  $('reset').addEventListener('click', () => void reset());
  $('save').addEventListener('click', async () => {
    if (!view?.checkpoint) {
      $('stats').textContent = 'the 1-D view has no checkpoint: switch to a 2-D dataset to save one';
      return;
    }
    const bytes = await view.checkpoint();
    const link = $<HTMLAnchorElement>('download');
    URL.revokeObjectURL(link.href);
    link.href = URL.createObjectURL(new Blob([new Uint8Array(bytes)], { type: 'application/octet-stream' }));
    link.download = `webgpu-gan-${value('dataset')}-${$('stats').dataset.steps ?? 0}.safetensors`;
    link.click();
  });
  // your images: picked (files, a zip) or dropped (a folder, files, a zip); decoded here, bad files skipped and counted
  const takeImages = async (source: FileList | DataTransferItemList) => {
    $('notice').textContent = 'reading the images...';
    try {
      const set = await imagesFrom(source, { side: Number(value('image-side')), rgb: value('image-color') === 'rgb' });
      const said = `your images: ${describeImageSet(set)}`;
      $('notice').textContent = said;
      if (set.count === 0) return;
      uploaded = uploadedData(set);
      $<HTMLSelectElement>('dataset').value = 'images';
      await reset();
      if (!$('notice').textContent) $('notice').textContent = said; // reset() cleared it
    } catch (e) {
      $('notice').textContent = `could not read the images: ${(e as Error).message}`;
    }
  };
  $('images').addEventListener('change', () => {
    const files = $<HTMLInputElement>('images').files;
    if (files?.length) void takeImages(files);
  });
  $('drop').addEventListener('dragover', (e) => e.preventDefault());
  $('drop').addEventListener('drop', (e) => {
    e.preventDefault();
    if (e.dataTransfer?.items.length) void takeImages(e.dataTransfer.items);
  });
  $('load').addEventListener('change', async () => {
    const file = $<HTMLInputElement>('load').files?.[0];
    if (!file) return;
    if (file.size > MAX_UPLOAD_BYTES) {
      $('notice').textContent = `could not load ${file.name}: ${(file.size / 2 ** 20).toFixed(0)} MB; the lab loads checkpoints of up to ${MAX_UPLOAD_BYTES / 2 ** 20} MB`;
      return;
    }
    try {
      await reset(new Uint8Array(await file.arrayBuffer()));
    } catch (e) {
      // in the notice, which stays (the stats line is rewritten every frame); the current run goes on
      $('notice').textContent = `could not load ${file.name}: ${(e as Error).message}`;
    }
  });

  // A lost device (a driver reset, or the link below) is replaced, and the run resumes from its last snapshot.
  const watch = (d: GPUDevice) => d.lost.then(async (info) => {
    if (d !== device) return;
    const notice = $('notice');
    notice.textContent = `The GPU device was lost (${info.reason}: ${info.message}). Getting a new one...`;
    try {
      device = (await requestBrowserDevice()).device;
      watch(device);
      const old = view;
      const resumed = old?.resumeOn ? await old.resumeOn(device) : undefined;
      ++generation;
      view = resumed?.view;
      if (!resumed) await reset();
      notice.textContent = resumed
        ? `The GPU device was lost (${info.reason}); resumed on a new device from the snapshot at iteration ${resumed.from}.`
        : `The GPU device was lost (${info.reason}); started again on a new device.`;
      old?.destroy();
    } catch (e) {
      notice.textContent = `The GPU device was lost and could not be replaced: ${(e as Error).message}`;
    }
  });
  watch(device);
  // Clicks on the plane add points to the drawn set. Each is applied once and in order: clicks that come while the
  // run is being rebuilt wait, and the next rebuild takes them all at once (a rebuild per click, each from the same
  // old run, lost points and threw on the run the first one had destroyed).
  const pendingPoints: [number, number][] = [];
  let addingPoints = false;
  const addPendingPoints = async () => {
    addingPoints = true;
    try {
      for (let old = view; pendingPoints.length > 0 && old?.addPoints; old = view) {
        const mine = generation;
        const next = await old.addPoints(device, pendingPoints.splice(0));
        swapIn(mine, old, next);
      }
    } catch (e) {
      if (!(e instanceof DeviceLostError)) $('notice').textContent = `error: ${(e as Error).message}`;
    } finally {
      addingPoints = false;
      pendingPoints.length = 0;
    }
  };
  $('plane').addEventListener('click', (e) => {
    if (!view?.addPoints) return;
    const box = $('plane').getBoundingClientRect();
    pendingPoints.push([(e.clientX - box.left) / box.width, (e.clientY - box.top) / box.height]);
    if (!addingPoints) void addPendingPoints();
  });
  $('lose-device').addEventListener('click', (e) => {
    e.preventDefault();
    device.destroy();
  });

  await reset();
  const frame = async () => {
    const current = view;
    if (!current) {
      requestAnimationFrame(() => void frame());
      return;
    }
    const iterations = stepOnce ? 1 : paused ? 0 : 5;
    stepOnce = false;
    try {
      const running = current.frame(iterations);
      framing = { view: current, done: running.catch(() => undefined) };
      const s = await running;
      if (current === view) {
        const now = performance.now();
        if (now - rate.at > 1000) {
          rate = { steps: s.steps, at: now, perSecond: ((s.steps - rate.steps) * 1000) / (now - rate.at) };
        }
        $('stats').textContent = `${s.text} · ${rate.perSecond.toFixed(1)} steps/s${paused ? ' · paused' : ''}`;
        $('stats').dataset.steps = String(s.steps);
        $('stats').dataset.loss = String(s.loss);
      }
    } catch (e) {
      // A view replaced mid-frame (a reset, a lost device) may fail; that frame is dropped. Anything else is shown,
      // and the page keeps going, so a passing fault never leaves a dead page.
      if (current === view && !(e instanceof DeviceLostError)) $('notice').textContent = `error: ${(e as Error).message}`;
    }
    requestAnimationFrame(() => void frame());
  };
  void frame();
}

void main();
