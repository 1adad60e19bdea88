// Where one training iteration's GPU time goes, dispatch by dispatch (GPU timestamps where the adapter has
// 'timestamp-query', else each dispatch timed alone on the queue): node .build/profile/dispatch-profile.js
// [standard|toy|dcgan|dcgan16|dcgan16-conditional] [batch] (dcgan16: dcganConfig with width 16; -conditional: a
// projection D and G's one-hot label, as `train --conditional`). `npm run bench` prints the same profile for the
// standard GAN.
import { adapterName, dcganConfig, Gan, standardConfig, toyConfig } from '../src/index';
import { rng_uniform } from '../src/kernels';
import { requestNodeDevice } from '../src/node/index';
import { formatProfile, profileDispatches } from './profile';

const which = process.argv[2] ?? 'standard';
const batchSize = Number(process.argv[3] ?? 64);
const { device, description } = await requestNodeDevice();
const config = which === 'toy' ? toyConfig({ batchSize })
  : which.startsWith('dcgan') ? dcganConfig({ batchSize }, { features: Number(which.slice(5).replace('-conditional', '') || 64) }) : standardConfig({ batchSize });
if (which.endsWith('-conditional')) config.conditional = { classes: 10, discriminator: 'projection' };
const dims = which === 'toy' ? 2 : 784;
const rows = new Float64Array(256 * dims);
rng_uniform(rows, { seed: 1, stream: 0, draw: 0 });
const labels = config.conditional ? Array.from({ length: 256 }, (_, i) => i % 10) : undefined;
const gan = await Gan.create(device, config, { rows: Float32Array.from(rows), dims, labels });
const profile = await profileDispatches(device, gan.dispatches());
console.log(`adapter: ${adapterName(description)}`);
for (const line of formatProfile(profile, `${which} config, batch ${batchSize}`)) console.log(line);
gan.destroy();
device.destroy();
