/**
 * # Float values during compilation, and the float operations on them
 *
 * The arithmetic route computes every scalar of the transformer (P1 Defs 6–12, in the pinned
 * p-precision reading of `src/core/transformer.ts`) as a {@link FloatVal}: a compile-time
 * constant, a function of one position's token (tabulated at compile time), or p wires. The
 * operations ⊗, ⊕, ⊘, exp_p, ReLU take values and return values, evaluating at compile time
 * whatever is known then (with the kernel's own `floatMul`, `iteratedSum`, …) and building
 * circuits for the rest.
 *
 * ## Main definitions
 * - {@link FloatVal}, {@link CompileContext}, {@link createContext}, {@link BlockCache}.
 * - {@link bitsOf}: the p gates of a value (token functions become a mux on the token bits).
 * - {@link mulOp}, {@link sumOp}, {@link divOp}, {@link expOp}, {@link reluOp}.
 *
 * ## Main results
 * Invariant: every `wires` value evaluates, on every encoded input, to `encodeFloat` of the
 * value the kernel computes, and that value is a normal float (it is an output of f_p: of
 * `floatMul`, `floatDiv`, `iteratedSum`, `floatExp`, or a selection among such values).
 * Each operation keeps it:
 * - ⊗ of two non-constant values: `floatMulGadget` (bit-exact with `floatMul` on all inputs);
 *   of a constant c and wires x: the unary block x ↦ c ⊗ x (below); a zero constant gives
 *   zero (floatMul(0, x) = ⟨0, I^min⟩ for every x).
 * - ⊕: zero terms are dropped (they do not change Σ g_p); with no term left, zero; with one
 *   non-constant term x and no constant, x itself (f_p(g_p(x)) = x for normal x); with constants
 *   and one non-constant term, the unary block; otherwise `floatIteratedSum(k, p)` (bit-exact
 *   with `iteratedSum`), constants as const gates.
 * - ⊘: `floatDivGadget`; exp_p: the unary block (a table); ReLU: sign and zero tests (depth 2).
 * - Opt-in (`createBlockCache(params, true)`): ⊕ by `floatIteratedSumShallow` (depth 6), ⊗ and
 *   ⊘ by `floatMulShallowGadget`, `floatDivShallowGadget` (depths 4 and 3 for p ≤ 16); same functions,
 *   bit for bit. The default is unchanged.
 * - Unary blocks x ↦ f(x) are the smaller (by wires, then gates) of {@link unaryTableCircuit}
 *   (p ≤ 16; correct on normal floats) and the arithmetic circuit with the constants folded
 *   and dead gates dropped (correct on all floats), built once per constant and p.
 *
 * ## Implementation notes
 * - A token value at position i is a table over the alphabet; its bit β is the OR of the
 *   minterm gates [token_i = σ] over the σ whose float has bit β set (depth ≤ 2, tagged as the
 *   embedding). Bit patterns ≥ |Σ| are outside the export contract.
 * - In counting mode (the dry run of `arithmeticRoute.ts`) family circuits are not copied:
 *   their gates and wires are added (for ⊕ the family's own upper bounds) and their outputs
 *   are opaque ids.
 *
 * ## References
 * - P1 = Merrill & Sabharwal, TACL 2023, App. A (Defs 13–15, Lemmas 1 and 5), Theorem 1.
 *
 * @module
 */
import { type Circuit, createBuilder } from '../../core/circuit.js';
import {
  decodeFloat,
  floatDiv,
  floatMul,
  iteratedSum,
  type Float,
  type FloatParams,
} from '../../core/float.js';
import { floatExp } from '../../core/floatExp.js';
import { floatRelu } from '../../core/transformer.js';
import { metrics } from '../../core/metrics.js';
import {
  floatIteratedSum,
  floatIteratedSumGateCount,
  floatIteratedSumWireBound,
} from '../arithmetic/floatIteratedSum.js';
import { floatDivArith, floatDivGadget, floatMulArith, floatMulGadget } from '../arithmetic/floatOps.js';
import { floatDivShallow, floatDivShallowGadget, floatMulShallow, floatMulShallowGadget } from '../arithmetic/floatOpsShallow.js';
import { floatIteratedSumShallow } from '../arithmetic/floatIteratedSumShallow.js';
import { constantBits, normalFloats } from './constants.js';
import { embedCircuit } from './embedSubcircuit.js';
import { foldingBuilder, type FoldingBuilder } from './foldingBuilder.js';
import { eliminateDeadGates } from './simplify.js';
import { unaryTableCircuit } from './unaryTable.js';

