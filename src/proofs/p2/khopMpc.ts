/**
 * # Lemma `k-hop-mpc` (pointer doubling in O(log k) MPC rounds)
 *
 * ## Main results
 * For every k ≥ 1, N ≥ 1 and alphabet Σ, the protocol of
 * `src/reductions/inductionHeads/khopMpc.ts` runs in the kernel's MPC semantics
 * (`src/core/mpc`, P2 Def 2.3) without breaking any bound and outputs hop_k(X) (P2 Def 4.1) for
 * every X ∈ Σ^N, in 2⌊log₂ k⌋ + 6 rounds with s = 8b words per machine and ⌈N/b⌉ + 1 machines,
 * b = max(⌈√(N·|Σ|)⌉, ⌈|Σ|/4⌉): a (0, 1/2)-MPC protocol for fixed Σ, O(log k) rounds — the
 * round count of P2's k-hop upper bound, matching the Ω(log k) of Cor 4.3 (conditional).
 *
 * ## Claims (measured on the kernel's runs)
 * - `rounds` ≤ 2⌊log₂ k⌋ + 6 (construction; P2: O(log k));
 * - `memory` (the peak words any machine held) ≤ 8·max(⌈√(N·|Σ|)⌉, ⌈|Σ|/4⌉) (construction;
 *   s = O(N^(1/2)) for fixed Σ);
 * - `machines` ≤ ⌈N/b⌉ + 1 (construction).
 *
 * ## Implementation notes
 * - exhaustive: every X over {a, b} of length 1 … 8 and over {a, b, c} of length 1 … 4, for
 *   k = 1 … 4 (`--full`: length 1 … 12 and 1 … 7, k = 1 … 9).
 * - property (seeded, shrinking): 40 random X with |Σ| ∈ 2 … 16, N ≤ 200, k ≤ 64 (`--full`:
 *   200 with N ≤ 4096, k ≤ 256); a run that breaks a bound is a counterexample with the kernel's message
 *   (machine, round, bound).
 * - rounds against k: k = 1, 2, 3, 4, 7, 8, … 63, 64 (each side of every power of 2) at N = 256,
 *   |Σ| = 4 (`--full`: every k ≤ 64, and N = 4096 too).
 * The protocol builder is injectable so honesty tests feed a broken one.
 *
 * ## References
 * P2 = Sanford, Hsu & Telgarsky, ICML 2024, Def 2.3, Def 4.1, §4 and Cor 4.3.
 *
 * @module
 */
import * as fc from 'fast-check';
import { checkCasesExhaustive, checkProperty } from '../../core/check.js';
import { formatMpcViolation, runMpc, type MpcProtocol } from '../../core/mpc/semantics.js';
import { hopK, khopAlphabet, type KHopTask } from '../../core/tasks/khop.js';
import { checkBound, combineRuns, tierRun, type Measurement } from '../../core/verdict.js';
import { khopMpc, khopMpcBudget, khopMpcRounds } from '../../reductions/inductionHeads/khopMpc.js';
import { report, requirementsOf, type ClaimedBound, type Lemma, type LemmaReport, type Params, type VerifyContext } from '../lemma.js';

const num = (p: Params, k: string): number => p[k] ?? Number.NaN;

/** The claims. @category claims */
export const khopMpcClaims: readonly ClaimedBound[] = [
  { metric: 'rounds', formula: '2⌊log₂ k⌋ + 6 (P2: O(log k))', at: (p) => khopMpcRounds(num(p, 'k')), source: 'construction' },
  { metric: 'memory', formula: 's = 8·max(⌈√(N·|Σ|)⌉, ⌈|Σ|/4⌉) words (δ = 1/2 for fixed Σ)', at: (p) => khopMpcBudget(num(p, 'N'), num(p, 'A')).memory, source: 'construction' },
  { metric: 'machines', formula: '⌈N/b⌉ + 1, b = max(⌈√(N·|Σ|)⌉, ⌈|Σ|/4⌉)', at: (p) => khopMpcBudget(num(p, 'N'), num(p, 'A')).machines, source: 'construction' },
];

/** Builds the protocol under test. @category model */
export type KHopMpcBuilder = (k: number, n: number, alphabetSize: number) => MpcProtocol | string;

const defaultBuilder: KHopMpcBuilder = (k, n, a) => {
  const p = khopMpc(k, n, a);
  return p._tag === 'Left' ? p.left : p.right;
};

/** Options (tests): another builder, smaller sweeps. @category model */
export interface KHopMpcVerifyOptions {
  readonly build?: KHopMpcBuilder;
  readonly exhaustive?: { readonly binary: number; readonly ternary: number; readonly maxK: number };
  readonly property?: { readonly maxN: number; readonly maxK: number; readonly numRuns: number };
  readonly sweep?: { readonly n: readonly number[]; readonly ks: readonly number[] };
}

