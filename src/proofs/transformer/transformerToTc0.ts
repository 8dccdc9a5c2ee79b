/**
 * # Theorem `transformer-to-tc0` (P1 Theorem 1, Corollary 1.1)
 *
 * ## Main results
 * For every c·log n-precision transformer T with d layers and every input length n, there is a
 * threshold circuit C_n of constant depth (independent of n) and polynomial size with
 * C_n(w) = T(w) for every w ∈ Σ^n. Checked by two constructions (`src/reductions/compile/`):
 * - the **paper route** (general models, P1's proof literally: Lemma 1 tables for φ, s,
 *   (s ⊘ Z) ⊗ h and f, the ⊕ circuit for both sums), claimed depth exactly
 *   3 + (9 + 2·d_⊕)·d with d_⊕ the measured depth of `floatIteratedSum(n, p)`;
 * - the **arithmetic route** (concrete models: explicit float circuits), claimed depth a formula
 *   of the architecture in the claimed depths of its blocks ({@link arithmeticDepthClaim}):
 *   a constant for each architecture, since every block's claim is a constant.
 *
 * ## Claims
 * - `depth·paper` ≤ 3 + (9 + 2·d_⊕)·d (P1 Thm 1), d_⊕ measured at (n, p).
 * - `depth·arith` ≤ d_emb + Σ_ℓ [P_ℓ + max_h (S + N_h + W_h) + R + F_ℓ] + d_out, where the
 *   blocks' depths are their lemmas' claims — d_⊗ = 17 (`float-mul`, arithmetic route),
 *   d_⊕ = 9 (`float-iterated-sum`), d_⊘ = 14 (`float-div`) — and the compiler's own small
 *   blocks, claimed by construction: d_emb = 2 (the token's embedding and layer-1 projections
 *   as a table of the token bits), d_exp = 2 (exp_p as a table of one float), d_cmp = 2 (a
 *   comparison of normal floats as one weighted threshold on a monotone key, plus the sign
 *   cases), d_⊗c = d_⊗ (a product by a constant weight: a table or a folded multiplier),
 *   d_out = 1 (accept) or 0 (state). P_1 = 0 and P_ℓ = d_⊗c + d_⊕ (projections),
 *   S = d_⊗ + d_⊕ (scores), N = d_exp + d_⊕ + d_⊘ (softmax), d_cmp + 4 (saturated) or
 *   d_cmp + 1 (hard), W = d_⊗ + d_⊕ or 2 (hard), R = d_⊗c + d_⊕ (residual),
 *   F = 2(d_⊗c + d_⊕) + 2 with a feed-forward block, else 0. The architecture is passed to the
 *   claim as parameters (`layers`, per layer `softmax·ℓ`, `saturated·ℓ`, `hard·ℓ`, `ffn·ℓ`,
 *   `accept`).
 * - `depth·P1·paper` and `depth·P1·arith`: the same in P1's basis (P1's formula with d_⊕^P1;
 *   the arithmetic claim + 1).
 * - With the opt-in shallow arithmetic (`compilePaper(…, { shallowSum: true })`,
 *   `compileArithmetic(…, { shallow: true })`): `depth·paper·shallow` ≤ 3 + (9 + 2·d_⊕)·d with
 *   d_⊕ the measured depth of `floatIteratedSumShallow(n, p)` (≤ 6; P1 basis ≤ 7,
 *   `depth·P1·paper·shallow`), and `depth·arith·shallow` = the arithmetic formula with
 *   d_⊗ = 4 (p ≤ 16; 5 beyond), d_⊕ = 6, d_⊘ = 3 (the shallow routes' claims; `depth·P1·arith·shallow` + 1). The
 *   default compilers are unchanged; the shallow ones are checked on the same models
 *   (exhaustive: the paper route's general models, majority.json and the first random model;
 *   property: every random (model, input) pair, and the example models up to n = 8, `--full`
 *   16) and the notes print both side by side.
 *
 * ## Implementation notes
 * - exhaustive: random concrete models (binary alphabet, 1–3 layers, 1–2 heads, d_model ≤ 4,
 *   all three attention kinds, masks and feed-forward blocks drawn) compiled by the arithmetic
 *   route at every n ≤ 6 (`--full`: more models) and compared with `runTransformer` on every
 *   input; random general models compiled by the paper route at n ≤ 4 (p = 4, width 1, 1–2
 *   heads, 1–2 layers: what the tables allow) and compared with `runGeneral` on every input.
 * - property (seeded, shrinking over the model and the input): random models and inputs with
 *   alphabets of 2–4 symbols and n up to 8, each model compiled at its input's length; and the
 *   example models at larger n (16) on random inputs.
 * - depth over n: the example models and a saturated model whose scores do not fold
 *   (`saturatedDenseExample`) compiled at n = 2, 4, 8, 16 (`--full`: 32, 64): every circuit
 *   measured against the claims; the notes give the depths per n (constant once p stops
 *   changing the blocks) and the fitted size exponent.
 * The compilers are injectable ({@link TransformerToTc0Options}) so that honesty tests feed a
 * broken one (a score negated, a truncation skipped, a mask off by one) and see the shrunk
 * counterexample, model and input.
 *
 * ## References
 * P1 Theorem 1 and Corollary 1.1, Lemmas 1 and 5; constructions in `src/reductions/compile/`.
 *
 * @module
 */
