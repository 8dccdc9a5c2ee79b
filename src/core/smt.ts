/**
 * # SAT/SMT equivalence tier
 *
 * Checks that a {@link Circuit} computes the same Boolean function as a specification written
 * as an independent z3 formula, for one fixed input width. The check is a *miter*: encode the
 * circuit over input variables `x_0 … x_(n−1)`, let the spec build its outputs over the same
 * variables, assert `OR_j (circuit_j XOR spec_j)` and ask z3. `unsat` means the two agree on
 * all 2^n inputs (a success of tier `sat`); `sat` yields a counterexample input; `unknown`
 * (including a timeout) is a failure, never a success.
 *
 * ## Main definitions
 * - {@link getZ3}: the current z3 module (loaded on demand; each check uses and then retires one).
 * - {@link shutdownZ3}: terminate z3's worker threads (optional, see below).
 * - {@link encodeCircuit}: a circuit's outputs as z3 Bool expressions over given inputs.
 * - {@link checkEquivalenceSmt}: the miter check, returning `Either<SmtFailure, SmtSuccess>`.
 * - {@link SmtSpec}, {@link SmtSpecHelpers}: how a specification is written.
 *
 * ## Implementation notes
 * - **One z3 module per check.** `init()` loads a ~30 MB wasm module (0.1–0.4 s here, plus a
 *   warm-up check that starts z3's threads). {@link checkEquivalenceSmt} takes the current
 *   module, keeps every z3 object it makes reachable until it is done, then retires the module
 *   ({@link shutdownZ3}); the next check loads a fresh one. This is the fix for heap
 *   corruption found by experiment (see `Z3Instance` in the source): z3-solver frees objects
 *   from a FinalizationRegistry on the main thread, which raced with a solve running on z3's
 *   worker thread. Costs ≈ 0.5 s per check. The only mutable state of this file is the
 *   promise of the current module.
 * - **Process exit.** z3-solver 5.2 is built with an Emscripten that `unref()`s its pthread
 *   workers, so a Node process (or a vitest fork) exits on its own after its checks, without
 *   `process.exit` and without killing threads (verified by a test that runs a check in a
 *   child process and requires it to exit by itself). Older z3-solver versions kept the
 *   workers referenced; z3-solver now exports `killThreads(em)`, which calls
 *   `em.PThread.terminateAllThreads()` and waits. {@link shutdownZ3} wraps it for callers that
 *   want the threads gone explicitly. Found by experiment: a solver with a `timeout` starts a
 *   timer thread that stays alive; after `killThreads` the *same* module still answers
 *   untimed checks but hangs on the next timed one, so {@link shutdownZ3} also drops the
 *   cached module and the next {@link getZ3} loads a fresh one.
 * - **Encoding.** Gates are encoded in id order, so each gate's expression is built once and
 *   shared by every consumer (z3 also hash-conses terms). AND/OR/NOT map to z3's Boolean
 *   connectives (`And()` = true and `Or()` = false, as in the reference evaluator); const
 *   gates to `true`/`false`; a gate with no arguments to the constant `0 ≥ k` / `0 ≤ k`.
 *   Threshold gates have three encodings ({@link ThresholdEncoding}), all exact:
 *   - `'bv'` (default): the weighted sum as bit-vector additions, terms sorted by |w| and each
 *     partial sum exactly as wide as its range needs (no overflow), compared signed with k;
 *   - `'pb'`: z3's native pseudo-Boolean `PbGe` / `PbLe` (signed 32-bit coefficients; negative
 *     weights allowed and tested); a gate whose Σ|w| + |k| exceeds 2^30 falls back to `'arith'`
 *     so the PB solver never sees coefficients near the int range;
 *   - `'arith'`: `Σ If(x_j, w_j, 0) ≥ k` over unbounded Int.
 *
 *   Measured on the miter of a depth-3 threshold circuit for the sum of four 8-bit numbers
 *   against a bit-vector adder spec: `'bv'` 0.1–0.3 s, `'pb'` and `'arith'` > 60 s (4 × 4-bit:
 *   0.1 s vs 11 s vs 12 s). Bit-vector specs meet a bit-vector encoding in one theory (all
 *   bit-blasted to SAT); with PB or Int the solver must relate two theories through Booleans.
 *   Sorting by |w| matters (a chain over the circuit's natural order took 0.4–1.6 s), and so
 *   does the tight width (fixed full-width sums took 2–5 s). `'pb'` may still win when the
 *   spec itself is a cardinality/PB formula.
 * - **Counterexamples are re-checked.** On `sat`, the input is read from the model, the
 *   circuit is run on it by the reference evaluator (`evaluate.ts`), and that result is
 *   compared with z3's own value of the encoded circuit; if they disagree, or if the evaluated
 *   circuit agrees with the spec after all, the result is `Unknown` with an "internal" reason
 *   rather than a counterexample that the kernel's semantics does not confirm.
 * - Bits are least significant first everywhere: `input[j]` is input bit j, and
 *   `bvFromBits([b0, b1, …])` has b0 as its bit 0.
 *
 * ## References
 * - P1 = Merrill & Sabharwal, TACL 2023, Defs 1–4 (the circuit semantics encoded here).
 * - L. de Moura, N. Bjørner, "Z3: An Efficient SMT Solver", TACAS 2008.
 * - D. Brand, "Verification of large synthesized designs", ICCAD 1993 (the miter).
 *
 * @module
 */
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import { init, killThreads, type Arith, type BitVec, type Bool, type Context } from 'z3-solver';
import { GateKind, type Circuit } from './circuit.js';
import { evaluate } from './evaluate.js';

