/**
 * # Lemmas `instruction-following` and `advice-transformers` (P1 Corollaries 3.1, 3.2)
 *
 * ## Main results
 * - `instruction-following` (Cor 3.1): one fixed transformer — the depth-4 circuit evaluator,
 *   12 layers — follows every instruction given as a threshold circuit of depth ≤ 4: on the
 *   serialized circuit followed by x it outputs C(x). Checked on concrete instructions:
 *   MAJORITY_n, EXACT-⌈n/2⌉_n, the library's `comparison` (x < y) and `bit-count` (its lowest
 *   bit, i.e. parity) circuits, each rewritten into P1's basis (`asInstruction`), on every input.
 * - `advice-transformers` (Cor 3.2: non-uniform TC0 ⊆ T/poly): a language decided by a TC0
 *   family {C_n} is decided by the evaluator with advice α_n = the serialization of C_n, of
 *   length polynomial in n: T(α_n · x) = [x ∈ L] for every x ∈ {0,1}^n. Checked against each
 *   language's own definition (#1 > n/2, #1 = ⌈n/2⌉, x < y, #1 odd) — not against the circuit —
 *   and the advice lengths are measured against the claimed polynomials.
 *
 * ## Implementation notes
 * - exhaustive: every x at the default sizes (`--full`: more sizes, `INSTRUCTION_FAMILIES`).
 * - claims: `layers` = 12 and `models` = 1 (one transformer for every instruction); per family
 *   `advice·…` ≤ its polynomial at n (symbols of the serialization).
 * - The transformer is injectable for honesty tests.
 *
 * ## References
 * P1 = Merrill & Sabharwal, *The Parallelism Tradeoff*, TACL 2023, Corollaries 3.1 and 3.2.
 *
 * @module
 */
import type { Circuit } from '../../core/circuit.js';
import { checkCasesExhaustive } from '../../core/check.js';
import { evaluate } from '../../core/evaluate.js';
import { runTransformer } from '../../core/transformer.js';
import { checkBound, combineRuns, tierRun, type Measurement, type TierRun } from '../../core/verdict.js';
import { evaluatorSymbols, evaluatorTokens } from '../../reductions/circuitEvaluator/evaluatorInput.js';
import { circuitEvaluatorTransformer, evaluatorLayers, type CircuitEvaluator } from '../../reductions/circuitEvaluator/evaluatorTransformer.js';
import { INSTRUCTION_FAMILIES, instructionDepth, type InstructionFamily } from '../../reductions/circuitEvaluator/instructions.js';
import { report, requirementsOf, type ClaimedBound, type Lemma, type LemmaReport, type VerifyContext } from '../lemma.js';

/** The depth bound of the one transformer both corollaries use. @category model */
export const INSTRUCTION_DEPTH = 4;

/** One instruction and one input. */
interface Case {
  readonly family: InstructionFamily;
  readonly n: number;
  readonly circuit: Circuit;
  readonly bits: readonly number[];
}

const casesOf = (full: boolean): { cases: Case[]; problems: string[]; members: { family: InstructionFamily; n: number; circuit: Circuit }[] } => {
  const cases: Case[] = [];
  const problems: string[] = [];
  const members: { family: InstructionFamily; n: number; circuit: Circuit }[] = [];
  for (const family of INSTRUCTION_FAMILIES) {
    for (const n of full ? family.fullSizes : family.sizes) {
      const c = family.circuit(n);
      if (c._tag === 'Left') {
        problems.push(`${family.name}, n = ${n}: ${c.left}`);
        continue;
      }
      if (instructionDepth(c.right) > INSTRUCTION_DEPTH) {
        problems.push(`${family.name}, n = ${n}: depth ${instructionDepth(c.right)} > ${INSTRUCTION_DEPTH}`);
        continue;
      }
      members.push({ family, n, circuit: c.right });
      for (let a = 0; a < 2 ** n; a++) cases.push({ family, n, circuit: c.right, bits: Array.from({ length: n }, (_, i) => (a >> i) & 1) });
    }
  }
  return { cases, problems, members };
};

