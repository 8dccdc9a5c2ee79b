/**
 * # The conditional lower bounds of P2 (cited, not checked)
 *
 * P2's lower bounds are conditional (on the one-cycle vs two-cycles conjecture, P2 Conj 2.4) or
 * rest on communication-complexity arguments the library does not formalize. They are stated
 * here as values with their assumptions, and `tradeoff check` reports them as **cited** — never
 * as holding (`judgeCited`, `src/core/verdict.ts`). Where a finite instance can be checked, the
 * statement declares it as a tier and checks it; the verdict is then `cited` only if that
 * instance holds, and `fails` otherwise.
 *
 * ## Main definitions
 * - {@link oneVsTwoCyclesLemma} (P2 Conj 2.4), with a finite check: the locality fact behind
 *   it, by enumeration of every labelled one-cycle and two-cycles graph on n ≤ 8 vertices (n ≤ 10
 *   with `--full`): every vertex's radius-r neighbourhood is a path on 2r + 1 vertices in both
 *   kinds of graph for all r ≤ ⌊(n/2 − 1)/2⌋, so any procedure whose answer at a vertex depends
 *   on its radius-r ball only (an R-round pointer-doubling view has radius 2^R) answers the same
 *   on both: such procedures need 2^R > (n/2 − 1)/2, i.e. R ≥ log₂ n − O(1) rounds.
 * - {@link kHopDepthLowerBoundLemma} (P2 Cor 4.3): assuming Conj 2.4, hop_k needs depth Ω(log k).
 *   No finite check.
 * - {@link rnnKHopLowerBoundLemma} (P2 §5, multi-layer RNNs), with a finite check: the one-pass
 *   communication bound at tiny N by enumeration. For every X ∈ Σ^N (|Σ| ≤ 3, N ≤ 7) and each
 *   cut t, the prefixes X_1…X_t fall into D classes by the function "suffix ↦ hop_k(X)_N"; the
 *   check verifies a fooling set of D prefixes, pairwise separated by an explicit suffix, so a
 *   one-layer RNN (one pass, left to right) needs at least ⌈log₂ D⌉ bits of state at that cut.
 * - {@link kernelAttentionKHopLemma}, {@link longformerKHopLemma} (P2 §5, sub-quadratic
 *   attention): cited, no finite check.
 *
 * ## Implementation notes
 * - `hopKByDefinition` below is P2 Def 4.1 written out (positions 1 … N, find¹(i) = max({0} ∪ {j ≤ i :
 *   X_(j−1) = X_i}), ⊥ when find^k(i) = 0), kept here so that these checks stand alone; it is
 *   tested on the paper's example (`baebcabebdea`: 1-hop b, 2-hop c at the last position).
 * - The finite checks are evidence about small instances, not about the asymptotic statements:
 *   the report says which statements were checked on which instances.
 *
 * ## References
 * P2 = Sanford, Hsu & Telgarsky, *Transformers, Parallel Computation, and Logarithmic Depth*,
 * ICML 2024 (arXiv 2402.09268): Conj 2.4, Def 4.1, Cor 4.3, §5. Pointer chasing: Nisan &
 * Wigderson, *Rounds in communication complexity revisited*, SIAM J. Comput. 22 (1993).
 *
 * @module
 */
import { checkCasesExhaustive } from '../../core/check.js';
import { runMpc, type MpcMessage, type MpcProtocol, type Word } from '../../core/mpc/index.js';
import { checkBound, combineRuns, tierRun, type Measurement } from '../../core/verdict.js';
import { report, requirementsOf, type ClaimedBound, type Lemma, type LemmaReport, type VerifyContext } from '../lemma.js';

// -------------------------------------------------------------------------------------------
// hop_k (P2 Def 4.1)
// -------------------------------------------------------------------------------------------

/** ⊥ in hop_k's output. @category definitions */
export const HOP_BOTTOM = -1;

