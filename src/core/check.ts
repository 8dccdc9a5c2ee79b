/**
 * # Kernel checkers
 *
 * The only way to obtain a {@link Verified} value. Each checker either returns
 * `right(Verified)` or `left(CheckFailure)` with a counterexample, in the manner of an LCF
 * kernel's primitive rules ("RULE: reason").
 *
 * ## Main definitions
 * - {@link Verified}: evidence that a check passed. Minting is a closure private to this
 *   module: there is no static, no exported minter, and the class's `instanceof` asks a
 *   module-private registry, so neither `Object.create(Verified.prototype)` nor a cast nor a
 *   plain object passes {@link isVerified}. Instances, their evidence and (when it is a plain
 *   object or array) their claim are frozen.
 * - {@link CheckFailure}: which tier failed, on what, with a (shrunk) counterexample.
 * - {@link CircuitStatement}: what a circuit must compute — its input and output widths fixed
 *   by the statement, never read off the circuit under test — and {@link CircuitClaim}, what
 *   a circuit check certifies (the very circuit checked, so that only checked circuits can be
 *   measured: `verdict.ts`).
 * - Tiers: `exhaustive` (every case), `sat` (SMT miter, see `smt.ts`), `property` (fast-check,
 *   seeded, shrinking).
 *
 * ## Main results
 * - {@link checkCircuitExhaustive}: a circuit equals a statement on every input.
 * - {@link checkCircuitProperty}: … on seeded random inputs, failures shrunk by fast-check.
 * - {@link checkCircuitSmt}: … on every input, by an unsat z3 miter against an independent formula.
 * - {@link checkCasesExhaustive} / {@link checkProperty}: a predicate on every listed case / on
 *   random cases (for statements that are not about circuits, e.g. float error bounds).
 *
 * ## Non-vacuity
 * A check that checked nothing fails: an empty case list, `numRuns < 1`, a circuit whose
 * widths differ from the statement's, an exhaustive run that did not reach all 2^n inputs, a
 * property run whose inputs were nearly all the same (fewer distinct inputs than
 * {@link minDistinctInputs}), and a run whose predicate skipped ({@link SKIP}) more than the
 * stated fraction of its cases (default 0: skipping must be declared).
 *
 * ## Implementation notes
 * Exhaustive circuit checks enumerate inputs in increasing binary order (input bit j of
 * assignment a is (a >> j) & 1), so the counterexample reported is the least failing input.
 * They run the fastest bit-parallel evaluator (WebAssembly SIMD where available, see
 * `evaluateWasm.ts`) and confirm any mismatch with the reference evaluator.
 * Every circuit is re-validated (`validateCircuit`) before it is evaluated: `Circuit` is a
 * plain interface and a user's value may break its invariants.
 *
 * @module
 */
import * as fc from 'fast-check';
import { isLeft, left, right, type Either } from 'fp-ts/lib/Either.js';
import { formatKernelError, validateCircuit, type Circuit } from './circuit.js';
import { evaluate } from './evaluate.js';
import { evaluateAllInputsFast } from './evaluateBitParallel.js';
import { checkEquivalenceSmt, formatSmtFailure, type SmtOptions, type SmtSpec } from './smt.js';

/** A verification tier, weakest last. @category model */
export type Tier = 'exhaustive' | 'sat' | 'property';

/** What a passed check certifies. @category model */
export interface Evidence {
  readonly tier: Tier;
  /** What was checked, in words. */
  readonly statement: string;
  /** How many cases (inputs, random runs, SMT queries) were checked, skipped ones included. */
  readonly cases: number;
  /** How many of them the predicate skipped (a premise failed); at most `maxSkipFraction`·cases. */
  readonly skipped?: number;
  /** The seed of a property check. */
  readonly seed?: number;
}

// The registry of minted values, and the one key that opens the constructor. Captured at load,
// so that a later change to WeakSet.prototype cannot widen it.
const mintKey: unique symbol = Symbol('kernel-mint');
const minted = new WeakSet<object>();
const registryHas = WeakSet.prototype.has;
const registryAdd = WeakSet.prototype.add;

// Object.freeze leaves primitives as they are; a typed array with elements cannot be frozen.
const freezeClaim = <T>(claim: T): T => (ArrayBuffer.isView(claim) ? claim : Object.freeze(claim));

