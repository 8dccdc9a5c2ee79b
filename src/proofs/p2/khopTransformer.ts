/**
 * # Lemma `k-hop-transformer` (P2 Thm 4.2)
 *
 * ## Main results
 * For every k ≥ 1, N ≥ 1 and alphabet Σ, two masked transformers with one hard-attention head
 * per layer compute hop_k(X) (P2 Def 4.1) at every position of every X ∈ Σ^N, in the kernel's
 * p-precision semantics (`runTransformer`, p = 2⌈c·log₂ N⌉ with c ≈ 2–3), and their float64
 * readings (`runTransformer64`) agree:
 * - pointer lookups (`src/reductions/inductionHeads/khopTransformer.ts`): width 17,
 *   ⌈log₂ k⌉ + 2 layers (2 for k = 1), every N;
 * - content hops (`src/reductions/inductionHeads/khopContentTransformer.ts`): width 23, P2 Thm
 *   4.2's ⌊log₂ k⌋ + 2 layers, N ≤ 226 (its positional features 2^(±m·N/2) must be doubles).
 *
 * ## Claims (measured on the models checked)
 * - `layers` ≤ ⌈log₂ k⌉ + 2 (2 for k = 1) (construction);
 * - `layers·P2` ≤ ⌊log₂ k⌋ + 2 (P2 Thm 4.2), measured on the content-hop model at every k of the
 *   sweep (pointer lookups alone need one layer more when k is not a power of 2: module notes
 *   of `khopTransformer.ts`, `docs/khop.md`);
 * - `heads` ≤ 1 per layer (P2 Thm 4.2: H = 1), both models;
 * - `width` ≤ 17 and `width·content` ≤ 23 (construction; P2: m = O(1)), independent of N, k, |Σ|;
 * - `precision` ≤ {@link khopPrecision}(N, |Σ|) (construction: the p at which every number
 *   computed is an exact integer): measured as the least even p from which every p up to the
 *   claimed one gives hop_k on the instances checked (searched upward past the claim when the
 *   claimed p fails, so that a wrong claim is caught); `precision·content` likewise for the
 *   content-hop model ({@link khopContentPrecision}).
 *
 * ## Implementation notes
 * - exhaustive: every X over {a, b} of length 1 … 5 and over {a, b, c} of length 1 … 3, for
 *   k = 1 … 4 (`--full`: length 1 … 9 and 1 … 5, k = 1 … 8).
 * - property (seeded, shrinking): random X with |Σ| ∈ 2 … 16 (half the time drawn from a
 *   smaller sub-alphabet, so that long hop chains occur), 6 runs with N ≤ 20, k ≤ 16 (`--full`: 40 runs,
 *   N ≤ 512, k ≤ 64); the p-precision output must equal hop_k at every position, and so must
 *   the float64 reading.
 * - circuits (`--full`): the model compiled by P1 Thm 1's compiler (`compileArithmetic`) at
 *   (k, N) = (1, 3), (2, 3), (1, 4), (3, 4), |Σ| = 2, and checked against hop_k (as p-bit floats,
 *   `khopCircuitSpec`) on every input; part of the exhaustive tier.
 * - precision: the least working p at N = 16, |Σ| = 2, k = 3 (`--full`: up to N = 512,
 *   |Σ| = 16, k = 64).
 * The kernel's p-precision run costs about 5 ms at N = 7 (every float is exact BigInt
 * arithmetic), which is what bounds the default tier.
 * - The model builder is injectable ({@link KHopTransformerVerifyOptions}) so honesty tests
 *   can feed a broken one and see the shrunk counterexample.
 *
 * ## References
 * P2 = Sanford, Hsu & Telgarsky, ICML 2024, Def 4.1, Thm 4.2.
 *
 * @module
 */
import * as fc from 'fast-check';
import { checkCasesExhaustive, checkCircuitExhaustive, checkProperty } from '../../core/check.js';
import { metrics } from '../../core/metrics.js';
import { runTransformer, runTransformer64, type TransformerModel } from '../../core/transformer.js';
import { hopK, khopAlphabet, type KHopTask } from '../../core/tasks/khop.js';
import { checkBound, combineRuns, tierRun, type Measurement } from '../../core/verdict.js';
import { khopCircuit, khopCircuitSpec } from '../../reductions/inductionHeads/khopCircuit.js';
import { KHOP_CONTENT_COORDS, KHOP_CONTENT_WIDTH, khopContentLayers, khopContentMaxN, khopContentPrecision, khopContentTransformer } from '../../reductions/inductionHeads/khopContentTransformer.js';
import { decodeKHopOutput, decodeKHopOutput64, khopLayers, khopPrecision, khopTransformer, KHOP_COORDS, KHOP_WIDTH } from '../../reductions/inductionHeads/khopTransformer.js';
import { report, requirementsOf, type ClaimedBound, type Lemma, type LemmaReport, type Params, type VerifyContext } from '../lemma.js';

