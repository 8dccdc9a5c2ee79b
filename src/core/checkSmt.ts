/**
 * # Kernel checker for the `sat` tier
 *
 * Wraps the z3 miter of `smt.ts` as a kernel checker: an unsat miter mints a
 * {@link Verified} value of tier `sat`; a counterexample (re-checked by the reference
 * evaluator inside `smt.ts`), a timeout or an unknown answer is a {@link CheckFailure}.
 *
 * @module
 */
import { isLeft, left, right, type Either } from 'fp-ts/lib/Either.js';
import { checkFailure, mintVerified, type CheckFailure, type Verified } from './check.js';
import type { Circuit } from './circuit.js';
import { checkEquivalenceSmt, formatSmtFailure, type SmtOptions, type SmtSpec } from './smt.js';

/**
 * Check `circuit ≡ spec` on all inputs with a z3 miter.
 * @category checkers
 */
export const checkCircuitSmt = async <T>(
  circuit: Circuit,
  spec: SmtSpec,
  claim: T,
  statement: string,
  opts: SmtOptions = {},
): Promise<Either<CheckFailure, Verified<T>>> => {
  const r = await checkEquivalenceSmt(circuit, spec, opts);
  if (isLeft(r)) {
    const f = r.left;
    return left(
      checkFailure(
        'sat',
        `checkCircuitSmt: ${formatSmtFailure(f)}`,
        f._tag === 'Counterexample' ? { input: f.input, expected: f.expected, actual: f.actual } : undefined,
      ),
    );
  }
  return right(mintVerified(claim, { tier: 'sat', statement: `${statement}; ${r.right.gates} gates, ${r.right.ms} ms`, cases: r.right.queries }));
};
