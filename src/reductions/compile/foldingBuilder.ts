/**
 * # A constant-folding circuit builder
 *
 * A {@link CircuitBuilder} that folds constants while the circuit is built, so that a family
 * circuit fed with constant operands (a weight, a bias, a constant state) shrinks to the part
 * that still depends on the input, without ever materializing the rest.
 *
 * ## Main definitions
 * - {@link foldingBuilder}: wrap any builder (the kernel's `createBuilder`, or a
 *   {@link countingBuilder} for dry runs) in a folding one.
 * - {@link countingBuilder}: a builder that only counts gates and wires (the compiler's dry
 *   run, to refuse oversized circuits before building them).
 *
 * ## Main results
 * Every gate the folding builder returns computes, on every input, exactly the function the
 * requested gate would have computed on the same arguments (the rules below are identities of
 * the basis). It never builds more gates than were requested, so sizes and depths of folded
 * constructions are bounded by those of the unfolded ones.
 *
 * ## Implementation notes
 * The rules (c0, c1 are the two shared const gates, created on first use):
 * - NOT of a constant is a constant; NOT of a NOT gate is its argument; NOTs are shared.
 * - AND / OR: duplicates dropped; a dominating constant decides; neutral constants dropped;
 *   AND() = 1, OR() = 0; a single argument is returned as is.
 * - θ: `le(args, k, w)` is read as `ge(args, −k, −w)`. Repeated arguments merge their weights,
 *   constant arguments move into k, zero weights drop; with lo, hi the least and greatest
 *   value of the remaining Σ w·x, k ≤ lo is constant 1 and k > hi constant 0. One argument
 *   left: x itself (w > 0) or NOT x (w < 0). Equal positive weights w are divided out
 *   (θ≥⌈k/w⌉ unweighted), equal negative weights become an unweighted θ≤.
 * - Every gate pushed into the inner builder is recorded with the current tag
 *   ({@link FoldingBuilder.setTag}), for per-component breakdowns.
 *
 * ## References
 * - P1 = Merrill & Sabharwal, TACL 2023, §3 (the basis).
 *
 * @module
 */
import { CIRCUIT_LIMITS, type Circuit, type CircuitBuilder } from '../../core/circuit.js';

/** A builder that folds constants, with the tags of the gates it pushed. @category model */
export interface FoldingBuilder extends CircuitBuilder {
  /** The constant value of a gate id, when it is one of the shared const gates. */
  readonly constantOf: (id: number) => 0 | 1 | null;
  /** Wires pushed so far. */
  readonly wires: () => number;
  /** Tag every gate pushed from now on with `tag` (0 … 65535). */
  readonly setTag: (tag: number) => void;
  readonly tag: () => number;
  /** The tag of every inner gate id (length = size()). */
  readonly tags: () => Uint16Array;
  /** Counting mode only: a fresh gate id of unknown value (a stand-in for a copied block's output). */
  readonly opaque: () => number;
  /** Counting mode only: add a block's gates and wires without building them. */
  readonly account: (gates: number, wires: number) => void;
  /** Whether the inner builder only counts. */
  readonly counting: boolean;
}

/** A builder that only counts (ids are sequential; `build` throws). @category model */
export interface CountingBuilder extends CircuitBuilder {
  readonly wires: () => number;
  readonly gates: () => number;
  readonly account: (gates: number, wires: number) => void;
}

/**
 * A {@link CountingBuilder}: every method returns the next id and adds to the counts; input
 * gates are not counted as gates (P1 §3 size). With `limits`, it throws a `RangeError` as soon
 * as the gates built one by one exceed them, or the counts including the sizes `account`ed in
 * bulk (upper bounds of unfolded family circuits) exceed `slack` × them — so a dry run of an
 * oversized construction stops early without refusing one whose bulk bounds are merely loose.
 * @category constructors
 */
export const countingBuilder = (limits?: { readonly maxGates: number; readonly maxWires: number }, slack = 1): CountingBuilder => {
  let n = 0;
  let gates = 0;
  let wires = 0;
  let exactGates = 0;
  let exactWires = 0;
  const guard = (): void => {
    if (limits === undefined) return;
    if (exactGates > limits.maxGates || exactWires > limits.maxWires) {
      throw new RangeError(`countingBuilder: more than ${limits.maxGates} gates or ${limits.maxWires} wires`);
    }
    if (gates > slack * limits.maxGates || wires > slack * limits.maxWires) {
      throw new RangeError(`countingBuilder: more than ${slack}× ${limits.maxGates} gates or ${limits.maxWires} wires, counting family circuits by their bounds`);
    }
  };
  const gate = (fanIn: number): number => {
    gates += 1;
    wires += fanIn;
    exactGates += 1;
    exactWires += fanIn;
    guard();
    return n++;
  };
  return {
    size: () => n,
    input: () => n++,
    inputs: (count) => Array.from({ length: count }, () => n++),
    constant: () => gate(0),
    not: () => gate(1),
    and: (args) => gate(args.length),
    or: (args) => gate(args.length),
    ge: (args) => gate(args.length),
    le: (args) => gate(args.length),
    build: (): Circuit => {
      throw new RangeError('countingBuilder: a counting builder builds no circuit');
    },
    wires: () => wires,
    gates: () => gates,
    account: (g, w) => {
      gates += g;
      wires += w;
      guard();
    },
  };
};