import * as fc from 'fast-check';
import { isRight, left, type Either } from 'fp-ts/lib/Either.js';
import { checkCircuitExhaustive, checkCircuitProperty, checkFailure, checkProperty, type CircuitStatement, type Tier } from '../../core/check.js';
import { evaluate } from '../../core/evaluate.js';
import type { FloatParams } from '../../core/float.js';
import { metrics } from '../../core/metrics.js';
import { precisionAt, runGeneral, runTransformer, type GeneralModel, type TransformerModel, type TransformerRun } from '../../core/transformer.js';
import { combineRuns, measureCircuit, tierRun, type Measurement, type TierRun } from '../../core/verdict.js';
import { floatIteratedSum } from '../../reductions/arithmetic/floatIteratedSum.js';
import { compileArithmetic } from '../../reductions/compile/arithmeticRoute.js';
import { compilePaper } from '../../reductions/compile/paperRoute.js';
import { bitsPerToken, decodeTokens, encodeRunOutputs, encodeTokens, type CompiledTransformer } from '../../reductions/compile/types.js';
import { majorityTransformer } from '../../reductions/majorityTransformer.js';
import { arbGeneralModel, arbModelAndInput, arbTransformerModel, describeModel } from '../../reductions/randomTransformer.js';
import { floatDivArithBounds, floatDivShallowBounds, floatMulArithBounds, floatMulShallowBounds } from '../arithmetic/floatOps.js';
import { floatIteratedSumBounds } from '../arithmetic/floatIteratedSum.js';
import { floatIteratedSumShallowBounds } from '../arithmetic/floatIteratedSumShallow.js';
import { floatIteratedSumShallow } from '../../reductions/arithmetic/floatIteratedSumShallow.js';
import { fittedExponent, report, requirementsOf, type ClaimedBound, type Lemma, type LemmaReport, type Params, type VerifyContext } from '../lemma.js';
import { saturatedDenseExample, softmaxTwoLayerExample } from '../../reductions/exampleModels.js';

// -------------------------------------------------------------------------------------------
// claims
// -------------------------------------------------------------------------------------------

const num = (p: Params, k: string): number => p[k] ?? Number.NaN;

/**
 * The architecture of a concrete model at (n, p), as the parameters the depth claim reads.
 * @category claims
 */
export const architectureParams = (model: TransformerModel, n: number, p: number): Params => {
  const out: Record<string, number> = { n, p, layers: model.layers.length, accept: model.output.kind === 'accept' ? 1 : 0 };
  model.layers.forEach((l, i) => {
    const count = (k: string): number => l.heads.filter((h) => h.attention === k).length;
    out[`softmax·${i + 1}`] = count('softmax');
    out[`saturated·${i + 1}`] = count('saturated');
    out[`hard·${i + 1}`] = count('hard');
    out[`ffn·${i + 1}`] = l.ffn === null ? 0 : 1;
    out[`gate·${i + 1}`] = l.ffn?.gate === undefined ? 0 : 1;
  });
  return out;
};

/**
 * The arithmetic route's claimed depth for an architecture (module header), from the claimed
 * depths of its blocks at precision p.
 * @category claims
 */
