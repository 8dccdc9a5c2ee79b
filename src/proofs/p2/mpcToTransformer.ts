/**
 * # Lemma `mpc-to-transformer` (P2 Thm 3.1 with the routing Lemma 3.2)
 *
 * ## Main results
 * Every R-round table protocol (`src/core/mpc/tableProtocol.ts`: static routing plus local
 * table look-ups of one word) is computed, word for word, by the concrete transformer that
 * {@link mpcToTransformer} compiles from it: R layers (P2: R + 1), one hard-attention head per
 * layer that performs the round's routing, a ReLU feed-forward block that performs the local
 * look-ups, width R + 5, on N = max(2, q·s) tokens, in the kernel's p-precision semantics.
 *
 * ## Implementation notes
 * - exhaustive: a fixed 2-round protocol ({@link exampleProtocol}) on every input of 4 two-bit
 *   words (256 inputs).
 * - property (seeded, shrinking): random protocols of C's family (`arbTableProtocol`: n ≤ 12,
 *   s ≤ 6, ≤ 3 extra machines, 2–6-bit words, 1–4 rounds) with random inputs; `--full` runs more
 *   and larger ones. A case holds when `runTransformer` on the encoded input gives, at the
 *   output tokens, exactly the words of `runMpc`'s output.
 * - claims, measured on a sweep of random protocols (q, s, R) and on the example: layers ≤ R + 1
 *   (P2's bound, met with room: R); heads ≤ 1 and width ≤ R + 5 (the construction's constants,
 *   where P2 claims H = O(log log n) and m = O(n^(4δ) log n) = O(s⁴ log n) with unstated
 *   constants: here the s words of a machine sit on s tokens instead of one, so neither grows
 *   with s); tokens ≤ max(2, q·s); feed-forward hidden width ≤ q·s·2^b + 2 (b the word width).
 * The construction is injectable ({@link verifyMpcToTransformer}) so that honesty tests can feed
 * a broken compiler (routing off by one, a wrong table) and see a shrunk counterexample.
 *
 * ## References
 * P2 = Sanford, Hsu & Telgarsky, ICML 2024, Thm 3.1 and Lemma 3.2; P2 Def 2.3 (MPC).
 *
 * @module
 */
import * as fc from 'fast-check';
import { checkCasesExhaustive, checkProperty } from '../../core/check.js';
import { floatToRational } from '../../core/float.js';
import { arbTableProtocol, runMpc, tableProtocolToMpc, type TableProtocol, type Word, type WordExpr } from '../../core/mpc/index.js';
import { runTransformer } from '../../core/transformer.js';
import { checkBound, combineRuns, tierRun, type Measurement } from '../../core/verdict.js';
import { mpcToTransformer, type CompiledProtocol } from '../../reductions/mpcToTransformer/compile.js';
import { report, requirementsOf, type ClaimedBound, type Lemma, type LemmaReport, type Params, type VerifyContext } from '../lemma.js';

const num = (p: Params, k: string): number => p[k] ?? Number.NaN;

/** The claims (see the module notes). @category claims */
export const mpcToTransformerClaims: readonly ClaimedBound[] = [
  { metric: 'layers', formula: 'R + 1 (R the rounds)', at: (p) => num(p, 'R') + 1, source: 'paper', ref: 'P2 Thm 3.1' },
  { metric: 'heads', formula: '1 per layer (P2: O(log log n))', at: () => 1, source: 'construction' },
  { metric: 'width', formula: 'R + 5 (P2: O(n^(4δ)·log n) with one token per machine)', at: (p) => num(p, 'R') + 5, source: 'construction' },
  { metric: 'tokens', formula: 'max(2, q·s) (one token per memory word)', at: (p) => Math.max(2, num(p, 'q') * num(p, 's')), source: 'construction' },
  { metric: 'hidden', formula: 'q·s·2^b + 2 (b the word width)', at: (p) => Math.max(2, num(p, 'q') * num(p, 's')) * 2 ** num(p, 'b') + 2, source: 'construction' },
];

const STATEMENT = 'the compiled transformer outputs exactly the words runMpc outputs';

/** A compiler under test (the library's, or a broken one in honesty tests). @category model */
export type Compiler = (tp: TableProtocol, n: number) => ReturnType<typeof mpcToTransformer>;