// ---------------------------------------------------------------------------------------------
// model
// ---------------------------------------------------------------------------------------------

/** The initialised z3-solver module (high- and low-level API). @category model */
export type Z3Api = Awaited<ReturnType<typeof init>>;

/** The name of the z3 contexts this module makes (z3-solver brands terms by context name). @category model */
export type SmtName = 'main';
/** A z3 context as handed to a spec. @category model */
export type SmtContext = Context<SmtName>;
/** A z3 Boolean term. @category model */
export type SmtBool = Bool<SmtName>;
/** A z3 bit-vector term of any width. @category model */
export type SmtBitVec = BitVec<number, SmtName>;

/**
 * What a specification receives: the context and the circuit's input variables, plus small
 * bit-vector conveniences. All bit lists are least significant bit first.
 * @category model
 */
export interface SmtSpecHelpers {
  readonly ctx: SmtContext;
  /** `inputs[j]` is the Bool variable `x_j` for input bit j. */
  readonly inputs: readonly SmtBool[];
  /** `inputs[start … start + length − 1]`; throws a RangeError when out of range. */
  readonly bits: (start: number, length: number) => SmtBool[];
  /** The unsigned bit-vector whose bit i is `bits[i]` (width = `bits.length` ≥ 1). */
  readonly bvFromBits: (bits: readonly SmtBool[]) => SmtBitVec;
  /** Bit `i` of a bit-vector as a Bool. */
  readonly bitOf: (bv: SmtBitVec, i: number) => SmtBool;
  /** All bits of a bit-vector as Bools, bit 0 first. */
  readonly bitsOf: (bv: SmtBitVec) => SmtBool[];
}

/**
 * A specification: a function building the spec's output Bools, in the circuit's output
 * order, from the input variables. It must be an independent formula (not the circuit).
 * @example
 * ```ts
 * // 4-bit adder: outputs are the 5 bits of x + y
 * const spec: SmtSpec = ({ bits, bvFromBits, bitsOf }) =>
 *   bitsOf(bvFromBits(bits(0, 4)).zeroExt(1).add(bvFromBits(bits(4, 4)).zeroExt(1)));
 * ```
 * @category model
 */
export type SmtSpec = (h: SmtSpecHelpers) => readonly SmtBool[];

/** How threshold gates are encoded (see the implementation notes; all are exact). @category model */
export type ThresholdEncoding = 'pb' | 'arith' | 'bv';

/** Options of {@link checkEquivalenceSmt}. @category model */
export interface SmtOptions {
  /** z3's time budget in milliseconds (default 60 000); `Infinity` for none. */
  readonly timeoutMs?: number;
  /** `'bv'` (default): bit-vector sums; `'pb'`: z3's PbGe/PbLe; `'arith'`: Σ If(x, w, 0) over Int. */
  readonly thresholdEncoding?: ThresholdEncoding;
}

