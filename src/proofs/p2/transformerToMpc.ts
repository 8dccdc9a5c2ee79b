/**
 * # Lemma `transformer-to-mpc` (P2 Thm 3.4)
 *
 * ## Main results
 * Every concrete transformer of the kernel (softmax, saturated or hard heads, masked or not,
 * per-head masks, ReLU or ReGLU feed-forward blocks) is simulated, bit for bit, by the MPC
 * protocol {@link transformerToMpc} builds: on N positions, q = N² machines, trees of fan-in
 * b = max(2, ⌈N^(δ′−δ)⌉), and 2 + L·(4T + 1) rounds with T = max(1, ⌈log_b N⌉) ≤ ⌈1/(δ′ − δ)⌉:
 * O(L/(δ′ − δ)) rounds as P2 claims, with the constants 4 per layer and tree level, +1 per layer,
 * +2 in all. Its output is the p-bit pattern of every coordinate of every final state, exactly
 * as `runTransformer` computes it.
 *
 * ## Implementation notes
 * - exhaustive: the MAJORITY model (`src/reductions/majorityTransformer.ts`, saturated) on every
 *   binary word of length 1 … 5 (`--full`: 8).
 * - property (seeded, shrinking): random models (`arbModelAndInput`: all attention kinds, masks
 *   drawn per model and per head, ReLU and ReGLU blocks, c ∈ {1, 1.5, 2}) on random inputs of
 *   length 1 … 9, with fan-in 2 or 3: `runMpc` must succeed (every bound of P2 Def 2.3 held)
 *   and its output must equal the encoded final states.
 * - claims, measured on a sweep N ∈ {4, 8, 16} (`--full`: also 24, 32) of random 2-layer,
 *   2-head models at δ′ − δ = 1/2: rounds ≤ 2 + L·(4⌈1/(δ′−δ)⌉ + 1) (P2: O(L/(δ′−δ))), i.e.
 *   rounds per layer ≤ 4⌈1/(δ′−δ)⌉ + 1; machines ≤ N² (P2: O(N²)); peak local memory in values
 *   (a float, a word, or one exact partial sum each) ≤ (b + 2)·(6 + 3A + 3H) + d + 4, which is
 *   P2's s = O(N^δ′) with b = N^(δ′−δ) and mH = O(N^δ); peak local memory in words ≤ (b + 2)·(6 + 3A + 2H)·W + 32 + 2d words, with
 *   A the total head width, H the heads, d the model width and W = 3 + ⌈(2^(p/2) + p/2 +
 *   ⌈log₂(N + 1)⌉ + 2)/w⌉ the worst-case words of one exact partial sum (w-bit words). P2's
 *   s = O(N^δ′) holds for the values (floats and sums) per machine, b·O(mH); counted in words it
 *   does not, because bit-for-bit agreement with P1's single-truncation ⊕ needs exact partial
 *   sums, whose worst-case width W grows like N^c/log N (module notes of the construction). The
 *   notes print the peak actually used, which stays near b·mH words on these models.
 * The construction is injectable ({@link verifyTransformerToMpc}) so that honesty tests can feed
 * a broken simulation and see a shrunk counterexample.
 *
 * ## References
 * P2 = Sanford, Hsu & Telgarsky, ICML 2024, Thm 3.4 and Def 2.3; P1 Def 15 (⊕).
 *
 * @module
 */
import * as fc from 'fast-check';
import { checkCasesExhaustive, checkProperty } from '../../core/check.js';
import { runMpc } from '../../core/mpc/index.js';
import { precisionAt, runTransformer, type TransformerModel } from '../../core/transformer.js';
import { checkBound, combineRuns, tierRun, type Measurement } from '../../core/verdict.js';
import { majorityTransformer } from '../../reductions/majorityTransformer.js';
import { arbModelAndInput, arbTokens, arbTransformerModel, describeModel } from '../../reductions/randomTransformer.js';
import { floatWord, transformerToMpc, type SimulatedTransformer } from '../../reductions/transformerToMpc/simulate.js';
import { report, requirementsOf, type ClaimedBound, type Lemma, type LemmaReport, type Params, type VerifyContext } from '../lemma.js';

const num = (p: Params, k: string): number => p[k] ?? Number.NaN;

/** W: the worst-case words of one exact partial sum at precision p, w-bit words, N positions. @category claims */
export const exactSumWords = (p: number, w: number, n: number): number => 3 + Math.ceil((2 ** (p / 2) + p / 2 + Math.ceil(Math.log2(n + 1)) + 2) / w);

