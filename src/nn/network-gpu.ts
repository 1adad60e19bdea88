// A network on the GPU: its parameters and gradients in flat buffers (one optimizer dispatch each), its running
// statistics in a third, and, per input it is applied to, the forward and backward dispatch lists with their own
// activation buffers, so that one network can serve several inputs: D's step over the fake and real rows together,
// the generator's step over the fakes alone, and sampling (in inference mode) at any count.
import { createStorage } from '../gpu/buffers.js';
import type { BufferArg } from '../gpu/kernels.js';
import type { Dispatch, Kernels } from '../gpu/registry.js';
import type { TuningRequest } from '../gpu/tuner.js';
import { IDENTITY, type ActivationOf } from './activations.js';
import { featureSize, type LayerPlan } from './layer.js';
import { slot, tensorBinding, type ParameterLayout } from './layout.js';
import { initNetwork, initStats, planNetwork, type NetworkPlan, type NetworkSpec } from './network.js';

export { FUSED_BACKWARD_STORAGE_BUFFERS } from './linear.js';

export interface NetworkApplication<Output extends BufferArg = GPUBuffer> {
  /** The network's output (batch rows): a buffer of its own, or the range apply() was given. */
  output: Output;
  /** Every computing layer's output, in order (the last is `output`): a classifier's penultimate features, say. */
  outputs: BufferArg[];
  forward: Dispatch[];
  /** Back-propagates dPre, the gradient at the last layer's pre-activation (at its output when the last layer is
   * identity, as D's logits are): parameter gradients are overwritten, or added when accumulate. The gradient at
   * the input goes to dInput when one is given, multiplied by the derivative of `inputActivation` (the activation
   * that produced the input; identity by default), so it is ready as the producing layer's dPre: this is how the
   * generator's gradient flows through D's input. With paramGrads false only the input gradient is computed and
   * the network's gradient buffer is not touched. With a `guard`, a non-finite parameter gradient sets
   * guard[0] |= guard.bit as it is written (the optimizer steps then change nothing: src/train/schedule.ts). */
  backward(dPre: BufferArg, options: {
    accumulate: boolean; dInput?: BufferArg; inputActivation?: ActivationOf; label?: string;
    paramGrads?: boolean; guard?: { buffer: GPUBuffer; bit: number };
  }): Dispatch[];
  /** Destroys this application's buffers and dispatches (the network itself stays). */
  release(): void;
}

export class GpuNetwork {
  readonly plan: NetworkPlan;
  readonly layout: ParameterLayout;
  readonly params: GPUBuffer;
  readonly grads: GPUBuffer;
  /** Running statistics (batch norm's), part of the run's state; a 4-byte placeholder when there are none. */
  readonly stats: GPUBuffer;
  private readonly owned: { destroy(): void }[] = [];
  private readonly applications = new Set<{ destroy(): void }[]>();

  /** `initial` defaults to initNetwork(spec, seed, initStream). `sharedStats`: another network's running statistics
   * to read (and, training, move) instead of its own: the moving average of G's weights normalises as G does. */
  constructor(private readonly kernels: Kernels, readonly name: string, readonly spec: NetworkSpec, seed: number,
    initStream = 0x1000, initial?: Float32Array, sharedStats?: GPUBuffer) {
    this.plan = planNetwork(spec, name);
    this.layout = this.plan.layout;
    const values = initial ?? initNetwork(spec, seed, initStream);
    if (values.length !== this.layout.totalFloats) throw new Error(`${name}: ${values.length} parameters given, the layout holds ${this.layout.totalFloats}`);
    this.params = this.own(createStorage(kernels.device, `${name}.params`, values));
    this.grads = this.own(createStorage(kernels.device, `${name}.grads`, this.layout.totalFloats));
    this.stats = sharedStats ?? this.own(createStorage(kernels.device, `${name}.stats`, this.plan.statsLayout.totalFloats ? initStats(this.plan) : 1));
  }

  /** The layers that compute, in order (reshapes left out). */
  get layers(): LayerPlan[] {
    return this.plan.compute;
  }

  private own<T extends { destroy(): void }>(o: T): T {
    this.owned.push(o);
    return o;
  }

  private binding(buffer: GPUBuffer, l: LayerPlan, key: string, layout = this.layout): GPUBufferBinding {
    return tensorBinding(buffer, slot(layout, `l${l.index}.${key}`));
  }

  /** One layer's tensor in the parameter buffer, and its slot in the gradient buffer (for passes built outside
   * apply(), such as the gradient penalty's double backward). */
  paramBinding(l: LayerPlan, key: string): GPUBufferBinding { return this.binding(this.params, l, key); }
  gradBinding(l: LayerPlan, key: string): GPUBufferBinding { return this.binding(this.grads, l, key); }