export const arithmeticDepthClaim = (params: Params): number =>
  arithmeticDepthClaimWith(params, (p, n) => ({ mul: floatMulArithBounds(p).depth, sum: floatIteratedSumBounds(n, p).depth, div: floatDivArithBounds(p).depth }));

/**
 * The same formula on the shallow arithmetic (the opt-in `shallow` of `compileArithmetic`):
 * d_⊗ = 4 (p ≤ 16; 5 beyond), d_⊕ = 6, d_⊘ = 3, the claimed depths of the shallow routes of `float-mul`,
 * `float-div` and of `float-iterated-sum-shallow`.
 * @category claims
 */
export const arithmeticShallowDepthClaim = (params: Params): number =>
  arithmeticDepthClaimWith(params, (p, n) => ({ mul: floatMulShallowBounds(p).depth, sum: floatIteratedSumShallowBounds(n, p).depth, div: floatDivShallowBounds(p).depth }));

/** The formula of {@link arithmeticDepthClaim} for given claimed depths of ⊗, ⊕ (k = max(2, n)) and ⊘. */
const arithmeticDepthClaimWith = (params: Params, blocks: (p: number, k: number) => { mul: number; sum: number; div: number }): number => {
  const p = num(params, 'p');
  const n = num(params, 'n');
  const L = num(params, 'layers');
  if (!Number.isFinite(p) || !Number.isFinite(L) || !Number.isFinite(n)) return Number.NaN;
  const { mul, sum, div } = blocks(p, Math.max(2, n));
  const emb = 2;
  const exp = 2;
  const cmp = 2;
  const mulConst = Math.max(2, mul);
  const S = mul + sum;
  const R = mulConst + sum;
  let total = emb;
  for (let l = 1; l <= L; l++) {
    const P = l === 1 ? 0 : mulConst + sum;
    const heads: number[] = [];
    if (num(params, `softmax·${l}`) > 0) heads.push(S + (exp + sum + div) + (mul + sum));
    if (num(params, `saturated·${l}`) > 0) heads.push(S + (cmp + 4) + (mul + sum));
    if (num(params, `hard·${l}`) > 0) heads.push(S + (cmp + 1) + 2);
    const F = num(params, `ffn·${l}`) > 0 ? 2 * (mulConst + sum) + 2 + (num(params, `gate·${l}`) > 0 ? mul : 0) : 0;
    total += P + Math.max(0, ...heads) + R + F;
  }
  return total + (num(params, 'accept') > 0 ? 1 : 0);
};

/** P1 Theorem 1's depth for d layers with d_⊕ = `dPlus`: 3 + (9 + 2·d_⊕)·d. @category claims */
export const paperDepthBound = (params: Params): number => 3 + (9 + 2 * num(params, 'dPlus')) * num(params, 'layers');

/** P1 Theorem 1's depth in P1's own basis: 3 + (9 + 2·d_⊕^P1)·d with d_⊕^P1 = `dPlusP1`. @category claims */
export const paperDepthBoundP1 = (params: Params): number => 3 + (9 + 2 * num(params, 'dPlusP1')) * num(params, 'layers');

