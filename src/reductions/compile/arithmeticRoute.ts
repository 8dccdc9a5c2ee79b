/**
 * # Compiling a transformer by explicit float circuits (the arithmetic route)
 *
 * For each input length n, a concrete log-precision transformer (`TransformerModel`, read
 * exactly as `runTransformer` in `src/core/transformer.ts`) becomes a constant-depth,
 * polynomial-size threshold circuit (P1 Theorem 2), built from explicit float circuits:
 * ⊗ (`floatMulGadget`), ⊕ (`floatIteratedSum`), ⊘ (`floatDivGadget`), comparisons of normal
 * floats (one threshold gate, `compare.ts`), and depth-2 tables for functions of one float
 * (exp_p, multiplication by a constant weight when smaller than the folded multiplier).
 *
 * ## Main definitions
 * - {@link compileArithmetic}: model, n ↦ the circuit with its per-component breakdown, or why
 *   not (a Left).
 * - {@link arithmeticDepthFormula}: the claimed depth as a formula of the architecture and the
 *   measured depths of the building blocks, as a number and as text.
 *
 * ## Main results
 * - Correctness: on every encoded input (`encodeTokens`) the circuit outputs `runTransformer`'s
 *   verdict (accept models) or `encodeFloat` of every final state float (state models),
 *   position-major. Every stage is a composition of the exact operations of `values.ts`
 *   (module notes there), checked in `test/compile.arithmetic.test.ts` exhaustively for n ≤ 5
 *   and on seeded inputs beyond.
 * - Depth (claimed, {@link arithmeticDepthFormula}), with d_emb = 2 (token mux), d_⊗, d_⊘ the
 *   depths of floatMulArith(p), floatDivArith(p), d_⊕ that of floatIteratedSum (measured at
 *   k = 2, 3; ≤ 9 for every k by the family's claim), d_⊗c = max(2, d_⊗) (constant
 *   multipliers: table or folded multiplier), d_exp = 2, d_cmp = 2 (key comparison; p ≤ 28):
 *   depth ≤ d_emb + Σ_ℓ [P_ℓ + max_h (S + N_h + W_h) + R + F_ℓ] + d_out, where P_1 = 0 (layer 1's
 *   projections are functions of one token, tabulated), P_ℓ = d_⊗c + d_⊕ for ℓ ≥ 2,
 *   S = d_⊗ + d_⊕, N = d_exp + d_⊕ + d_⊘ (softmax), d_cmp + 4 (saturated), d_cmp + 1 (hard),
 *   W = d_⊗ + d_⊕ (softmax, saturated) or 2 (hard), R = d_⊗c + d_⊕, F = 2(d_⊗c + d_⊕) + 2 with
 *   a feed-forward block, plus d_⊗ when it has a ReGLU gate (else 0), d_out = 1 (accept) or 0
 *   (state). A constant: no term grows with n. A head's own causal mask (`Head.causal`) only
 *   changes which scores are built.
 * - Opt-in `shallow` ({@link CompileArithmeticOptions}): the same circuit shape on the shallow
 *   arithmetic — d_⊕ = 6 (`floatIteratedSumShallow`), d_⊗ = 4, d_⊘ = 3 (`floatOpsShallow.ts`),
 *   measured the same way; p ≤ 16. The default build is unchanged.
 * - Size: polynomial in n for p = O(log n): O(n²) products and ⊕ of ≤ n terms per head
 *   (each polynomial in n and 2^(p/2)), O(n³) one-gate comparisons per saturated or hard head.
 *
 * ## Implementation notes
 * - Refusals, up front: p > 32 (floatIteratedSum, floatDivArith), softmax with p > 20 (the exp
 *   table), and a dry run (the same construction on a counting builder, family circuits
 *   counted by their own bounds, unfolded) whose own gates exceed `CIRCUIT_LIMITS`, or whose
 *   total with the family bounds exceeds 8× them — the family bounds over-estimate when inputs
 *   fold, so below that the real build is attempted and its own guards refuse it if it does
 *   cross the limits.
 * - Constants are folded while building (`foldingBuilder.ts`) and dead gates dropped at the
 *   end (`simplify.ts`); the breakdown counts the gates that remain, per component, and the
 *   depth each component adds on top of the components before it (sums to the depth).
 *
 * ## References
 * - P1 = Merrill & Sabharwal, *The Parallelism Tradeoff*, TACL 2023, Theorem 2 and its proof
 *   (App. A), Lemmas 1 and 5.
 *
 * @module
 */
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import { CIRCUIT_LIMITS, createBuilder } from '../../core/circuit.js';
import type { FloatParams } from '../../core/float.js';
import { gateDepths, metrics } from '../../core/metrics.js';
import { headIsCausal, precisionAt, type TransformerModel } from '../../core/transformer.js';
import { FLOAT_ITERATED_SUM_MAX_PRECISION, floatIteratedSum } from '../arithmetic/floatIteratedSum.js';
import { floatCompareArith, floatDivArith, floatMulArith, MAX_FLOAT_DIV_ARITH_PRECISION } from '../arithmetic/floatOps.js';
import { floatDivShallow, floatMulShallow, MAX_FLOAT_DIV_SHALLOW_PRECISION } from '../arithmetic/floatOpsShallow.js';
import { floatIteratedSumShallow } from '../arithmetic/floatIteratedSumShallow.js';
import { headScores, normalizeScores, projectHead, weightedSum } from './attention.js';
import { MAX_KEY_COMPARE_PRECISION } from './compare.js';
import { embedTokens } from './embedding.js';
import { feedForwardOp, residualOp } from './feedForward.js';
import { countingBuilder, foldingBuilder, type FoldingBuilder } from './foldingBuilder.js';
import { outputGates } from './output.js';
import { eliminateDeadGates } from './simplify.js';
import { bitsPerToken, type ComponentBreakdown, type CompiledTransformer } from './types.js';
import { MAX_UNARY_TABLE_PRECISION } from './unaryTable.js';
import { constExpBlock, createBlockCache, createContext, type BlockCache, type CompileFault, type FloatVal } from './values.js';

