/**
 * # Threshold circuits as and-inverter graphs, and the AIGER writers
 *
 * Lowers any kernel {@link Circuit} (weighted thresholds included) to an and-inverter graph
 * (AIG: two-input ANDs and complemented edges), and writes it in the AIGER format, ASCII
 * (`aag`) or binary (`aig`), which yosys, ABC and the hardware model checkers read.
 *
 * ## Main definitions
 * - {@link Aig}: an AIG in AIGER's own numbering (variable 0 is FALSE, 1…I the inputs, then
 *   the ANDs; literal = 2·variable + complemented).
 * - {@link toAig}: the lowering, or why the result would be too big ({@link AIG_LIMITS}).
 * - {@link aigAndBound}: the up-front upper bound on the number of ANDs the lowering makes.
 * - {@link writeAag}, {@link writeAigBinary}: AIGER 1.9 text and binary.
 *
 * ## Implementation notes
 * - **Where this lives.** A writer, not part of the trusted kernel: nothing here decides a
 *   verdict, and what it writes is checked from outside (round trips through the kernel's
 *   reader `src/core/aiger.ts`, and ABC `cec` against hand-written Verilog specs in
 *   `test/abc.cec.test.ts`).
 * - **Gates.** NOT is a complemented edge (free); AND/OR of fan-in f are balanced trees of
 *   f − 1 two-input ANDs (OR by De Morgan); const gates are literals 0/1.
 * - **Threshold gates** θ≥k / θ≤k with integer weights: a negative weight −w on x becomes w on
 *   ¬x with k raised by w (−w·x = w·¬x − w); θ≤k becomes ¬θ≥(k+1). Then, with all weights
 *   positive and t the threshold: t ≤ 0 is TRUE, t > Σw is FALSE, an OR when every w ≥ t, an
 *   AND when Σw − min w < t, and otherwise a **counting (adder) network**: every weight bit
 *   of every argument is put in its column (argument x with w = 5 goes to columns 0 and 2),
 *   each column is reduced with full adders (3 bits → sum here, carry into the next column;
 *   queue order, so a column's adders form a tree) and at most one half adder, which leaves
 *   one bit per column: the binary sum. A comparator with the constant t follows
 *   (`ge_j = t_j ? s_j ∧ ge_(j−1) : s_j ∨ ge_(j−1)`, one AND each). With B = Σ popcount(|w|)
 *   weight bits (B = f for unit weights) and C columns this is at most 9B + 5C ANDs (a full
 *   adder is 9 ANDs, XOR = 3, and removes one bit; one half adder and one comparator AND per
 *   column), so the lowering is linear in the circuit's weighted wires — unlike a
 *   sorting network (f log² f) or a BDD (f·k for unit weights, exponential for some weights).
 * - **Structural hashing and constant folding** as the graph is built (AND(x, 0) = 0,
 *   AND(x, 1) = x, AND(x, x) = x, AND(x, ¬x) = 0, one node per distinct pair), then only the
 *   ANDs in the cone of the outputs are kept and renumbered in order, as binary AIGER requires
 *   (lhs > rhs0 ≥ rhs1).
 * - **Size.** {@link aigAndBound} is computed before anything is built; beyond
 *   {@link AIG_LIMITS}`.maxAnds` the lowering is refused with that bound in the message.
 * - Inputs are AIGER inputs in order (input bit j = variable j + 1, symbol `i<j> x<j>`),
 *   outputs in order (symbol `o<j> y<j>`). No latches: circuits are combinational.
 *
 * ## References
 * - A. Biere, "The AIGER And-Inverter Graph (AIG) Format, Version 20071012" and AIGER 1.9
 *   (Biere, Heljanko, Wieringa 2011).
 * - C. S. Wallace, "A suggestion for a fast multiplier", IEEE Trans. Electronic Computers 1964
 *   (column compression with full adders).
 *
 * @module
 */
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import { GateKind, type Circuit } from '../core/circuit.js';