/** The claims of the theorem, as data. @category claims */
export const transformerToTc0Claims: readonly ClaimedBound[] = [
  {
    metric: 'depth·paper',
    figure: 'depth',
    formula: '3 + (9 + 2·d_⊕)·d, where d = the number of layers (the parameter `layers`) and d_⊕ = the depth of floatIteratedSum(n, p), measured (the parameter `dPlus`)',
    at: paperDepthBound,
    source: 'paper',
    ref: 'P1 Thm 1',
  },
  {
    metric: 'depth·arith',
    figure: 'depth',
    formula:
      'd_emb + Σ_{ℓ = 1..d} [P_ℓ + max_h (S + N_h + W_h) + R + F_ℓ] + d_out, where d = the number of layers (the parameter `layers`) and h ranges over the kinds of head of layer ℓ ' +
      '(the parameters `softmax·ℓ`, `saturated·ℓ`, `hard·ℓ`: how many heads of each kind); d_⊗ = 17, d_⊕ = 9, d_⊘ = 14: the claimed depths of `float-mul` (arithmetic route), ' +
      '`float-iterated-sum` and `float-div` (arithmetic route); d_⊗c = max(2, d_⊗) (a product by a constant weight); d_emb = 2 (the embedding as a table of the token bits), ' +
      'd_exp = 2 (exp_p as a table), d_cmp = 2 (a comparison of floats); P_1 = 0 and P_ℓ = d_⊗c + d_⊕ for ℓ ≥ 2 (projections); S = d_⊗ + d_⊕ (scores); ' +
      'N_h = d_exp + d_⊕ + d_⊘ (softmax), d_cmp + 4 (saturated) or d_cmp + 1 (hard); W_h = d_⊗ + d_⊕ (weighted sum), or 2 for a hard head; R = d_⊗c + d_⊕ (residual); ' +
      'F_ℓ = 2(d_⊗c + d_⊕) + 2 when layer ℓ has a feed-forward block (the parameter `ffn·ℓ` = 1), plus d_⊗ when it has a ReGLU gate (`gate·ℓ` = 1), else 0; d_out = 1 when the model accepts (the parameter `accept` = 1), else 0',
    at: arithmeticDepthClaim,
    source: 'construction',
  },
  {
    metric: 'depth·P1·paper',
    figure: 'depthP1',
    formula: "3 + (9 + 2·d_⊕^P1)·d in P1's basis (unweighted thresholds, NOT/AND/OR), d_⊕^P1 = the P1-basis depth of floatIteratedSum(n, p), measured (the parameter `dPlusP1`)",
    at: paperDepthBoundP1,
    source: 'paper',
    ref: 'P1 Thm 1',
  },
  {
    metric: 'depth·P1·arith',
    figure: 'depthP1',
    formula: "depth·arith + 1: the arithmetic route's claim, plus the one level `expandWeights` may add (it writes each complement as a dual threshold)",
    at: (params) => arithmeticDepthClaim(params) + 1,
    source: 'construction',
  },
  {
    metric: 'depth·paper·shallow',
    figure: 'depth',
    formula: '3 + (9 + 2·d_⊕)·d with d_⊕ = the depth of floatIteratedSumShallow(n, p), measured (the parameter `dPlusShallow`): the paper route with the opt-in shallow ⊕',
    at: (params) => paperDepthBound({ ...params, dPlus: num(params, 'dPlusShallow') }),
    source: 'paper',
    ref: 'P1 Thm 1',
  },
  {
    metric: 'depth·P1·paper·shallow',
    figure: 'depthP1',
    formula: "3 + (9 + 2·d_⊕^P1)·d in P1's basis with d_⊕^P1 = the P1-basis depth of floatIteratedSumShallow(n, p), measured (the parameter `dPlusShallowP1`)",
    at: (params) => paperDepthBoundP1({ ...params, dPlusP1: num(params, 'dPlusShallowP1') }),
    source: 'paper',
    ref: 'P1 Thm 1',
  },
  {
    metric: 'depth·arith·shallow',
    figure: 'depth',
    formula:
      "depth·arith's formula with d_⊗ = 4 (p ≤ 16; 5 beyond), d_⊕ = 6, d_⊘ = 3: the claimed depths of `float-mul`, `float-div` (shallow routes) and `float-iterated-sum-shallow` — the arithmetic route with the opt-in shallow arithmetic",
    at: arithmeticShallowDepthClaim,
    source: 'construction',
  },
  {
    metric: 'depth·P1·arith·shallow',
    figure: 'depthP1',
    formula: 'depth·arith·shallow + 1 (the one level `expandWeights` may add)',
    at: (params) => arithmeticShallowDepthClaim(params) + 1,
    source: 'construction',
  },
];

// -------------------------------------------------------------------------------------------
// statements
// -------------------------------------------------------------------------------------------

const outputCount = (accept: boolean, n: number, width: number, p: number): number => (accept ? 1 : n * width * p);

/** The statement `circuit ≡ T` on Σ^n for a run function. */
const statementFor = (
  alphabetSize: number,
  n: number,
  params: FloatParams,
  outputs: number,
  run: (tokens: readonly number[]) => Either<string, TransformerRun>,
  text: string,
): CircuitStatement => {
  const b = bitsPerToken(alphabetSize);
  return {
    inputs: n * b,
    outputs,
    text,
    spec: (bits) => {
      const tokens = decodeTokens(alphabetSize, bits, n);
      const r = run(tokens);
      if (r._tag === 'Left') throw new Error(`the transformer refuses the input: ${r.left}`);
      return encodeRunOutputs(params, r.right);
    },
  };
};

