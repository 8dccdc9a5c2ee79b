/**
 * Shared assertions of the honesty tests: a lemma fed a deliberately broken construction must
 * fail in every tier, each with a readable counterexample.
 */
import { expect } from 'vitest';
import type { LemmaReport } from '../src/proofs/lemma.js';

/**
 * `r` fails, every tier fails, and each tier's counterexample names an input bit string and an
 * expected output that differs from the actual one; nothing is measured.
 */
export const expectEveryTierFailsReadably = (r: LemmaReport): void => {
  expect(r.verdict).toBe('fails');
  for (const t of r.tiers) {
    expect(t.holds, t.tier).toBe(false);
    const cex = t.failure!.counterexample as { input: string; expected: string; actual: string };
    expect(cex.input).toMatch(/^[01]+$/);
    expect(cex.expected).not.toBe(cex.actual);
  }
  expect(r.measurements).toEqual([]);
};