const isCounting = (b: CircuitBuilder): b is CountingBuilder => 'account' in b && 'gates' in b;

/**
 * Wrap `inner` in a constant-folding builder (module notes). Throws a `RangeError` when the
 * wires pushed exceed the kernel's `CIRCUIT_LIMITS.maxWires` (the kernel builder itself refuses
 * gates beyond `maxGates`), unless the inner builder only counts.
 * @category constructors
 */
export const foldingBuilder = (inner: CircuitBuilder): FoldingBuilder => {
  const counting = isCounting(inner);
  let c0 = -1;
  let c1 = -1;
  let wires = 0;
  let tag = 0;
  let tags = new Uint16Array(1024);
  const notOf = new Map<number, number>();
  const notArg = new Map<number, number>();

  const record = (id: number, fanIn: number): number => {
    wires += fanIn;
    if (!counting && wires > CIRCUIT_LIMITS.maxWires) {
      throw new RangeError(`foldingBuilder: more than ${CIRCUIT_LIMITS.maxWires} wires (the kernel's limit)`);
    }
    if (id >= tags.length) {
      const t2 = new Uint16Array(Math.max(id + 1, tags.length * 2));
      t2.set(tags);
      tags = t2;
    }
    tags[id] = tag;
    return id;
  };
  const constant = (v: 0 | 1): number => {
    if (v === 0) {
      if (c0 < 0) c0 = record(inner.constant(0), 0);
      return c0;
    }
    if (c1 < 0) c1 = record(inner.constant(1), 0);
    return c1;
  };
  const constantOf = (id: number): 0 | 1 | null => (id === c0 ? 0 : id === c1 ? 1 : null);

  const not = (a: number): number => {
    const c = constantOf(a);
    if (c !== null) return constant(c === 1 ? 0 : 1);
    const back = notArg.get(a);
    if (back !== undefined) return back;
    const cached = notOf.get(a);
    if (cached !== undefined) return cached;
    const g = record(inner.not(a), 1);
    notOf.set(a, g);
    notArg.set(g, a);
    return g;
  };

  const junction = (args: readonly number[], isAnd: boolean): number => {
    const dominant: 0 | 1 = isAnd ? 0 : 1;
    const seen = new Set<number>();
    const kept: number[] = [];
    for (const a of args) {
      const c = constantOf(a);
      if (c === dominant) return constant(dominant);
      if (c !== null || seen.has(a)) continue;
      seen.add(a);
      kept.push(a);
    }
    if (kept.length === 0) return constant(isAnd ? 1 : 0);
    if (kept.length === 1) return kept[0]!;
    return record(isAnd ? inner.and(kept) : inner.or(kept), kept.length);
  };

  /** Σ w·x ≥ k, folded. */
  const geFold = (args: readonly number[], k: number, ws: readonly number[] | undefined): number => {
    const weightOf = new Map<number, number>();
    let kk = k;
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      const w = ws === undefined ? 1 : ws[i]!;
      const c = constantOf(a);
      if (c !== null) {
        kk -= c * w;
        continue;
      }
      weightOf.set(a, (weightOf.get(a) ?? 0) + w);
    }
    const keep: number[] = [];
    const kw: number[] = [];
    let lo = 0;
    let hi = 0;
    for (const [a, w] of weightOf) {
      if (w === 0) continue;
      keep.push(a);
      kw.push(w);
      if (w < 0) lo += w;
      else hi += w;
    }
    if (kk <= lo) return constant(1);
    if (kk > hi) return constant(0);
    if (keep.length === 1) return kw[0]! > 0 ? keep[0]! : not(keep[0]!);
    const w0 = kw[0]!;
    if (kw.every((w) => w === w0)) {
      if (w0 > 0) return record(inner.ge(keep, Math.ceil(kk / w0)), keep.length);
      // Σ w0·x ≥ kk with w0 < 0  ⟺  Σ x ≤ ⌊kk / w0⌋
      return record(inner.le(keep, Math.floor(kk / w0)), keep.length);
    }
    return record(inner.ge(keep, kk, kw), keep.length);
  };

  const requireCounting = (fn: string): void => {
    if (!counting) throw new RangeError(`foldingBuilder.${fn}: only in counting mode`);
  };

  return {
    size: () => inner.size(),
    input: () => record(inner.input(), 0),
    inputs: (count) => Array.from({ length: count }, () => record(inner.input(), 0)),
    constant,
    not,
    and: (args) => junction(args, true),
    or: (args) => junction(args, false),
    ge: (args, k, ws) => geFold(args, k, ws),
    le: (args, k, ws) =>
      geFold(
        args,
        -k,
        ws === undefined ? args.map(() => -1) : ws.map((w) => -w),
      ),
    build: (outputs) => inner.build(outputs),
    constantOf,
    wires: () => wires,
    setTag: (t) => {
      if (!Number.isInteger(t) || t < 0 || t > 0xffff) throw new RangeError(`foldingBuilder.setTag: ${t}`);
      tag = t;
    },
    tag: () => tag,
    tags: () => tags.slice(0, inner.size()),
    opaque: () => {
      requireCounting('opaque');
      return record(inner.input(), 0);
    },
    account: (g, w) => {
      requireCounting('account');
      (inner as CountingBuilder).account(g, w);
      wires += w;
    },
    counting,
  };
};
