/**
 * # Kernel checkers
 *
 * The only way to obtain a {@link Verified} value. Each checker either returns
 * `right(Verified)` or `left(CheckFailure)` with a counterexample, in the manner of an LCF
 * kernel's primitive rules ("RULE: reason").
 *
 * ## Main definitions
 * - {@link Verified}: evidence that a check passed; private constructor, minted only here.
 * - {@link CheckFailure}: which tier failed, on what, with a (shrunk) counterexample.
 * - Tiers: `exhaustive` (every case), `sat` (SMT miter, see `smt.ts`), `property` (fast-check,
 *   seeded, shrinking).
 *
 * ## Main results
 * - {@link checkCircuitExhaustive}: a circuit equals a specification on every input.
 * - {@link checkCircuitProperty}: … on seeded random inputs, failures shrunk by fast-check.
 * - {@link checkCasesExhaustive} / {@link checkProperty}: a predicate on every listed case / on
 *   random cases (for statements that are not about circuits, e.g. float error bounds).
 * - {@link checkBound}: a measured figure does not exceed its claimed bound.
 *
 * ## Implementation notes
 * Exhaustive circuit checks enumerate inputs in increasing binary order (input bit j of
 * assignment a is (a >> j) & 1), so the counterexample reported is the least failing input.
 * They run the bit-parallel evaluator and confirm any mismatch with the reference evaluator.
 *
 * @module
 */
import * as fc from 'fast-check';
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import type { Circuit } from './circuit.js';
import { evaluate } from './evaluate.js';
import { evaluateAllInputs } from './evaluateBitParallel.js';

/** A verification tier, weakest last. @category model */
export type Tier = 'exhaustive' | 'sat' | 'property';

/** What a passed check certifies. @category model */
export interface Evidence {
  readonly tier: Tier;
  /** What was checked, in words. */
  readonly statement: string;
  /** How many cases (inputs, random runs, SMT queries) were checked. */
  readonly cases: number;
  /** The seed of a property check. */
  readonly seed?: number;
}

const mint: unique symbol = Symbol('kernel-mint');

/**
 * Evidence that a kernel checker accepted a claim. The constructor is private and guarded by a
 * module-private symbol: no code outside the kernel's checkers can make one, and a cast cannot
 * forge the runtime `instanceof` test.
 * @category model
 */
export class Verified<T> {
  private constructor(
    token: typeof mint,
    readonly claim: T,
    readonly evidence: Evidence,
  ) {
    if (token !== mint) throw new TypeError('Verified: only the kernel checkers can make a Verified value');
  }
  /** @internal */
  static _mint<T>(claim: T, evidence: Evidence): Verified<T> {
    return new Verified(mint, claim, evidence);
  }
}

/** @internal Used by kernel checkers in other core modules (`smt.ts`); not exported from the package. */
export const mintVerified = <T>(claim: T, evidence: Evidence): Verified<T> => Verified._mint(claim, evidence);

/** A failed check. @category model */
export interface CheckFailure {
  readonly _tag: 'CheckFailure';
  readonly tier: Tier | 'bound';
  /** The rule that rejected, with the reason, e.g. `checkCircuitExhaustive: output 2 differs`. */
  readonly message: string;
  /** A JSON-able, human-readable counterexample (shrunk for property checks). */
  readonly counterexample?: unknown;
  readonly seed?: number;
}

/** @category constructors */
export const checkFailure = (
  tier: CheckFailure['tier'],
  message: string,
  counterexample?: unknown,
  seed?: number,
): CheckFailure => ({
  _tag: 'CheckFailure',
  tier,
  message,
  ...(counterexample === undefined ? {} : { counterexample }),
  ...(seed === undefined ? {} : { seed }),
});

/** Bits as a string, element 0 first (`[1,0,1]` ↦ `"101"`). @category destructors */
export const bitsToString = (bits: ArrayLike<number>): string => Array.from(bits, (b) => (b ? '1' : '0')).join('');

/** A specification of a circuit: output bits as a function of input bits. @category model */
export type CircuitSpec = (input: Uint8Array) => ArrayLike<number>;

/** A counterexample to circuit ≡ spec. @category model */
export interface CircuitCounterexample {
  /** Input bits, input 0 first. */
  readonly input: string;
  readonly expected: string;
  readonly actual: string;
}

const compare = (c: Circuit, spec: CircuitSpec, input: Uint8Array, scratch: Uint8Array): CircuitCounterexample | null => {
  const actual = evaluate(c, input, scratch);
  const expected = spec(input);
  let same = expected.length === actual.length;
  for (let j = 0; same && j < actual.length; j++) same = (expected[j] ? 1 : 0) === actual[j];
  return same ? null : { input: bitsToString(input), expected: bitsToString(expected), actual: bitsToString(actual) };
};

/** Largest input width {@link checkCircuitExhaustive} accepts (2^24 assignments). @category model */
export const MAX_EXHAUSTIVE_INPUTS = 24;

/**
 * Check `circuit ≡ spec` on all 2^numInputs inputs. The circuit runs on the bit-parallel
 * evaluator, 32 inputs at a time; a mismatch is re-evaluated by the reference evaluator, which
 * supplies the reported `actual` (the two evaluators are tested to agree, and a disagreement
 * here is reported as such rather than trusted).
 * @category checkers
 */