/** One run: the figures, or what went wrong. */
type Outcome = { readonly ok: true; readonly rounds: number; readonly peak: number; readonly machines: number } | { readonly ok: false; readonly problem: Record<string, unknown> };

const runOne = (build: KHopMpcBuilder, task: KHopTask): Outcome => {
  const where = { k: task.k, N: task.sequence.length, alphabet: task.alphabet.length, X: task.sequence.map((a) => task.alphabet[a]).join(task.alphabet.length > 26 ? ' ' : '') };
  const p = build(task.k, task.sequence.length, task.alphabet.length);
  if (typeof p === 'string') return { ok: false, problem: { ...where, reason: `no protocol: ${p}` } };
  const r = runMpc(p, task.sequence);
  if (r._tag === 'Left') return { ok: false, problem: { ...where, reason: formatMpcViolation(r.left) } };
  const want = hopK(task.sequence, task.k);
  const got = r.right.output;
  const sym = (w: number | undefined): string => (w === undefined ? 'nothing' : w === 0 ? '⊥' : (task.alphabet[w - 1] ?? `the word ${w}`));
  if (got.length !== want.length) return { ok: false, problem: { ...where, reason: `the output has ${got.length} words, not N = ${want.length}` } };
  const bad = want.findIndex((w, i) => (w === null ? 0 : w + 1) !== got[i]);
  if (bad >= 0) {
    const w = want[bad];
    return { ok: false, problem: { ...where, reason: `position ${bad + 1}: the protocol says ${sym(got[bad])}, hop_${task.k} says ${w === null || w === undefined ? '⊥' : task.alphabet[w]}` } };
  }
  return { ok: true, rounds: r.right.rounds, peak: r.right.peakMemory, machines: p.machines };
};

function* allSequences(alphabetSize: number, maxN: number, maxK: number): Generator<KHopTask> {
  const alphabet = khopAlphabet(alphabetSize);
  for (let k = 1; k <= maxK; k++)
    for (let n = 1; n <= maxN; n++)
      for (let x = 0; x < alphabetSize ** n; x++) yield { k, alphabet, sequence: Array.from({ length: n }, (_, i) => Math.floor(x / alphabetSize ** i) % alphabetSize) };
}

const arbInstance = (maxN: number, maxK: number): fc.Arbitrary<KHopTask> =>
  fc
    .record({ n: fc.integer({ min: 1, max: maxN }), a: fc.integer({ min: 2, max: 16 }), used: fc.integer({ min: 2, max: 16 }), k: fc.integer({ min: 1, max: maxK }) })
    .chain(({ n, a, used, k }) =>
      fc.array(fc.integer({ min: 0, max: Math.min(a, used) - 1 }), { minLength: n, maxLength: n }).map((sequence): KHopTask => ({ k, alphabet: khopAlphabet(a), sequence })),
    );

/** The measured rounds against k at one N (for the figure and the notes). @category verifiers */
export const khopMpcRoundsSweep = (n: number, alphabetSize: number, ks: readonly number[], seed = 1, build: KHopMpcBuilder = defaultBuilder): { k: number; rounds: number; claimed: number; peak: number }[] =>
  ks.map((k) => {
    const [t] = fc.sample(arbInstance(n, k).map((x) => x), { seed: seed + k, numRuns: 1 });
    const sequence = Array.from({ length: n }, (_, i) => (t?.sequence[i % Math.max(1, t.sequence.length)] ?? i) % alphabetSize);
    const o = runOne(build, { k, alphabet: khopAlphabet(alphabetSize), sequence });
    return { k, rounds: o.ok ? o.rounds : Number.NaN, claimed: khopMpcRounds(k), peak: o.ok ? o.peak : Number.NaN };
  });

/**
 * Verify `k-hop-mpc` (see the module notes).
 * @category verifiers
 */