const run = (ev: CircuitEvaluator, k: Case): boolean | string => {
  const tokens = evaluatorTokens(k.circuit, k.bits);
  if (tokens._tag === 'Left') return tokens.left;
  const r = runTransformer(ev.model, tokens.right);
  return r._tag === 'Left' ? r.left : r.right.accept === true;
};

const where = (k: Case): string => `${k.family.name}, n = ${k.n}, x = ${k.bits.join('')}`;

/**
 * Run the one transformer on every (instruction, x) of the families and compare with `expect`;
 * returns the exhaustive tier (one run over all members) and the members and refusals.
 */
const checkEveryCase = (
  ctx: VerifyContext,
  ev: CircuitEvaluator,
  statement: string,
  expect: (k: Case) => boolean,
  differ: (k: Case, got: boolean, want: boolean) => Record<string, string>,
): { readonly tier: TierRun; readonly problems: string[]; readonly members: { family: InstructionFamily; n: number; circuit: Circuit }[] } => {
  const { cases, problems, members } = casesOf(ctx.full);
  let done = 0;
  const exhaustive = checkCasesExhaustive(
    cases,
    (k) => {
      ctx.progress(++done, cases.length);
      const got = run(ev, k);
      const want = expect(k);
      return got === want ? true : typeof got === 'string' ? { case: where(k), reason: got } : differ(k, got, want);
    },
    { instructions: members.length },
    `${statement}, for every member of the families and every x`,
  );
  const tier = combineRuns('exhaustive', statement, [{ where: members.map((m) => `${m.family.name} n=${m.n}`).join(', '), run: tierRun(exhaustive, 'exhaustive', statement) }]);
  return { tier, problems, members };
};

/** Options: the transformer under test (honesty tests). @category model */
export interface CorollaryVerifyOptions {
  readonly evaluator?: CircuitEvaluator;
}

/** The claims of `instruction-following`. @category claims */
export const instructionFollowingClaims: readonly ClaimedBound[] = [
  { metric: 'models', formula: '1: one transformer for every instruction', at: () => 1, source: 'paper', ref: 'P1 Corollary 3.1' },
  { metric: 'layers', formula: `2·${INSTRUCTION_DEPTH} + 4 = ${evaluatorLayers(INSTRUCTION_DEPTH)}`, at: () => evaluatorLayers(INSTRUCTION_DEPTH), source: 'construction' },
];

const FOLLOW = 'the one transformer, given instruction C (serialized) and x, outputs C(x)';

/**
 * Verify `instruction-following`.
 * @category verifiers
 */
export const verifyInstructionFollowing = async (ctx: VerifyContext, opts: CorollaryVerifyOptions = {}): Promise<LemmaReport> => {
  const ev = opts.evaluator ?? circuitEvaluatorTransformer(INSTRUCTION_DEPTH);
  const { tier, problems, members } = checkEveryCase(
    ctx,
    ev,
    FOLLOW,
    (k) => evaluate(k.circuit, k.bits)[0] === 1,
    (k, got, want) => ({ instruction: where(k), reason: `the transformer says ${got ? 1 : 0}, C(x) = ${want ? 1 : 0}` }),
  );
  await Promise.resolve();
  const tiers = [tier];
  const measurements: Measurement[] = [checkBound('models', 1, 1), checkBound('layers', evaluatorLayers(INSTRUCTION_DEPTH), ev.model.layers.length)];
  const notes = [
    `instructions: ${members.map((m) => `${m.family.name} n = ${m.n} (depth ${instructionDepth(m.circuit)})`).join('; ')}`,
    ...problems.map((p) => `not an instruction: ${p}`),
  ];
  return report(requirementsOf({ tiers: ['exhaustive'], claimed: instructionFollowingClaims }), tiers, measurements, notes);
};