export const checkCircuitExhaustive = <T>(
  circuit: Circuit,
  spec: CircuitSpec,
  claim: T,
  statement: string,
): Either<CheckFailure, Verified<T>> => {
  const n = circuit.numInputs;
  if (n > MAX_EXHAUSTIVE_INPUTS) {
    return left(checkFailure('exhaustive', `checkCircuitExhaustive: ${n} inputs is more than ${MAX_EXHAUSTIVE_INPUTS}`));
  }
  const input = new Uint8Array(n);
  const scratch = new Uint8Array(circuit.numGates);
  const outs = circuit.outputs;
  let found: CircuitCounterexample | null = null;
  let mismatch = false;
  const total = evaluateAllInputs(circuit, (words, base, lanes) => {
    for (let lane = 0; lane < lanes; lane++) {
      const a = base + lane;
      for (let j = 0; j < n; j++) input[j] = Math.floor(a / 2 ** j) % 2;
      const expected = spec(input);
      let same = expected.length === outs.length;
      for (let j = 0; same && j < outs.length; j++) same = (expected[j] ? 1 : 0) === ((words[outs[j]!]! >>> lane) & 1);
      if (!same) {
        found = compare(circuit, spec, input, scratch);
        mismatch = found === null;
        return false;
      }
    }
    return true;
  });
  if (mismatch) {
    return left(checkFailure('exhaustive', `checkCircuitExhaustive: the bit-parallel and reference evaluators disagree on input ${bitsToString(input)}`));
  }
  if (found !== null) {
    const cex: CircuitCounterexample = found;
    return left(checkFailure('exhaustive', `checkCircuitExhaustive: circuit and spec differ on input ${cex.input}`, cex));
  }
  return right(Verified._mint(claim, { tier: 'exhaustive', statement, cases: total }));
};

/**
 * Check `circuit ≡ spec` on `numRuns` seeded random inputs (drawn by `inputs`, default uniform
 * bits); a failure is shrunk by fast-check and reported with the seed.
 * @category checkers
 */
export const checkCircuitProperty = <T>(
  circuit: Circuit,
  spec: CircuitSpec,
  claim: T,
  statement: string,
  opts: { readonly seed: number; readonly numRuns: number; readonly inputs?: fc.Arbitrary<Uint8Array> },
): Either<CheckFailure, Verified<T>> => {
  const arb =
    opts.inputs ??
    fc.array(fc.integer({ min: 0, max: 1 }), { minLength: circuit.numInputs, maxLength: circuit.numInputs }).map((a) => Uint8Array.from(a));
  const scratch = new Uint8Array(circuit.numGates);
  return checkProperty(arb, (input) => {
    const cex = compare(circuit, spec, input, scratch);
    return cex === null ? true : cex;
  }, claim, statement, { seed: opts.seed, numRuns: opts.numRuns });
};

/**
 * Check a predicate on every case of a finite list (or generator). The predicate returns `true`
 * or a JSON-able counterexample description.
 * @category checkers
 */
export const checkCasesExhaustive = <A, T>(
  cases: Iterable<A>,
  predicate: (a: A) => true | unknown,
  claim: T,
  statement: string,
): Either<CheckFailure, Verified<T>> => {
  let count = 0;
  for (const a of cases) {
    count++;
    const r = predicate(a);
    if (r !== true) return left(checkFailure('exhaustive', `checkCasesExhaustive: fails on case ${count}`, r));
  }
  return right(Verified._mint(claim, { tier: 'exhaustive', statement, cases: count }));
};

/**
 * Check a predicate on seeded random cases with fast-check; on failure the counterexample is
 * the shrunk one, as the predicate described it.
 * @category checkers
 */
export const checkProperty = <A, T>(
  arb: fc.Arbitrary<A>,
  predicate: (a: A) => true | unknown,
  claim: T,
  statement: string,
  opts: { readonly seed: number; readonly numRuns: number },
): Either<CheckFailure, Verified<T>> => {
  const details = fc.check(
    fc.property(arb, (a) => predicate(a) === true),
    { seed: opts.seed, numRuns: opts.numRuns },
  );
  if (!details.failed) {
    return right(Verified._mint(claim, { tier: 'property', statement, cases: details.numRuns, seed: opts.seed }));
  }
  if (details.counterexample === null) {
    const err: unknown = details.errorInstance;
    return left(checkFailure('property', `checkProperty: the predicate threw: ${err instanceof Error ? err.message : String(err)}`, undefined, opts.seed));
  }
  const [shrunk] = details.counterexample;
  const described = predicate(shrunk);
  return left(
    checkFailure(
      'property',
      `checkProperty: fails after ${details.numRuns} runs and ${details.numShrinks} shrinks (seed ${opts.seed}, path "${details.counterexamplePath ?? ''}")`,
      described === true ? shrunk : described,
      opts.seed,
    ),
  );
};

/** A claimed bound compared with a measurement. @category model */
export interface BoundClaim {
  readonly metric: string;
  readonly claimed: number;
  readonly measured: number;
}

/**
 * Check `measured ≤ claimed`.
 * @category checkers
 */
export const checkBound = (metric: string, claimed: number, measured: number): Either<CheckFailure, Verified<BoundClaim>> =>
  measured <= claimed
    ? right(Verified._mint({ metric, claimed, measured }, { tier: 'exhaustive', statement: `${metric}: ${measured} ≤ ${claimed}`, cases: 1 }))
    : left(checkFailure('bound', `checkBound: measured ${metric} ${measured} exceeds the claimed ${claimed}`, { metric, claimed, measured }));