/** A proved equivalence. @category model */
export interface SmtSuccess {
  readonly tier: 'sat';
  readonly statement: 'unsat miter';
  /** Solver calls made (1: one miter over all outputs). */
  readonly queries: number;
  /** Wall time of encoding plus solving, in ms (z3 initialisation excluded). */
  readonly ms: number;
  /** Gates encoded (`circuit.numGates`, inputs and consts included). */
  readonly gates: number;
  readonly inputs: number;
  readonly outputs: number;
}

/**
 * Why an equivalence was not proved. `Counterexample`: `input` is the assignment (bit j =
 * character j), `expected` the spec's outputs and `actual` the circuit's (reference
 * evaluator), in output order. `Timeout` and `Unknown` are inconclusive. `SpecError`: the spec
 * threw, returned a wrong number of outputs, or returned something other than Bools of this
 * context.
 * @category model
 */
export type SmtFailure =
  | { readonly _tag: 'Counterexample'; readonly input: string; readonly expected: string; readonly actual: string }
  | { readonly _tag: 'Timeout'; readonly reason: string }
  | { readonly _tag: 'Unknown'; readonly reason: string }
  | { readonly _tag: 'SpecError'; readonly reason: string };

/** One line describing a failure. @category destructors */
export const formatSmtFailure = (f: SmtFailure): string =>
  f._tag === 'Counterexample'
    ? `Counterexample: input ${f.input}: spec gives ${f.expected}, circuit gives ${f.actual}`
    : `${f._tag}: ${f.reason}`;

// ---------------------------------------------------------------------------------------------
// z3 lifetime
// ---------------------------------------------------------------------------------------------

/** The memoised initialisation (module-level cache; see the implementation notes). */
/**
 * A loaded z3 module and the objects made on it that must stay reachable while it lives.
 *
 * Why: the z3-solver JS API frees terms, models and solvers from a FinalizationRegistry,
 * which runs on the main thread at arbitrary times — also while a check is solving on z3's
 * worker thread, where the concurrent reference-count update corrupts the wasm heap. Found by
 * experiment with z3-solver 5.2: running the library's sat checks twice in one process gave
 * "memory access out of bounds" in `ast_manager::delete_node`, `unknown: unreachable`, and a
 * model on which circuit and spec agreed; keeping every object reachable instead exhausted
 * z3's fixed 2 GB heap. So each check gets a fresh module ({@link checkEquivalenceSmt} shuts
 * it down afterwards), the objects it makes are kept in `keep` until then, and finalizers run
 * only on modules that no longer solve. Cost: ≈ 0.5 s of start-up per check.
 */
interface Z3Instance {
  readonly api: Z3Api;
  readonly keep: unknown[];
}
let z3Promise: Promise<Z3Instance> | null = null;

/** Load z3 and run one trivial timed check, so that its worker and timer threads exist. */
const initZ3 = async (): Promise<Z3Instance> => {
  const api = await init();
  const ctx = new api.Context('main');
  const solver = new ctx.Solver();
  solver.set('timeout', 10_000);
  const warm = ctx.Bool.const('warm_up');
  solver.add(warm);
  await solver.check();
  solver.release();
  return { api, keep: [ctx, warm] };
};

const instance = (): Promise<Z3Instance> => {
  if (z3Promise === null) {
    const p = initZ3();
    z3Promise = p;
    p.catch(() => {
      if (z3Promise === p) z3Promise = null;
    });
  }
  return z3Promise;
};

/**
 * The z3 module, initialised on first call (including one warm-up check, so that the first
 * real check does not pay for starting z3's threads) and shared by every later call in the
 * process. A failed initialisation is not cached.
 * @category z3
 */
export const getZ3 = async (): Promise<Z3Api> => (await instance()).api;

/**
 * Terminate z3's worker threads and forget the cached module. Not needed for a process to
 * exit with z3-solver 5.2 (its workers are unref'd). Call it only when no check is running.
 * Afterwards the old module must not be used again (a timed check on it hangs: z3's timer
 * thread is gone); the next {@link getZ3} loads a fresh one.
 * @category z3
 */
export const shutdownZ3 = async (): Promise<void> => {
  const p = z3Promise;
  if (p === null) return;
  z3Promise = null;
  let inst: Z3Instance;
  try {
    inst = await p;
  } catch {
    return;
  }
  await killThreads(inst.api.em);
};

// ---------------------------------------------------------------------------------------------
// encoding
// ---------------------------------------------------------------------------------------------

const PB_COEFF_LIMIT = 2 ** 30;