/**
 * hop_k(X)_i for every i = 1 … N (returned 0-based: entry i − 1), as P2 Def 4.1: find¹(i) =
 * max({0} ∪ {j ≤ i : X_(j−1) = X_i}), find^k = find¹ ∘ find^(k−1), hop_k(X)_i = X_(find^k(i)) or
 * ⊥ ({@link HOP_BOTTOM}) when find^k(i) = 0.
 * @category definitions
 */
export const hopKByDefinition = (xs: readonly number[], k: number): number[] => {
  const x = (j: number): number => xs[j - 1]!; // 1-based
  const find1 = (i: number): number => {
    if (i === 0) return 0;
    for (let j = i; j >= 2; j--) if (x(j - 1) === x(i)) return j;
    return 0;
  };
  return xs.map((_, i0) => {
    let i = i0 + 1;
    for (let t = 0; t < k && i !== 0; t++) i = find1(i);
    return i === 0 ? HOP_BOTTOM : x(i);
  });
};

// -------------------------------------------------------------------------------------------
// one cycle vs two cycles: the locality check
// -------------------------------------------------------------------------------------------

/** A 2-regular graph as its two neighbours per vertex. */
type Cycles = readonly (readonly [number, number])[];

const permutations = function* (xs: readonly number[]): Generator<number[]> {
  if (xs.length <= 1) {
    yield [...xs];
    return;
  }
  for (let i = 0; i < xs.length; i++) for (const rest of permutations([...xs.slice(0, i), ...xs.slice(i + 1)])) yield [xs[i]!, ...rest];
};

/** Every labelled cycle through `vs` (first vertex fixed, one direction: (m − 1)!/2 of them), as vertex orders. */
const cyclesOn = function* (vs: readonly number[]): Generator<number[]> {
  const [first, ...rest] = vs;
  if (first === undefined) return;
  for (const p of permutations(rest)) if (p.length < 2 || p[0]! < p[p.length - 1]!) yield [first, ...p];
};

const graphOf = (n: number, orders: readonly (readonly number[])[]): Cycles => {
  const nb: [number, number][] = Array.from({ length: n }, () => [-1, -1]);
  for (const o of orders) o.forEach((v, i) => (nb[v] = [o[(i + o.length - 1) % o.length]!, o[(i + 1) % o.length]!]));
  return nb;
};

/** Every labelled one-cycle graph on n vertices, then every two-cycles graph (two cycles of n/2). */
export const cycleInstances = function* (n: number): Generator<{ readonly kind: 'one' | 'two'; readonly graph: Cycles }> {
  const all = Array.from({ length: n }, (_, i) => i);
  for (const o of cyclesOn(all)) yield { kind: 'one', graph: graphOf(n, [o]) };
  const half = n / 2;
  // subsets of size n/2 containing vertex 0 (each split once)
  const choose = function* (from: number, need: number, acc: number[]): Generator<number[]> {
    if (need === 0) {
      yield acc;
      return;
    }
    for (let v = from; v < n; v++) yield* choose(v + 1, need - 1, [...acc, v]);
  };
  for (const a of choose(1, half - 1, [0])) {
    const b = all.filter((v) => !a.includes(v));
    for (const oa of cyclesOn(a)) for (const ob of cyclesOn(b)) yield { kind: 'two', graph: graphOf(n, [oa, ob]) };
  }
};

/** Is the radius-r ball of v a path on 2r + 1 distinct vertices (walking both ways never meets)? */
export const ballIsPath = (g: Cycles, v: number, r: number): boolean => {
  const seen = new Set([v]);
  for (const dir of [0, 1] as const) {
    let prev = v;
    let cur = g[v]![dir];
    for (let step = 1; step <= r; step++) {
      if (seen.has(cur)) return false;
      seen.add(cur);
      const [a, b] = g[cur]!;
      const next = a === prev ? b : a;
      prev = cur;
      cur = next;
    }
  }
  return seen.size === 2 * r + 1;
};

/** The largest radius at which both kinds look like paths: ⌊(n/2 − 1)/2⌋. @category claims */
export const indistinguishableRadius = (n: number): number => Math.floor((n / 2 - 1) / 2);