/** The output words a compiled model computes on an input, or why it could not run. */
export const transformerOutput = (c: CompiledProtocol, input: readonly Word[]): { readonly words: (number | string)[] } | { readonly error: string } => {
  const run = runTransformer(c.model, c.encode(input));
  if (run._tag === 'Left') return { error: run.left };
  const last = run.right.states[run.right.states.length - 1]!;
  return {
    words: c.outputTokens.map((t) => {
      const r = floatToRational(last[t]![c.wordCoordinate]!);
      return r.den === 1n ? Number(r.num) : `${r.num}/${r.den}`;
    }),
  };
};

/** One case: true, or a description of the difference. */
const agrees = (compile: Compiler, tp: TableProtocol, input: readonly Word[]): true | Record<string, unknown> => {
  const name = `${tp.name}, b = ${tp.wordBits}`;
  const m = runMpc(tableProtocolToMpc(tp), input);
  if (m._tag === 'Left') return { protocol: name, input: input.join(' '), reason: `runMpc refuses the case: ${m.left.message}` };
  const c = compile(tp, input.length);
  if (c._tag === 'Left') return { protocol: name, input: input.join(' '), reason: `the compiler refuses: ${c.left}` };
  const out = transformerOutput(c.right, input);
  if ('error' in out) return { protocol: name, input: input.join(' '), reason: `runTransformer refuses: ${out.error}` };
  const want = m.right.output;
  const bad = want.findIndex((w, k) => out.words[k] !== w);
  if (bad < 0 && out.words.length === want.length) return true;
  return {
    protocol: name,
    input: input.join(' '),
    reason: `output word ${bad} (token ${c.right.outputTokens[bad]}): the transformer gives ${String(out.words[bad])}, runMpc gives ${want[bad]}`,
    transformer: out.words.join(' '),
    mpc: want.join(' '),
  };
};

const slot = (s: number): WordExpr => ({ kind: 'slot', slot: s });

/**
 * A fixed 2-round protocol on q = 2 machines of s = 2 two-bit words: round 1 swaps the machines'
 * words through an increment table and a constant, round 2 mixes them again through another
 * table look-up.
 * @category examples
 */
export const exampleProtocol: TableProtocol = {
  name: 'example(q=2, s=2, R=2)',
  machines: 2,
  memory: 2,
  wordBits: 2,
  rounds: [
    {
      programs: [
        [{ to: 1, words: [{ kind: 'lookup', slot: 0, table: [1, 2, 3, 0] }, slot(1)] }],
        [{ to: 0, words: [slot(1), { kind: 'const', value: 3 }] }],
      ],
    },
    {
      programs: [
        [{ to: 0, words: [slot(1)] }, { to: 1, words: [slot(0)] }],
        [{ to: 0, words: [{ kind: 'lookup', slot: 0, table: [0, 1, 0] }] }, { to: 1, words: [slot(1)] }],
      ],
    },
  ],
};

const allInputs = function* (n: number, bits: number): Generator<number[]> {
  const k = 2 ** bits;
  for (let x = 0; x < k ** n; x++) yield Array.from({ length: n }, (_, i) => Math.floor(x / k ** i) % k);
};

/** The sweep the claims are measured on: (q, s, R, b). */
const SWEEP: readonly (readonly [number, number, number, number])[] = [
  [2, 2, 1, 2],
  [4, 3, 2, 3],
  [6, 4, 3, 3],
  [8, 4, 4, 3],
];

/** Options for honesty tests. @category model */
export interface MpcToTransformerOptions {
  readonly compile?: Compiler;
  readonly numRuns?: number;
}

/**
 * Verify `mpc-to-transformer`.
 * @category verifiers
 */
