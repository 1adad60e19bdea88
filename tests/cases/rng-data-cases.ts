// rng_uniform, rng_normal, rng_gather_rows, rng_onehot_rows, take_columns, rng_advance and step_commit against the CPU
// reference.
import { rng_gather_rows, rng_normal, rng_onehot_rows, rng_uniform, step_commit, take_columns, type StepState } from '../../src/cpu';
import { compareArrays, compareExact, elementwise, F32_EPS, transcendental, type Check } from '../support/compare';
import { randomF32, seededRandom } from '../support/random';
import type { CaseContext, KernelCase } from './context';

const SEED = 0x1234_5678_9abc; // over 32 bits, so both key words are exercised
const seedParams = { seed_lo: SEED >>> 0, seed_hi: Math.floor(SEED / 2 ** 32) };

function stateBuffer(ctx: CaseContext, draw: number) {
  return ctx.upload('rng_state', new Uint32Array([draw >>> 0, Math.floor(draw / 2 ** 32)]));
}

// offset: the kernels draw at rng_state + offset (a training step draws at 1), carried into the high word
function rngCase(n: number, draw: number, offset = 0): KernelCase {
  return {
    name: `rng_uniform, rng_normal n=${n} draw=${draw}${offset ? ` draw_offset ${offset}` : ''}`,
    async run(ctx) {
      const stream = 3;
      const s = { seed: SEED, stream, draw: draw + offset };
      const refU = new Float64Array(n), refZ = new Float64Array(n);
      rng_uniform(refU, s, -2, 3);
      rng_normal(refZ, s, 1, 0.5);
      const rng_state = stateBuffer(ctx, draw);
      const u = ctx.zeros('uniform', n), z = ctx.zeros('normal', n);
      const base = { n, stream, ...seedParams, draw_offset: offset };
      ctx.run(
        ctx.kernels.prepare('rng_uniform', { out: u, rng_state }, { ...base, a: -2, b: 3 }),
        ctx.kernels.prepare('rng_normal', { out: z, rng_state }, { ...base, a: 1, b: 0.5 }),
      );
      // Box-Muller in f32: the angle's cos/sin are our own polynomials (< 1e-7), the radius goes through the adapter's
      // log and sqrt; allow transcendental error on a radius of up to 6 (u1 >= 2^-24 bounds it by 5.8).
      const normalTol = (_i: number, r: number) => 0.5 * (transcendental(6) * 6 + 8 * F32_EPS * Math.abs(r - 1));
      return [
        compareArrays('uniform', await ctx.readF32(u, n), refU, (i, r) => elementwise(i, r) * 5),
        compareArrays('normal', await ctx.readF32(z, n), refZ, normalTol),
        compareExact('state unchanged', await ctx.readU32(rng_state, 2), [draw >>> 0, Math.floor(draw / 2 ** 32)]),
      ];
    },
  };
}

const advanceCase: KernelCase = {
  name: 'rng_advance carries into the high word, and new draws differ',
  async run(ctx) {
    const rng_state = stateBuffer(ctx, 0xffff_ffff);
    const advance = ctx.kernels.prepare('rng_advance', { rng_state }, {});
    const before = ctx.zeros('before', 8), after = ctx.zeros('after', 8);
    const params = { n: 8, stream: 0, ...seedParams, a: 0, b: 1 };
    ctx.run(
      ctx.kernels.prepare('rng_uniform', { out: before, rng_state }, params),
      advance,
      ctx.kernels.prepare('rng_uniform', { out: after, rng_state }, params),
    );
    const ref = new Float64Array(8);
    rng_uniform(ref, { seed: SEED, stream: 0, draw: 2 ** 32 });
    const a = await ctx.readF32(before, 8), b = await ctx.readF32(after, 8);
    const checks: Check[] = [
      compareExact('state', await ctx.readU32(rng_state, 2), [0, 1]),
      compareArrays('draw after advance', b, ref, elementwise),
      { what: 'new draws differ', ok: a.some((v, i) => v !== b[i]), count: 8, maxError: 0, report: `${a} vs ${b}` },
    ];
    return checks;
  },
};