/**
 * An and-inverter graph in AIGER numbering. AND number i (0-based) is variable
 * `numInputs + 1 + i`, literal `2·(numInputs + 1 + i)`; its arguments are `ands[2i]` ≥
 * `ands[2i + 1]`, both smaller than its own literal.
 * @category model
 */
export interface Aig {
  readonly numInputs: number;
  /** Two literals per AND: rhs0 ≥ rhs1. */
  readonly ands: Uint32Array;
  /** One literal per output. */
  readonly outputs: Uint32Array;
}

/** The largest AIG the writers make (AND gates). @category model */
export const AIG_LIMITS = { maxAnds: 10_000_000 } as const;

const popcount = (x: number): number => {
  let n = 0;
  for (let v = Math.abs(x); v > 0; v = Math.floor(v / 2)) n += v % 2;
  return n;
};

/**
 * An upper bound on the number of AND gates {@link toAig} makes for `c` (before structural
 * hashing): f − 1 per AND/OR of fan-in f, and 9·B + 5·C + f per threshold gate of fan-in f with
 * B weight bits and C = ⌈log₂(Σ|w| + 1)⌉ + 2 columns.
 * @category destructors
 */
export const aigAndBound = (c: Circuit): number => {
  let total = 0;
  for (let i = 0; i < c.numGates; i++) {
    const s = c.faninStart[i]!;
    const e = c.faninStart[i + 1]!;
    const k = c.kind[i]!;
    if (k === GateKind.And || k === GateKind.Or) total += Math.max(0, e - s - 1);
    else if (k === GateKind.Ge || k === GateKind.Le) {
      // B weight bits: at most B full adders (9 ANDs; each removes a bit), at most one half
      // adder (4 ANDs) per column and one comparator AND per column, C columns; or a tree of f − 1
      let bits = 0;
      let mass = 0;
      for (let w = s; w < e; w++) {
        const x = c.weight === null ? 1 : c.weight[w]!;
        bits += popcount(x);
        mass += Math.abs(x);
      }
      const columns = Math.ceil(Math.log2(mass + 1)) + 2;
      total += 9 * bits + 5 * columns + (e - s);
    }
  }
  return total;
};

/**
 * Lower a circuit to an AIG computing the same function (same inputs, outputs in order), or
 * say why it would be too big.
 * @example
 * ```ts
 * const b = createBuilder();
 * const [x, y, z] = b.inputs(3);
 * toAig(b.build([b.ge([x!, y!, z!], 2)])); // right: majority of three, as ANDs
 * ```
 * @category constructors
 */