export const verifyMpcToTransformer = async (ctx: VerifyContext, opts: MpcToTransformerOptions = {}): Promise<LemmaReport> => {
  const compile = opts.compile ?? mpcToTransformer;
  const exhaustive = checkCasesExhaustive(allInputs(4, 2), (x) => agrees(compile, exampleProtocol, x), {}, `${STATEMENT}: ${exampleProtocol.name} on every input of 4 two-bit words`);
  ctx.progress(1, 3);
  await Promise.resolve();
  const arb = ctx.full ? arbTableProtocol({ n: { min: 1, max: 24 }, memory: { min: 1, max: 8 }, extraMachines: { min: 0, max: 4 }, rounds: { min: 1, max: 5 } }) : arbTableProtocol();
  const property = checkProperty(arb, ({ protocol, input }) => agrees(compile, protocol, input), {}, `${STATEMENT}, on random table protocols and inputs`, {
    seed: ctx.seed,
    numRuns: opts.numRuns ?? (ctx.full ? 200 : 20),
  });
  ctx.progress(2, 3);
  await Promise.resolve();
  const measurements: Measurement[] = [];
  const notes: string[] = [];
  const measure = (tp: TableProtocol, n: number): void => {
    const c = compile(tp, n);
    if (c._tag === 'Left') {
      notes.push(`could not compile ${tp.name} for the claims: ${c.left}`);
      return;
    }
    const f = c.right.figures;
    const params = { q: tp.machines, s: tp.memory, R: tp.rounds.length, b: tp.wordBits };
    const heads = Math.max(0, ...c.right.model.layers.map((l) => l.heads.length));
    const hidden = Math.max(0, ...c.right.model.layers.map((l) => l.ffn?.b1.length ?? 0));
    measurements.push(
      checkBound('layers', R1(params), c.right.model.layers.length, params),
      checkBound('heads', 1, heads, params),
      checkBound('width', params.R + 5, c.right.model.dModel, params),
      checkBound('tokens', Math.max(2, params.q * params.s), c.right.tokens, params),
      checkBound('hidden', Math.max(2, params.q * params.s) * 2 ** params.b + 2, hidden, params),
    );
    const words = tp.machines * tp.memory;
    notes.push(
      `q = ${params.q}, s = ${params.s}, R = ${params.R}: m = ${c.right.model.dModel} and H = ${heads} against P2's s⁴·log₂ n = ${params.s ** 4 * Math.ceil(Math.log2(Math.max(2, words)))} and log₂ log₂ n ≈ ${Math.log2(Math.max(1, Math.log2(Math.max(2, words)))).toFixed(2)} (n = q·s = ${words}); precision p = ${f.precision}`,
    );
  };
  const R1 = (p: Params): number => num(p, 'R') + 1;
  measure(exampleProtocol, 4);
  SWEEP.forEach(([q, s, R, b], k) => {
    const [sample] = fc.sample(arbTableProtocol({ n: { min: q * s, max: q * s }, memory: { min: s, max: s }, extraMachines: { min: 0, max: 0 }, wordBits: { min: b, max: b }, rounds: { min: R, max: R } }), { seed: ctx.seed + k, numRuns: 1 });
    if (sample !== undefined) measure(sample.protocol, sample.input.length);
  });
  ctx.progress(3, 3);
  const tiers = [
    combineRuns('exhaustive', `${STATEMENT} (${exampleProtocol.name}, 256 inputs)`, [{ where: exampleProtocol.name, run: tierRun(exhaustive, 'exhaustive', STATEMENT) }]),
    combineRuns('property', `${STATEMENT} (random table protocols)`, [{ where: 'random protocols', run: tierRun(property, 'property', STATEMENT) }], ctx.seed),
  ];
  return report(requirementsOf({ tiers: ['exhaustive', 'property'], claimed: mpcToTransformerClaims }), tiers, measurements, notes);
};

/** The lemma as a value. @category lemmas */
export const mpcToTransformerLemma: Lemma = {
  id: 'mpc-to-transformer',
  modules: { construction: ['src/reductions/mpcToTransformer/compile.ts'], proof: 'src/proofs/p2/mpcToTransformer.ts' },
  title: 'An R-round MPC protocol is a transformer with R + 1 layers whose attention routes',
  statement:
    'Every R-round table protocol (static routing, local look-ups of one word) is computed word for word by a concrete transformer with R layers (P2 claims R + 1), one hard-attention head per layer performing the routing (P2: O(log log n) heads), a ReLU feed-forward block performing the look-ups, and width R + 5 on one token per memory word (P2: width O(n^(4δ) log n) on one token per machine), in p-precision arithmetic.',
  reference: 'P2 Thm 3.1, Lemma 3.2',
  dependsOn: [],
  claimed: mpcToTransformerClaims,
  tiers: ['exhaustive', 'property'],
  verify: (ctx) => verifyMpcToTransformer(ctx),
};