/** Options of {@link compileArithmetic}. @category model */
export interface CompileArithmeticOptions {
  /** Called after the size estimate (done = 0) and after each component is built. */
  readonly onProgress?: (done: number, total: number, stage: string) => void;
  /** A deliberate construction bug, for honesty tests only. */
  readonly fault?: CompileFault;
  /**
   * Opt-in: build ⊕, ⊗ and ⊘ on the shallow arithmetic (`floatIteratedSumShallow`,
   * `floatMulShallowGadget`, `floatDivShallowGadget`: d_⊕ = 6, d_⊗ = 4, d_⊘ = 3) instead of the
   * default `floatIteratedSum`, `floatMulGadget`, `floatDivGadget`. Refused for p > 16 (the
   * shallow ⊕'s range). Default false: the default circuit is unchanged.
   */
  readonly shallow?: boolean;
}

/** Largest p of the shallow arithmetic (`floatIteratedSumShallow`). */
const MAX_SHALLOW_PRECISION = 16;

/** The building blocks' depths the claimed depth is a formula of. @category model */
export interface BlockDepths {
  readonly emb: number;
  readonly mul: number;
  readonly mulConst: number;
  readonly sum: number;
  readonly div: number | null;
  readonly exp: number | null;
  readonly cmp: number;
  readonly out: number;
}

/** A claimed depth: the number, the formula, and the block depths it uses. @category model */
export interface DepthClaim {
  readonly depth: number;
  readonly formula: string;
  readonly blocks: BlockDepths;
}

/** A compiled transformer with the arithmetic route's extras. @category model */
export interface ArithmeticCompiled extends CompiledTransformer {
  readonly route: 'arithmetic';
  readonly depthClaim: DepthClaim;
  /** The dry run's size estimate (an upper bound before folding of the family circuits). */
  readonly estimate: { readonly gates: number; readonly wires: number };
}

