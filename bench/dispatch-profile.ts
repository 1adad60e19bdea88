// Per-dispatch time of one training iteration (each dispatch repeated alone on the queue), to see where an
// iteration's time goes: node .build/profile/dispatch-profile.js [standard|toy] [batch]
import { adapterName, Gan, standardConfig, toyConfig } from '../src/index';
import { rng_uniform } from '../src/kernels';
import { requestNodeDevice } from '../src/node/index';
import { measure } from './timing';

const which = process.argv[2] ?? 'standard';
const batchSize = Number(process.argv[3] ?? 64);
const { device, description } = await requestNodeDevice();
const config = which === 'toy' ? toyConfig({ batchSize }) : standardConfig({ batchSize });
const dims = which === 'toy' ? 2 : 784;
const rows = new Float64Array(256 * dims);
rng_uniform(rows, { seed: 1, stream: 0, draw: 0 });
const gan = await Gan.create(device, config, { rows: Float32Array.from(rows), dims });
const timed: [number, string][] = [];
for (const d of gan.dispatches()) {
  const { msPerRep } = await measure(device, (pass) => d.encode(pass), { trials: 3, targetMs: 60 });
  timed.push([msPerRep, d.label]);
}
const total = timed.reduce((s, [ms]) => s + ms, 0);
console.log(`adapter: ${adapterName(description)}; ${which} config, batch ${batchSize}: ${timed.length} dispatches, ${total.toFixed(1)} ms in all`);
for (const [ms, label] of timed.sort((a, b) => b[0] - a[0])) console.log(`${ms.toFixed(3).padStart(9)} ms ${(100 * ms / total).toFixed(1).padStart(5)}%  ${label}`);
gan.destroy();
device.destroy();