// -------------------------------------------------------------------------------------------
// the matching upper bound: pointer doubling in O(log n) rounds
// -------------------------------------------------------------------------------------------

const S_CYCLES = 8;
const FAN = 4; // gathering fan-in: 4 two-word records fill s = 8

const ceilLog = (base: number, n: number): number => {
  let k = 0;
  while (base ** k < n) k++;
  return k;
};

/** The rounds of {@link cycleProtocol}: input, predecessors, ⌈log₂ n⌉ doublings, max(1, ⌈log₄ n⌉) to gather, one to answer. @category claims */
export const cycleProtocolRounds = (n: number): number => 3 + ceilLog(2, n) + Math.max(1, ceilLog(FAN, n));

/**
 * The pointer-doubling MPC protocol that tells one cycle from several: input word v is succ(v)
 * (the graph oriented along its cycles); n machines of s = 8 words. Round 1 sends succ(v) to
 * machine v; round 2 tells every vertex its predecessor; each doubling round turns
 * (a = succ^(2^t)(v), b = pred^(2^t)(v), m = min of the window v … a − 1) into the same at
 * 2^(t+1) (v sends a and m to b, b to a, m to itself); after ⌈log₂ n⌉ of them m is the least
 * label on v's cycle; a tree of fan-in 4 gathers the flags "m ≠ 0" on machine 0, which outputs
 * one word: 0 for one cycle, 1 for more.
 * @category constructions
 */
export const cycleProtocol = (n: number): MpcProtocol => {
  const rounds = cycleProtocolRounds(n);
  const gatherFrom = 3 + ceilLog(2, n); // the first gathering round
  const A = 5; // [5, a]: succ^(2^t)(v)
  const M = 6; // [6, m]: the window minimum
  const B = 7; // [7, b]: pred^(2^t)(v)
  const FLAG = 9;
  const fields = (mem: readonly Word[]): { a: number; b: number; m: number; flags: number[] } => {
    let a = -1;
    let b = -1;
    let m = Number.POSITIVE_INFINITY;
    const flags: number[] = [];
    for (let k = 0; k + 1 < mem.length; k += 2) {
      const tag = mem[k]!;
      const x = mem[k + 1]!;
      if (tag === A) a = x;
      else if (tag === B) b = x;
      else if (tag === M) m = Math.min(m, x);
      else if (tag === FLAG) flags.push(x);
    }
    return { a, b, m, flags };
  };
  const local = (ctx: { readonly round: number; readonly machine: number }, mem: readonly Word[]): MpcMessage[] => {
    const { round, machine: v } = ctx;
    if (round === 1) return mem.map((succ, slot) => ({ to: v * S_CYCLES + slot, words: [succ] }));
    if (round === 2) return mem.length === 0 ? [] : [{ to: v, words: [A, mem[0]!, M, v] }, { to: mem[0]!, words: [B, v] }];
    const f = fields(mem);
    if (round < gatherFrom) {
      if (f.a < 0) return [];
      return [
        { to: f.b, words: [A, f.a, M, f.m] },
        { to: f.a, words: [B, f.b] },
        { to: v, words: [M, f.m] },
      ];
    }
    const flag = round === gatherFrom ? (f.a < 0 ? -1 : f.m === 0 ? 0 : 1) : f.flags.length === 0 ? -1 : Math.max(...f.flags);
    if (flag < 0) return [];
    if (round === rounds) return [{ to: v, words: [flag] }];
    return [{ to: Math.floor(v / FAN), words: [FLAG, flag] }];
  };
  return { name: `cycles-by-doubling(n=${n})`, machines: Math.max(n, 1), memory: S_CYCLES, wordBits: Math.max(4, ceilLog(2, n + 1) + 1), rounds, local };
};

/** Options for honesty tests. @category model */
export interface CycleCheckOptions {
  readonly sizes?: readonly number[];
  /** Claim indistinguishability up to this radius instead (a test passes one too large). */
  readonly radius?: (n: number) => number;
  /** Another protocol to check for the upper bound (a test passes a broken one). */
  readonly protocol?: (n: number) => MpcProtocol;
}

