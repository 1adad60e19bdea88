// rng_uniform, rng_normal, rng_index, rng_advance, gather_rows and mean_forward against the CPU reference.
import { gather_rows, mean_forward, ring_commit, rng_index, rng_normal, rng_uniform } from '../../src/cpu';
import { compareArrays, compareExact, elementwise, F32_EPS, transcendental, type Check } from '../support/compare';
import { randomF32, seededRandom } from '../support/random';
import type { CaseContext, KernelCase } from './context';

const SEED = 0x1234_5678_9abc; // over 32 bits, so both key words are exercised
const seedParams = { seed_lo: SEED >>> 0, seed_hi: Math.floor(SEED / 2 ** 32) };

function stateBuffer(ctx: CaseContext, draw: number) {
  return ctx.upload('rng_state', new Uint32Array([draw >>> 0, Math.floor(draw / 2 ** 32)]));
}

function rngCase(n: number, draw: number): KernelCase {
  return {
    name: `rng_uniform, rng_normal, rng_index n=${n} draw=${draw}`,
    async run(ctx) {
      const stream = 3;
      const s = { seed: SEED, stream, draw };
      const refU = new Float64Array(n), refZ = new Float64Array(n), refI = new Uint32Array(n);
      rng_uniform(refU, s, -2, 3);
      rng_normal(refZ, s, 1, 0.5);
      rng_index(refI, s, 60_000);
      const rng_state = stateBuffer(ctx, draw);
      const u = ctx.zeros('uniform', n), z = ctx.zeros('normal', n), indices = ctx.zeros('indices', n);
      const base = { n, stream, ...seedParams };
      ctx.run(
        ctx.kernels.prepare('rng_uniform', { out: u, rng_state }, { ...base, a: -2, b: 3 }),
        ctx.kernels.prepare('rng_normal', { out: z, rng_state }, { ...base, a: 1, b: 0.5 }),
        ctx.kernels.prepare('rng_index', { indices, rng_state }, { ...base, range: 60_000 }),
      );
      // Box-Muller in f32: the angle's cos/sin are our own polynomials (< 1e-7), the radius goes through the adapter's
      // log and sqrt; allow transcendental error on a radius of up to 6 (u1 >= 2^-24 bounds it by 5.8).
      const normalTol = (_i: number, r: number) => 0.5 * (transcendental(6) * 6 + 8 * F32_EPS * Math.abs(r - 1));
      return [
        compareArrays('uniform', await ctx.readF32(u, n), refU, (i, r) => elementwise(i, r) * 5),
        compareArrays('normal', await ctx.readF32(z, n), refZ, normalTol),
        compareExact('indices', await ctx.readU32(indices, n), refI),
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

// outAt: the rows land from that element on (the real rows after the fake ones in D's input); what is before stays
function gatherCase(datasetRows: number, cols: number, rows: number, outAt = 0): KernelCase {
  return {
    name: `gather_rows ${rows} of ${datasetRows}x${cols}${outAt ? ` into element ${outAt}` : ''}`,
    async run(ctx) {
      const rand = seededRandom(cols);
      const data = randomF32(rand, datasetRows * cols);
      const idx = Uint32Array.from({ length: rows }, () => Math.floor(rand() * datasetRows));
      idx[rows - 1] = datasetRows + 5; // out of range: clamped to the last row, never read outside the dataset
      const ref = new Float64Array(rows * cols);
      gather_rows(ref, data, idx, cols, datasetRows);
      const out = ctx.upload('batch', new Float32Array(outAt + rows * cols).fill(-3));
      ctx.run(ctx.kernels.prepare('gather_rows', { out, data: ctx.upload('data', data), indices: ctx.upload('idx', idx) },
        { n: rows * cols, cols, dataset_rows: datasetRows, out_index: outAt }));
      const all = await ctx.readF32(out, outAt + rows * cols);
      return [compareExact('rows', all.slice(outAt), ref), compareExact('before them, untouched', all.slice(0, outAt), new Array(outAt).fill(-3))];
    },
  };
}

// from: the values start there in their buffer, after values that must not count
function meanCase(n: number, op: 'identity' | 'sigmoid', from = 0): KernelCase {
  return {
    name: `mean_forward n=${n} ${op}${from ? ` from ${from}` : ''}`,
    async run(ctx) {
      const values = randomF32(seededRandom(n), n, 12);
      const ref = mean_forward(values, op);
      const out = ctx.upload('out', new Float32Array([9, 9, 9]));
      const stored = Float32Array.from({ length: from + n }, (_, i) => (i < from ? 1e6 : values[i - from]));
      ctx.run(ctx.kernels.prepare('mean_forward', { out, data: ctx.upload('values', stored) },
        { n, op: op === 'sigmoid' ? 1 : 0, out_index: 2, in_offset: from }));
      let sumAbs = 0;
      for (const v of values) sumAbs += Math.abs(v);
      const tol = (n * F32_EPS * sumAbs + (op === 'sigmoid' ? n * transcendental(0) : 0)) / n + F32_EPS * Math.abs(ref);
      return [compareArrays('mean', await ctx.readF32(out, 3), [9, 9, ref], (i) => (i === 2 ? tol : 0))];
    },
  };
}

const ringCase: KernelCase = {
  name: 'ring_commit wraps around the ring and counts iterations',
  async run(ctx) {
    const slots = 3, cols = 4, commits = 5;
    const ring = ctx.zeros('ring', slots * cols), ringState = ctx.zeros('ring_state', 1);
    const ref = new Float64Array(slots * cols);
    let iteration = 0;
    for (let c = 0; c < commits; c++) {
      const values = Float32Array.from({ length: cols }, (_, j) => c * 10 + j);
      ctx.run(ctx.kernels.prepare('ring_commit', { out: ring, data: ctx.upload(`metrics${c}`, values), ring_state: ringState },
        { cols, dataset_rows: slots }));
      iteration = ring_commit(ref, values, iteration, slots);
    }
    return [
      compareExact('ring', await ctx.readF32(ring, slots * cols), ref),
      compareExact('iterations', await ctx.readU32(ringState, 1), [iteration]),
    ];
  },
};

export const rngDataCases: KernelCase[] = [
  ringCase,
  rngCase(1, 0), rngCase(7, 5), rngCase(1000, 2 ** 33 + 17), advanceCase,
  gatherCase(257, 7, 65), gatherCase(10, 784, 1), gatherCase(1000, 2, 256), gatherCase(100, 3, 5, 15),
  meanCase(1, 'identity'), meanCase(1000, 'identity'), meanCase(257, 'sigmoid'), meanCase(64, 'sigmoid', 64),
];