/** How far above the kernel's limits the dry run's (loose) estimate may go before an up-front refusal. */
const ESTIMATE_SLACK = 8;

/** The component names, in build order (index = tag). */
const componentNames = (model: TransformerModel): string[] => [
  'embedding',
  ...model.layers.flatMap((_, l) =>
    ['projections', 'scores', 'normalizer', 'weighted sum', 'feed-forward'].map((s) => `layer ${l + 1}: ${s}`),
  ),
  'output',
];

/** Why the model cannot be compiled at precision p, or null. */
const refusal = (model: TransformerModel, p: number, shallow = false): string | null => {
  if (shallow && p > MAX_SHALLOW_PRECISION) return `p = ${p} exceeds the ${MAX_SHALLOW_PRECISION} bits floatIteratedSumShallow supports (shallow arithmetic)`;
  if (shallow && p > MAX_FLOAT_DIV_SHALLOW_PRECISION) return `p = ${p} exceeds the ${MAX_FLOAT_DIV_SHALLOW_PRECISION} bits floatDivShallow supports`;
  if (p > FLOAT_ITERATED_SUM_MAX_PRECISION) {
    return `p = ${p} exceeds the ${FLOAT_ITERATED_SUM_MAX_PRECISION} bits floatIteratedSum supports`;
  }
  const softmax = model.layers.some((l) => l.heads.some((h) => h.attention === 'softmax'));
  if (softmax && p > MAX_FLOAT_DIV_ARITH_PRECISION) return `p = ${p} exceeds the ${MAX_FLOAT_DIV_ARITH_PRECISION} bits floatDivArith supports (softmax)`;
  if (softmax && p > MAX_UNARY_TABLE_PRECISION) {
    return `p = ${p}: softmax needs exp_p as a lookup table on p bits, at most ${MAX_UNARY_TABLE_PRECISION} inputs`;
  }
  return null;
};

/** Build every component into `b`; `enter(c)` is called before component c. Returns the outputs. */
const pipeline = (
  b: FoldingBuilder,
  blocks: BlockCache,
  model: TransformerModel,
  n: number,
  enter: (component: number) => void,
  fault: CompileFault | null = null,
): number[] => {
  const params = blocks.params;
  const ctx = createContext(b, blocks, model.alphabet.length, n, bitsPerToken(model.alphabet.length), 0, fault);
  enter(0);
  let xs: FloatVal[][] = embedTokens(params, model, n);
  model.layers.forEach((layer, l) => {
    const base = 1 + 5 * l;
    // the last layer of an accept model: only position n is read
    const last = l === model.layers.length - 1 && model.output.kind === 'accept';
    const active = (i: number): boolean => !last || i === n - 1;
    enter(base);
    const proj = layer.heads.map((h) => projectHead(ctx, h, xs, active));
    enter(base + 1);
    const scores = proj.map((pr, hi) => headScores(ctx, pr, headIsCausal(model, layer.heads[hi]!), active));
    enter(base + 2);
    const norms = layer.heads.map((h, hi) => normalizeScores(ctx, h.attention, scores[hi]!));
    enter(base + 3);
    const attended = norms.map((nm, hi) => weightedSum(ctx, nm, proj[hi]!.v));
    const ys = xs.map((x, i) =>
      active(i)
        ? residualOp(
            ctx,
            layer,
            x,
            attended.map((a) => a[i]!),
          )
        : [],
    );
    enter(base + 4);
    xs = ys.map((y, i) => (active(i) ? feedForwardOp(ctx, layer.ffn, y) : []));
  });
  enter(1 + 5 * model.layers.length);
  return outputGates(ctx, model.output, xs);
};