/** Verify the locality instance of Conj 2.4 by enumeration. @category verifiers */
export const verifyOneVsTwoCycles = async (ctx: VerifyContext, opts: CycleCheckOptions = {}): Promise<LemmaReport> => {
  const sizes = opts.sizes ?? (ctx.full ? [4, 6, 8, 10] : [4, 6, 8]);
  const radius = opts.radius ?? indistinguishableRadius;
  const runs = sizes.map((n, k) => {
    ctx.progress(k, sizes.length);
    const r = radius(n);
    const statement = `n = ${n}: every vertex's radius-${r} ball is a path on ${2 * r + 1} vertices in every one-cycle and every two-cycles graph`;
    const res = checkCasesExhaustive(
      cycleInstances(n),
      (inst) => {
        const bad = inst.graph.findIndex((_, v) => !ballIsPath(inst.graph, v, r));
        return bad < 0 ? true : { n, kind: inst.kind, vertex: bad, radius: r, neighbours: inst.graph.map((p) => p.join('-')).join(' '), reason: `the radius-${r} ball of vertex ${bad} is not a path: it closes a cycle` };
      },
      { n },
      statement,
    );
    return { where: `n = ${n}`, run: tierRun(res, 'exhaustive', statement) };
  });
  ctx.progress(sizes.length, sizes.length);
  await Promise.resolve();
  const makeProtocol = opts.protocol ?? cycleProtocol;
  const measurements: Measurement[] = [];
  const upper = sizes.map((n) => {
    const protocol = makeProtocol(n);
    const statement = `n = ${n}: ${protocol.name} outputs 0 on every one-cycle graph and 1 on every two-cycles graph`;
    let rounds = 0;
    const res = checkCasesExhaustive(
      cycleInstances(n),
      (inst) => {
        const input = inst.graph.map(([, next]) => next);
        const r = runMpc(protocol, input);
        if (r._tag === 'Left') return { n, kind: inst.kind, input: input.join(' '), reason: r.left.message };
        rounds = Math.max(rounds, r.right.rounds);
        const want = inst.kind === 'one' ? 0 : 1;
        return r.right.output.length === 1 && r.right.output[0] === want ? true : { n, kind: inst.kind, input: input.join(' '), reason: `the protocol outputs [${r.right.output.join(', ')}], not [${want}]` };
      },
      { n },
      statement,
    );
    measurements.push(checkBound('rounds', cycleProtocolRounds(n), rounds, { n }));
    return { where: `n = ${n}`, run: tierRun(res, 'exhaustive', statement) };
  });
  const tier = combineRuns('exhaustive', `radius-⌊(n/2 − 1)/2⌋ views of one-cycle and two-cycles graphs are all paths, and pointer doubling tells them apart in ⌈log₂ n⌉ + max(1, ⌈log₄ n⌉) + 3 rounds (n ∈ {${sizes.join(', ')}})`, [...runs, ...upper]);
  return report(requirementsOf({ tiers: ['exhaustive'], claimed: cycleClaims }), [tier], measurements, [
    'checked: the locality fact at small n (every labelled graph), and the matching O(log n)-round upper bound (pointer doubling, run by the MPC semantics on every labelled graph); not checked: the conjecture itself, which quantifies over all MPC protocols',
  ]);
};

/** The claim of the upper-bound instance: the pointer-doubling protocol's rounds. @category claims */
export const cycleClaims: readonly ClaimedBound[] = [
  { metric: 'rounds', formula: '⌈log₂ n⌉ + max(1, ⌈log₄ n⌉) + 3 (pointer doubling: the conjectured Ω(log n) is tight)', at: (p) => cycleProtocolRounds(p['n'] ?? Number.NaN), source: 'construction' },
];