export const toAig = (c: Circuit): Either<string, Aig> => {
  const bound = aigAndBound(c);
  if (bound > AIG_LIMITS.maxAnds) {
    return left(
      `the and-inverter graph could have up to ${bound} AND gates (a threshold gate becomes an adder tree of about 9 ANDs per weight bit), more than the limit of ${AIG_LIMITS.maxAnds}`,
    );
  }
  const I = c.numInputs;
  // structural-hashing key hi·SHIFT + lo must stay an exact double
  const SHIFT = 2 * (I + 2 + bound);
  if (SHIFT * SHIFT > Number.MAX_SAFE_INTEGER) return left(`the and-inverter graph would have ${I} inputs and up to ${bound} AND gates: too many to number`);
  // ANDs as made (rhs0, rhs1), variable of AND j = I + 1 + j
  const raw: number[] = [];
  const table = new Map<number, number>();
  const and = (a: number, b: number): number => {
    const hi = a > b ? a : b;
    const lo = a > b ? b : a;
    if (lo === 0) return 0;
    if (lo === 1) return hi;
    if (hi === lo) return lo;
    if (hi === (lo ^ 1)) return 0;
    const key = hi * SHIFT + lo;
    const have = table.get(key);
    if (have !== undefined) return have;
    const lit = 2 * (I + 1 + raw.length / 2);
    // unreachable while aigAndBound is an upper bound; a guard so that the key stays exact
    if (raw.length / 2 >= bound) throw new RangeError(`toAig: more ANDs than the bound ${bound}`);
    raw.push(hi, lo);
    table.set(key, lit);
    return lit;
  };
  const or = (a: number, b: number): number => and(a ^ 1, b ^ 1) ^ 1;
  const xor = (a: number, b: number): number => and(and(a, b) ^ 1, and(a ^ 1, b ^ 1) ^ 1);
  const tree = (xs: readonly number[], op: (a: number, b: number) => number, unit: number): number => {
    if (xs.length === 0) return unit;
    let layer = xs.slice();
    while (layer.length > 1) {
      const next: number[] = [];
      for (let j = 0; j + 1 < layer.length; j += 2) next.push(op(layer[j]!, layer[j + 1]!));
      if (layer.length % 2 === 1) next.push(layer[layer.length - 1]!);
      layer = next;
    }
    return layer[0]!;
  };
  /** Σ ws·lits ≥ t with every w > 0. */
  const atLeast = (lits: readonly number[], ws: readonly number[], t: number): number => {
    if (t <= 0) return 1;
    let total = 0;
    let min = Infinity;
    for (const w of ws) {
      total += w;
      if (w < min) min = w;
    }
    if (t > total) return 0;
    if (min >= t) return tree(lits, or, 0);
    if (total - min < t) return tree(lits, and, 1);
    const cols: number[][] = [];
    for (let j = 0; j < lits.length; j++) {
      let w = ws[j]!;
      for (let b = 0; w > 0; b++, w = Math.floor(w / 2)) {
        if (w % 2 === 1) (cols[b] ??= []).push(lits[j]!);
      }
    }
    const sum: number[] = [];
    for (let b = 0; b < cols.length; b++) {
      const q = cols[b] ?? [];
      let head = 0;
      while (q.length - head >= 2) {
        if (q.length - head >= 3) {
          const x = q[head]!;
          const y = q[head + 1]!;
          const z = q[head + 2]!;
          head += 3;
          const xy = xor(x, y);
          q.push(xor(xy, z));
          (cols[b + 1] ??= []).push(or(and(x, y), and(z, xy)));
        } else {
          const x = q[head]!;
          const y = q[head + 1]!;
          head += 2;
          q.push(xor(x, y));
          (cols[b + 1] ??= []).push(and(x, y));
        }
      }
      sum.push(q.length - head === 1 ? q[head]! : 0);
    }
    let ge = 1;
    let tt = t;
    for (let b = 0; b < sum.length || tt > 0; b++, tt = Math.floor(tt / 2)) {
      const s = sum[b] ?? 0;
      ge = tt % 2 === 1 ? and(s, ge) : or(s, ge);
    }
    return ge;
  };

  const lit = new Uint32Array(c.numGates);
  try {
    lowerGates(lit);
  } catch (e) {
    return left(`internal: ${e instanceof Error ? e.message : String(e)}`);
  }
  function lowerGates(lit: Uint32Array): void {
    for (let i = 0; i < c.numGates; i++) {
      const s = c.faninStart[i]!;
      const e = c.faninStart[i + 1]!;
      const args: number[] = [];
      for (let w = s; w < e; w++) args.push(lit[c.fanin[w]!]!);
      switch (c.kind[i]) {
        case GateKind.Input:
          lit[i] = 2 * (c.param[i]! + 1);
          break;
        case GateKind.Const:
          lit[i] = c.param[i] === 1 ? 1 : 0;
          break;
        case GateKind.Not:
          lit[i] = args[0]! ^ 1;
          break;
        case GateKind.And:
          lit[i] = tree(args, and, 1);
          break;
        case GateKind.Or:
          lit[i] = tree(args, or, 0);
          break;
        default: {
          const ge = c.kind[i] === GateKind.Ge;
          let t = c.param[i]! + (ge ? 0 : 1);
          const lits: number[] = [];
          const ws: number[] = [];
          for (let j = 0; j < args.length; j++) {
            const w = c.weight === null ? 1 : c.weight[s + j]!;
            if (w === 0) continue;
            if (w > 0) {
              lits.push(args[j]!);
              ws.push(w);
            } else {
              lits.push(args[j]! ^ 1);
              ws.push(-w);
              t += -w;
            }
          }
          const r = atLeast(lits, ws, t);
          lit[i] = ge ? r : r ^ 1;
        }
      }
    }
  }
  const outs = Array.from(c.outputs, (o) => lit[o]!);
  // keep the cone of the outputs, renumbered in order
  const nAnds = raw.length / 2;
  const live = new Uint8Array(nAnds);
  const varOf = (l: number): number => l >>> 1;
  const mark = (l: number): void => {
    const v = varOf(l) - I - 1;
    if (v >= 0) live[v] = 1;
  };
  for (const o of outs) mark(o);
  for (let j = nAnds - 1; j >= 0; j--) {
    if (live[j] === 1) {
      mark(raw[2 * j]!);
      mark(raw[2 * j + 1]!);
    }
  }
  const newVar = new Int32Array(nAnds);
  let next = I + 1;
  for (let j = 0; j < nAnds; j++) if (live[j] === 1) newVar[j] = next++;
  const relit = (l: number): number => {
    const v = varOf(l) - I - 1;
    return v < 0 ? l : 2 * newVar[v]! + (l & 1);
  };
  const ands = new Uint32Array(2 * (next - I - 1));
  let at = 0;
  for (let j = 0; j < nAnds; j++) {
    if (live[j] !== 1) continue;
    const a = relit(raw[2 * j]!);
    const b = relit(raw[2 * j + 1]!);
    ands[at++] = Math.max(a, b);
    ands[at++] = Math.min(a, b);
  }
  return right({ numInputs: I, ands, outputs: Uint32Array.from(outs, relit) });
};

