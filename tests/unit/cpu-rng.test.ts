import { describe, expect, it } from 'vitest';
import { mulHiLo, philox4x32_10, rng_index, rng_normal, rng_uniform } from '../../src/cpu';

const hex = (words: number[]) => words.map((w) => w.toString(16).padStart(8, '0')).join(' ');

describe('Philox 4x32-10', () => {
  // Known-answer vectors from Random123's kat_vectors (Salmon et al., SC11).
  it('matches the Random123 known answers', () => {
    expect(hex(philox4x32_10([0, 0, 0, 0], [0, 0]))).toBe('6627e8d5 e169c58d bc57ac4c 9b00dbd8');
    expect(hex(philox4x32_10([0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff], [0xffffffff, 0xffffffff]))).toBe(
      '408f276d 41c83b0e a20bc7c6 6d5451fd',
    );
    expect(hex(philox4x32_10([0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344], [0xa4093822, 0x299f31d0]))).toBe(
      'd16cfe09 94fdcceb 5001e420 24126ea1',
    );
  });

  it('multiplies to 64 bits exactly', () => {
    expect(mulHiLo(0xffffffff, 0xffffffff)).toEqual([0xfffffffe, 1]);
    expect(mulHiLo(0xd2511f53, 0)).toEqual([0, 0]);
  });
});

describe('noise and index draws', () => {
  const stream = { seed: 1234, stream: 5, draw: 0 };
  it('uniforms lie in [low, high) with the right mean', () => {
    const u = new Float64Array(40000);
    rng_uniform(u, stream, -1, 3);
    expect(Math.min(...u)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...u)).toBeLessThan(3);
    expect(Math.abs(u.reduce((a, b) => a + b) / u.length - 1)).toBeLessThan(0.03);
  });
  it('normals have mean and std as asked', () => {
    const z = new Float64Array(40000);
    rng_normal(z, stream, 2, 0.5);
    const mean = z.reduce((a, b) => a + b) / z.length;
    const std = Math.sqrt(z.reduce((a, b) => a + (b - mean) ** 2, 0) / z.length);
    expect(Math.abs(mean - 2)).toBeLessThan(0.01);
    expect(Math.abs(std - 0.5)).toBeLessThan(0.01);
    expect(z.every(Number.isFinite)).toBe(true);
  });
  it('indices cover [0, range) evenly', () => {
    const idx = new Uint32Array(70000);
    rng_index(idx, stream, 7);
    const counts = new Array(7).fill(0);
    for (const i of idx) counts[i]++;
    for (const c of counts) expect(Math.abs(c / idx.length - 1 / 7)).toBeLessThan(0.01);
  });
  it('a new draw counter gives new numbers, the same one the same numbers', () => {
    const a = new Float64Array(8), b = new Float64Array(8), c = new Float64Array(8);
    rng_uniform(a, stream); rng_uniform(b, stream); rng_uniform(c, { ...stream, draw: 1 });
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
  });
});