/** P2 Conj 2.4, cited, with its locality instance checked. @category lemmas */
export const oneVsTwoCyclesLemma: Lemma = {
  id: 'one-vs-two-cycles',
  modules: { construction: [], proof: 'src/proofs/p2/lowerBounds.ts' },
  title: 'One cycle vs two cycles needs Ω(log n) MPC rounds (conjecture)',
  statement:
    'For every γ > 0 and δ ∈ (0, 1), every (γ, δ)-MPC protocol that distinguishes a graph on n vertices that is one cycle from one that is two cycles of n/2 vertices each uses Ω(log n) rounds. Checked instances: in every labelled one-cycle and two-cycles graph on n ≤ 8 vertices, every radius-⌊(n/2 − 1)/2⌋ ball is a path, so views of that radius cannot tell the two apart; and a pointer-doubling protocol tells them apart in ⌈log₂ n⌉ + max(1, ⌈log₄ n⌉) + 3 rounds (the bound would be tight).',
  reference: 'P2 Conj 2.4',
  dependsOn: [],
  claimed: cycleClaims,
  tiers: ['exhaustive'],
  cited: {
    source: 'P2 Conj 2.4 (a conjecture, widely believed in the MPC literature)',
    assumptions: ['none: the statement is itself the conjecture the other lower bounds assume'],
    why: 'it quantifies over every MPC protocol; the library checks only the locality fact behind it and the matching O(log n)-round upper bound, on every labelled graph with n ≤ 8 vertices (n ≤ 10 with --full)',
  },
  verify: (ctx) => verifyOneVsTwoCycles(ctx),
};

// -------------------------------------------------------------------------------------------
// P2 Cor 4.3
// -------------------------------------------------------------------------------------------

/** A cited statement with no finite check: nothing runs, the verdict is `cited`. */
const citedOnly = async (): Promise<LemmaReport> => {
  await Promise.resolve();
  return { verdict: 'cited', problems: [], tiers: [], measurements: [], notes: ['no finite instance is checked: the statement is cited with its assumptions'] };
};

/** P2 Cor 4.3, cited. @category lemmas */
export const kHopDepthLowerBoundLemma: Lemma = {
  id: 'k-hop-depth-lower-bound',
  modules: { construction: [], proof: 'src/proofs/p2/lowerBounds.ts' },
  title: 'hop_k needs transformer depth Ω(log k), assuming the one-cycle conjecture',
  statement:
    'Assuming Conj 2.4: for constants ξ ∈ (0, 1] and δ ∈ (0, 1), every transformer with mH = O(N^δ) (masked or not) that computes hop_k on sequences of length N with k = Θ(N^ξ) has depth L = Ω(log k). With P2 Thm 4.2 (depth ⌊log₂ k⌋ + 2 suffices) this is tight up to a constant factor.',
  reference: 'P2 Cor 4.3',
  dependsOn: ['one-vs-two-cycles'],
  claimed: [],
  tiers: [],
  cited: {
    source: 'P2 Cor 4.3 (via Thm 3.4: a depth-L transformer is an O(L)-round MPC protocol, and a reduction from one-vs-two cycles to hop_k)',
    assumptions: ['P2 Conj 2.4 (one cycle vs two cycles needs Ω(log n) MPC rounds)', 'mH = O(N^δ) for a constant δ < 1', 'precision p = Θ(log N)'],
    why: 'it is conditional on a conjecture; no finite instance of a depth lower bound over all transformers is within reach of enumeration',
  },
  verify: citedOnly,
};

// -------------------------------------------------------------------------------------------
// multi-layer RNNs: the one-pass communication bound at tiny N
// -------------------------------------------------------------------------------------------

/** All words of length len over an alphabet of size a. */
const words = (a: number, len: number): number[][] =>
  Array.from({ length: a ** len }, (_, x) => Array.from({ length: len }, (_, i) => Math.floor(x / a ** i) % a));

/**
 * The one-pass communication matrix of hop_k at the last position, cut after t tokens: each
 * prefix's row (its answers on every suffix, in a fixed order), grouped into classes; a
 * representative per class.
 * @category definitions
 */
export const prefixClasses = (a: number, n: number, k: number, t: number): { readonly suffixes: number[][]; readonly reps: number[][]; readonly rows: string[] } => {
  const suffixes = words(a, n - t);
  const byRow = new Map<string, number[]>();
  for (const pre of words(a, t)) {
    const row = suffixes.map((suf) => hopKByDefinition([...pre, ...suf], k)[n - 1]!).join(',');
    if (!byRow.has(row)) byRow.set(row, pre);
  }
  return { suffixes, reps: [...byRow.values()], rows: [...byRow.keys()] };
};

