// The smallest embedding of webgpu-gan: train a GAN on your own Float32Array of rows and draw its samples.
// It imports the built bundle (`npm run build`); in an app, import from 'webgpu-gan' instead.
import { createGan, requestBrowserDevice, toyConfig } from '../../dist/webgpu-gan.js';

// Your data: 2,000 points on a circle of radius 1.5, as rows of (x, y).
const rows = new Float32Array(2000 * 2);
for (let i = 0; i < 2000; i++) {
  const angle = (2 * Math.PI * i) / 2000;
  rows[2 * i] = 1.5 * Math.cos(angle);
  rows[2 * i + 1] = 1.5 * Math.sin(angle);
}

const { device } = await requestBrowserDevice();
const config = toyConfig({
  generator: { layers: [{ units: 32, activation: 'relu' }, { units: 2, activation: 'identity' }] },
  discriminator: { layers: [{ units: 32, activation: 'leaky_relu' }, { units: 1, activation: 'identity' }] },
  noise: { dim: 4, distribution: 'normal' },
  batchSize: 64,
});
const gan = await createGan(device, config, { rows, dims: 2 });
await gan.train(300, { chunk: 100 });
const samples = await gan.sample(500);

const ctx = document.getElementById('samples').getContext('2d');
ctx.fillStyle = '#1a8';
for (let i = 0; i < samples.length; i += 2) ctx.fillRect(160 + 80 * samples[i], 160 - 80 * samples[i + 1], 3, 3);
let radius = 0;
for (let i = 0; i < samples.length; i += 2) radius += Math.hypot(samples[i], samples[i + 1]);
radius /= samples.length / 2;
document.getElementById('status').textContent = `trained ${gan.iterations} iterations; mean sample radius ${radius.toFixed(2)}`;
window.embedResult = { iterations: gan.iterations, samples: samples.length / 2, finite: samples.every(Number.isFinite), radius };
gan.destroy();
