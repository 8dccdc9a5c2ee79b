/**
 * # Checking a metered log-space reduction from CVP
 *
 * The verifier shared by `cvp-to-linear-equalities` and `cvp-to-cfg-membership`: a reduction
 * is a program of the space-metered machine (`src/core/logspace`) that reads a CVP instance
 * from its tapes and prints the target instance; it is correct on an instance when the target
 * problem's answer on what it printed — by a reference solver whose answer is checked — is the
 * circuit's value by the kernel's reference evaluator.
 *
 * ## Main definitions
 * - {@link CvpReduction}: the program, the plain reduction it must print record for record
 *   (or `null`: semantics only), the decoder of its output and the target's decider.
 * - {@link verifyCvpReduction}: the tiers, the sweep and the space measurements.
 *
 * ## Implementation notes
 * - exhaustive: every instance of `smallCvpInstances(1, 2)` (one input, one or two gates of
 *   fan-in ≤ 2 over earlier gates, every assignment: 342 cases; `--full`: two inputs, 2,304
 *   cases — each case is a run of the machine, which validates and compiles the program anew);
 *   then the sweep: at each
 *   n = 2, 4, …, 2^14 (`--full`: 2^18) a seeded random instance of size n = gates + wires, its
 *   printed stream compared record by record with the plain reduction (not stored) and the
 *   peak work bits of the machine compared with every claim.
 * - property (seeded, shrinking): random instances (`arbitraryCvp`: up to 4 inputs, 20 gates,
 *   fan-in ≤ 3, constants, AND() and OR() included); the counterexample is the shrunk instance
 *   in words, both answers and the reason.
 * - On each case the answer is checked first and the record-for-record equality second, so
 *   that a wrong program fails on the semantics whenever the semantics differ.
 *
 * @module
 */
import { isLeft, type Either } from 'fp-ts/lib/Either.js';
import { checkCasesExhaustive, checkProperty } from '../../core/check.js';
import { collectingSink, runProgram, type Program, type StreamRecord } from '../../core/logspace/index.js';
import { checkBound, combineRuns, tierRun } from '../../core/verdict.js';
import { arbitraryCvp, cvpValue, formatCvp, randomCvp, smallCvpInstances, type CvpInstance } from '../../reductions/pComplete/cvp.js';
import { cvpRunInput, recordComparer } from '../../reductions/pComplete/metered.js';
import { report, requirementsOf, type ClaimedBound, type LemmaReport, type Measurement, type Params, type VerifyContext } from '../lemma.js';

/** A reduction from CVP under test. @category model */
export interface CvpReduction<I> {
  /** The target problem, in words (e.g. `linear equalities`). */
  readonly target: string;
  readonly program: Program;
  /** The records the plain reduction prints for an instance, or `null` to check the semantics only. */
  readonly spec: ((x: CvpInstance) => Iterator<StreamRecord>) | null;
  readonly decode: (records: readonly StreamRecord[]) => Either<string, I>;
  /** The target's answer on an instance, by a reference solver (left: it could not be certified). */
  readonly decide: (inst: I) => Either<string, 0 | 1>;
  readonly claims: readonly ClaimedBound[];
}

/** Options for honesty tests and short runs. @category model */
export interface CvpReductionOptions {
  /** Largest n of the sweep (default 2^14, `--full` 2^18). */
  readonly maxN?: number;
  readonly numRuns?: number;
  /** Inputs of the exhaustive list (default 1, `--full` 2). */
  readonly exhaustiveInputs?: number;
  /** Gates of the exhaustive list after its inputs (default 2; 0 skips it). */
  readonly exhaustiveGates?: number;
}

/** The sizes n = gates + wires of the space sweep. @category claims */
export const cvpSweepSizes = (full: boolean, maxN?: number): readonly number[] =>
  Array.from({ length: full ? 18 : 14 }, (_, i) => 2 ** (i + 1)).filter((n) => n <= (maxN ?? Infinity));

