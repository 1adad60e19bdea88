// TF.js's runners: one backend at a time (webgpu, webgl, cpu), each initialised, timed with the same protocol as the
// engine, and removed again before the next, so that no backend's GPU memory or threads weigh on another's figures.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu'; // registers 'webgpu' where navigator.gpu exists
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { adapterName } from '../../src/index';
import type { BenchSpec } from './spec';
import { TfjsGan } from './tfjs-gan';
import { timeBatches, type RoundTiming } from './time';

export type TfjsBackend = 'webgpu' | 'webgl' | 'cpu';

/** Switches TF.js to `name`, or throws with the reason it failed: TF.js only logs that reason with console.warn and
 * answers false, so the warnings are caught while it initialises. */
async function useBackend(name: TfjsBackend): Promise<void> {
  if (!tf.findBackendFactory(name)) {
    throw new Error(`TF.js has no '${name}' backend registered${name === 'webgpu' ? ' (it registers only where navigator.gpu exists)' : ''}`);
  }
  const warnings: string[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => { warnings.push(args.map(String).join(' ')); warn.apply(console, args); };
  let ok: boolean;
  try {
    ok = await tf.setBackend(name);
    await tf.ready();
  } finally {
    console.warn = warn;
  }
  if (!ok || tf.getBackend() !== name) throw new Error(`the ${name} backend failed to initialise: ${warnings.join(' | ') || 'TF.js gave no reason'}`);
}

/** What the backend runs on: the WebGPU adapter for webgpu, nothing for the others (the page asks WebGL itself). */
function backendAdapter(name: TfjsBackend): string | undefined {
  if (name !== 'webgpu') return undefined;
  const info = (tf.backend() as WebGPUBackend).device.adapterInfo;
  return adapterName({ vendor: info.vendor, architecture: info.architecture, device: info.device, description: info.description });
}

/** 32 where the backend keeps 1e-8 through an op (f32 storage), 16 where it flushes it to 0 (half floats). Measured,
 * since TF.js 4.22's webgl floatPrecision() answers 16 exactly when f32 textures are enabled; 4096 elements, so that
 * no backend hands the op to the CPU. */
async function measuredPrecision(): Promise<number> {
  const min = tf.tidy(() => tf.abs(tf.fill([64, 64], 1e-8)).min());
  const value = (await min.data())[0];
  min.dispose();
  return value > 0 ? 32 : 16;
}

export interface TfjsRound extends RoundTiming {
  floatPrecision: number;
  /** Live tensors after the last batch minus after the warm-up. */
  tensorGrowth: number;
  adapter?: string;
}

export async function runTfjs(name: TfjsBackend, spec: BenchSpec, rows: Float32Array): Promise<TfjsRound> {
  await useBackend(name);
  const factory = tf.findBackendFactory(name)!;
  try {
    const adapter = backendAdapter(name);
    const gan = new TfjsGan(spec.config, spec.dims, rows);
    let liveAfterWarmup = 0;
    try {
      const timing = await timeBatches(spec, async (n) => {
        let loss: tf.Scalar | undefined;
        for (let i = 0; i < n; i++) {
          loss?.dispose();
          loss = gan.iteration();
        }
        const value = (await loss!.data())[0]; // the one sync of the batch: waits for everything queued before it
        loss!.dispose();
        return value;
      }, () => { liveAfterWarmup = tf.memory().numTensors; });
      const tensorGrowth = tf.memory().numTensors - liveAfterWarmup;
      return { ...timing, tensorGrowth, floatPrecision: await measuredPrecision(), adapter };
    } finally {
      gan.dispose();
    }
  } finally {
    // dispose the backend (its device, textures or buffers) before the next runner starts, and register its factory
    // again for the next round
    tf.removeBackend(name);
    tf.registerBackend(name, factory);
  }
}

export const tfjsVersion = tf.version.tfjs;