/** An associative n-ary connective over many arguments, without spreading huge arrays. */
const nary = (xs: readonly SmtBool[], op: (xs: readonly SmtBool[]) => SmtBool): SmtBool => {
  const CHUNK = 4096;
  if (xs.length <= CHUNK) return op(xs);
  const parts: SmtBool[] = [];
  for (let j = 0; j < xs.length; j += CHUNK) parts.push(op(xs.slice(j, j + CHUNK)));
  return nary(parts, op);
};

const nonEmpty = <T>(xs: readonly T[]): [T, ...T[]] | null => {
  const [first, ...rest] = xs;
  return first === undefined ? null : [first, ...rest];
};

/** Width of a two's complement bit-vector holding every integer in [lo, hi] (lo ≤ 0 ≤ hi). */
const signedWidth = (lo: number, hi: number): number =>
  Math.max(hi > 0 ? Math.ceil(Math.log2(hi + 1)) + 1 : 1, lo < 0 ? Math.ceil(Math.log2(-lo)) + 1 : 1);

/**
 * `Σ w_j·x_j ≥ k` (or `≤ k`) over bit-vectors: terms sorted by |w|, summed left to right,
 * each partial sum exactly as wide as its range of values needs (sign-extended as it grows),
 * so nothing overflows; then a signed comparison with k.
 */
const bvThreshold = (ctx: SmtContext, lits: readonly SmtBool[], ws: readonly number[], k: number, ge: boolean): SmtBool => {
  const order = lits.map((_, j) => j).sort((a, b) => Math.abs(ws[a]!) - Math.abs(ws[b]!) || a - b);
  const widen = (bv: SmtBitVec, width: number): SmtBitVec => (bv.size() < width ? bv.signExt(width - bv.size()) : bv);
  let sum: SmtBitVec | null = null;
  let lo = 0;
  let hi = 0;
  for (const j of order) {
    const w = ws[j]!;
    if (w === 0) continue;
    const termWidth = signedWidth(Math.min(0, w), Math.max(0, w));
    const term: SmtBitVec = ctx.If(lits[j]!, ctx.BitVec.val(w, termWidth), ctx.BitVec.val(0, termWidth));
    lo += Math.min(0, w);
    hi += Math.max(0, w);
    const width = signedWidth(lo, hi);
    sum = sum === null ? widen(term, width) : widen(sum, width).add(widen(term, width));
  }
  if (sum === null) return ctx.Bool.val(ge ? 0 >= k : 0 <= k);
  const width = Math.max(sum.size(), signedWidth(Math.min(0, k), Math.max(0, k)));
  const kk = ctx.BitVec.val(k, width);
  return ge ? widen(sum, width).sge(kk) : widen(sum, width).sle(kk);
};

/** `Σ If(x_j, w_j, 0) ≥ k` (or `≤ k`) over unbounded Int. */
const arithThreshold = (ctx: SmtContext, lits: readonly [SmtBool, ...SmtBool[]], ws: readonly number[], k: number, ge: boolean): SmtBool => {
  const zero = ctx.Int.val(0);
  const [first, ...rest] = lits.map((x, j): Arith<SmtName> => ctx.If(x, ctx.Int.val(ws[j]!), zero)) as [Arith<SmtName>, ...Arith<SmtName>[]];
  const sum = ctx.Sum(first, ...rest);
  return ge ? sum.ge(k) : sum.le(k);
};

/**
 * Encode every gate of `c` over the input variables `inputs` (one Bool per input bit) and
 * return the output expressions in output order. Throws a RangeError if `inputs` is shorter
 * than `c.numInputs`.
 * @category encoding
 */