/** One instance checked: true, or the counterexample in words. */
const checkInstance = <I>(red: CvpReduction<I>, x: CvpInstance): true | Record<string, unknown> => {
  const instance = formatCvp(x);
  const cmp = red.spec === null ? null : recordComparer(red.spec(x), true);
  const col = cmp === null ? collectingSink() : null;
  const run = runProgram(red.program, { ...cvpRunInput(x), sink: cmp?.sink ?? col!.sink });
  if (isLeft(run)) return { instance, problem: `the program stops: ${run.left.message}` };
  const printed = cmp?.records() ?? col!.records();
  const decoded = red.decode(printed);
  if (isLeft(decoded)) return { instance, problem: decoded.left };
  const answer = red.decide(decoded.right);
  if (isLeft(answer)) return { instance, problem: `the ${red.target} solver's certificate does not check: ${answer.left}` };
  const value = cvpValue(x);
  if (answer.right !== value) {
    return { instance, cvp: value, [red.target]: answer.right, problem: `the circuit's value is ${value}, but the ${red.target} instance printed for it is ${answer.right === 1 ? 'a yes' : 'a no'}-instance` };
  }
  if (cmp !== null) {
    const same = cmp.result();
    if (isLeft(same)) return { instance, problem: `the printed stream is not the plain reduction's: ${same.left}` };
  }
  return true;
};

/**
 * Verify a CVP reduction (see the module notes): exhaustive and property tiers on the answers
 * and the printed stream, and the measured work bits against every claim at each n of the sweep.
 * @category verifiers
 */
export const verifyCvpReduction = async <I>(ctx: VerifyContext, red: CvpReduction<I>, opts: CvpReductionOptions = {}): Promise<LemmaReport> => {
  const statement = `the ${red.target} instance the program prints has answer yes iff the circuit's value is 1`;
  const sizes = cvpSweepSizes(ctx.full, opts.maxN);
  const steps = sizes.length + 2;
  const gates = opts.exhaustiveGates ?? 2;
  const inputs = opts.exhaustiveInputs ?? (ctx.full ? 2 : 1);
  const smallWhere = `every circuit of ${inputs} input${inputs === 1 ? '' : 's'} and ≤ ${gates} gates of fan-in ≤ 2, every assignment`;
  const small = checkCasesExhaustive(gates > 0 ? smallCvpInstances(inputs, gates) : [], (x) => checkInstance(red, x), { inputs, gates }, `${statement}, for ${smallWhere}`);
  ctx.progress(1, steps);
  await Promise.resolve();
  const measurements: Measurement[] = [];
  const spaces: string[] = [];
  let done = 1;
  const sweep = checkCasesExhaustive(
    sizes,
    (n) => {
      ctx.progress(++done, steps);
      const x = randomCvp(n, ctx.seed + n);
      const where = { n, instance: `randomCvp(${n}, ${ctx.seed + n})` };
      const cmp = red.spec === null ? null : recordComparer(red.spec(x));
      const run = runProgram(red.program, { ...cvpRunInput(x), ...(cmp === null ? {} : { sink: cmp.sink }) });
      if (isLeft(run)) return { ...where, problem: `the program stops: ${run.left.message}` };
      if (cmp !== null) {
        const same = cmp.result();
        if (isLeft(same)) return { ...where, problem: `the printed stream is not the plain reduction's: ${same.left}` };
      }
      const params: Params = { n, gates: x.circuit.numGates, wires: x.circuit.fanin.length };
      measurements.push(...red.claims.map((c) => checkBound(c.metric, c.at(params), run.right.peakBits, params)));
      spaces.push(`${n}: ${run.right.peakBits}`);
      return true;
    },
    { sizes },
    `at n = ${sizes[0] ?? '–'} … ${sizes[sizes.length - 1] ?? '–'}, the stream printed for a random instance of size n equals the plain reduction's`,
  );
  await Promise.resolve();
  const numRuns = opts.numRuns ?? (ctx.full ? 1000 : 150);
  const prop = checkProperty(arbitraryCvp(), (x) => checkInstance(red, x), { lemma: red.target }, `${statement}, on random circuits`, { seed: ctx.seed, numRuns });
  ctx.progress(steps, steps);
  const exhaustiveRuns = [
    ...(gates > 0 ? [{ where: smallWhere, run: tierRun(small, 'exhaustive', statement) }] : []),
    { where: 'the space sweep', run: tierRun(sweep, 'exhaustive', 'the printed stream equals the plain reduction at every n of the sweep') },
  ];
  const tiers = [
    combineRuns('exhaustive', `${statement} (small circuits), and the stream equals the plain reduction (sweep)`, exhaustiveRuns),
    combineRuns('property', `${statement} (random circuits)`, [{ where: 'random circuits', run: tierRun(prop, 'property', statement) }], ctx.seed),
  ];
  return report(requirementsOf({ tiers: ['exhaustive', 'property'], claimed: red.claims }), tiers, measurements, [
    `peak work bits (n: bits): ${spaces.join(', ')}`,
    'n = gates + wires of the CVP instance; work bits by the machine of src/core/logspace (Σ register widths + control bits)',
  ]);
};