/** A scalar during compilation. @category model */
export type FloatVal =
  | { readonly kind: 'const'; readonly value: Float }
  | { readonly kind: 'token'; readonly position: number; readonly table: readonly Float[] }
  | { readonly kind: 'wires'; readonly bits: readonly number[] };

const floatKey = (f: Float): string => `${f.m},${f.e}`;
const sameFloat = (a: Float, b: Float): boolean => a.m === b.m && a.e === b.e;

/** Largest p for which unary functions are also tried as tables. @category model */
export const MAX_TABLE_CHOICE_PRECISION = 16;

/** A unary block: the circuit and how it was made. @category model */
export interface UnaryBlock {
  readonly circuit: Circuit;
  readonly method: 'table' | 'arithmetic';
  readonly depth: number;
}

/**
 * Family members and unary blocks for one precision, shared by the dry run and the build.
 * ⊕ circuits are kept in a small LRU (they are large).
 * @category model
 */
export interface BlockCache {
  readonly params: FloatParams;
  readonly unary: Map<string, UnaryBlock>;
  readonly sums: Map<number, Circuit>;
  /** The k of every ⊕ family member used (k ≥ 2). */
  readonly sumSizes: Set<number>;
  readonly used: { mul: boolean; div: boolean; exp: boolean; compare: boolean };
  /** Sizes of the standalone floatMulArith(p), floatDivArith(p) (for dry runs). */
  readonly gadgetSizes: Map<'mul' | 'div', { readonly gates: number; readonly wires: number }>;
  /**
   * Opt-in: build ⊕ by `floatIteratedSumShallow` (depth 6) and ⊗, ⊘ by the shallow gadgets of
   * `floatOpsShallow.ts` (depths 5, 4) instead of `floatIteratedSum`, `floatMulGadget`,
   * `floatDivGadget` (the default, false).
   */
  readonly shallow: boolean;
}

/** An empty {@link BlockCache} (`shallow`: the opt-in shallow arithmetic, default false). @category constructors */
export const createBlockCache = (params: FloatParams, shallow = false): BlockCache => ({
  params,
  unary: new Map(),
  sums: new Map(),
  sumSizes: new Set(),
  used: { mul: false, div: false, exp: false, compare: false },
  gadgetSizes: new Map(),
  shallow,
});

/** The binary gadget of the cache's arithmetic (default or shallow). */
const mulGadget = (blocks: BlockCache): typeof floatMulGadget => (blocks.shallow ? floatMulShallowGadget : floatMulGadget);
const divGadget = (blocks: BlockCache): typeof floatDivGadget => (blocks.shallow ? floatDivShallowGadget : floatDivGadget);

/** In counting mode, a binary gadget is accounted by its standalone size (no folding). */
const accountGadget = (ctx: CompileContext, which: 'mul' | 'div'): number[] => {
  let size = ctx.blocks.gadgetSizes.get(which);
  if (size === undefined) {
    const build = ctx.blocks.shallow ? (which === 'mul' ? floatMulShallow : floatDivShallow) : which === 'mul' ? floatMulArith : floatDivArith;
    const c = build(ctx.params.p).circuit;
    size = { gates: c.numGates - c.numInputs, wires: c.fanin.length };
    ctx.blocks.gadgetSizes.set(which, size);
  }
  ctx.b.account(size.gates, size.wires);
  return Array.from({ length: ctx.params.p }, () => ctx.b.opaque());
};

const SUM_CACHE = 3;