/** A fooling set: representatives, and for each pair a suffix on which hop_k(·)_N differs. */
export interface FoolingSet {
  readonly a: number;
  readonly n: number;
  readonly k: number;
  readonly t: number;
  readonly prefixes: readonly (readonly number[])[];
}

/** Check a fooling set: every pair of its prefixes is separated by some suffix (by enumeration). */
export const checkFoolingSet = (fs: FoolingSet): true | { readonly instance: string; readonly prefixes: string; readonly reason: string } => {
  const suffixes = words(fs.a, fs.n - fs.t);
  const at = (pre: readonly number[], suf: readonly number[]): number => hopKByDefinition([...pre, ...suf], fs.k)[fs.n - 1]!;
  for (let i = 0; i < fs.prefixes.length; i++) {
    for (let j = i + 1; j < fs.prefixes.length; j++) {
      const p = fs.prefixes[i]!;
      const q = fs.prefixes[j]!;
      if (!suffixes.some((s) => at(p, s) !== at(q, s))) {
        return { instance: `|Σ| = ${fs.a}, N = ${fs.n}, k = ${fs.k}, cut t = ${fs.t}`, prefixes: `${p.join('')} / ${q.join('')}`, reason: 'no suffix separates these prefixes: they are not a fooling pair' };
      }
    }
  }
  return true;
};

/** The instances checked by default: (|Σ|, N, k, t). */
const RNN_INSTANCES: readonly (readonly [number, number, number, number])[] = [
  [2, 6, 1, 3],
  [2, 6, 2, 3],
  [3, 5, 1, 3],
  [3, 6, 2, 3],
];

/** Options for honesty tests. @category model */
export interface RnnCheckOptions {
  readonly instances?: readonly (readonly [number, number, number, number])[];
  /** Replace the fooling sets checked (a test passes a bad one). */
  readonly foolingSets?: readonly FoolingSet[];
}

/** Verify the one-pass bound at tiny N. @category verifiers */
export const verifyRnnKHop = async (ctx: VerifyContext, opts: RnnCheckOptions = {}): Promise<LemmaReport> => {
  const instances = opts.instances ?? (ctx.full ? [...RNN_INSTANCES, [2, 8, 2, 4], [3, 7, 2, 4]] : RNN_INSTANCES);
  const notes: string[] = [];
  const sets: FoolingSet[] = opts.foolingSets
    ? [...opts.foolingSets]
    : instances.map(([a, n, k, t]) => {
        const { reps } = prefixClasses(a, n, k, t);
        notes.push(`|Σ| = ${a}, N = ${n}, k = ${k}, cut after ${t}: ${reps.length} prefix classes of ${a ** t}, so a one-pass RNN state needs ≥ ⌈log₂ ${reps.length}⌉ = ${Math.ceil(Math.log2(reps.length))} bits there`);
        return { a, n, k, t, prefixes: reps };
      });
  await Promise.resolve();
  const statement = 'each fooling set of prefixes is pairwise separated by a suffix on which hop_k(X)_N differs';
  const res = checkCasesExhaustive(sets, checkFoolingSet, { sets: sets.length }, statement);
  ctx.progress(1, 1);
  const tier = combineRuns('exhaustive', `one-pass fooling sets for hop_k at tiny N (${sets.length} instances)`, [{ where: 'fooling sets', run: tierRun(res, 'exhaustive', statement) }]);
  return report(requirementsOf({ tiers: ['exhaustive'], claimed: [] }), [tier], [], [
    ...notes,
    'checked: one-pass (one-layer) communication bounds at tiny N by enumeration; not checked: the multi-layer statement, which rests on the pointer-chasing lower bound',
  ]);
};