/** The measured block depths at precision p (building the standalone blocks). */
const blockDepths = (model: TransformerModel, blocks: BlockCache): BlockDepths => {
  const p = blocks.params.p;
  const kinds = new Set(model.layers.flatMap((l) => l.heads.map((h) => h.attention)));
  const sh = blocks.shallow;
  const mul = metrics((sh ? floatMulShallow : floatMulArith)(p).circuit).depth;
  const sumOf = sh ? floatIteratedSumShallow : floatIteratedSum;
  const sum = Math.max(metrics(sumOf(2, p).circuit).depth, metrics(sumOf(3, p).circuit).depth);
  return {
    emb: 2,
    mul,
    mulConst: Math.max(2, mul),
    sum,
    div: kinds.has('softmax') ? metrics((sh ? floatDivShallow : floatDivArith)(p).circuit).depth : null,
    exp: kinds.has('softmax') ? constExpBlock(blocks).depth : null,
    cmp: p <= MAX_KEY_COMPARE_PRECISION ? 2 : metrics(floatCompareArith(p).circuit).depth + 1,
    out: model.output.kind === 'accept' ? 1 : 0,
  };
};

/** The claimed depth from the block depths (module header). */
const claim = (model: TransformerModel, d: BlockDepths): DepthClaim => {
  const S = d.mul + d.sum;
  const R = d.mulConst + d.sum;
  const parts: string[] = [];
  let total = d.emb;
  model.layers.forEach((layer, l) => {
    const P = l === 0 ? 0 : d.mulConst + d.sum;
    let head = 0;
    const headText: string[] = [];
    for (const h of layer.heads) {
      const N = h.attention === 'softmax' ? d.exp! + d.sum + d.div! : h.attention === 'saturated' ? d.cmp + 4 : d.cmp + 1;
      const W = h.attention === 'hard' ? 2 : d.mul + d.sum;
      head = Math.max(head, S + N + W);
      headText.push(`${h.attention} ${S}+${N}+${W}`);
    }
    const F = layer.ffn === null ? 0 : 2 * (d.mulConst + d.sum) + 2 + (layer.ffn.gate === undefined ? 0 : d.mul);
    total += P + head + R + F;
    parts.push(`ℓ${l + 1}: ${P} + max(${headText.join(', ') || '0'}) + ${R} + ${F}`);
  });
  total += d.out;
  const blocksText = [
    `d_emb = ${d.emb}`,
    `d_⊗ = ${d.mul}`,
    `d_⊗c = max(2, d_⊗) = ${d.mulConst}`,
    `d_⊕ = ${d.sum}`,
    ...(d.div === null ? [] : [`d_⊘ = ${d.div}`]),
    ...(d.exp === null ? [] : [`d_exp = ${d.exp}`]),
    `d_cmp = ${d.cmp}`,
    `d_out = ${d.out}`,
  ].join(', ');
  const formula =
    'depth ≤ d_emb + Σ_ℓ [P_ℓ + max_h (S + N_h + W_h) + R + F_ℓ] + d_out, P_1 = 0, P_ℓ = d_⊗c + d_⊕, S = d_⊗ + d_⊕, ' +
    'N = d_exp + d_⊕ + d_⊘ | d_cmp + 4 | d_cmp + 1 (softmax | saturated | hard), W = d_⊗ + d_⊕ | 2 (hard), ' +
    'R = d_⊗c + d_⊕, F = 2(d_⊗c + d_⊕) + 2 (feed-forward; + d_⊗ with a gate) | 0; ' +
    `with ${blocksText}: ${d.emb} + [${parts.join('] + [')}] + ${d.out} = ${total}`;
  return { depth: total, formula, blocks: d };
};

const paramsFor = (model: TransformerModel, n: number, shallow = false): Either<string, FloatParams> => {
  if (!Number.isSafeInteger(n) || n < 1) return left(`the length n must be an integer ≥ 1, got ${n}`);
  if (model.alphabet.length < 1) return left('the alphabet is empty');
  const pe = precisionAt(model.precision.c, model.alphabet.length, n);
  if (pe._tag === 'Left') return pe;
  const why = refusal(model, pe.right.p, shallow);
  return why === null ? pe : left(why);
};

/**
 * The claimed depth of the arithmetic route's circuit for `model` at length n (module header),
 * with the block depths measured on the standalone blocks at the precision of n.
 * @example
 * ```ts
 * const c = arithmeticDepthFormula(majority, 16); // right({ depth, formula, blocks })
 * ```
 * @category constructors
 */