/**
 * Evidence that a kernel checker accepted a claim. Only this module's checkers make one; see
 * the module notes for why neither a cast nor `Object.create` nor a mutation can forge one.
 * @category model
 */
export class Verified<T> {
  readonly claim: T;
  readonly evidence: Evidence;
  private constructor(key: typeof mintKey, claim: T, evidence: Evidence) {
    if (key !== mintKey) throw new TypeError('Verified: only the kernel checkers can make a Verified value');
    this.claim = freezeClaim(claim);
    this.evidence = Object.freeze({ ...evidence });
    registryAdd.call(minted, this);
    Object.freeze(this);
  }
  /** `x instanceof Verified` holds only for values the kernel minted. */
  static [Symbol.hasInstance](x: unknown): boolean {
    return isVerified(x);
  }
}
Object.freeze(Verified.prototype);
Object.freeze(Verified);

/** Did the kernel mint `x`? (Whatever its prototype or shape.) @category destructors */
export const isVerified = (x: unknown): x is Verified<unknown> => registryHas.call(minted, x as object); // false for non-objects

type VerifiedCtor = new <T>(key: typeof mintKey, claim: T, evidence: Evidence) => Verified<T>;
const mint = <T>(claim: T, evidence: Evidence): Verified<T> => new (Verified as unknown as VerifiedCtor)(mintKey, claim, evidence);

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

/**
 * What a circuit must compute. The widths are part of the statement: a checker refuses a
 * circuit with another number of inputs or outputs, and the spec always sees exactly `inputs`
 * bits.
 * @category model
 */
export interface CircuitStatement {
  readonly inputs: number;
  readonly outputs: number;
  readonly spec: CircuitSpec;
  /** The statement in words. */
  readonly text: string;
}

/** What a circuit check certifies: this circuit meets this statement (at these parameters). @category model */
export interface CircuitClaim<P = unknown> {
  readonly circuit: Circuit;
  readonly statement: CircuitStatement;
  readonly params: P;
}

/** A counterexample to circuit ≡ spec. @category model */
export interface CircuitCounterexample {
  /** Input bits, input 0 first. */
  readonly input: string;
  readonly expected: string;
  readonly actual: string;
}

/** Largest input width {@link checkCircuitExhaustive} accepts (2^24 assignments). @category model */
export const MAX_EXHAUSTIVE_INPUTS = 24;

const sameBits = (expected: ArrayLike<number>, actual: ArrayLike<number>): boolean => {
  if (expected.length !== actual.length) return false;
  // Stryker disable next-line EqualityOperator: equivalent — one index past the end reads undefined (0) on both sides
  for (let j = 0; j < actual.length; j++) if ((expected[j] ? 1 : 0) !== (actual[j] ? 1 : 0)) return false;
  return true;
};

const compare = (c: Circuit, spec: CircuitSpec, input: Uint8Array, scratch: Uint8Array): CircuitCounterexample | null => {
  const actual = evaluate(c, input, scratch);
  const expected = spec(input);
  return sameBits(expected, actual) ? null : { input: bitsToString(input), expected: bitsToString(expected), actual: bitsToString(actual) };
};

/** The circuit is valid and has the statement's widths, or why not. */
const admit = (rule: string, tier: Tier, circuit: Circuit, stmt: CircuitStatement): CheckFailure | null => {
  const valid = validateCircuit(circuit);
  if (isLeft(valid)) return checkFailure(tier, `${rule}: not a valid circuit: ${formatKernelError(valid.left)}`);
  for (const [what, want] of [['inputs', stmt.inputs], ['outputs', stmt.outputs]] as const) {
    if (!Number.isSafeInteger(want) || want < 0) return checkFailure(tier, `${rule}: the statement's ${what} must be a non-negative integer, got ${String(want)}`);
  }
  if (circuit.numInputs !== stmt.inputs) {
    return checkFailure(tier, `${rule}: the statement has ${stmt.inputs} inputs but the circuit has ${circuit.numInputs}`);
  }
  if (circuit.outputs.length !== stmt.outputs) {
    return checkFailure(tier, `${rule}: the statement has ${stmt.outputs} outputs but the circuit has ${circuit.outputs.length}`);
  }
  return null;
};

/**
 * Check `circuit ≡ statement` on all 2^inputs inputs. The circuit runs on the fastest
 * bit-parallel evaluator (`evaluateAllInputsFast`: WebAssembly SIMD, 128 inputs at a time, where
 * the runtime has it, else JS, 32 at a time); a mismatch is re-evaluated by the reference evaluator, which
 * supplies the reported `actual` (the two evaluators are tested to agree, and a disagreement
 * here is reported as such rather than trusted).
 * @category checkers
 */