/** floatIteratedSum(k, p), cached (LRU of {@link SUM_CACHE}). */
const sumCircuit = (blocks: BlockCache, k: number): Circuit => {
  const hit = blocks.sums.get(k);
  if (hit !== undefined) {
    blocks.sums.delete(k);
    blocks.sums.set(k, hit);
    return hit;
  }
  const c = (blocks.shallow ? floatIteratedSumShallow : floatIteratedSum)(k, blocks.params.p).circuit;
  blocks.sums.set(k, c);
  if (blocks.sums.size > SUM_CACHE) blocks.sums.delete(blocks.sums.keys().next().value!);
  return c;
};

/**
 * The unary block for `key`: the smaller of the table (p ≤ 16, or always when there is no
 * arithmetic circuit) and the folded arithmetic circuit.
 */
const unaryBlock = (
  blocks: BlockCache,
  key: string,
  f: (x: Float) => Float,
  arith: ((b: FoldingBuilder, x: readonly number[]) => number[]) | null,
): UnaryBlock => {
  const hit = blocks.unary.get(key);
  if (hit !== undefined) return hit;
  const { params } = blocks;
  if (normalFloats(params).every((x) => sameFloat(f(x), x))) {
    // the identity on the normal floats: no gates
    const ib = createBuilder();
    const identity: UnaryBlock = { circuit: ib.build(ib.inputs(params.p)), method: 'table', depth: 0 };
    blocks.unary.set(key, identity);
    return identity;
  }
  const candidates: UnaryBlock[] = [];
  if (arith === null || params.p <= MAX_TABLE_CHOICE_PRECISION) {
    const circuit = unaryTableCircuit(params, f);
    candidates.push({ circuit, method: 'table', depth: metrics(circuit).depth });
  }
  if (arith !== null) {
    const fb = foldingBuilder(createBuilder());
    const xs = fb.inputs(params.p);
    const circuit = eliminateDeadGates(fb.build(arith(fb, xs))).circuit;
    candidates.push({ circuit, method: 'arithmetic', depth: metrics(circuit).depth });
  }
  let best = candidates[0]!;
  for (const c of candidates) {
    const dw = c.circuit.fanin.length - best.circuit.fanin.length;
    if (dw < 0 || (dw === 0 && c.circuit.numGates < best.circuit.numGates)) best = c;
  }
  blocks.unary.set(key, best);
  return best;
};

/** The state of one compilation (or dry run). @category model */
export interface CompileContext {
  readonly b: FoldingBuilder;
  readonly params: FloatParams;
  readonly alphabetSize: number;
  /** Input gates of each position's token, least significant first. */
  readonly tokenBits: readonly (readonly number[])[];
  readonly blocks: BlockCache;
  /** The tag of the embedding component (token muxes are tagged with it). */
  readonly embeddingTag: number;
  readonly memo: Map<string, readonly number[]>;
  /** A deliberate fault, for honesty tests only ({@link CompileFault}); null in every real compilation. */
  readonly fault: CompileFault | null;
}

/**
 * A deliberate construction bug, so that tests can show the checkers reject a broken compiler:
 * every score negated, the truncation of the maximizer count skipped (fl(1/c) instead of
 * fl(1) ⊘ f_p(c)), or the causal mask off by one (j ≤ i + 1 visible).
 * @category model
 */
export type CompileFault = 'negate-score' | 'skip-truncation' | 'mask-off-by-one';

/**
 * A context: input gates for n tokens of `bitsPerToken` bits each (in order), on a folding
 * builder over `inner`.
 * @category constructors
 */
export const createContext = (
  b: FoldingBuilder,
  blocks: BlockCache,
  alphabetSize: number,
  n: number,
  bitsPerToken: number,
  embeddingTag: number,
  fault: CompileFault | null = null,
): CompileContext => ({
  b,
  params: blocks.params,
  alphabetSize,
  tokenBits: Array.from({ length: n }, () => b.inputs(bitsPerToken)),
  blocks,
  embeddingTag,
  memo: new Map(),
  fault,
});

// -------------------------------------------------------------------------------------------
// values
// -------------------------------------------------------------------------------------------

