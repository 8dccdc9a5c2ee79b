/**
 * # Lemma `majority-by-attention` (attention computes MAJORITY)
 *
 * ## Main results
 * A one-layer transformer with one saturated-attention head (d_model = 2, no feed-forward,
 * c = 1) accepts w ∈ {0,1}^n iff more than half of its tokens are 1, for every n — in the
 * kernel's p-precision semantics (`src/core/transformer.ts`). Since MAJORITY is not in AC0,
 * this is the converse of "attention is threshold majority": threshold gates are what one
 * attention head needs. The argument is in `src/reductions/majorityTransformer.ts`.
 *
 * ## Implementation notes
 * - exhaustive: every w of length 1 … 12 (8,190 words; `--full`: to 16).
 * - property (seeded, shrinking): random lengths 13 … 1,024 with a random density of 1s, plus
 *   the hardest case for a threshold, #1 = ⌊n/2⌋ + {0, 1} (a tie or a majority of one).
 * - claims: layers ≤ 1 and heads ≤ 1, measured on the model checked.
 * The model is injectable ({@link verifyMajorityByAttention}) so that honesty tests can feed a
 * wrong one (a sign flipped, a causal mask) and see a shrunk counterexample.
 *
 * ## References
 * P1 §7 (saturated attention); Furst, Saxe & Sipser, "Parity, circuits, and the polynomial-time
 * hierarchy", Math. Systems Theory 17, 1984 (MAJORITY ∉ AC0).
 *
 * @module
 */
import * as fc from 'fast-check';
import { checkCasesExhaustive, checkProperty } from '../../core/check.js';
import { runTransformer, type TransformerModel } from '../../core/transformer.js';
import { checkBound, combineRuns, tierRun } from '../../core/verdict.js';
import { majorityTransformer } from '../../reductions/majorityTransformer.js';
import { report, requirementsOf, type ClaimedBound, type Lemma, type LemmaReport, type VerifyContext } from '../lemma.js';

/** The claims: one layer, one head (construction). @category claims */
export const majorityByAttentionClaims: readonly ClaimedBound[] = [
  { metric: 'layers', formula: '1', at: () => 1, source: 'construction' },
  { metric: 'heads', formula: '1', at: () => 1, source: 'construction' },
];

const STATEMENT = 'the transformer accepts w iff #1(w) > |w|/2';

/** One word's check: true, or the counterexample. */
const agrees = (model: TransformerModel, w: readonly number[]): true | { readonly word: string; readonly reason: string } => {
  const r = runTransformer(model, w);
  const word = w.join('');
  if (r._tag === 'Left') return { word, reason: r.left };
  const ones = w.filter((t) => t === 1).length;
  const majority = 2 * ones > w.length;
  return r.right.accept === majority ? true : { word, reason: `n = ${w.length}, #1 = ${ones}: the transformer says ${r.right.accept === true ? 'accept' : 'reject'}, MAJORITY says ${majority ? 'accept' : 'reject'}` };
};

function* allWords(maxN: number): Generator<number[]> {
  for (let n = 1; n <= maxN; n++) for (let x = 0; x < 2 ** n; x++) yield Array.from({ length: n }, (_, i) => Math.floor(x / 2 ** i) % 2);
}

/** Random words of length 13 … maxN: a random density, or a near-tie. */
const arbWord = (maxN: number): fc.Arbitrary<number[]> =>
  fc.integer({ min: 13, max: maxN }).chain((n) =>
    fc.oneof(
      fc.integer({ min: 0, max: 100 }).chain((pct) => fc.array(fc.integer({ min: 0, max: 99 }).map((r) => (r < pct ? 1 : 0)), { minLength: n, maxLength: n })),
      fc
        .tuple(fc.integer({ min: 0, max: 1 }), fc.infiniteStream(fc.integer({ min: 0, max: 1_000_000 })))
        .map(([extra, noise]) => {
          const ones = Math.floor(n / 2) + extra;
          const w: number[] = Array.from({ length: n }, (_, i) => (i < ones ? 1 : 0));
          // shuffle deterministically from the stream
          const it = noise[Symbol.iterator]();
          for (let i = n - 1; i > 0; i--) {
            const j = (it.next().value ?? 0) % (i + 1);
            [w[i], w[j]] = [w[j]!, w[i]!];
          }
          return w;
        }),
    ),
  );

/** Options for honesty tests: another model under test. @category model */
export interface MajorityVerifyOptions {
  readonly model?: TransformerModel;
  readonly maxExhaustive?: number;
  readonly maxN?: number;
  readonly numRuns?: number;
}

/**
 * Verify `majority-by-attention` (exhaustive to n = 12, property to n = 1024).
 * @category verifiers
 */
export const verifyMajorityByAttention = async (ctx: VerifyContext, opts: MajorityVerifyOptions = {}): Promise<LemmaReport> => {
  const model = opts.model ?? majorityTransformer();
  const maxExhaustive = opts.maxExhaustive ?? (ctx.full ? 16 : 12);
  const maxN = opts.maxN ?? 1024;
  const exhaustive = checkCasesExhaustive(allWords(maxExhaustive), (w) => agrees(model, w), { maxExhaustive }, `${STATEMENT}, for every w of length 1…${maxExhaustive}`);
  ctx.progress(1, 3);
  await Promise.resolve();
  const property = checkProperty(arbWord(maxN), (w) => agrees(model, w), { maxN }, `${STATEMENT}, on random w of length 13…${maxN}`, {
    seed: ctx.seed,
    numRuns: opts.numRuns ?? (ctx.full ? 60 : 8),
  });
  ctx.progress(2, 3);
  const tiers = [
    combineRuns('exhaustive', `${STATEMENT} (n ≤ ${maxExhaustive})`, [{ where: `n ≤ ${maxExhaustive}`, run: tierRun(exhaustive, 'exhaustive', STATEMENT) }]),
    combineRuns('property', `${STATEMENT} (13 ≤ n ≤ ${maxN})`, [{ where: `13 ≤ n ≤ ${maxN}`, run: tierRun(property, 'property', STATEMENT) }], ctx.seed),
  ];
  const heads = Math.max(0, ...model.layers.map((l) => l.heads.length));
  const measurements = [checkBound('layers', 1, model.layers.length), checkBound('heads', 1, heads)];
  ctx.progress(3, 3);
  return report(requirementsOf({ tiers: ['exhaustive', 'property'], claimed: majorityByAttentionClaims }), tiers, measurements, [
    `the model is examples/majority.json: one saturated head with W_Q = W_K = 0 (uniform attention), values ±1`,
  ]);
};

/** The lemma as a value. @category lemmas */
export const majorityByAttentionLemma: Lemma = {
  id: 'majority-by-attention',
  modules: { construction: ['src/reductions/majorityTransformer.ts'], proof: 'src/proofs/transformer/majorityByAttention.ts' },
  title: 'One saturated-attention head computes MAJORITY',
  statement:
    'A one-layer transformer with a single saturated-attention head (d_model = 2, c = 1, no feed-forward block) accepts w ∈ {0,1}^n iff more than half of its tokens are 1, for every n, in p-precision arithmetic. MAJORITY is not in AC0: threshold gates are what attention needs.',
  reference: 'P1 §7 (saturated attention); converse of P1 Thm 1',
  dependsOn: [],
  claimed: majorityByAttentionClaims,
  tiers: ['exhaustive', 'property'],
  verify: (ctx) => verifyMajorityByAttention(ctx),
};