// outAt: the rows land from that element on (the real rows after the fake ones in D's input); what is before and
// after them stays
function gatherCase(datasetRows: number, cols: number, rows: number, outAt = 0, draw = 5, offset = 0): KernelCase {
  return {
    name: `rng_gather_rows ${rows} of ${datasetRows}x${cols}${outAt ? ` into element ${outAt}` : ''} draw=${draw}+${offset}`,
    async run(ctx) {
      const data = randomF32(seededRandom(cols), datasetRows * cols);
      const stream = 9;
      const ref = new Float64Array(rows * cols);
      rng_gather_rows(ref, data, { seed: SEED, stream, draw: draw + offset }, rows, cols, datasetRows);
      const out = ctx.upload('batch', new Float32Array(outAt + rows * cols + 3).fill(-3));
      ctx.run(ctx.kernels.prepare('rng_gather_rows', { out, data: ctx.upload('data', data), rng_state: stateBuffer(ctx, draw) },
        { n: rows, cols, range: datasetRows, out_index: outAt, stream, ...seedParams, draw_offset: offset }));
      const all = await ctx.readF32(out, outAt + rows * cols + 3);
      const rowsDrawn = new Set<number>();
      for (let r = 0; r < rows; r++) rowsDrawn.add(ref[r * cols]);
      return [
        compareExact('rows', all.slice(outAt, outAt + rows * cols), ref),
        compareExact('around them, untouched', [...all.slice(0, outAt), ...all.slice(outAt + rows * cols)], new Array(outAt + 3).fill(-3)),
        // the draw is not degenerate: a minibatch of many rows from a large dataset holds many distinct rows
        { what: 'distinct rows', ok: rows < 16 || rowsDrawn.size > rows / 4, count: rows, maxError: 0, report: `${rowsDrawn.size} of ${rows}` },
      ];
    },
  };
}

/** A state as the CPU mirror holds it, and the same on the GPU. */
function stepState(ctx: CaseContext, draw: number, guard: number): { cpu: StepState; gpu: Record<string, GPUBuffer> } {
  const cpu: StepState = {
    counters: new Uint32Array(8), guard: new Uint32Array([guard]), rngState: new Uint32Array([draw >>> 0, Math.floor(draw / 2 ** 32)]),
    ring: new Float64Array(3 * 4), ringState: new Uint32Array([0]),
  };
  const gpu = {
    counters: ctx.zeros('counters', 8), guard: ctx.upload('guard', cpu.guard), rng_state: ctx.upload('rng_state', cpu.rngState),
    ring: ctx.zeros('ring', 12), ring_state: ctx.zeros('ring_state', 1),
  };
  return { cpu, gpu };
}

// Five commits of the metrics into a ring of 3 (it wraps), the counts of network 1 (at counter 4), the draw counter
// over its low word; a NaN or an infinity in `bad` metrics at commit `badAt` raises the guard and stops the count.
function stepCommitCase(bad: number | undefined, badAt = 2, presetGuard = 0): KernelCase {
  const what = bad === undefined ? 'finite metrics' : `${bad} in the metrics at commit ${badAt}`;
  return {
    name: `step_commit ${what}${presetGuard ? `, guard already ${presetGuard}` : ''}: counts, draw counter, ring`,
    async run(ctx) {
      const { cpu, gpu } = stepState(ctx, 0xffff_fffe, presetGuard);
      const params = { counterIndex: 4, beta1: 0.5, beta2: 0.999, guardBit: 2, ringSlots: 3 };
      for (let c = 0; c < 5; c++) {
        const metrics = Float32Array.from({ length: 4 }, (_, j) => (c === badAt && j === 3 && bad !== undefined ? bad : c * 10 + j + 0.5));
        step_commit(cpu, metrics, params);
        ctx.run(ctx.kernels.prepare('step_commit', { ...gpu, metrics: ctx.upload(`metrics${c}`, metrics) } as never, {
          counter_index: params.counterIndex, beta1: params.beta1, beta2: params.beta2, guard_bit: params.guardBit, metrics_n: 4,
          ring_slots: params.ringSlots,
        }));
      }
      const expectedGuard = presetGuard | (bad === undefined ? 0 : 2);
      const expectedSteps = expectedGuard ? (presetGuard ? 0 : badAt) : 5;
      return [
        compareExact('guard', await ctx.readU32(gpu.guard, 1), [expectedGuard]),
        compareExact('counters (t, S1, S2 bits)', await ctx.readU32(gpu.counters, 8), cpu.counters),
        compareExact('step count', [cpu.counters[4]], [expectedSteps]),
        compareExact('draw counter (carried)', await ctx.readU32(gpu.rng_state, 2), [0xffff_fffe + 5 - 2 ** 32, 1]),
        compareExact('ring', await ctx.readF32(gpu.ring, 12), cpu.ring),
        compareExact('iterations committed', await ctx.readU32(gpu.ring_state, 1), [5]),
      ];
    },
  };
}