  /** Prepares the network applied to `input` (batch rows): its forward dispatches and its backward. The last
   * layer writes into `output` when one is given (G writes its samples straight into D's input this way). In
   * inference (`training` false) batch norm uses its running statistics and leaves them alone. `labels`: the rows'
   * one-hot labels, for a network that reads them (a projection D). */
  apply<Output extends BufferArg = GPUBuffer>(input: BufferArg, batch: number, label: string, output?: Output,
    { training = true, labels }: { training?: boolean; labels?: BufferArg } = {}): NetworkApplication<Output> {
    const k = this.kernels;
    const device = k.device;
    const appOwned: { destroy(): void }[] = [];
    this.applications.add(appOwned);
    const own = <T extends { destroy(): void }>(o: T): T => {
      appOwned.push(o);
      return o;
    };
    const layers = this.plan.compute;
    const last = layers.length - 1;
    const outs: BufferArg[] = layers.map((l, i) => (i === last && output
      ? output : own(createStorage(device, `${this.name}.${label}.a${i + 1}`, batch * featureSize(l.output)))));
    const inputs = [input, ...outs.slice(0, -1)];
    const scratches = new Map<string, GPUBuffer>();
    const scratch = (l: LayerPlan) => (key: string, floats: number) => {
      const name = `l${l.index}.${key}`;
      let b = scratches.get(name);
      if (!b) scratches.set(name, (b = own(createStorage(device, `${this.name}.${label}.${name}`, floats))));
      return b;
    };
    const forward = layers.flatMap((l, i) => l.kind.gpuForward!({
      kernels: k, layer: l, batch, x: inputs[i], out: outs[i], training, label: `${this.name}.${label}.l${l.index}`,
      param: (key) => this.binding(this.params, l, key), stat: (key) => this.binding(this.stats, l, key, this.plan.statsLayout),
      scratch: scratch(l), labels,
    }).map(own));
    // one gradient buffer per hidden layer (its dpre), shared by every backward of this application
    const dHidden = layers.slice(0, -1).map((l, i) => own(createStorage(device, `${this.name}.${label}.dpre${i + 1}`, batch * featureSize(l.output))));
    let unguarded: GPUBuffer | undefined; // bound in place of a guard when none is given (guard_bit 0: never written)
    const backward: NetworkApplication<Output>['backward'] = (dPre, options) => {
      const { accumulate, dInput, inputActivation, label: tag = 'backward', paramGrads = true } = options;
      const guard = options.guard ?? { buffer: (unguarded ??= own(createStorage(device, `${this.name}.${label}.no guard`, 1))), bit: 0 };
      const list: Dispatch[] = [];
      for (let i = last; i >= 0; i--) {
        const l = layers[i];
        const grad = (key: string) => (paramGrads ? this.binding(this.grads, l, key) : { buffer: scratch(l)(`d${key}`, slot(this.layout, `l${l.index}.${key}`).size) });
        list.push(...l.kind.gpuBackward!({
          kernels: k, layer: l, batch, x: inputs[i], dpre: i === last ? dPre : dHidden[i], dx: i > 0 ? dHidden[i - 1] : dInput,
          // the layer below's activation (or the caller's, at the input) is folded in, so dx is that layer's dpre
          inputAct: i > 0 ? layers[i - 1].act : inputActivation ?? IDENTITY,
          param: (key) => this.binding(this.params, l, key), grad, paramGrads, accumulate, guard, scratch: scratch(l),
          label: `${this.name}.${label}.l${l.index}.${tag}`, labels,
        }));
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
    return { output: outs[last] as Output, outputs: outs, forward, backward, release };
  }

  /** The kernels with variants this network runs at these row counts (for the tuner); `fused`: the device can bind
   * linear_backward. */
  tuningRequests(rowCounts: number[], fused = true): TuningRequest[] {
    return networkTuningRequests(this.plan, rowCounts, fused);
  }

  destroy(): void {
    for (const app of this.applications) app.forEach((o) => o.destroy());
    this.applications.clear();
    this.owned.forEach((o) => o.destroy());
    this.owned.length = 0;
  }
}

export function networkTuningRequests(plan: NetworkPlan, rowCounts: number[], fused = true): TuningRequest[] {
  return rowCounts.flatMap((batch) => plan.compute.flatMap((l) => l.kind.tuning?.(l, batch, fused) ?? []));
}

/** The linear kernels an MLP may run at each of these row counts, for the tuner (see GpuNetwork.tuningRequests). */
export function linearRequests(spec: NetworkSpec, rowCounts: number[], fused = true): TuningRequest[] {
  return networkTuningRequests(planNetwork(spec, 'network'), rowCounts, fused);
}

// The names of the first milestone.
export { GpuNetwork as GpuMlp };
export type MlpApplication<Output extends BufferArg = GPUBuffer> = NetworkApplication<Output>;