/** P2 §5's RNN separation, cited, with the one-pass instance checked. @category lemmas */
export const rnnKHopLowerBoundLemma: Lemma = {
  id: 'rnn-k-hop-lower-bound',
  modules: { construction: [], proof: 'src/proofs/p2/lowerBounds.ts' },
  title: 'Multi-layer RNNs need depth about k or width about N/k^6 for hop_k',
  statement:
    'A multi-layer recurrent network with L layers and an m-bit hidden state that computes hop_k on sequences of length N has L ≥ k or m = Ω(N/k^6) (P2 §5, via the pointer-chasing communication lower bound), while transformers need only depth ⌊log₂ k⌋ + 2. Checked instance: one-pass communication bounds at tiny N, by enumeration.',
  reference: 'P2 §5 (multi-layer RNNs)',
  dependsOn: [],
  claimed: [],
  tiers: ['exhaustive'],
  cited: {
    source: 'P2 §5 (multi-layer RNNs), from the k-round pointer-chasing lower bound (Nisan & Wigderson 1993)',
    assumptions: ['the network reads the sequence left to right, each layer one pass, with an m-bit state per layer'],
    why: 'a lower bound over all RNNs; the library checks fooling sets (one-pass communication bounds) for hop_k at tiny N by enumeration',
  },
  verify: (ctx) => verifyRnnKHop(ctx),
};

// -------------------------------------------------------------------------------------------
// sub-quadratic attention
// -------------------------------------------------------------------------------------------

/** P2 §5's kernel-attention separation, cited. @category lemmas */
export const kernelAttentionKHopLemma: Lemma = {
  id: 'kernel-attention-k-hop-lower-bound',
  modules: { construction: [], proof: 'src/proofs/p2/lowerBounds.ts' },
  title: 'Kernel-based (linear) attention needs depth about k or large width for hop_k',
  statement:
    'Transformers whose attention is replaced by a kernel feature map of dimension m′ (Performer-style linear attention) can be computed by a multi-layer RNN with an O(m·m′·p)-bit state, so computing hop_k needs L ≥ k or m·m′·p = Ω(N/k^6) (paraphrased: the exact form is in P2): sub-quadratic attention of this kind loses the logarithmic depth of Thm 4.2.',
  reference: 'P2 §5 (kernel-based attention)',
  dependsOn: ['rnn-k-hop-lower-bound'],
  claimed: [],
  tiers: [],
  cited: {
    source: 'P2 §5 (kernel-based sub-quadratic attention), by reduction to the RNN bound',
    assumptions: ['the attention matrix is φ(Q)φ(K)^T for a feature map φ of dimension m′', 'p-bit precision'],
    why: 'a lower bound over all such models; no finite instance is checked',
  },
  verify: citedOnly,
};

/** P2 §5's Longformer separation, cited. @category lemmas */
export const longformerKHopLemma: Lemma = {
  id: 'longformer-k-hop-lower-bound',
  modules: { construction: [], proof: 'src/proofs/p2/lowerBounds.ts' },
  title: 'Windowed (Longformer-style) attention needs depth polynomial in k for hop_k',
  statement:
    'Transformers with local window attention plus a few global tokens (Longformer-style sparse attention, o(N²) score computations) computing hop_k need depth growing polynomially in k unless their width or window grows polynomially with N (paraphrased: the exact condition is in P2): sparse attention loses the logarithmic depth of Thm 4.2.',
  reference: 'P2 §5 (Longformer)',
  dependsOn: ['rnn-k-hop-lower-bound'],
  claimed: [],
  tiers: [],
  cited: {
    source: 'P2 §5 (sub-quadratic sparse attention: Longformer)',
    assumptions: ['attention restricted to a window of width w plus g global tokens', 'p-bit precision'],
    why: 'a lower bound over all such models; no finite instance is checked',
  },
  verify: citedOnly,
};

/** The cited statements of P2, dependencies first. @category lemmas */
export const p2LowerBoundLemmas: readonly Lemma[] = [oneVsTwoCyclesLemma, kHopDepthLowerBoundLemma, rnnKHopLowerBoundLemma, kernelAttentionKHopLemma, longformerKHopLemma];