const num = (p: Params, k: string): number => p[k] ?? Number.NaN;
const floorLog2 = (k: number): number => Math.floor(Math.log2(k) + 1e-12);

/** The claims. @category claims */
export const khopTransformerClaims: readonly ClaimedBound[] = [
  { metric: 'layers', formula: '⌈log₂ k⌉ + 2 (2 for k = 1)', at: (p) => khopLayers(num(p, 'k')), source: 'construction' },
  {
    metric: 'layers·P2',
    formula: '⌊log₂ k⌋ + 2 layers for the content-hop model (N ≤ 226)',
    at: (p) => floorLog2(num(p, 'k')) + 2,
    source: 'paper',
    ref: 'P2 Thm 4.2',
  },
  { metric: 'heads', formula: '1 per layer (both models)', at: () => 1, source: 'paper', ref: 'P2 Thm 4.2' },
  { metric: 'width', formula: 'd_model = 17 (pointer lookups), for every N, k, |Σ| (P2: m = O(1))', at: () => KHOP_WIDTH, source: 'construction' },
  { metric: 'width·content', formula: 'd_model = 23 (content hops), for every N ≤ 226, k, |Σ|', at: () => KHOP_CONTENT_WIDTH, source: 'construction' },
  {
    metric: 'precision',
    formula: 'p = least even p with 2^(p/2−1) > max(2N², 3N·|Σ|² + N), i.e. c ≈ 2 in p = 2⌈c·log₂ N⌉',
    at: (p) => khopPrecision(num(p, 'N'), num(p, 'A')),
    source: 'construction',
  },
  {
    metric: 'precision·content',
    formula: 'p = least even p with 2^(p/2−1) > 4·max(2N², 3(N+1)|Σ|² + 2N) and 2^(p/2−1) − 1 ≥ m·⌈N/2⌉ + 2 (m = ⌈log₂ N⌉ + 1)',
    at: (p) => khopContentPrecision(num(p, 'N'), num(p, 'A')),
    source: 'construction',
  },
];

/** Builds the model under test: (k, N, alphabet, p?) ↦ model or why not. @category model */
export type KHopBuilder = (k: number, n: number, alphabet: readonly string[], precision?: number) => TransformerModel | string;

const defaultBuilder: KHopBuilder = (k, n, alphabet, precision) => {
  const m = khopTransformer(k, n, alphabet, precision === undefined ? {} : { precision });
  return m._tag === 'Left' ? m.left : m.right;
};

const defaultContentBuilder: KHopBuilder = (k, n, alphabet, precision) => {
  const m = khopContentTransformer(k, n, alphabet, precision === undefined ? {} : { precision });
  return m._tag === 'Left' ? m.left : m.right;
};

/** Options: another model builder, smaller sweeps (tests). @category model */
export interface KHopTransformerVerifyOptions {
  readonly build?: KHopBuilder;
  /** The content-hop model under test (default `khopContentTransformer`), checked at N ≤ 226. */
  readonly buildContent?: KHopBuilder;
  readonly exhaustive?: { readonly binary: number; readonly ternary: number; readonly maxK: number };
  readonly property?: { readonly maxN: number; readonly maxK: number; readonly numRuns: number };
  /** (N, |Σ|, k) points at which the least working precision is measured. */
  readonly precisionPoints?: readonly (readonly [number, number, number])[];
  /** Seeds (instances) per precision point. */
  readonly precisionInstances?: number;
  /** (k, N) at which the model is compiled to a threshold circuit and checked on every binary input (default: none; `--full`: (1,3), (2,3), (1,4), (3,4)). */
  readonly circuits?: readonly (readonly [number, number])[];
}

const show = (task: KHopTask): string => task.sequence.map((a) => task.alphabet[a]).join(task.alphabet.length > 26 ? ' ' : '');

