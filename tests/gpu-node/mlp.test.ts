// A whole MLP's forward and backward on Dawn against the CPU reference, from the same initial weights.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mlp_backward, mlp_forward } from '../../src/cpu';
import { createStorage, readFloats } from '../../src/gpu/buffers';
import type { AcquiredDevice } from '../../src/gpu/device';
import { Kernels } from '../../src/gpu/registry';
import { GpuMlp } from '../../src/nn/network-gpu';
import type { MlpSpec } from '../../src/nn/network';
import { requestNodeDevice } from '../../src/node/device';
import { compareArrays } from '../support/compare';
import { randomF32, seededRandom } from '../support/random';

// A composition of kernels each checked to its own bound; through three layers the errors compound, so the
// comparison allows 2e-5 absolute plus 1e-4 relative (f32 has 6e-8).
const composed = (_i: number, r: number) => 2e-5 + 1e-4 * Math.abs(r);

describe('GpuMlp against the CPU reference', () => {
  let acquired: AcquiredDevice;
  beforeAll(async () => { acquired = await requestNodeDevice(); });
  afterAll(() => acquired?.device.destroy());

  it('forward, parameter gradients (overwrite then accumulate) and the input gradient agree', async () => {
    const device = acquired.device;
    const spec: MlpSpec = { input: 7, layers: [{ units: 65, activation: 'leaky_relu' }, { units: 33, activation: 'tanh' }, { units: 1, activation: 'identity' }] };
    const batch = 9;
    const kernels = new Kernels(device);
    const net = new GpuMlp(kernels, 'D', spec, 42);
    const rand = seededRandom(5);
    const x = randomF32(rand, batch * spec.input), dOut = randomF32(rand, batch);
    const xBuf = createStorage(device, 'x', x), dOutBuf = createStorage(device, 'dOut', dOut);
    const dInput = createStorage(device, 'dInput', batch * spec.input);
    const app = net.apply(xBuf, batch, 'real');
    kernels.run([...app.forward, ...app.backward(dOutBuf, { accumulate: false, dInput }), ...app.backward(dOutBuf, { accumulate: true, label: 'again' })]);

    const params = await readFloats(device, net.params, net.layout.totalFloats);
    const acts = mlp_forward(params, spec, x, batch);
    const grads = new Float64Array(net.layout.totalFloats);
    const dx = mlp_backward(grads, params, spec, acts, dOut, batch);
    mlp_backward(grads, params, spec, acts, dOut, batch, true);

    const checks = [
      compareArrays('output', await readFloats(device, app.output, batch), acts[acts.length - 1], composed),
      compareArrays('parameter gradients', await readFloats(device, net.grads, net.layout.totalFloats), grads, composed),
      compareArrays('input gradient', await readFloats(device, dInput, batch * spec.input), dx, composed),
    ];
    for (const c of checks) expect(c.ok, c.report).toBe(true);
    expect(Math.max(...grads.map(Math.abs))).toBeGreaterThan(1e-3); // the gradients are not trivially zero
    net.destroy();
    [xBuf, dOutBuf, dInput].forEach((b) => b.destroy());
  });
});