/** An arbitrary of valid encoded inputs (tokens < |Σ|). */
const arbEncoded = (alphabetSize: number, n: number): fc.Arbitrary<Uint8Array> =>
  fc.array(fc.integer({ min: 0, max: alphabetSize - 1 }), { minLength: n, maxLength: n }).map((t) => encodeTokens(alphabetSize, t));

// -------------------------------------------------------------------------------------------
// verifier
// -------------------------------------------------------------------------------------------

/** The compilers under test (injectable for honesty tests). @category model */
export interface TransformerToTc0Options {
  readonly compileArithmetic?: (model: TransformerModel, n: number) => Either<string, CompiledTransformer>;
  readonly compilePaper?: (model: GeneralModel, n: number) => Either<string, CompiledTransformer>;
  /** The compilers with the opt-in shallow arithmetic (default: `{ shallow: true }`, `{ shallowSum: true }`). */
  readonly compileArithmeticShallow?: (model: TransformerModel, n: number) => Either<string, CompiledTransformer>;
  readonly compilePaperShallow?: (model: GeneralModel, n: number) => Either<string, CompiledTransformer>;
  /** Override the sizes of the default sweep (tests). */
  readonly exhaustiveModels?: number;
  readonly maxExhaustiveN?: number;
  readonly paperModels?: number;
  readonly propertyRuns?: number;
  readonly depthSweep?: readonly number[];
  readonly tiers?: readonly Tier[];
}

const concreteArb = arbTransformerModel({
  alphabetSize: { min: 2, max: 2 },
  dModel: { min: 1, max: 4 },
  layers: { min: 1, max: 3 },
  heads: { min: 1, max: 2 },
  dHead: { min: 1, max: 2 },
  hidden: { min: 1, max: 3 },
  c: [1],
});

const generalArb = arbGeneralModel({
  alphabetSize: { min: 2, max: 2 },
  width: { min: 1, max: 1 },
  heads: { min: 1, max: 2 },
  layers: { min: 1, max: 2 },
  c: [1],
});

interface Collected {
  readonly runs: { where: string; run: TierRun }[];
  readonly measurements: Measurement[];
}

/**
 * Verify `transformer-to-tc0` (both routes; see the module notes).
 * @category verifiers
 */