/** The claims (see the module notes); parameters N, L, H, A (total head width), d, b, gap = δ′ − δ, p, w. @category claims */
export const transformerToMpcClaims: readonly ClaimedBound[] = [
  { metric: 'rounds', formula: "2 + L·(4⌈1/(δ′−δ)⌉ + 1) (P2: O(L/(δ′−δ)))", at: (x) => 2 + num(x, 'L') * (4 * Math.ceil(1 / num(x, 'gap') - 1e-9) + 1), source: 'construction' },
  { metric: 'machines', formula: 'N² (P2: O(N²))', at: (x) => num(x, 'N') ** 2, source: 'construction' },
  {
    metric: 'rounds/layer',
    formula: "4⌈1/(δ′−δ)⌉ + 1 (P2: O(1/(δ′−δ)))",
    at: (x) => 4 * Math.ceil(1 / num(x, 'gap') - 1e-9) + 1,
    source: 'construction',
  },
  {
    metric: 'memory·values',
    formula: '(b + 2)·(6 + 3A + 3H) + d + 4 values, b = ⌈N^(δ′−δ)⌉ (P2: s = O(N^δ′) for mH = O(N^δ))',
    at: (x) => (num(x, 'b') + 2) * (6 + 3 * num(x, 'A') + 3 * num(x, 'H')) + num(x, 'd') + 4,
    source: 'construction',
  },
  {
    metric: 'memory',
    formula: '(b + 2)·(6 + 3A + 2H)·W + 32 + 2d words, W = 3 + ⌈(2^(p/2) + p/2 + ⌈log₂(N+1)⌉ + 2)/w⌉ (P2: s = O(N^δ′))',
    at: (x) => (num(x, 'b') + 2) * (6 + 3 * num(x, 'A') + 2 * num(x, 'H')) * exactSumWords(num(x, 'p'), num(x, 'w'), num(x, 'N')) + 32 + 2 * num(x, 'd'),
    source: 'construction',
  },
];

const STATEMENT = 'runMpc of the protocol outputs the p-bit patterns of the final states of runTransformer, bit for bit';

/** A simulation under test (the library's, or a broken one in honesty tests). @category model */
export type Simulator = (model: TransformerModel, n: number, fanIn: number) => ReturnType<typeof transformerToMpc>;

/** One case: true, or the first difference. */
const agrees = (simulate: Simulator, model: TransformerModel, tokens: readonly number[], fanIn: number): true | Record<string, unknown> => {
  const where = { model: describeModel(model), tokens: tokens.join(' '), fanIn };
  const r = runTransformer(model, tokens);
  if (r._tag === 'Left') return { ...where, reason: `runTransformer refuses: ${r.left}` };
  const sim = simulate(model, tokens.length, fanIn);
  if (sim._tag === 'Left') return { ...where, reason: `the simulation refuses: ${sim.left}` };
  const m = runMpc(sim.right.protocol, tokens);
  if (m._tag === 'Left') return { ...where, reason: `runMpc stops: ${m.left.message}` };
  const params = precisionAt(model.precision.c, model.alphabet.length, tokens.length);
  if (params._tag === 'Left') return { ...where, reason: params.left };
  const d = model.dModel;
  const want = r.right.states[r.right.states.length - 1]!.flatMap((x) => x.map((f) => floatWord(params.right, f)));
  const got = m.right.output;
  const bad = want.findIndex((w, k) => got[k] !== w);
  if (bad < 0 && got.length === want.length) return true;
  const k = bad < 0 ? want.length : bad;
  return { ...where, reason: `position ${Math.floor(k / d) + 1}, coordinate ${k % d}: the protocol outputs ${String(got[k])}, runTransformer's state encodes as ${String(want[k])} (${got.length} words against ${want.length})` };
};

/** All binary words of length 1 … maxN. */
function* binaryWords(maxN: number): Generator<number[]> {
  for (let n = 1; n <= maxN; n++) for (let x = 0; x < 2 ** n; x++) yield Array.from({ length: n }, (_, i) => Math.floor(x / 2 ** i) % 2);
}

/** Options for honesty tests. @category model */
export interface TransformerToMpcOptions {
  readonly simulate?: Simulator;
  readonly numRuns?: number;
  readonly maxExhaustive?: number;
  readonly sweep?: readonly number[];
}

/** The gap δ′ − δ of the sweep. */
const GAP = 1 / 2;

/**
 * Verify `transformer-to-mpc`.
 * @category verifiers
 */