export const checkCircuitExhaustive = <P>(circuit: Circuit, stmt: CircuitStatement, params: P): Either<CheckFailure, Verified<CircuitClaim<P>>> => {
  const rule = 'checkCircuitExhaustive';
  const refused = admit(rule, 'exhaustive', circuit, stmt);
  if (refused !== null) return left(refused);
  const n = stmt.inputs;
  if (n > MAX_EXHAUSTIVE_INPUTS) {
    return left(checkFailure('exhaustive', `${rule}: ${n} inputs is more than ${MAX_EXHAUSTIVE_INPUTS}`));
  }
  const input = new Uint8Array(n);
  const scratch = new Uint8Array(circuit.numGates);
  const outs = circuit.outputs;
  let found: CircuitCounterexample | null = null;
  let mismatch = false;
  let seen = 0;
  const total = evaluateAllInputsFast(circuit, (words, W, base, lanes) => {
    for (let lane = 0; lane < lanes; lane++) {
      const a = base + lane;
      seen++;
      // Stryker disable next-line EqualityOperator: equivalent — a typed array ignores the write past its end
      for (let j = 0; j < n; j++) input[j] = Math.floor(a / 2 ** j) % 2;
      const expected = stmt.spec(input);
      let same = expected.length === outs.length;
      // Stryker disable next-line EqualityOperator: equivalent — one index past the end reads 0 on both sides
      for (let j = 0; same && j < outs.length; j++) same = (expected[j] ? 1 : 0) === ((words[outs[j]! * W + (lane >>> 5)]! >>> (lane & 31)) & 1);
      if (!same) {
        found = compare(circuit, stmt.spec, input, scratch);
        // Stryker disable next-line ConditionalExpression: reachable only if the two evaluators disagree (they are tested to agree)
        mismatch = found === null;
        return false;
      }
    }
    return true;
  });
  // Stryker disable all: reachable only if the two evaluators disagree (they are tested to agree)
  if (mismatch) {
    return left(checkFailure('exhaustive', `${rule}: the bit-parallel and reference evaluators disagree on input ${bitsToString(input)}`));
  }
  // Stryker restore all
  if (found !== null) {
    const cex: CircuitCounterexample = found;
    return left(checkFailure('exhaustive', `${rule}: circuit and spec differ on input ${cex.input}`, cex));
  }
  // Stryker disable all: a guard against a broken evaluateAllInputsFast (tested on its own); unreachable otherwise
  if (total !== 2 ** n || seen !== 2 ** n) {
    return left(checkFailure('exhaustive', `${rule}: only ${seen} of the 2^${n} inputs were compared`));
  }
  // Stryker restore all
  return right(mint({ circuit, statement: stmt, params }, { tier: 'exhaustive', statement: stmt.text, cases: seen }));
};

/** Uniform random input bits of a fixed width. @category arbitraries */
export const uniformBits = (width: number): fc.Arbitrary<Uint8Array> =>
  fc.array(fc.integer({ min: 0, max: 1 }), { minLength: width, maxLength: width }).map((a) => Uint8Array.from(a));

/**
 * The fewest distinct inputs a property check over `width` bits with `numRuns` runs must see:
 * ⌈min(numRuns, 2^width) / 4⌉. Uniform draws see nearly all of them; an input generator that
 * has gone blind (a constant, say) sees one and the check fails.
 * @category model
 */
export const minDistinctInputs = (width: number, numRuns: number): number => Math.ceil(Math.min(numRuns, 2 ** Math.min(width, 40)) / 4);

/** Options of the property checkers. @category model */
export interface PropertyOptions {
  readonly seed: number;
  readonly numRuns: number;
}

/**
 * Check `circuit ≡ statement` on `numRuns` seeded random inputs (drawn by `inputs`, default
 * {@link uniformBits}); a failure is shrunk by fast-check and reported with the seed. Inputs
 * of the wrong width, and a generator that produced fewer than {@link minDistinctInputs}
 * distinct inputs, fail the check.
 * @category checkers
 */