export const verifyTransformerToTc0 = async (ctx: VerifyContext, opts: TransformerToTc0Options = {}): Promise<LemmaReport> => {
  const arith = opts.compileArithmetic ?? compileArithmetic;
  const paper = opts.compilePaper ?? compilePaper;
  const arithShallow = opts.compileArithmeticShallow ?? ((m: TransformerModel, n: number) => compileArithmetic(m, n, { shallow: true }));
  const paperShallow = opts.compilePaperShallow ?? ((m: GeneralModel, n: number) => compilePaper(m, n, { shallowSum: true }));
  const claimOf = (metric: string): ClaimedBound => transformerToTc0Claims.find((c) => c.metric === metric)!;
  const claimArith = claimOf('depth·arith');
  const claimPaper = claimOf('depth·paper');
  const claimArithP1 = claimOf('depth·P1·arith');
  const claimPaperP1 = claimOf('depth·P1·paper');
  const claimArithS = claimOf('depth·arith·shallow');
  const claimArithSP1 = claimOf('depth·P1·arith·shallow');
  const claimPaperS = claimOf('depth·paper·shallow');
  const claimPaperSP1 = claimOf('depth·P1·paper·shallow');
  const exhaustive: Collected = { runs: [], measurements: [] };
  const property: Collected = { runs: [], measurements: [] };
  const notes: string[] = [];
  const models = opts.exhaustiveModels ?? (ctx.full ? 12 : 3);
  const maxN = opts.maxExhaustiveN ?? 6;
  const paperModels = opts.paperModels ?? (ctx.full ? 8 : 2);
  const sweep = opts.depthSweep ?? (ctx.full ? [2, 4, 8, 16, 32, 64] : [2, 4, 8, 16]);
  const steps = models + paperModels + 3 + 1;
  let step = 0;
  const tick = async (): Promise<void> => {
    ctx.progress(++step, steps);
    await Promise.resolve();
  };

  /** Compile a concrete model at n, check it (exhaustive or property), measure it. */
  const checkConcrete = (
    model: TransformerModel,
    n: number,
    label: string,
    into: Collected,
    how: 'exhaustive' | 'property',
    numRuns = 64,
    shallow = false,
  ): { depth: number; depthP1: number; size: number; claim: number } | null => {
    const pe = precisionAt(model.precision.c, model.alphabet.length, n);
    if (pe._tag === 'Left') return null;
    const params = pe.right;
    const compiled = (shallow ? arithShallow : arith)(model, n);
    const where = `${label}, n = ${n} (arithmetic route${shallow ? ', shallow arithmetic' : ''})`;
    if (compiled._tag === 'Left') {
      into.runs.push({ where, run: tierRun(left(checkFailure(how, `the compiler refused: ${compiled.left}`, { model: describeModel(model), n })), how, where) });
      return null;
    }
    const accept = model.output.kind === 'accept';
    const stmt = statementFor(model.alphabet.length, n, params, outputCount(accept, n, model.dModel, params.p), (t) => runTransformer(model, t), `the compiled circuit equals the transformer on Σ^${n} (${label})`);
    const arch = architectureParams(model, n, params.p);
    const r =
      how === 'exhaustive'
        ? checkCircuitExhaustive(compiled.right.circuit, stmt, arch)
        : checkCircuitProperty(compiled.right.circuit, stmt, arch, { seed: ctx.seed, numRuns, inputs: arbEncoded(model.alphabet.length, n) });
    into.runs.push({ where, run: tierRun(r, how, stmt.text) });
    if (!isRight(r)) return null;
    const [cd, cp] = shallow ? [claimArithS, claimArithSP1] : [claimArith, claimArithP1];
    into.measurements.push(
      ...measureCircuit(r.right, [
        { metric: cd.metric, figure: 'depth', claimed: cd.at(arch) },
        { metric: cp.metric, figure: 'depthP1', claimed: cp.at(arch) },
      ]),
    );
    const m = metrics(compiled.right.circuit);
    return { depth: m.depth, depthP1: m.depthP1, size: m.size, claim: cd.at(arch) };
  };

  // 1. exhaustive, arithmetic route: random models at every n ≤ maxN
  const sampled = fc.sample(concreteArb, { seed: ctx.seed, numRuns: models });
  for (const [i, model] of sampled.entries()) {
    for (let n = 1; n <= maxN; n++) checkConcrete(model, n, `random model #${i + 1}`, exhaustive, 'exhaustive');
    await tick();
  }
  for (let n = 1; n <= maxN; n++) {
    checkConcrete(majorityTransformer(), n, 'majority.json', exhaustive, 'exhaustive');
    checkConcrete(majorityTransformer(), n, 'majority.json', exhaustive, 'exhaustive', 64, true);
  }
  if (sampled[0] !== undefined) for (let n = 1; n <= Math.min(maxN, 4); n++) checkConcrete(sampled[0], n, 'random model #1', exhaustive, 'exhaustive', 64, true);

  // 2. exhaustive, paper route: random general models at n ≤ 4
  const generals = fc.sample(generalArb, { seed: ctx.seed + 1, numRuns: paperModels });
  const paperDepths: string[] = [];
  const paperShallowDepths: string[] = [];
  for (const [i, model] of generals.entries()) {
    for (let n = 1; n <= 4; n++) {
      const pe = precisionAt(model.precision.c, model.alphabet.length, n);
      if (pe._tag === 'Left') continue;
      const params = pe.right;
      const where = `general model #${i + 1}, n = ${n} (paper route)`;
      const compiled = paper(model, n);
      if (compiled._tag === 'Left') {
        exhaustive.runs.push({ where, run: tierRun(left(checkFailure('exhaustive', `the compiler refused: ${compiled.left}`, { n })), 'exhaustive', where) });
        continue;
      }
      const accept = model.output.kind === 'accept';
      const stmt = statementFor(model.alphabet.length, n, params, outputCount(accept, n, model.width, params.p), (t) => runGeneral(model, t), `the compiled circuit equals the general transformer on Σ^${n} (general model #${i + 1})`);
      const sumMetrics = metrics(floatIteratedSum(n, params.p).circuit);
      const dPlus = sumMetrics.depth;
      const arch: Params = { n, p: params.p, layers: model.layers.length, dPlus, dPlusP1: sumMetrics.depthP1 };
      const r = checkCircuitExhaustive(compiled.right.circuit, stmt, arch);
      exhaustive.runs.push({ where, run: tierRun(r, 'exhaustive', stmt.text) });
      if (!isRight(r)) continue;
      const ms = measureCircuit(r.right, [{ metric: claimPaper.metric, figure: 'depth', claimed: claimPaper.at(arch) }]);
      exhaustive.measurements.push(...ms, ...measureCircuit(r.right, [{ metric: claimPaperP1.metric, figure: 'depthP1', claimed: claimPaperP1.at(arch) }]));
      for (const m of ms) paperDepths.push(`${m.measured}${m.measured === m.claimed ? ' (= claim)' : ` (claim ${m.claimed})`}`);
      // the same model with the opt-in shallow ⊕
      const whereS = `general model #${i + 1}, n = ${n} (paper route, shallow ⊕)`;
      const compiledS = paperShallow(model, n);
      if (compiledS._tag === 'Left') {
        exhaustive.runs.push({ where: whereS, run: tierRun(left(checkFailure('exhaustive', `the compiler refused: ${compiledS.left}`, { n })), 'exhaustive', whereS) });
        continue;
      }
      const sm = metrics(floatIteratedSumShallow(n, params.p).circuit);
      const archS: Params = { n, p: params.p, layers: model.layers.length, dPlusShallow: sm.depth, dPlusShallowP1: sm.depthP1 };
      const rS = checkCircuitExhaustive(compiledS.right.circuit, { ...stmt, text: `${stmt.text}, shallow ⊕` }, archS);
      exhaustive.runs.push({ where: whereS, run: tierRun(rS, 'exhaustive', `${stmt.text}, shallow ⊕`) });
      if (!isRight(rS)) continue;
      const msS = measureCircuit(rS.right, [
        { metric: claimPaperS.metric, figure: 'depth', claimed: claimPaperS.at(archS) },
        { metric: claimPaperSP1.metric, figure: 'depthP1', claimed: claimPaperSP1.at(archS) },
      ]);
      exhaustive.measurements.push(...msS);
      const [dS, pS] = msS;
      if (dS !== undefined && pS !== undefined) paperShallowDepths.push(`${dS.measured} (claim ${dS.claimed}; P1 basis ${pS.measured}, claim ${pS.claimed})`);
    }
    await tick();
  }
  if (paperDepths.length > 0) notes.push(`paper route depths (d layers, d_⊕ measured): ${paperDepths.join(', ')}`);
  if (paperShallowDepths.length > 0) notes.push(`paper route with the shallow ⊕, same models and n: ${paperShallowDepths.join(', ')}`);

  // 3. property: random models and inputs (alphabets of 2–4 symbols), compiled per case
  const pairs = arbModelAndInput({ n: { min: 1, max: 6 }, alphabetSize: { min: 2, max: 4 }, dModel: { min: 1, max: 3 }, layers: { min: 1, max: 2 }, heads: { min: 1, max: 2 }, dHead: { min: 1, max: 2 }, hidden: { min: 1, max: 2 }, c: [1] });
  const pr = checkProperty(
    pairs,
    ({ model, tokens }) => {
      const n = tokens.length;
      const compiled = arith(model, n);
      if (compiled._tag === 'Left') return { model: describeModel(model), tokens, reason: `the compiler refused: ${compiled.left}` };
      const run = runTransformer(model, tokens);
      if (run._tag === 'Left') return { model: describeModel(model), tokens, reason: run.left };
      const params = precisionAt(model.precision.c, model.alphabet.length, n);
      if (params._tag === 'Left') return { model: describeModel(model), tokens, reason: params.left };
      const expected = encodeRunOutputs(params.right, run.right);
      const got = evaluate(compiled.right.circuit, encodeTokens(model.alphabet.length, tokens));
      const same = expected.length === got.length && expected.every((x, i) => x === got[i]);
      if (!same) return { model: describeModel(model), tokens: tokens.map((t) => model.alphabet[t]).join(' '), expected: Array.from(expected).join(''), circuit: Array.from(got).join('') };
      // the same pair through the compiler with the opt-in shallow arithmetic
      const shallow = arithShallow(model, n);
      if (shallow._tag === 'Left') return { model: describeModel(model), tokens, reason: `the compiler (shallow arithmetic) refused: ${shallow.left}` };
      const gotS = evaluate(shallow.right.circuit, encodeTokens(model.alphabet.length, tokens));
      const sameS = expected.length === gotS.length && expected.every((x, i) => x === gotS[i]);
      return sameS
        ? true
        : { route: 'shallow arithmetic', model: describeModel(model), tokens: tokens.map((t) => model.alphabet[t]).join(' '), expected: Array.from(expected).join(''), circuit: Array.from(gotS).join('') };
    },
    { route: 'arithmetic' },
    'the compiled circuit equals the transformer on random (model, input) pairs',
    { seed: ctx.seed, numRuns: opts.propertyRuns ?? (ctx.full ? 200 : 20) },
  );
  property.runs.push({ where: 'random models and inputs', run: tierRun(pr, 'property', 'random (model, input) pairs') });
  await tick();

  // 4. the example models over a sweep of n: property at each n, depth measured, size fitted
  for (const [name, model] of [
    ['majority.json', majorityTransformer()],
    ['softmax-2layer.json', softmaxTwoLayerExample()],
    ['a dense saturated model', saturatedDenseExample()],
  ] as const) {
    const points: { n: number; size: number; depth: number }[] = [];
    const sideBySide: string[] = [];
    for (const n of sweep) {
      const r = checkConcrete(model, n, name, property, 'property', 32);
      if (r !== null) points.push({ n, ...r });
      // the shallow arithmetic compiles more slowly (wider adders): up to n = 8 (`--full`: 16)
      const rs = n <= (ctx.full ? 16 : 8) ? checkConcrete(model, n, name, property, 'property', 16, true) : null;
      if (r !== null && rs !== null) {
        sideBySide.push(`n = ${n}: depth ${rs.depth} (${r.depth}), claim ${rs.claim} (${r.claim}), depth·P1 ${rs.depthP1} (${r.depthP1})`);
      }
    }
    if (sideBySide.length > 0) notes.push(`${name}, shallow arithmetic (default in parentheses): ${sideBySide.join('; ')}`);
    if (points.length > 0) {
      notes.push(
        `${name}: depth ${points.map((q) => `${q.depth} at n = ${q.n}`).join(', ')}; size ${points.map((q) => q.size).join(', ')}` +
          (points.length >= 2 ? `; fitted size exponent ${fittedExponent(points).toFixed(2)} (p grows with n)` : ''),
      );
    }
    await tick();
  }

  const tiers: TierRun[] = [
    combineRuns('exhaustive', 'compiled circuits equal the transformer on every input (both routes)', exhaustive.runs, ctx.seed),
    combineRuns('property', 'compiled circuits equal the transformer on random models and inputs', property.runs, ctx.seed),
  ];
  const req = requirementsOf({ tiers: opts.tiers ?? ['exhaustive', 'property'], claimed: transformerToTc0Claims });
  const sampleArch = architectureParams(softmaxTwoLayerExample(), 16, 8);
  notes.push(
    `claimed depth of the arithmetic route for softmax-2layer.json: ${arithmeticDepthClaim(sampleArch)}; of the paper route for 2 layers with d_⊕ = 9: ${paperDepthBound({ dPlus: 9, layers: 2 })} — the paper route is shallower: its tables fold each step into depth 3`,
  );
  return report(req, tiers, [...exhaustive.measurements, ...property.measurements], notes);
};

/** P1 Theorem 1 as a value. @category lemmas */
export const transformerToTc0Lemma: Lemma = {
  id: 'transformer-to-tc0',
  modules: { construction: ['src/reductions/compile/paperRoute.ts', 'src/reductions/compile/arithmeticRoute.ts'], proof: 'src/proofs/transformer/transformerToTc0.ts' },
  title: 'Log-precision transformers are constant-depth threshold circuits',
  statement:
    'For a c·log n-precision transformer with d layers and each input length n, a threshold circuit of constant depth (3 + (9 + 2·d_⊕)·d by P1\'s proof) and polynomial size computes exactly what the transformer computes on every input of length n.',
  reference: 'P1 Thm 1, Cor 1.1',
  dependsOn: ['lookup-table', 'float-iterated-sum', 'float-iterated-sum-shallow', 'float-mul', 'float-div', 'float-compare'],
  claimed: transformerToTc0Claims,
  tiers: ['exhaustive', 'property'],
  verify: (ctx) => verifyTransformerToTc0(ctx),
};