export const arithmeticDepthFormula = (model: TransformerModel, n: number, opts: { readonly shallow?: boolean } = {}): Either<string, DepthClaim> => {
  const shallow = opts.shallow === true;
  const pe = paramsFor(model, n, shallow);
  if (pe._tag === 'Left') return pe;
  return right(claim(model, blockDepths(model, createBlockCache(pe.right, shallow))));
};

/**
 * Compile `model` at length n into a threshold circuit by explicit float arithmetic (module
 * header), with the per-component breakdown, or say why not.
 * @example
 * ```ts
 * const r = compileArithmetic(majority, 8);
 * if (r._tag === 'Right') evaluate(r.right.circuit, encodeTokens(2, [1, 0, 1, 1, 0, 1, 1, 0]));
 * ```
 * @category constructors
 */
export const compileArithmetic = (
  model: TransformerModel,
  n: number,
  opts: CompileArithmeticOptions = {},
): Either<string, ArithmeticCompiled> => {
  const shallow = opts.shallow === true;
  const pe = paramsFor(model, n, shallow);
  if (pe._tag === 'Left') return pe;
  const params = pe.right;
  const names = componentNames(model);
  const total = names.length;
  const blocks = createBlockCache(params, shallow);
  try {
    // dry run: the same construction, counted
    // The dry run does not fold family circuits (it adds their standalone size), so that part
    // over-estimates, by 30× and more when most inputs fold: refuse up front when the gates it
    // does build exceed the limits, or everything exceeds ESTIMATE_SLACK × them; otherwise let
    // the real build's own guards (the folding builder's wire limit, the kernel builder's gate
    // limit) decide.
    const counter = countingBuilder(CIRCUIT_LIMITS, ESTIMATE_SLACK);
    try {
      pipeline(foldingBuilder(counter), blocks, model, n, () => undefined, opts.fault ?? null);
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      return left(
        `the estimated size at n = ${n}, p = ${params.p} exceeds the kernel's limits (${CIRCUIT_LIMITS.maxGates} gates, ${CIRCUIT_LIMITS.maxWires} wires), refused up front: ${e.message}`,
      );
    }
    const estimate = { gates: counter.gates(), wires: counter.wires() };
    opts.onProgress?.(0, total, 'size estimate');
    const b = foldingBuilder(createBuilder());
    let current = -1;
    const outs = pipeline(b, blocks, model, n, (c) => {
      if (current >= 0) opts.onProgress?.(c, total, names[current]!);
      current = c;
      b.setTag(c);
    }, opts.fault ?? null);
    const pruned = eliminateDeadGates(b.build(outs));
    opts.onProgress?.(total, total, names[current]!);
    const circuit = pruned.circuit;
    const oldTags = b.tags();
    const depths = gateDepths(circuit);
    const gates = new Array<number>(total).fill(0);
    const deepest = new Array<number>(total).fill(0);
    for (let i = 0; i < circuit.numGates; i++) {
      const t = oldTags[pruned.kept[i]!]!;
      if (circuit.kind[i] !== 0) gates[t]! += 1;
      deepest[t] = Math.max(deepest[t]!, depths[i]!);
    }
    let reached = 0;
    const breakdown: ComponentBreakdown[] = names.map((component, t) => {
      const depth = Math.max(0, deepest[t]! - reached);
      reached = Math.max(reached, deepest[t]!);
      return { component, gates: gates[t]!, depth };
    });
    return right({
      route: 'arithmetic',
      circuit,
      n,
      p: params.p,
      bitsPerToken: bitsPerToken(model.alphabet.length),
      breakdown,
      depthClaim: claim(model, blockDepths(model, blocks)),
      estimate,
    });
  } catch (e) {
    if (e instanceof RangeError) return left(`cannot build the circuit at n = ${n}, p = ${params.p}: it exceeds the kernel's limits while building (${e.message})`);
    throw e;
  }
};