export const encodeCircuit = (
  ctx: SmtContext,
  c: Circuit,
  inputs: readonly SmtBool[],
  encoding: ThresholdEncoding = 'bv',
): SmtBool[] => {
  if (inputs.length < c.numInputs) {
    throw new RangeError(`encodeCircuit: circuit has ${c.numInputs} inputs, got ${inputs.length} variables`);
  }
  const { kind, param, faninStart, fanin, weight } = c;
  const v: SmtBool[] = new Array<SmtBool>(c.numGates);
  const t = ctx.Bool.val(true);
  const f = ctx.Bool.val(false);
  const at = (i: number): SmtBool => v[i]!;
  for (let i = 0; i < c.numGates; i++) {
    const s = faninStart[i]!;
    const e = faninStart[i + 1]!;
    const args: SmtBool[] = [];
    for (let w = s; w < e; w++) args.push(at(fanin[w]!));
    switch (kind[i]) {
      case GateKind.Input:
        v[i] = inputs[param[i]!]!;
        break;
      case GateKind.Const:
        v[i] = param[i]! !== 0 ? t : f;
        break;
      case GateKind.Not:
        v[i] = at(fanin[s]!).not();
        break;
      case GateKind.And:
        v[i] = nary(args, (xs) => ctx.And(...xs));
        break;
      case GateKind.Or:
        v[i] = nary(args, (xs) => ctx.Or(...xs));
        break;
      default: {
        const ge = kind[i] === GateKind.Ge;
        const k = param[i]!;
        const ws: number[] = [];
        let mass = Math.abs(k);
        for (let w = s; w < e; w++) {
          const wi = weight === null ? 1 : weight[w]!;
          ws.push(wi);
          mass += Math.abs(wi);
        }
        const lits = nonEmpty(args);
        const coeffs = nonEmpty(ws);
        if (lits === null || coeffs === null) v[i] = (ge ? 0 >= k : 0 <= k) ? t : f;
        else if (encoding === 'bv') v[i] = bvThreshold(ctx, lits, ws, k, ge);
        else if (encoding === 'pb' && mass <= PB_COEFF_LIMIT) v[i] = ge ? ctx.PbGe(lits, coeffs, k) : ctx.PbLe(lits, coeffs, k);
        else v[i] = arithThreshold(ctx, lits, ws, k, ge);
      }
    }
  }
  return Array.from(c.outputs, (o) => at(o));
};

/**
 * The helpers a spec receives, over given input variables (what {@link checkEquivalenceSmt}
 * hands a spec; also used by the SMT-LIB writer, `src/formats/smtlib.ts`, to print the same miter).
 * @category encoding
 */
export const makeSpecHelpers = (ctx: SmtContext, inputs: readonly SmtBool[]): SmtSpecHelpers => {
  const one = ctx.BitVec.val(1, 1);
  const zero = ctx.BitVec.val(0, 1);
  return {
    ctx,
    inputs,
    bits: (start, length) => {
      if (!Number.isInteger(start) || !Number.isInteger(length) || start < 0 || length < 0 || start + length > inputs.length) {
        throw new RangeError(`bits: range ${start}+${length} is outside the ${inputs.length} inputs`);
      }
      return inputs.slice(start, start + length);
    },
    bvFromBits: (bits) => {
      if (bits.length === 0) throw new RangeError('bvFromBits: a bit-vector needs at least one bit');
      const parts: SmtBitVec[] = bits.map((b) => ctx.If(b, one, zero)).reverse();
      return parts.length === 1 ? parts[0]! : ctx.Concat(...parts);
    },
    bitOf: (bv, i) => {
      const n = bv.size();
      if (!Number.isInteger(i) || i < 0 || i >= n) throw new RangeError(`bitOf: bit ${i} of a ${n}-bit vector`);
      return bv.extract(i, i).eq(one);
    },
    bitsOf: (bv) => Array.from({ length: bv.size() }, (_, i) => bv.extract(i, i).eq(one)),
  };
};

// ---------------------------------------------------------------------------------------------
// the check
// ---------------------------------------------------------------------------------------------

const errorMessage = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * Prove that `circuit` and `spec` agree on every input, by an `unsat` miter. Never rejects:
 * z3 and spec errors come back as `Left`.
 * @example
 * ```ts
 * const b = createBuilder();
 * const [x, y] = b.inputs(2);
 * const c = b.build([b.and([x!, y!])]);
 * await checkEquivalenceSmt(c, ({ ctx, inputs }) => [ctx.And(inputs[0]!, inputs[1]!)]);
 * // right({ tier: 'sat', statement: 'unsat miter', queries: 1, … })
 * ```
 * @category checks
 */
