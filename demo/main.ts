// The demo page: the GAN lab (2-D mixtures) and the optimal-discriminator view (1-D), on the browser's WebGPU.
import { adapterName, requestBrowserDevice, WebGpuUnavailableError } from '../src/gpu/device';
import { coveringInterval, gaussianPdf, jensenShannon, optimalDiscriminator, valueOfGame } from '../src/theory/gaussian';
import { defaultFitConfig, discriminatorAt, DiscriminatorFit } from '../src/train/fit-discriminator';
import { Lab, type LabSettings } from './lab';
import { drawCurves as drawDensityCurves } from './plot';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const value = (id: string) => $<HTMLInputElement>(id).value;

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
  /** The run as a checkpoint file, where the view has one (the lab does; the 1-D view does not). */
  checkpoint?(): Promise<Uint8Array>;
  /** Trains `iterations` (0 when paused), redraws, and says what the stats line shows. */
  frame(iterations: number): Promise<{ steps: number; loss: number; text: string }>;
  destroy(): void;
}

async function labView(device: GPUDevice, checkpoint?: Uint8Array): Promise<View> {
  const settings: LabSettings = {
    dataset: value('dataset') as LabSettings['dataset'], loss: value('loss') as LabSettings['loss'],
    k: Math.max(1, Math.min(10, Math.round(Number(value('k')) || 1))), lr: Number(value('lr')),
    seed: Math.max(0, Math.round(Number(value('seed')) || 0)),
  };
  const lab = checkpoint ? await Lab.fromCheckpoint(device, checkpoint) : await Lab.create(device, settings);
  if (checkpoint) {
    // show the resumed run's own settings in the controls
    const c = lab.gan.config;
    $<HTMLSelectElement>('dataset').value = lab.data.name;
    $<HTMLSelectElement>('loss').value = c.loss;
    $<HTMLInputElement>('k').value = String(c.k);
    $<HTMLInputElement>('seed').value = String(c.seed);
  }
  return {
    checkpoint: () => lab.checkpoint(),
    async frame(iterations) {
      const s = await lab.frame(iterations, $('plane'), $('curves'), $('probs'));
      const m = s.last;
      const text = m
        ? `iteration ${s.iteration} · D loss ${m.dLoss.toFixed(3)} · G loss ${m.gLoss.toFixed(3)} · mean D(x) ${m.dReal.toFixed(3)} · ` +
          `mean D(G(z)) ${m.dFake.toFixed(3)} · JSD estimate (V + log 4)/2 ${s.jsd.toFixed(3)} · modes ${s.modes}/${s.of} · ` +
          `${(100 * s.quality).toFixed(0)}% of samples within 3 std of a mode`
        : 'iteration 0';
      return { steps: s.iteration, loss: m?.dLoss ?? NaN, text };
    },
    destroy: () => lab.destroy(),
  };
}

async function fitView(device: GPUDevice): Promise<View> {
  const data = defaultFitConfig.data;
  const generator = { ...defaultFitConfig.generator, mean: Number(value('gmean')) };
  const fit = await DiscriminatorFit.create(device, { ...defaultFitConfig, generator, seed: Number(value('seed')) || 1 });
  return {
    async frame(iterations) {
      if (iterations > 0) fit.train(iterations * 4); // a D step is far cheaper than a GAN iteration
      const { w, b, loss } = await fit.read();
      const pData = gaussianPdf(data), pG = gaussianPdf(generator);
      const [lo, hi] = coveringInterval(data, generator, 3.5);
      const d = discriminatorAt(w, b);
      drawDensityCurves($('plot'), [
        { f: pData, color: '#2e86de', kind: 'density' }, { f: pG, color: '#27ae60', kind: 'density' },
        { f: optimalDiscriminator(pData, pG), color: '#1d2430', kind: 'probability', dashed: true },
        { f: d, color: '#c0392b', kind: 'probability' },
      ], lo, hi);
      const [wlo, whi] = coveringInterval(data, generator, 10);
      const jsd = jensenShannon(pData, pG, wlo, whi);
      const v = valueOfGame(pData, pG, d, wlo, whi);
      return {
        steps: fit.steps, loss,
        text: `D steps ${fit.steps} · minibatch loss ${loss.toFixed(4)} · V(G, D) ${v.toFixed(4)} vs -log 4 + 2 JSD = ` +
          `${(-Math.log(4) + 2 * jsd).toFixed(4)} · JSD ${jsd.toFixed(4)} nats`,
      };
    },
    destroy: () => fit.destroy(),
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
  const { device, description } = acquired;
  $('adapter').textContent = `adapter: ${adapterName(description)}`;
  let view: View | undefined;
  let paused = false;
  let stepOnce = false;
  let generation = 0; // a reset while a frame is in flight makes that frame's view stale
  let rate = { steps: 0, at: performance.now(), perSecond: 0 };

  const reset = async (checkpoint?: Uint8Array) => {
    const mine = ++generation;
    const oneD = !checkpoint && value('dataset') === 'optimal-d';
    $('lab-views').hidden = oneD;
    $('fit-view').hidden = !oneD;
    const next = oneD ? await fitView(device) : await labView(device, checkpoint);
    if (mine !== generation) return next.destroy();
    view?.destroy();
    view = next;
    rate = { steps: 0, at: performance.now(), perSecond: 0 };
  };
  for (const id of ['dataset', 'loss', 'k', 'lr', 'seed']) $(id).addEventListener('change', () => void reset());
  $('gmean').addEventListener('input', () => {
    $('gmean-v').textContent = Number(value('gmean')).toFixed(1);
    void reset(); // D starts again from scratch against the new p_g
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
  $('load').addEventListener('change', async () => {
    const file = $<HTMLInputElement>('load').files?.[0];
    if (!file) return;
    try {
      await reset(new Uint8Array(await file.arrayBuffer()));
    } catch (e) {
      $('stats').textContent = `could not load ${file.name}: ${(e as Error).message}`; // the current run goes on
    }
  });

  await reset();
  const frame = async () => {
    const current = view!;
    const iterations = stepOnce ? 1 : paused ? 0 : 5;
    stepOnce = false;
    try {
      const s = await current.frame(iterations);
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
      if (current === view) throw e; // a view destroyed mid-frame by a reset may fail; that frame is simply dropped
    }
    requestAnimationFrame(() => void frame());
  };
  void frame();
}

void main();
