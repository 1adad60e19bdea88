// An MLP on the GPU: its parameters and gradients in flat buffers (one optimizer dispatch each), and, per input it
// is applied to, the forward and backward dispatch lists with their own activation buffers, so that one network can
// serve several inputs: D's step over the fake and real rows together, and the generator's step over the fakes alone.
import { createStorage } from '../gpu/buffers.js';
import { activationCodes, type Activation, type BufferArg } from '../gpu/kernels.js';
import { kernelSpec, type Dispatch, type Kernels } from '../gpu/registry.js';
import type { TuningRequest } from '../gpu/tuner.js';
import { slot, tensorBinding, type ParameterLayout } from './layout.js';
import { initMlp, layerShapes, mlpLayout, validateMlp, type LayerShape, type MlpSpec } from './mlp.js';

export interface MlpApplication<Output extends BufferArg = GPUBuffer> {
  /** The network's output (batch, units of the last layer): a buffer of its own, or the range apply() was given. */
  output: Output;
  forward: Dispatch[];
  /** Back-propagates dPre, the gradient at the last layer's pre-activation (at its output when the last layer is
   * identity, as D's logits are): parameter gradients are overwritten, or added when accumulate. The gradient at
   * the input goes to dInput when one is given, multiplied by the derivative of `inputActivation` (the activation
   * that produced the input; identity by default), so it is ready as the producing layer's dPre: this is how the
   * generator's gradient flows through D's input. With paramGrads false only the input gradient is computed and
   * the network's gradient buffer is not touched. With a `guard`, a non-finite parameter gradient sets
   * guard[0] |= guard.bit as it is written (the optimizer steps then change nothing: src/train/schedule.ts). */
  backward(dPre: BufferArg, options: {
    accumulate: boolean; dInput?: BufferArg; inputActivation?: { activation: Activation; alpha: number }; label?: string;
    paramGrads?: boolean; guard?: { buffer: GPUBuffer; bit: number };
  }): Dispatch[];
  /** Destroys this application's buffers and dispatches (the network itself stays). */
  release(): void;
}

/** Storage buffers linear_backward binds (its tiled variant, 8): devices that allow fewer run dw and dx apart. */
export const FUSED_BACKWARD_STORAGE_BUFFERS = 10;

export class GpuMlp {
  readonly layout: ParameterLayout;
  readonly layers: LayerShape[];
  readonly params: GPUBuffer;
  readonly grads: GPUBuffer;
  private readonly owned: { destroy(): void }[] = [];
  private readonly applications = new Set<{ destroy(): void }[]>();

  /** `initial` defaults to initMlp(spec, seed, initStream). */
  constructor(private readonly kernels: Kernels, readonly name: string, readonly spec: MlpSpec, seed: number,
    initStream = 0x1000, initial?: Float32Array) {
    validateMlp(spec, name);
    this.layout = mlpLayout(spec);
    this.layers = layerShapes(spec);
    const values = initial ?? initMlp(spec, seed, initStream);
    if (values.length !== this.layout.totalFloats) throw new Error(`${name}: ${values.length} parameters given, the layout holds ${this.layout.totalFloats}`);
    this.params = this.own(createStorage(kernels.device, `${name}.params`, values));
    this.grads = this.own(createStorage(kernels.device, `${name}.grads`, this.layout.totalFloats));
  }

  private own<T extends { destroy(): void }>(o: T): T {
    this.owned.push(o);
    return o;
  }

  private binding(buffer: GPUBuffer, tensor: string): GPUBufferBinding {
    return tensorBinding(buffer, slot(this.layout, tensor));
  }