const symbols = (a: Aig): string => {
  const lines: string[] = [];
  for (let j = 0; j < a.numInputs; j++) lines.push(`i${j} x${j}`);
  for (let j = 0; j < a.outputs.length; j++) lines.push(`o${j} y${j}`);
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
};

const COMMENT = 'c\nparallelism-tradeoff: threshold circuit lowered to an AIG (docs/formats.md, "Hardware formats")\n';

/**
 * The AIG in ASCII AIGER (`aag M I 0 O A`), with input/output symbols `x<j>` / `y<j>`.
 * @category destructors
 */
export const writeAag = (a: Aig): string => {
  const I = a.numInputs;
  const A = a.ands.length / 2;
  const parts: string[] = [`aag ${I + A} ${I} 0 ${a.outputs.length} ${A}\n`];
  for (let j = 1; j <= I; j++) parts.push(`${2 * j}\n`);
  for (const o of a.outputs) parts.push(`${o}\n`);
  for (let j = 0; j < A; j++) parts.push(`${2 * (I + 1 + j)} ${a.ands[2 * j]} ${a.ands[2 * j + 1]}\n`);
  parts.push(symbols(a), COMMENT);
  return parts.join('');
};

/**
 * The AIG in binary AIGER (`aig M I 0 O A`: outputs as text lines, then each AND as two
 * 7-bit-group deltas `lhs − rhs0`, `rhs0 − rhs1`), with the same symbols as {@link writeAag}.
 * @category destructors
 */
export const writeAigBinary = (a: Aig): Uint8Array => {
  const I = a.numInputs;
  const A = a.ands.length / 2;
  const head = `aig ${I + A} ${I} 0 ${a.outputs.length} ${A}\n${Array.from(a.outputs, (o) => `${o}\n`).join('')}`;
  const tail = symbols(a) + COMMENT;
  const body = new Uint8Array(A * 10);
  let p = 0;
  const put = (x: number): void => {
    let v = x;
    while (v >= 0x80) {
      body[p++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    body[p++] = v;
  };
  for (let j = 0; j < A; j++) {
    const lhs = 2 * (I + 1 + j);
    put(lhs - a.ands[2 * j]!);
    put(a.ands[2 * j]! - a.ands[2 * j + 1]!);
  }
  const enc = new TextEncoder();
  const h = enc.encode(head);
  const t = enc.encode(tail);
  const out = new Uint8Array(h.length + p + t.length);
  out.set(h, 0);
  out.set(body.subarray(0, p), h.length);
  out.set(t, h.length + p);
  return out;
};