export const checkCircuitProperty = <P>(
  circuit: Circuit,
  stmt: CircuitStatement,
  params: P,
  opts: PropertyOptions & { readonly inputs?: fc.Arbitrary<Uint8Array> },
): Either<CheckFailure, Verified<CircuitClaim<P>>> => {
  const rule = 'checkCircuitProperty';
  const refused = admit(rule, 'property', circuit, stmt);
  if (refused !== null) return left(refused);
  const arb = opts.inputs ?? uniformBits(stmt.inputs);
  const scratch = new Uint8Array(circuit.numGates);
  const distinct = new Set<string>();
  const r = checkProperty(
    arb,
    (input) => {
      if (input.length !== stmt.inputs) return { input: bitsToString(input), reason: `the input generator gave ${input.length} bits, the statement has ${stmt.inputs}` };
      // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent — the cap only bounds memory (the requirement is capped at 4096 too)
      if (distinct.size < 4096) distinct.add(bitsToString(input));
      const cex = compare(circuit, stmt.spec, input, scratch);
      return cex === null ? true : cex;
    },
    { circuit, statement: stmt, params },
    stmt.text,
    opts,
  );
  // Stryker disable next-line Regex: equivalent — checkProperty's messages start with its name
  if (isLeft(r)) return left({ ...r.left, message: r.left.message.replace(/^checkProperty/, rule) });
  const need = Math.min(minDistinctInputs(stmt.inputs, opts.numRuns), 4096);
  if (distinct.size < need) {
    return left(checkFailure('property', `${rule}: only ${distinct.size} distinct inputs in ${opts.numRuns} runs (at least ${need} required): the input generator is blind`, undefined, opts.seed));
  }
  return r;
};

/**
 * Check `circuit ≡ statement` on all inputs with a z3 miter against an independent formula
 * (`smtSpec`, over the statement's input width). An unsat miter mints a {@link Verified} of
 * tier `sat`; a counterexample (re-checked by the reference evaluator inside `smt.ts`), a
 * timeout or an unknown answer is a {@link CheckFailure}.
 * @category checkers
 */
export const checkCircuitSmt = async <P>(
  circuit: Circuit,
  stmt: CircuitStatement,
  smtSpec: SmtSpec,
  params: P,
  opts: SmtOptions = {},
): Promise<Either<CheckFailure, Verified<CircuitClaim<P>>>> => {
  const rule = 'checkCircuitSmt';
  const refused = admit(rule, 'sat', circuit, stmt);
  if (refused !== null) return left(refused);
  const r = await checkEquivalenceSmt(circuit, smtSpec, opts);
  if (isLeft(r)) {
    const f = r.left;
    return left(
      checkFailure(
        'sat',
        `${rule}: ${formatSmtFailure(f)}`,
        f._tag === 'Counterexample' ? { input: f.input, expected: f.expected, actual: f.actual } : undefined,
      ),
    );
  }
  // Stryker disable all: a guard against a broken smt.ts (which reports the circuit's own widths, checked above); unreachable otherwise
  if (!(r.right.queries >= 1) || r.right.inputs !== stmt.inputs || r.right.outputs !== stmt.outputs) {
    return left(checkFailure('sat', `${rule}: the solver answered for ${r.right.inputs} inputs and ${r.right.outputs} outputs in ${r.right.queries} queries`));
  }
  // Stryker restore all
  return right(
    mint({ circuit, statement: stmt, params }, { tier: 'sat', statement: `${stmt.text} (z3 miter unsat; ${r.right.gates} gates, ${Math.round(r.right.ms)} ms)`, cases: r.right.queries }),
  );
};

/**
 * What a predicate returns for a case outside the statement's premise (e.g. a float sum that
 * overflows, where a bound is not claimed). Skipped cases count, and a run that skips more
 * than its stated fraction fails.
 * @category model
 */
export const SKIP: unique symbol = Symbol('skip');

/** Options of {@link checkCasesExhaustive}. @category model */
export interface CaseOptions {
  /** The largest fraction of cases the predicate may {@link SKIP} (default 0). */
  readonly maxSkipFraction?: number;
}

const skipFailure = (rule: string, tier: Tier, skipped: number, cases: number, max: number, seed?: number): CheckFailure | null => {
  if (!(max >= 0 && max <= 1)) return checkFailure(tier, `${rule}: maxSkipFraction must be in [0, 1], got ${max}`, undefined, seed);
  if (skipped === cases) return checkFailure(tier, `${rule}: every one of the ${cases} cases was skipped: nothing was checked`, undefined, seed);
  if (skipped > max * cases) {
    return checkFailure(tier, `${rule}: ${skipped} of ${cases} cases skipped (${((100 * skipped) / cases).toFixed(1)} %), more than the stated ${(100 * max).toFixed(1)} %`, { skipped, cases, maxSkipFraction: max }, seed);
  }
  return null;
};