export const checkEquivalenceSmt = async (
  circuit: Circuit,
  spec: SmtSpec,
  opts: SmtOptions = {},
): Promise<Either<SmtFailure, SmtSuccess>> => {
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const encoding = opts.thresholdEncoding ?? 'bv';
  if (!(timeoutMs > 0)) return left({ _tag: 'Unknown', reason: `checkEquivalenceSmt: timeoutMs must be positive, got ${timeoutMs}` });
  let inst: Z3Instance;
  try {
    inst = await instance();
  } catch (e) {
    return left({ _tag: 'Unknown', reason: `checkEquivalenceSmt: z3 initialisation failed: ${errorMessage(e)}` });
  }
  try {
    return await runMiter(inst, circuit, spec, timeoutMs, encoding);
  } finally {
    // one module per check: see Z3Instance
    await shutdownZ3();
  }
};

const runMiter = async (
  inst: Z3Instance,
  circuit: Circuit,
  spec: SmtSpec,
  timeoutMs: number,
  encoding: ThresholdEncoding,
): Promise<Either<SmtFailure, SmtSuccess>> => {
  const { api, keep } = inst;
  const retain = (...objs: unknown[]): void => {
    keep.push(...objs);
  };
  const t0 = performance.now();
  const ctx: SmtContext = new api.Context('main');
  const inputs = Array.from({ length: circuit.numInputs }, (_, j) => ctx.Bool.const(`x_${j}`));
  retain(ctx, inputs);
  let specOut: readonly SmtBool[];
  try {
    specOut = spec(makeSpecHelpers(ctx, inputs));
  } catch (e) {
    return left({ _tag: 'SpecError', reason: `the spec threw: ${errorMessage(e)}` });
  }
  const nOut = circuit.outputs.length;
  if (!Array.isArray(specOut) || specOut.length !== nOut) {
    return left({ _tag: 'SpecError', reason: `the spec returned ${Array.isArray(specOut) ? specOut.length : 'a non-array'} outputs, the circuit has ${nOut}` });
  }
  for (let j = 0; j < nOut; j++) {
    const o: unknown = specOut[j];
    let ok: boolean;
    try {
      ok = ctx.isBool(o); // throws on a term of another context
    } catch {
      ok = false;
    }
    if (!ok) return left({ _tag: 'SpecError', reason: `spec output ${j} is not a Bool of this check's context` });
  }
  try {
    const circOut = encodeCircuit(ctx, circuit, inputs, encoding);
    const diffs = circOut.map((c, j) => ctx.Xor(c, specOut[j]!));
    const solver = new ctx.Solver();
    retain(specOut, circOut, diffs);
    try {
      if (Number.isFinite(timeoutMs)) solver.set('timeout', Math.max(1, Math.min(Math.round(timeoutMs), 2 ** 31 - 1)));
      solver.add(nary(diffs, (xs) => ctx.Or(...xs)));
      const result = await solver.check();
      const ms = performance.now() - t0;
      if (result === 'unsat') {
        return right({ tier: 'sat', statement: 'unsat miter', queries: 1, ms, gates: circuit.numGates, inputs: circuit.numInputs, outputs: nOut });
      }
      if (result === 'unknown') {
        const reason = solver.reasonUnknown();
        return left(
          reason === 'timeout' || reason === 'canceled'
            ? { _tag: 'Timeout', reason: `z3 gave up after ${Math.round(ms)} ms (budget ${timeoutMs} ms): ${reason}` }
            : { _tag: 'Unknown', reason: `z3 returned unknown: ${reason}` },
        );
      }
      const model = solver.model();
      retain(model);
      const bitOfModel = (b: SmtBool): number => {
        const v = model.eval(b, true);
        retain(v);
        return ctx.isTrue(v) ? 1 : 0;
      };
      const input = inputs.map(bitOfModel);
      const expected = specOut.map(bitOfModel).join('');
      const z3Actual = circOut.map(bitOfModel).join('');
      const actual = Array.from(evaluate(circuit, input)).join('');
      const inputStr = input.join('');
      if (actual !== z3Actual) {
        return left({ _tag: 'Unknown', reason: `internal: on input ${inputStr} the reference evaluator gives ${actual} but the z3 encoding gives ${z3Actual}` });
      }
      if (actual === expected) {
        return left({ _tag: 'Unknown', reason: `internal: z3 reported a difference on input ${inputStr} but circuit and spec both give ${actual}` });
      }
      return left({ _tag: 'Counterexample', input: inputStr, expected, actual });
    } finally {
      // explicit, synchronous frees while no check is in flight (see `retained`)
      solver.release();
    }
  } catch (e) {
    return left({ _tag: 'Unknown', reason: `z3 error: ${errorMessage(e)}` });
  }
};