export const verifyKHopMpc = async (ctx: VerifyContext, opts: KHopMpcVerifyOptions = {}): Promise<LemmaReport> => {
  const build = opts.build ?? defaultBuilder;
  const ex = opts.exhaustive ?? (ctx.full ? { binary: 12, ternary: 7, maxK: 9 } : { binary: 8, ternary: 4, maxK: 4 });
  const pr = opts.property ?? (ctx.full ? { maxN: 4096, maxK: 256, numRuns: 200 } : { maxN: 200, maxK: 64, numRuns: 40 });
  const edges = [1, 2, 3, 4, 7, 8, 15, 16, 31, 32, 63, 64];
  const sweep = opts.sweep ?? (ctx.full ? { n: [256, 4096], ks: Array.from({ length: 64 }, (_, i) => i + 1) } : { n: [256], ks: edges });
  const STATEMENT = 'the protocol keeps every MPC bound and outputs hop_k(X)';
  const measurements: Measurement[] = [];
  const measure = (t: KHopTask, o: Outcome): void => {
    if (!o.ok) return;
    const params = { k: t.k, N: t.sequence.length, A: t.alphabet.length };
    const budget = khopMpcBudget(params.N, params.A);
    measurements.push(checkBound('rounds', khopMpcRounds(t.k), o.rounds, params));
    measurements.push(checkBound('memory', budget.memory, o.peak, params));
    measurements.push(checkBound('machines', budget.machines, o.machines, params));
  };
  const check = (t: KHopTask): true | Record<string, unknown> => {
    const o = runOne(build, t);
    return o.ok ? true : o.problem;
  };
  const exRuns = [
    { where: `|Σ| = 2, N ≤ ${ex.binary}, k ≤ ${ex.maxK}`, alphabet: 2, maxN: ex.binary },
    { where: `|Σ| = 3, N ≤ ${ex.ternary}, k ≤ ${ex.maxK}`, alphabet: 3, maxN: ex.ternary },
  ].map(({ where, alphabet, maxN }) => ({ where, run: tierRun(checkCasesExhaustive(allSequences(alphabet, maxN, ex.maxK), check, { alphabet, maxN, maxK: ex.maxK }, `${STATEMENT}, ${where}`), 'exhaustive', STATEMENT) }));
  ctx.progress(1, 3);
  await Promise.resolve();
  const prop = checkProperty(arbInstance(pr.maxN, pr.maxK), check, pr, `${STATEMENT}, on random X with |Σ| ≤ 16, N ≤ ${pr.maxN}, k ≤ ${pr.maxK}`, { seed: ctx.seed, numRuns: pr.numRuns });
  ctx.progress(2, 3);
  await Promise.resolve();
  // the claims, on a sample of the property's instances and on the sweep of k
  for (const t of fc.sample(arbInstance(pr.maxN, pr.maxK), { seed: ctx.seed, numRuns: 3 })) measure(t, runOne(build, t));
  const notes: string[] = [];
  for (const n of sweep.n) {
    const pts = khopMpcRoundsSweep(n, 4, sweep.ks, ctx.seed, build);
    for (const p of pts) measurements.push(checkBound('rounds', p.claimed, p.rounds, { k: p.k, N: n, A: 4 }));
    const budget = khopMpcBudget(n, 4);
    measurements.push(checkBound('memory', budget.memory, Math.max(...pts.map((p) => p.peak)), { N: n, A: 4 }));
    const changes = pts.filter((p, i) => i === 0 || p.rounds !== pts[i - 1]!.rounds).map((p) => `k ≥ ${p.k}: ${p.rounds}`);
    notes.push(`N = ${n}, |Σ| = 4 (s = ${budget.memory} words, q = ${budget.machines} machines): rounds ${changes.join(', ')} (claimed 2⌊log₂ k⌋ + 6)`);
  }
  ctx.progress(3, 3);
  const tiers = [
    combineRuns('exhaustive', `${STATEMENT} (every X, small N)`, exRuns),
    combineRuns('property', `${STATEMENT} (random X, N ≤ ${pr.maxN}, k ≤ ${pr.maxK})`, [{ where: `N ≤ ${pr.maxN}`, run: tierRun(prop, 'property', STATEMENT) }], ctx.seed),
  ];
  return report(requirementsOf({ tiers: ['exhaustive', 'property'], claimed: khopMpcClaims }), tiers, measurements, notes);
};

/** The lemma as a value. @category lemmas */
export const khopMpcLemma: Lemma = {
  id: 'k-hop-mpc',
  modules: { construction: ['src/reductions/inductionHeads/khopMpc.ts', 'src/core/mpc/semantics.ts', 'src/core/tasks/khop.ts'], proof: 'src/proofs/p2/khopMpc.ts' },
  title: 'Pointer doubling computes k-hop induction heads in O(log k) MPC rounds',
  statement:
    'For every k ≥ 1 and N, an MPC protocol with s = O(√(N·|Σ|)) words per machine and O(√(N/|Σ|)) machines computes hop_k(X) for every X ∈ Σ^N in 2⌊log₂ k⌋ + 6 = O(log k) rounds, keeping every bound of P2 Def 2.3 (memory, send and receive volume, word width).',
  reference: 'P2 §4 (pointer doubling; P2 Def 2.3, Def 4.1)',
  dependsOn: [],
  claimed: khopMpcClaims,
  tiers: ['exhaustive', 'property'],
  verify: (ctx) => verifyKHopMpc(ctx),
};
