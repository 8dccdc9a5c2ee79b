import { describe, expect, it } from 'vitest';
import { runMpc } from '../src/core/mpc/index.js';
import { hopK } from '../src/core/tasks/khop.js';
import { verifyKHopMpc, type KHopMpcBuilder } from '../src/proofs/p2/khopMpc.js';
import { khopMpc, khopMpcBudget, khopMpcRounds } from '../src/reductions/inductionHeads/khopMpc.js';

const ctx = { seed: 3, full: false, progress: () => undefined };
const small = { exhaustive: { binary: 6, ternary: 3, maxK: 3 }, property: { maxN: 64, maxK: 16, numRuns: 20 }, sweep: { n: [64], ks: [1, 2, 3, 8, 9] } };
const faulty =
  (fault: 'find-off-by-one' | 'no-self-keep' | 'big-blocks'): KHopMpcBuilder =>
  (k, n, a) => {
    const p = khopMpc(k, n, a, fault);
    return p._tag === 'Left' ? p.left : p.right;
  };

describe('the k-hop MPC protocol', () => {
  it("computes the paper's example in 2⌊log₂ k⌋ + 6 rounds", () => {
    const alphabet = ['a', 'b', 'c', 'd', 'e'];
    const x = [...'baebcabebdea'].map((c) => alphabet.indexOf(c));
    for (const k of [1, 2, 3]) {
      const p = khopMpc(k, 12, 5);
      if (p._tag === 'Left') throw new Error(p.left);
      const r = runMpc(p.right, x);
      if (r._tag === 'Left') throw new Error(r.left.message);
      expect(r.right.output.map((w) => (w === 0 ? null : alphabet[w - 1]))).toEqual(hopK([...'baebcabebdea'], k));
      expect(r.right.rounds).toBe(khopMpcRounds(k));
    }
    expect([1, 2, 3, 4, 64].map(khopMpcRounds)).toEqual([6, 8, 8, 10, 18]);
    expect(khopMpcBudget(256, 4)).toEqual({ block: 32, memory: 256, machines: 9, wordBits: 9 });
  });

  it('refuses k < 1', () => {
    expect(khopMpc(0, 4, 2)._tag).toBe('Left');
  });
});

describe('k-hop-mpc (lemma)', () => {
  it('holds (small sweep)', async () => {
    const r = await verifyKHopMpc(ctx, small);
    expect(r.problems).toEqual([]);
    expect(r.verdict).toBe('holds');
  });

  it('rejects find¹ off by one, with a shrunk counterexample', async () => {
    const r = await verifyKHopMpc(ctx, { ...small, build: faulty('find-off-by-one') });
    expect(r.verdict).toBe('fails');
    expect(r.tiers.find((t) => t.tier === 'exhaustive')?.failure?.counterexample).toMatchObject({ k: 1, X: 'aba', reason: 'position 3: the protocol says a, hop_1 says b' });
    expect(r.tiers.find((t) => t.tier === 'property')?.failure?.message).toMatch(/seed 3/);
  });

  it('rejects a protocol whose machines forget their tokens (memory is the inbox)', async () => {
    const r = await verifyKHopMpc(ctx, { ...small, build: faulty('no-self-keep') });
    expect(r.verdict).toBe('fails');
  });

  it('rejects a protocol that overfills its machines, naming machine, round and bound', async () => {
    const r = await verifyKHopMpc(ctx, { ...small, build: faulty('big-blocks') });
    expect(r.verdict).toBe('fails');
    const cx = r.tiers.find((t) => t.tier === 'property')?.failure?.counterexample as { reason: string };
    expect(cx.reason).toMatch(/^(send|receive) violation: .*machine \d+ .* round \d+, more than s = \d+/);
  });
});