/** A constant value. @category constructors */
export const constVal = (value: Float): FloatVal => ({ kind: 'const', value });

/** p wires. @category constructors */
export const wiresVal = (bits: readonly number[]): FloatVal => ({ kind: 'wires', bits });


/**
 * A value whose gates are all constants, as a constant (the gates then hold `encodeFloat` of
 * a normal float, by the invariant); any other value unchanged.
 * @category operations
 */
export const settle = (ctx: CompileContext, v: FloatVal): FloatVal => {
  if (v.kind !== 'wires') return v;
  const bits: number[] = [];
  for (const g of v.bits) {
    const c = ctx.b.constantOf(g);
    if (c === null) return v;
    bits.push(c);
  }
  const f = decodeFloat(ctx.params, bits);
  return f._tag === 'Right' ? constVal(f.right) : v;
};

/** Whether a value is the constant zero. @category destructors */
export const isZeroVal = (v: FloatVal): boolean => v.kind === 'const' && v.value.m === 0n;

/**
 * Evaluate `f` at compile time when every value is a constant or a function of one and the
 * same position's token; otherwise `null`.
 */
const lift = (ctx: CompileContext, vals: readonly FloatVal[], f: (xs: Float[]) => Float): FloatVal | null => {
  let position = -1;
  for (const v of vals) {
    if (v.kind === 'wires') return null;
    if (v.kind === 'token') {
      if (position >= 0 && position !== v.position) return null;
      position = v.position;
    }
  }
  const at = (sigma: number): Float[] => vals.map((v) => (v.kind === 'const' ? v.value : (v as { table: readonly Float[] }).table[sigma]!));
  if (position < 0) return constVal(f(at(0)));
  const table = Array.from({ length: ctx.alphabetSize }, (_, s) => f(at(s)));
  if (table.every((t) => t.m === table[0]!.m && t.e === table[0]!.e)) return constVal(table[0]!);
  return { kind: 'token', position, table };
};

/** Run `body` with the builder's tag set to `tag`. */
const withTag = <T>(ctx: CompileContext, tag: number, body: () => T): T => {
  const saved = ctx.b.tag();
  ctx.b.setTag(tag);
  try {
    return body();
  } finally {
    ctx.b.setTag(saved);
  }
};

/** [token_i = σ]: one threshold minterm over the token bits. */
const tokenIs = (ctx: CompileContext, i: number, sigma: number): number => {
  const bits = ctx.tokenBits[i]!;
  let ones = 0;
  const ws = bits.map((_, j) => {
    if ((sigma >> j) & 1) {
      ones++;
      return 1;
    }
    return -1;
  });
  return ctx.b.ge(bits, ones, ws);
};

/**
 * The p gates of a value: const gates, the token mux (tagged as the embedding), or the wires.
 * @category operations
 */
export const bitsOf = (ctx: CompileContext, v: FloatVal): readonly number[] => {
  const { b, params } = ctx;
  if (v.kind === 'wires') return v.bits;
  if (v.kind === 'const') return constantBits(b, params, v.value);
  const key = `tok:${v.position}:${v.table.map(floatKey).join(';')}`;
  const hit = ctx.memo.get(key);
  if (hit !== undefined) return hit;
  const bits = withTag(ctx, ctx.embeddingTag, () => {
    const eq = v.table.map((_, s) => tokenIs(ctx, v.position, s));
    const encoded = v.table.map((f) => encodeBits(params, f));
    return Array.from({ length: params.p }, (_, beta) => {
      const on = eq.filter((_, s) => encoded[s]![beta] === 1);
      return on.length === eq.length ? b.constant(1) : b.or(on);
    });
  });
  ctx.memo.set(key, bits);
  return bits;
};

const encodeBits = (params: FloatParams, f: Float): number[] => {
  const out: number[] = [];
  const put = (z: bigint): void => {
    let mag = z < 0n ? -z : z;
    for (let j = 0; j < params.q - 1; j++) {
      out.push(Number(mag & 1n));
      mag >>= 1n;
    }
    out.push(z < 0n ? 1 : 0);
  };
  put(f.m);
  put(f.e);
  return out;
};