/** The claims of `advice-transformers`: polynomial advice per family. @category claims */
export const adviceTransformersClaims: readonly ClaimedBound[] = INSTRUCTION_FAMILIES.map(
  (f): ClaimedBound => ({ metric: `advice·${f.slug}`, formula: `${f.adviceBound.formula} symbols (${f.name})`, at: (p) => f.adviceBound.at(p['n'] ?? Number.NaN), source: 'construction' }),
);

const ADVICE = 'the transformer with advice α_n (the serialization of C_n) decides L on {0,1}^n';

/**
 * Verify `advice-transformers`.
 * @category verifiers
 */
export const verifyAdviceTransformers = async (ctx: VerifyContext, opts: CorollaryVerifyOptions = {}): Promise<LemmaReport> => {
  const ev = opts.evaluator ?? circuitEvaluatorTransformer(INSTRUCTION_DEPTH);
  const { tier, problems, members } = checkEveryCase(
    ctx,
    ev,
    ADVICE,
    (k) => k.family.spec(k.bits),
    (k, got, want) => ({ language: where(k), reason: `the advised transformer says ${got ? 'in' : 'out'}, the definition of L says ${want ? 'in' : 'out'}` }),
  );
  await Promise.resolve();
  const tiers = [tier];
  const measurements: Measurement[] = members.map((m) => {
    const s = evaluatorSymbols(m.circuit);
    return checkBound(`advice·${m.family.slug}`, m.family.adviceBound.at(m.n), s._tag === 'Right' ? s.right.length : Number.NaN, { n: m.n });
  });
  const notes = [
    'each language is checked against its own definition (#1 > n/2; #1 = ⌈n/2⌉; x < y; #1 odd), not against the advice circuit',
    ...problems.map((p) => `no advice: ${p}`),
  ];
  return report(requirementsOf({ tiers: ['exhaustive'], claimed: adviceTransformersClaims }), tiers, measurements, notes);
};

/** The lemma of Cor 3.1. @category lemmas */
export const instructionFollowingLemma: Lemma = {
  id: 'instruction-following',
  modules: { construction: ['src/reductions/circuitEvaluator/instructions.ts'], proof: 'src/proofs/circuitEvaluator/corollaries.ts' },
  title: 'One transformer follows every TC0 instruction',
  statement:
    'A single transformer (the depth-4 circuit evaluator) given an instruction — a threshold circuit of depth ≤ 4 in P1 §3 prefix form — followed by x outputs the instruction applied to x; checked on MAJORITY, EXACT-k, comparison and parity instructions, every input.',
  reference: 'P1 Corollary 3.1',
  dependsOn: ['transformer-evaluates-tc0', 'comparison', 'bit-count'],
  claimed: instructionFollowingClaims,
  tiers: ['exhaustive'],
  verify: (ctx) => verifyInstructionFollowing(ctx),
};

/** The lemma of Cor 3.2. @category lemmas */
export const adviceTransformersLemma: Lemma = {
  id: 'advice-transformers',
  modules: { construction: ['src/reductions/circuitEvaluator/instructions.ts'], proof: 'src/proofs/circuitEvaluator/corollaries.ts' },
  title: 'Non-uniform TC0 ⊆ T/poly: transformers with polynomial advice',
  statement:
    'A language decided by a TC0 circuit family {C_n} (depth ≤ 4) is decided by the circuit-evaluator transformer with advice α_n = the serialization of C_n, of length polynomial in n; checked against each language’s own definition on every input, with the advice lengths measured.',
  reference: 'P1 Corollary 3.2',
  dependsOn: ['transformer-evaluates-tc0', 'comparison', 'bit-count'],
  claimed: adviceTransformersClaims,
  tiers: ['exhaustive'],
  verify: (ctx) => verifyAdviceTransformers(ctx),
};