/** One instance: true, or what went wrong (p-precision and float64 outputs against hop_k). */
const agrees = (model: TransformerModel | string, task: KHopTask, check64 = true, which: 'pointer' | 'content' = 'pointer'): true | Record<string, unknown> => {
  const where = { model: which, k: task.k, N: task.sequence.length, alphabet: task.alphabet.length, X: show(task) };
  const tr = which === 'pointer' ? KHOP_COORDS.TR : KHOP_CONTENT_COORDS.TR;
  if (typeof model === 'string') return { ...where, reason: `no model: ${model}` };
  const want = hopK(task.sequence, task.k);
  const r = runTransformer(model, task.sequence);
  if (r._tag === 'Left') return { ...where, reason: `the run refused: ${r.left}` };
  const got = decodeKHopOutput(r.right.states.at(-1) ?? [], task.alphabet.length, tr);
  const sym = (a: number | null | undefined): string => (a === null ? '⊥' : a === undefined ? 'not a symbol' : (task.alphabet[a] ?? '?'));
  const bad = got.findIndex((g, i) => g !== want[i]);
  if (bad >= 0) return { ...where, p: r.right.p, reason: `position ${bad + 1}: the transformer says ${sym(got[bad])}, hop_${task.k} says ${sym(want[bad])}` };
  if (!check64) return true;
  const r64 = runTransformer64(model, task.sequence);
  if (r64._tag === 'Left') return { ...where, reason: `the float64 run refused: ${r64.left}` };
  const got64 = decodeKHopOutput64(r64.right.states.at(-1) ?? [], task.alphabet.length, tr);
  const bad64 = got64.findIndex((g, i) => g !== want[i]);
  if (bad64 >= 0) return { ...where, reason: `position ${bad64 + 1}: the float64 reading says ${sym(got64[bad64])}, hop_${task.k} says ${sym(want[bad64])}` };
  return true;
};

function* allSequences(alphabetSize: number, maxN: number, maxK: number): Generator<KHopTask> {
  const alphabet = khopAlphabet(alphabetSize);
  for (let k = 1; k <= maxK; k++)
    for (let n = 1; n <= maxN; n++)
      for (let x = 0; x < alphabetSize ** n; x++) yield { k, alphabet, sequence: Array.from({ length: n }, (_, i) => Math.floor(x / alphabetSize ** i) % alphabetSize) };
}

/** Random instances; half of them from a small sub-alphabet so that long hop chains occur. */
const arbInstance = (maxN: number, maxK: number): fc.Arbitrary<KHopTask> =>
  fc
    .record({ n: fc.integer({ min: 1, max: maxN }), a: fc.integer({ min: 2, max: 16 }), used: fc.integer({ min: 2, max: 16 }), k: fc.integer({ min: 1, max: maxK }) })
    .chain(({ n, a, used, k }) =>
      fc.array(fc.integer({ min: 0, max: Math.min(a, used) - 1 }), { minLength: n, maxLength: n }).map((sequence): KHopTask => ({ k, alphabet: khopAlphabet(a), sequence })),
    );

const cacheKey = (k: number, n: number, a: number, p?: number): string => `${k}/${n}/${a}/${p ?? ''}`;

/**
 * The least even p from which every p up to the claimed one gives hop_k on `tasks`, or (when
 * the claimed p fails) the least p above it that works (NaN if none ≤ 64).
 * @category verifiers
 */
export const leastWorkingPrecision = (build: KHopBuilder, tasks: readonly KHopTask[], claimed: number, which: 'pointer' | 'content' = 'pointer'): number => {
  const works = (p: number): boolean =>
    tasks.every((t) => {
      const m = build(t.k, t.sequence.length, t.alphabet, p);
      return agrees(m, t, false, which) === true;
    });
  if (works(claimed)) {
    let p = claimed;
    while (p - 2 >= 4 && works(p - 2)) p -= 2;
    return p;
  }
  for (let p = claimed + 2; p <= 64; p += 2) if (works(p)) return p;
  return Number.NaN;
};

/**
 * Verify `k-hop-transformer` (see the module notes).
 * @category verifiers
 */
