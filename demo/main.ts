// The demo page: the discriminator of Algorithm 1 trained live against a fixed affine generator, beside the theory.
import { adapterName, requestBrowserDevice, WebGpuUnavailableError } from '../src/gpu/device';
import {
  coveringInterval, gaussianPdf, jensenShannon, optimalDiscriminator, valueOfGame,
} from '../src/theory/gaussian';
import { defaultFitConfig, discriminatorAt, DiscriminatorFit } from '../src/train/fit-discriminator';
import { drawCurves } from './plot';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const STEPS_PER_FRAME = 20;

function showUnavailable(message: string): void {
  const box = $('unavailable');
  box.style.display = 'block';
  box.innerHTML = '';
  const title = document.createElement('strong');
  title.textContent = 'WebGPU is not available here, so nothing can train. ';
  const detail = document.createElement('span');
  detail.textContent = `${message}. Use a current Chrome, Edge, Firefox or Safari with WebGPU enabled ` +
    '(Chrome on Linux: chrome://flags/#enable-unsafe-webgpu), and open the page from https or localhost.';
  box.append(title, detail);
  $('stats').textContent = 'not training: no WebGPU';
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
  const data = defaultFitConfig.data;
  let generator = { ...defaultFitConfig.generator };
  let fit = await DiscriminatorFit.create(device, { ...defaultFitConfig, generator });
  let paused = false;
  let lastTime = performance.now();
  let lastSteps = 0;
  let stepsPerSecond = 0;

  const restart = async () => {
    const next = await DiscriminatorFit.create(device, { ...defaultFitConfig, generator });
    fit.destroy();
    fit = next;
    lastSteps = 0;
  };
  $('gmean').addEventListener('input', (e) => {
    const value = Number((e.target as HTMLInputElement).value);
    $('gmean-v').textContent = value.toFixed(1);
    generator = { ...generator, mean: value };
    void restart(); // D starts again from scratch against the new p_g
  });
  $('pause').addEventListener('click', () => {
    paused = !paused;
    $('pause').textContent = paused ? 'play' : 'pause';
  });
  $('reset').addEventListener('click', () => void restart());

  const frame = async () => {
    if (!paused) fit.train(STEPS_PER_FRAME);
    const { w, b, loss } = await fit.read();
    const pData = gaussianPdf(data), pG = gaussianPdf(generator);
    const [lo, hi] = coveringInterval(data, generator, 3.5);
    const dStar = optimalDiscriminator(pData, pG);
    const d = discriminatorAt(w, b);
    drawCurves($<HTMLCanvasElement>('plot'), [
      { f: pData, color: '#2e86de', kind: 'density' },
      { f: pG, color: '#27ae60', kind: 'density' },
      { f: dStar, color: '#1d2430', kind: 'probability', dashed: true },
      { f: d, color: '#c0392b', kind: 'probability' },
    ], lo, hi);
    const [wlo, whi] = coveringInterval(data, generator, 10);
    const jsd = jensenShannon(pData, pG, wlo, whi);
    const v = valueOfGame(pData, pG, d, wlo, whi);
    const now = performance.now();
    if (now - lastTime > 500) {
      stepsPerSecond = ((fit.steps - lastSteps) * 1000) / (now - lastTime);
      lastTime = now;
      lastSteps = fit.steps;
    }
    $('stats').textContent =
      `D steps ${fit.steps} · ${stepsPerSecond.toFixed(0)} steps/s · minibatch loss ${loss.toFixed(4)} · ` +
      `V(G, D) ${v.toFixed(4)} vs -log 4 + 2 JSD = ${(-Math.log(4) + 2 * jsd).toFixed(4)} · JSD ${jsd.toFixed(4)} nats`;
    $('stats').dataset.steps = String(fit.steps);
    $('stats').dataset.loss = String(loss);
    requestAnimationFrame(() => void frame());
  };
  void frame();
}

void main();