const stepCommitWithoutRing: KernelCase = {
  name: 'step_commit with ring_slots 0 leaves the ring alone',
  async run(ctx) {
    const { gpu } = stepState(ctx, 7, 0);
    ctx.run(ctx.kernels.prepare('step_commit', { ...gpu, metrics: ctx.upload('metrics', new Float32Array([1, 2, 3, 4])) } as never,
      { counter_index: 0, beta1: 0.9, beta2: 0.999, guard_bit: 1, metrics_n: 4, ring_slots: 0 }));
    return [
      compareExact('ring', await ctx.readF32(gpu.ring, 12), new Array(12).fill(0)),
      compareExact('ring_state', await ctx.readU32(gpu.ring_state, 1), [0]),
      compareExact('draw counter', await ctx.readU32(gpu.rng_state, 2), [8, 0]),
      compareExact('step count', await ctx.readU32(gpu.counters, 1), [1]),
    ];
  },
};

// a conditional run's rows: n rows of cols values with a one-hot label (drawn, or fixed) after them, written from row
// `outRow` of a buffer whose other rows must stay; and the first cols of each row taken back
function onehotCase(n: number, cols: number, classes: number, fixed: number, outRow: number, draw: number, offset = 0): KernelCase {
  return {
    name: `rng_onehot_rows ${n}x${cols} + ${classes} classes, ${fixed >= 0 ? `label ${fixed}` : 'drawn labels'}, from row ${outRow}; take_columns`,
    async run(ctx) {
      const data = randomF32(seededRandom(n * cols + classes), n * cols);
      const width = cols + classes, stream = 6;
      const ref = new Float64Array(n * width);
      const labels = rng_onehot_rows(ref, data, { seed: SEED, stream, draw: draw + offset }, n, cols, classes, fixed);
      const SENTINEL = -5;
      const out = ctx.upload('out', new Float32Array((outRow + n + 1) * width).fill(SENTINEL));
      const taken = ctx.zeros('taken', n * cols);
      const rng_state = stateBuffer(ctx, draw);
      ctx.run(
        ctx.kernels.prepare('rng_onehot_rows', { out, data: ctx.upload('data', data), rng_state },
          { n, cols, range: classes, out_index: outRow * width, stream, ...seedParams, draw_offset: offset, a: fixed }),
        ctx.kernels.prepare('take_columns', { out: taken, data: out }, { n, cols, range: width }),
      );
      const got = await ctx.readF32(out, (outRow + n + 1) * width);
      const refTaken = new Float64Array(n * cols);
      take_columns(refTaken, ref, n, cols, width);
      // with outRow > 0, take_columns reads the sentinel rows first: compare it on rows from 0 of the buffer
      const fromZero = Float64Array.from(got.slice(0, n * width));
      const refTakenFromZero = new Float64Array(n * cols);
      take_columns(refTakenFromZero, fromZero, n, cols, width);
      const drawn = new Set(labels);
      return [
        compareExact('rows and one-hot labels', got.slice(outRow * width, (outRow + n) * width), ref),
        compareExact('rows before and after untouched', [...got.slice(0, outRow * width), ...got.slice((outRow + n) * width)],
          new Array((outRow + 1) * width).fill(SENTINEL)),
        compareExact('take_columns', await ctx.readF32(taken, n * cols), outRow ? refTakenFromZero : refTaken),
        { what: 'labels spread', ok: fixed >= 0 || n < 4 * classes || drawn.size === classes, count: 1, maxError: 0, report: `labels drawn: ${[...drawn]}` },
      ];
    },
  };
}

export const rngDataCases: KernelCase[] = [
  onehotCase(1, 1, 2, -1, 0, 0), onehotCase(33, 2, 8, -1, 0, 7, 1), onehotCase(64, 784, 10, -1, 64, 2 ** 33 + 5), onehotCase(17, 3, 5, 4, 3, 1),
  onehotCase(300, 5, 1000, -1, 1, 0xffff_ffff, 1),
  stepCommitCase(undefined), stepCommitCase(NaN, 2), stepCommitCase(-Infinity, 0), stepCommitCase(undefined, 0, 1),
  stepCommitWithoutRing,
  rngCase(1, 0), rngCase(7, 5), rngCase(1000, 2 ** 33 + 17), rngCase(9, 0xffff_ffff, 1), advanceCase,
  gatherCase(257, 7, 65), gatherCase(10, 784, 1), gatherCase(1000, 2, 256), gatherCase(100, 3, 5, 15),
  gatherCase(2000, 784, 64, 64 * 784, 0xffff_ffff, 1), gatherCase(3, 17, 9, 0, 2 ** 33),
];