/** Copy a block into the circuit (or, counting, add its size and return opaque outputs). */
const embedBlock = (ctx: CompileContext, c: Circuit, inputs: readonly number[]): number[] => {
  if (ctx.b.counting) {
    ctx.b.account(c.numGates - c.numInputs, c.fanin.length);
    return Array.from(c.outputs, () => ctx.b.opaque());
  }
  return embedCircuit(ctx.b, c, inputs);
};

// -------------------------------------------------------------------------------------------
// operations
// -------------------------------------------------------------------------------------------

/** The unary block x ↦ c ⊗ x. */
const mulConstBlock = (blocks: BlockCache, c: Float): UnaryBlock =>
  unaryBlock(
    blocks,
    `mul:${floatKey(c)}`,
    (x) => floatMul(blocks.params, c, x),
    (fb, xs) => mulGadget(blocks)(fb, blocks.params, constantBits(fb, blocks.params, c), xs),
  );

/** The unary block x ↦ ⊕(c_1, …, c_m, x). */
const addConstBlock = (blocks: BlockCache, cs: readonly Float[]): UnaryBlock =>
  unaryBlock(
    blocks,
    `add:${cs.map(floatKey).sort().join(';')}`,
    (x) => iteratedSum(blocks.params, [...cs, x]),
    blocks.params.p <= MAX_TABLE_CHOICE_PRECISION && cs.length + 1 > 8
      ? null
      : (fb, xs) => embedCircuit(fb, sumCircuit(blocks, cs.length + 1), [...cs.flatMap((c) => constantBits(fb, blocks.params, c)), ...xs]),
  );

/** The unary block x ↦ exp_p(x) (a table). */
const expBlock = (blocks: BlockCache): UnaryBlock => unaryBlock(blocks, 'exp', (x) => floatExp(blocks.params, x), null);

/** The constant-multiplier block for `c` (for the depth formula). @category operations */
export const constMulBlock = mulConstBlock;
/** The exp block (for the depth formula). @category operations */
export const constExpBlock = expBlock;

/**
 * a ⊗ b (floatMul).
 * @category operations
 */
export const mulOp = (ctx: CompileContext, a0: FloatVal, c0: FloatVal): FloatVal => {
  const { params } = ctx;
  const a = settle(ctx, a0);
  const c = settle(ctx, c0);
  if (isZeroVal(a) || isZeroVal(c)) return constVal({ m: 0n, e: params.iMin });
  const known = lift(ctx, [a, c], ([x, y]) => floatMul(params, x!, y!));
  if (known !== null) return known;
  if (a.kind === 'const' || c.kind === 'const') {
    const [k, x] = a.kind === 'const' ? [a.value, c] : [(c as { value: Float }).value, a];
    return wiresVal(embedBlock(ctx, mulConstBlock(ctx.blocks, k).circuit, bitsOf(ctx, x)));
  }
  ctx.blocks.used.mul = true;
  const xa = bitsOf(ctx, a);
  const xc = bitsOf(ctx, c);
  if (ctx.b.counting) return wiresVal(accountGadget(ctx, 'mul'));
  return wiresVal(mulGadget(ctx.blocks)(ctx.b, params, xa, xc));
};

/**
 * ⊕ of the terms (iteratedSum: one truncation of the exact sum).
 * @category operations
 */
