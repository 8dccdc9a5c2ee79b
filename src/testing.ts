/**
 * # Test helpers (`parallelism-tradeoff/testing`)
 *
 * For your own lemmas' tests, in any test runner (vitest, jest, node:test): no `isLeft`
 * boilerplate, and a failure message that shows the rule, the counterexample and the seed.
 * The helpers throw a plain `Error`, which every runner reports as a failed test; they import
 * no test framework.
 *
 * ## Main definitions
 * - {@link expectVerified}: the `Verified` value of a check, or a thrown error with the failure.
 * - {@link expectHolds}: a lemma checked with the library's checker; throws unless it holds.
 *
 * @example
 * ```ts
 * import { expectVerified } from 'parallelism-tradeoff/testing';
 * import { checkCircuitExhaustive } from 'parallelism-tradeoff/core';
 * it('my adder adds', () => {
 *   const v = expectVerified(checkCircuitExhaustive(myAdder, statement, { w: 4 }));
 *   expect(v.evidence.cases).toBe(256);
 * });
 * ```
 *
 * @module parallelism-tradeoff/testing
 */
import { isLeft, type Either } from 'fp-ts/lib/Either.js';
import type { CheckFailure, Verified } from './core/check.js';
import { checkLemmas, type CheckedLemma } from './proofs/checkAll.js';
import type { Lemma } from './proofs/lemma.js';

/** A check's failure, in words: the rule's message, the counterexample and the seed when there are. */
export const describeFailure = (f: unknown): string => {
  const cf = f as Partial<CheckFailure> | null;
  if (cf !== null && typeof cf === 'object' && typeof cf.message === 'string') {
    const parts = [`${cf.tier === undefined ? '' : `[${cf.tier}] `}${cf.message}`];
    if (cf.counterexample !== undefined) parts.push(`counterexample: ${JSON.stringify(cf.counterexample)}`);
    if (cf.seed !== undefined) parts.push(`seed: ${cf.seed}`);
    return parts.join('\n');
  }
  return typeof f === 'string' ? f : JSON.stringify(f);
};

/**
 * The verified value of a check (`checkCircuitExhaustive`, `checkCircuitProperty`,
 * `checkCircuitSmt` awaited, …); throws an `Error` describing the failure otherwise.
 * @category testing
 */
export const expectVerified = <T, E = CheckFailure>(result: Either<E, Verified<T>>, what = 'the check'): Verified<T> => {
  if (isLeft(result)) throw new Error(`expected ${what} to verify, but it failed:\n${describeFailure(result.left)}`);
  return result.right;
};

/**
 * Check one lemma with the library's checker (the kernel's verdict, as `tradeoff check`
 * gives it); throws an `Error` with its problems unless it holds.
 * @category testing
 */
export const expectHolds = async (lemma: Lemma, opts: { readonly seed?: number; readonly full?: boolean } = {}): Promise<CheckedLemma> => {
  const [checked] = await checkLemmas({ seed: opts.seed ?? 1, full: opts.full ?? false, lemmas: [lemma] });
  if (checked === undefined) throw new Error(`expected '${lemma.id}' to hold, but it was not checked`);
  if (checked.report.verdict !== 'holds') {
    throw new Error(`expected '${lemma.id}' to hold, but its verdict is ${checked.report.verdict}:\n${checked.report.problems.map((p) => `- ${p}`).join('\n')}`);
  }
  return checked;
};