export const verifyKHopTransformer = async (ctx: VerifyContext, opts: KHopTransformerVerifyOptions = {}): Promise<LemmaReport> => {
  const build = opts.build ?? defaultBuilder;
  const buildContent = opts.buildContent ?? defaultContentBuilder;
  const maxContentN = khopContentMaxN();
  const cache = new Map<string, TransformerModel | string>();
  const model = (k: number, n: number, alphabet: readonly string[], which: 'pointer' | 'content' = 'pointer'): TransformerModel | string => {
    const key = `${which}/${cacheKey(k, n, alphabet.length)}`;
    let m = cache.get(key);
    if (m === undefined) {
      m = (which === 'pointer' ? build : buildContent)(k, n, alphabet);
      cache.set(key, m);
    }
    return m;
  };
  const ex = opts.exhaustive ?? (ctx.full ? { binary: 9, ternary: 5, maxK: 8 } : { binary: 5, ternary: 3, maxK: 4 });
  const pr = opts.property ?? (ctx.full ? { maxN: 512, maxK: 64, numRuns: 40 } : { maxN: 20, maxK: 16, numRuns: 6 });
  const STATEMENT = 'both transformers (pointer lookups; content hops for N ≤ 226), in p-precision and float64, output hop_k(X) at every position';
  const check = (t: KHopTask): true | Record<string, unknown> => {
    const a = agrees(model(t.k, t.sequence.length, t.alphabet), t);
    if (a !== true || t.sequence.length > maxContentN) return a;
    return agrees(model(t.k, t.sequence.length, t.alphabet, 'content'), t, true, 'content');
  };
  const exRuns = [
    { where: `|Σ| = 2, N ≤ ${ex.binary}, k ≤ ${ex.maxK}`, alphabet: 2, maxN: ex.binary },
    { where: `|Σ| = 3, N ≤ ${ex.ternary}, k ≤ ${ex.maxK}`, alphabet: 3, maxN: ex.ternary },
  ].map(({ where, alphabet, maxN }) => ({ where, run: tierRun(checkCasesExhaustive(allSequences(alphabet, maxN, ex.maxK), check, { alphabet, maxN, maxK: ex.maxK }, `${STATEMENT}, ${where}`), 'exhaustive', STATEMENT) }));
  const circuitNotes: string[] = [];
  for (const [k, n] of opts.circuits ?? (ctx.full ? [[1, 3], [2, 3], [1, 4], [3, 4]] : [])) {
    const where = `threshold circuit (compileArithmetic), k = ${k}, N = ${n}, |Σ| = 2`;
    const c = khopCircuit(k, n, ['a', 'b']);
    if (c._tag === 'Left') {
      circuitNotes.push(`k = ${k}, N = ${n}: not compiled (${c.left})`);
      continue;
    }
    const { circuit, params, depthClaim } = c.right;
    const stmt = { inputs: n, outputs: n * params.p, spec: khopCircuitSpec(k, n, 2, params), text: `the circuit outputs hop_${k} (as the p-bit float TR) at every position` };
    exRuns.push({ where, run: tierRun(checkCircuitExhaustive(circuit, stmt, { k, N: n }), 'exhaustive', stmt.text) });
    const m = metrics(circuit);
    circuitNotes.push(`k = ${k}, N = ${n}: ${m.size} gates, depth ${m.depth} (compiler's claim ${depthClaim.depth}), p = ${params.p}`);
  }
  ctx.progress(1, 4);
  await Promise.resolve();
  const prop = checkProperty(arbInstance(pr.maxN, pr.maxK), check, pr, `${STATEMENT}, on random X with |Σ| ≤ 16, N ≤ ${pr.maxN}, k ≤ ${pr.maxK}`, { seed: ctx.seed, numRuns: pr.numRuns });
  ctx.progress(2, 4);
  await Promise.resolve();
  const tiers = [
    combineRuns('exhaustive', `${STATEMENT} (every X, small N)`, exRuns),
    combineRuns('property', `${STATEMENT} (random X, N ≤ ${pr.maxN}, k ≤ ${pr.maxK})`, [{ where: `N ≤ ${pr.maxN}`, run: tierRun(prop, 'property', STATEMENT) }], ctx.seed),
  ];
  // claims on the architecture, over a sweep of k (N = 32, |Σ| = 4)
  const measurements: Measurement[] = [];
  const notes: string[] = [];
  const ks = ctx.full ? Array.from({ length: 64 }, (_, i) => i + 1) : [1, 2, 3, 4, 5, 7, 8, 16, 33, 64];
  const layersAt: string[] = [];
  for (const k of ks) {
    const m = build(k, 32, khopAlphabet(4));
    if (typeof m === 'string') {
      measurements.push(checkBound('layers', khopLayers(k), Number.NaN, { k }));
      continue;
    }
    const params = { k, N: 32, A: 4 };
    const layers = m.layers.length;
    measurements.push(checkBound('layers', khopLayers(k), layers, params));
    measurements.push(checkBound('heads', 1, Math.max(0, ...m.layers.map((l) => l.heads.length)), params));
    measurements.push(checkBound('width', KHOP_WIDTH, m.dModel, params));
    const c = buildContent(k, 32, khopAlphabet(4));
    const cl = typeof c === 'string' ? Number.NaN : c.layers.length;
    measurements.push(checkBound('layers·P2', floorLog2(k) + 2, cl, params));
    if (typeof c !== 'string') {
      measurements.push(checkBound('heads', 1, Math.max(0, ...c.layers.map((l) => l.heads.length)), { ...params, content: 1 }));
      measurements.push(checkBound('width·content', KHOP_CONTENT_WIDTH, c.dModel, params));
    }
    layersAt.push(`k=${k}: ${layers}/${cl}`);
  }
  notes.push(`layers (pointer lookups / content hops; the content model has P2's ⌊log₂ k⌋ + 2 = ${khopContentLayers(3)} at k = 3): ${layersAt.join(', ')}`);
  ctx.progress(3, 4);
  await Promise.resolve();
  const points = opts.precisionPoints ?? (ctx.full ? [[16, 2, 3], [64, 4, 8], [128, 8, 16], [200, 16, 32], [256, 16, 32], [512, 16, 64]] : [[16, 2, 3]]);
  const perPoint = opts.precisionInstances ?? (ctx.full ? 2 : 1);
  const precisionNotes: string[] = [];
  for (const [n, a, k] of points) {
    const tasks = Array.from({ length: perPoint }, (_, s) => {
      const [t] = fc.sample(arbInstance(n, k).filter((x) => x.sequence.length === n), { seed: ctx.seed + 1000 * s + n, numRuns: 1 });
      return t === undefined ? { k, alphabet: khopAlphabet(a), sequence: [] } : { ...t, k, alphabet: khopAlphabet(a), sequence: t.sequence.map((x) => x % a) };
    }).filter((t) => t.sequence.length === n);
    if (tasks.length === 0) continue;
    const claimed = khopPrecision(n, a);
    const least = leastWorkingPrecision(build, tasks, claimed);
    measurements.push(checkBound('precision', claimed, least, { N: n, A: a, k }));
    precisionNotes.push(`N=${n}, |Σ|=${a}, k=${k}: least p ${least} (c = ${(least / 2 / Math.log2(n)).toFixed(2)}), claimed p ${claimed} (c = ${(claimed / 2 / Math.log2(n)).toFixed(2)})`);
    if (n <= maxContentN) {
      const claimedC = khopContentPrecision(n, a);
      const leastC = leastWorkingPrecision(buildContent, tasks, claimedC, 'content');
      measurements.push(checkBound('precision·content', claimedC, leastC, { N: n, A: a, k }));
      precisionNotes.push(`content hops: least p ${leastC} (c = ${(leastC / 2 / Math.log2(n)).toFixed(2)}), claimed ${claimedC}`);
    }
  }
  notes.push(`precision p = 2⌈c·log₂ N⌉ needed (${perPoint} instances per point; k does not enter the construction's p): ${precisionNotes.join('; ')}`);
  notes.push(circuitNotes.length > 0 ? `threshold circuits (P1 Thm 1's compiler on this model), checked against hop_k on every binary input: ${circuitNotes.join('; ')}` : 'threshold circuits: compiled and checked against hop_k with --full only (10^5–10^6 gates at N = 3, 4; seconds each)');
  notes.push('float64 reading: agrees with hop_k on every instance of both tiers, for both models (the pointer model computes only integers below 2^53; the content model adds powers of 2 that are either below 1/2 or dominate)');
  ctx.progress(4, 4);
  return report(requirementsOf({ tiers: ['exhaustive', 'property'], claimed: khopTransformerClaims }), tiers, measurements, notes);
};

/** The lemma as a value. @category lemmas */
export const khopTransformerLemma: Lemma = {
  id: 'k-hop-transformer',
  modules: { construction: ['src/reductions/inductionHeads/khopTransformer.ts', 'src/reductions/inductionHeads/khopContentTransformer.ts', 'src/core/tasks/khop.ts'], proof: 'src/proofs/p2/khopTransformer.ts' },
  title: 'A masked transformer with one head per layer computes k-hop induction heads by pointer doubling',
  statement:
    "For every k ≥ 1 and N, a causally masked transformer with H = 1 (hard attention) per layer and constant width computes hop_k(X) at every position of every X ∈ Σ^N in log precision (p = 2⌈c·log₂ N⌉): with P2 Thm 4.2's ⌊log₂ k⌋ + 2 layers by a content hop per layer (N ≤ 226, the limit of its double-valued positional features), and with ⌈log₂ k⌉ + 2 layers by pointer lookups for every N. The float64 readings agree.",
  reference: 'P2 Thm 4.2 (k-hop induction heads, P2 Def 4.1)',
  dependsOn: [],
  claimed: khopTransformerClaims,
  tiers: ['exhaustive', 'property'],
  verify: (ctx) => verifyKHopTransformer(ctx),
};