export const sumOp = (ctx: CompileContext, terms: readonly FloatVal[]): FloatVal => {
  const { params } = ctx;
  const live = terms.map((t) => settle(ctx, t)).filter((t) => !isZeroVal(t));
  if (live.length === 0) return constVal({ m: 0n, e: params.iMin });
  const known = lift(ctx, live, (xs) => iteratedSum(params, xs));
  if (known !== null) return known;
  const consts = live.filter((t) => t.kind === 'const').map((t) => (t as { value: Float }).value);
  const vars = live.filter((t) => t.kind !== 'const');
  if (vars.length === 1 && consts.length === 0) return wiresVal(bitsOf(ctx, vars[0]!));
  if (vars.length === 1) return wiresVal(embedBlock(ctx, addConstBlock(ctx.blocks, consts).circuit, bitsOf(ctx, vars[0]!)));
  const k = live.length;
  ctx.blocks.sumSizes.add(k);
  const inputs = live.flatMap((t) => bitsOf(ctx, t));
  if (ctx.b.counting && ctx.blocks.shallow) {
    // the shallow ⊕ has no closed-form count here: its (cached) circuit is measured
    const sc = sumCircuit(ctx.blocks, k);
    ctx.b.account(sc.numGates - sc.numInputs, sc.fanin.length);
    return wiresVal(Array.from({ length: params.p }, () => ctx.b.opaque()));
  }
  if (ctx.b.counting) {
    ctx.b.account(floatIteratedSumGateCount(k, params.p), floatIteratedSumWireBound(k, params.p));
    return wiresVal(Array.from({ length: params.p }, () => ctx.b.opaque()));
  }
  return wiresVal(embedCircuit(ctx.b, sumCircuit(ctx.blocks, k), inputs));
};

/**
 * a ⊘ b (floatDiv).
 * @category operations
 */
export const divOp = (ctx: CompileContext, a0: FloatVal, c0: FloatVal): FloatVal => {
  const { params } = ctx;
  const a = settle(ctx, a0);
  const c = settle(ctx, c0);
  const known = lift(ctx, [a, c], ([x, y]) => floatDiv(params, x!, y!));
  if (known !== null) return known;
  ctx.blocks.used.div = true;
  const xa = bitsOf(ctx, a);
  const xc = bitsOf(ctx, c);
  if (ctx.b.counting) return wiresVal(accountGadget(ctx, 'div'));
  return wiresVal(divGadget(ctx.blocks)(ctx.b, params, xa, xc));
};

/**
 * exp_p(a) (floatExp), by the table block.
 * @category operations
 */
export const expOp = (ctx: CompileContext, a0: FloatVal): FloatVal => {
  const { params } = ctx;
  const a = settle(ctx, a0);
  const known = lift(ctx, [a], ([x]) => floatExp(params, x!));
  if (known !== null) return known;
  ctx.blocks.used.exp = true;
  return wiresVal(embedBlock(ctx, expBlock(ctx.blocks).circuit, bitsOf(ctx, a)));
};

/**
 * ReLU(a): a if a > 0, else zero ⟨0, I^min⟩. On wires: pos = [Σ mm − (q−1)·σ ≥ 1] (depth 1),
 * mantissa bits mm ∧ pos, sign 0, exponent bits e ∨ ¬pos (zero's exponent bits are all 1).
 * @category operations
 */
export const reluOp = (ctx: CompileContext, a0: FloatVal): FloatVal => {
  const { params, b } = ctx;
  const a = settle(ctx, a0);
  const known = lift(ctx, [a], ([x]) => floatRelu(params, x!));
  if (known !== null) return known;
  const bits = bitsOf(ctx, a);
  const q = params.q;
  const mm = bits.slice(0, q - 1);
  const sigma = bits[q - 1]!;
  const pos = b.ge([...mm, sigma], 1, [...mm.map(() => 1), -(q - 1)]);
  return wiresVal([
    ...mm.map((x) => b.and([pos, x])),
    b.constant(0),
    ...bits.slice(q).map((x) => b.ge([x, pos], 0, [1, -1])),
  ]);
};

/**
 * Select among values by exclusive conditions: bit β = OR_t (cond_t ∧ bit β of vals_t). When
 * exactly one condition holds this is that value. Depth +2.
 * @category operations
 */
export const selectOp = (ctx: CompileContext, conds: readonly number[], vals: readonly FloatVal[]): FloatVal => {
  const bits = vals.map((v) => bitsOf(ctx, v));
  return wiresVal(
    Array.from({ length: ctx.params.p }, (_, beta) => ctx.b.or(conds.map((c, t) => ctx.b.and([c, bits[t]![beta]!])))),
  );
};