/**
 * Check a predicate on every case of a finite list (or generator). The predicate returns
 * `true`, {@link SKIP}, or a JSON-able counterexample description. An empty list fails.
 * @category checkers
 */
export const checkCasesExhaustive = <A, T>(
  cases: Iterable<A>,
  predicate: (a: A) => true | typeof SKIP | unknown,
  claim: T,
  statement: string,
  opts: CaseOptions = {},
): Either<CheckFailure, Verified<T>> => {
  const rule = 'checkCasesExhaustive';
  let count = 0;
  let skipped = 0;
  for (const a of cases) {
    count++;
    const r = predicate(a);
    if (r === SKIP) skipped++;
    else if (r !== true) return left(checkFailure('exhaustive', `${rule}: fails on case ${count}`, r));
  }
  if (count === 0) return left(checkFailure('exhaustive', `${rule}: the case list is empty: nothing was checked`));
  const bad = skipFailure(rule, 'exhaustive', skipped, count, opts.maxSkipFraction ?? 0);
  if (bad !== null) return left(bad);
  return right(mint(claim, { tier: 'exhaustive', statement, cases: count, ...(skipped > 0 ? { skipped } : {}) }));
};

/**
 * Check a predicate on seeded random cases with fast-check; on failure the counterexample is
 * the shrunk one, as the predicate described it. `numRuns` must be at least 1.
 * @category checkers
 */
export const checkProperty = <A, T>(
  arb: fc.Arbitrary<A>,
  predicate: (a: A) => true | typeof SKIP | unknown,
  claim: T,
  statement: string,
  opts: PropertyOptions & CaseOptions,
): Either<CheckFailure, Verified<T>> => {
  const rule = 'checkProperty';
  if (!Number.isSafeInteger(opts.numRuns) || opts.numRuns < 1) {
    return left(checkFailure('property', `${rule}: numRuns must be an integer ≥ 1, got ${String(opts.numRuns)}: nothing would be checked`, undefined, opts.seed));
  }
  let runs = 0;
  let skipped = 0;
  const details = fc.check(
    fc.property(arb, (a) => {
      runs++;
      const r = predicate(a);
      if (r === SKIP) {
        skipped++;
        return true;
      }
      return r === true;
    }),
    { seed: opts.seed, numRuns: opts.numRuns },
  );
  if (!details.failed) {
    // Stryker disable all: a guard against fast-check miscounting its runs; unreachable otherwise
    if (details.numRuns < 1 || runs < details.numRuns) {
      return left(checkFailure('property', `${rule}: fast-check reported ${details.numRuns} runs and the predicate ran ${runs} times`, undefined, opts.seed));
    }
    // Stryker restore all
    const bad = skipFailure(rule, 'property', skipped, details.numRuns, opts.maxSkipFraction ?? 0, opts.seed);
    if (bad !== null) return left(bad);
    return right(mint(claim, { tier: 'property', statement, cases: details.numRuns, seed: opts.seed, ...(skipped > 0 ? { skipped } : {}) }));
  }
  const threw = (e: unknown): string => `the predicate threw: ${e instanceof Error ? e.message : String(e)}`;
  // Stryker disable all: fast-check 4 always reports a counterexample for a failed property (a throw included); kept as a guard
  if (details.counterexample === null) {
    return left(checkFailure('property', `${rule}: ${threw(details.errorInstance)}`, undefined, opts.seed));
  }
  // Stryker restore all
  const [shrunk] = details.counterexample;
  let described: unknown;
  try {
    described = predicate(shrunk);
  } catch (e) {
    described = { case: shrunk, reason: threw(e) };
  }
  return left(
    checkFailure(
      'property',
      // Stryker disable next-line LogicalOperator,StringLiteral: equivalent — a failed property always has a path
      `${rule}: fails after ${details.numRuns} runs and ${details.numShrinks} shrinks (seed ${opts.seed}, path "${details.counterexamplePath ?? ''}")`,
      described === true || described === SKIP ? shrunk : described,
      opts.seed,
    ),
  );
};