  /** Prepares the network applied to `input` (batch rows): its forward dispatches and its backward. The last
   * layer writes into `output` when one is given (G writes its samples straight into D's input this way). */
  apply<Output extends BufferArg = GPUBuffer>(input: BufferArg, batch: number, label: string, output?: Output): MlpApplication<Output> {
    const k = this.kernels;
    const device = k.device;
    const appOwned: { destroy(): void }[] = [];
    this.applications.add(appOwned);
    const own = <T extends { destroy(): void }>(o: T): T => {
      appOwned.push(o);
      return o;
    };
    const last = this.layers.length - 1;
    const outs: BufferArg[] = this.layers.map((l, i) => (i === last && output
      ? output : own(createStorage(device, `${this.name}.${label}.a${i + 1}`, batch * l.outFeatures))));
    const inputs = [input, ...outs.slice(0, -1)];
    const forward = this.layers.map((l, i) => own(k.prepare('linear_forward',
      { out: outs[i], x: inputs[i], w: this.binding(this.params, l.weight), b: this.binding(this.params, l.bias) },
      { batch, in_features: l.inFeatures, out_features: l.outFeatures },
      { ACT: activationCodes[l.activation], ALPHA: l.alpha }, `${this.name}.${label}.l${i}.forward`)));
    // one gradient buffer per hidden layer (its dpre), shared by every backward of this application
    const dHidden = this.layers.slice(0, -1).map((l, i) => own(createStorage(device, `${this.name}.${label}.dpre${i + 1}`, batch * l.outFeatures)));
    let unguarded: GPUBuffer | undefined; // bound in place of a guard when none is given (guard_bit 0: never written)
    // a layer's dw, db and dx in one dispatch (linear_backward) where the device binds its 10 storage buffers
    const fuseBackward = device.limits.maxStorageBuffersPerShaderStage >= FUSED_BACKWARD_STORAGE_BUFFERS;
    const backward: MlpApplication<Output>['backward'] = (dPre, options) => {
      const { accumulate, dInput, inputActivation, label: tag = 'backward', paramGrads = true } = options;
      const guard = options.guard ?? { buffer: (unguarded ??= own(createStorage(device, `${this.name}.${label}.no guard`, 1))), bit: 0 };
      const list: Dispatch[] = [];
      for (let i = this.layers.length - 1; i >= 0; i--) {
        const l = this.layers[i];
        const dpre = i === this.layers.length - 1 ? dPre : dHidden[i];
        const params = { batch, in_features: l.inFeatures, out_features: l.outFeatures, accumulate: accumulate ? 1 : 0 };
        const name = `${this.name}.${label}.l${i}.${tag}`;
        const dx = i > 0 ? dHidden[i - 1] : dInput;
        // the layer below's activation (or the caller's, at the input) is folded in, so dx is that layer's dpre
        const below = i > 0 ? this.layers[i - 1] : inputActivation ?? { activation: 'identity' as const, alpha: 0.2 };
        const actIn = { ACT_IN: activationCodes[below.activation], ALPHA_IN: below.alpha };
        const grads = { dw: this.binding(this.grads, l.weight), db: this.binding(this.grads, l.bias), guard: guard.buffer };
        // ... unless dw runs split along the batch (a two-pass variant, chosen where it is faster: large batches)
        const splitWeight = kernelSpec(k.variantFor('linear_backward_weight', params)).passes !== undefined;
        if (paramGrads && dx && fuseBackward && !splitWeight) {
          list.push(k.prepare('linear_backward', { dx, ...grads, dpre, w: this.binding(this.params, l.weight), x: inputs[i] },
            { ...params, guard_bit: guard.bit }, actIn, `${name}.dw+db+dx`));
          continue;
        }
        if (paramGrads) {
          list.push(k.prepare('linear_backward_weight', { ...grads, x: inputs[i], dpre }, { ...params, guard_bit: guard.bit }, {},
            `${name}.dw+db`));
        }
        if (dx) {
          list.push(k.prepare('linear_backward_input', { dx, dpre, w: this.binding(this.params, l.weight), x: inputs[i] },
            { ...params, accumulate: 0 }, actIn, `${name}.dx`));
        }
      }
      list.forEach((d) => own(d));
      return list;
    };
    const release = () => {
      appOwned.forEach((o) => o.destroy());
      appOwned.length = 0;
      this.applications.delete(appOwned);
    };
    // the last output is the given range when there is one, else a buffer created here: Output's default
    return { output: outs[last] as Output, forward, backward, release };
  }

  destroy(): void {
    for (const app of this.applications) app.forEach((o) => o.destroy());
    this.applications.clear();
    this.owned.forEach((o) => o.destroy());
    this.owned.length = 0;
  }
}

/** The linear kernels an MLP may run at each of these row counts (forward, dx, dw, and, where the device can bind
 * it (`fused`), both at once), for the tuner. */
export function linearRequests(spec: MlpSpec, rowCounts: number[], fused = true): TuningRequest[] {
  const names = ['linear_forward', 'linear_backward_input', 'linear_backward_weight', ...(fused ? ['linear_backward'] as const : [])] as const;
  return rowCounts.flatMap((batch) => layerShapes(spec).flatMap((l) => {
    const params = { batch, in_features: l.inFeatures, out_features: l.outFeatures };
    return names.map((name) => ({ name, params }));
  }));
}