export const verifyTransformerToMpc = async (ctx: VerifyContext, opts: TransformerToMpcOptions = {}): Promise<LemmaReport> => {
  const simulate = opts.simulate ?? transformerToMpc;
  const maj = majorityTransformer();
  const maxEx = opts.maxExhaustive ?? (ctx.full ? 8 : 5);
  const exhaustive = checkCasesExhaustive(binaryWords(maxEx), (w) => agrees(simulate, maj, w, 2), {}, `${STATEMENT}: the MAJORITY model on every binary word of length 1…${maxEx}`);
  ctx.progress(1, 3);
  await Promise.resolve();
  const arb = fc.tuple(arbModelAndInput({ n: { min: 1, max: ctx.full ? 12 : 9 }, headMasks: true, gate: 'either' }), fc.integer({ min: 2, max: 3 }));
  const property = checkProperty(arb, ([{ model, tokens }, b]) => agrees(simulate, model, tokens, b), {}, `${STATEMENT}, on random models and inputs`, {
    seed: ctx.seed,
    numRuns: opts.numRuns ?? (ctx.full ? 150 : 16),
  });
  ctx.progress(2, 3);
  await Promise.resolve();
  const measurements: Measurement[] = [];
  const notes: string[] = [];
  const sweep = opts.sweep ?? (ctx.full ? [4, 8, 16, 24, 32] : [4, 8, 16]);
  for (const n of sweep) {
    const [model] = fc.sample(arbTransformerModel({ layers: { min: 2, max: 2 }, heads: { min: 2, max: 2 }, dModel: { min: 4, max: 4 }, c: [2] }), { seed: ctx.seed + n, numRuns: 1 });
    const [tokens] = fc.sample(arbTokens(model!.alphabet.length, n), { seed: ctx.seed + n, numRuns: 1 });
    const b = Math.max(2, Math.ceil(n ** GAP - 1e-9));
    const sim = simulate(model!, n, b);
    if (sim._tag === 'Left') {
      notes.push(`N = ${n}: the simulation refuses: ${sim.left}`);
      continue;
    }
    const s: SimulatedTransformer = sim.right;
    const run = runMpc(s.protocol, tokens!);
    if (run._tag === 'Left') {
      notes.push(`N = ${n}: runMpc stops: ${run.left.message}`);
      continue;
    }
    const heads = model!.layers.flatMap((l) => l.heads);
    const params = { N: n, L: model!.layers.length, H: Math.max(...model!.layers.map((l) => l.heads.length)), A: Math.max(...model!.layers.map((l) => l.heads.reduce((a, h) => a + h.wv.length, 0))), d: model!.dModel, b, gap: GAP, p: s.precision, w: s.wordBits };
    const claim = (metric: string): number => transformerToMpcClaims.find((c) => c.metric === metric)!.at(params);
    const peakValues = Math.max(0, ...run.right.memories.flatMap((ms, r) => ms.map((m) => s.values(r, m))));
    measurements.push(
      checkBound('rounds', claim('rounds'), run.right.rounds, params),
      checkBound('rounds/layer', claim('rounds/layer'), (run.right.rounds - 2) / params.L, params),
      checkBound('machines', claim('machines'), s.protocol.machines, params),
      checkBound('memory·values', claim('memory·values'), peakValues, params),
      checkBound('memory', claim('memory'), run.right.peakMemory, params),
    );
    notes.push(
      `N = ${n}, b = ${b}, T = ${s.depth}: ${run.right.rounds} rounds (${(run.right.rounds - 2) / params.L} per layer), peak memory ${run.right.peakMemory} words of ${s.wordBits} bits, ${peakValues} values (declared s = ${s.protocol.memory} words; N^δ′ at δ′ = 1/2: ${Math.sqrt(n).toFixed(1)}; m·H = ${params.d * params.H}); ${heads.map((h) => h.attention).join(', ')} heads`,
    );
  }
  ctx.progress(3, 3);
  const tiers = [
    combineRuns('exhaustive', `${STATEMENT} (MAJORITY, n ≤ ${maxEx})`, [{ where: 'majority', run: tierRun(exhaustive, 'exhaustive', STATEMENT) }]),
    combineRuns('property', `${STATEMENT} (random models)`, [{ where: 'random models', run: tierRun(property, 'property', STATEMENT) }], ctx.seed),
  ];
  return report(requirementsOf({ tiers: ['exhaustive', 'property'], claimed: transformerToMpcClaims }), tiers, measurements, notes);
};

/** The lemma as a value. @category lemmas */
export const transformerToMpcLemma: Lemma = {
  id: 'transformer-to-mpc',
  modules: { construction: ['src/reductions/transformerToMpc/simulate.ts'], proof: 'src/proofs/p2/transformerToMpc.ts' },
  title: 'A depth-L transformer is an O(L/(δ′−δ))-round MPC protocol',
  statement:
    'Every concrete transformer (softmax, saturated or hard heads, masked or not) on N positions is simulated bit for bit by an MPC protocol on N² machines with 2 + L·(4T + 1) rounds, T = ⌈log_b N⌉ ≤ ⌈1/(δ′−δ)⌉ for trees of fan-in b = N^(δ′−δ): O(L/(δ′−δ)) rounds as P2 states. Local memory is b·O(mH) values; exact partial sums (needed for bit-for-bit agreement with the single-truncation ⊕) make it larger in words.',
  reference: 'P2 Thm 3.4',
  dependsOn: [],
  claimed: transformerToMpcClaims,
  tiers: ['exhaustive', 'property'],
  verify: (ctx) => verifyTransformerToMpc(ctx),
};
