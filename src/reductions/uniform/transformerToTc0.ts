/**
 * # A log-space printer of the compiled transformer circuit (P1 Theorem 2)
 *
 * A program of the space-metered machine (`src/core/logspace`) that prints, record by record,
 * exactly the circuit the paper route of the transformer compiler builds
 * (`compilePaper(model, n)`, `src/reductions/compile/paperRoute.ts`: P1's proof of Theorem 1),
 * for a fixed model, keeping only the layer, head, position and coordinate indices, gate
 * offsets and O(1) counters — P1 Theorem 2: log-precision transformers are *log-space-uniform*
 * TC0.
 *
 * ## Main definitions
 * - {@link MeteredGeneralModel}: a P1 general model (the JS reading, for the compiler and the
 *   reference semantics) together with its functions φ, s, f as subprograms of the machine:
 *   one proc per function that computes *bit t of the encoding* of its value on an input
 *   pattern x (the model's functions must be log-space computable: P1 §5's hypothesis).
 * - {@link SumPrinter}: the printer of the iterated float sum ⊕(n, p) the construction copies
 *   (its records, its size, the ids of its outputs), e.g. `floatIteratedSumPrinter` of
 *   `floatIteratedSum.ts`, or {@link tapeSumPrinter} (reads a printed ⊕ from a tape: for tests
 *   of the wiring only — it is not uniform).
 * - {@link paperRoutePrinter}: the printer for a metered model and a sum printer;
 *   {@link paperRoutePrinterInput}: its run input at length n.
 * - {@link productModel}: a family of metered models (products and quotients of floats,
 *   position-dependent embedding) for the lemma `transformer-to-tc0-uniform`.
 *
 * ## Main results
 * The printed stream equals `gateStreamOf(compilePaper(model, n).circuit)` (checked record for
 * record by the lemma). Registers: gate ids and offsets < G (the paper plan's dense bound on
 * the gate count, a polynomial in n: ⌈log₂ G⌉ = O(log n) bits), table patterns x < 2^k with
 * k ≤ (heads + 1)·width·p = O(log n), positions < n, a constant number of counters; the call
 * stack has a constant height. Hence O(log n) work bits for a fixed model.
 *
 * ## Implementation notes
 * - Layout (as `compilePaper` builds it): the n·b token bits; the embedding tables (position
 *   by position); then per layer, stage-major: similarities (head, row, column), normalizers
 *   (head, row: a ⊕ copy), weights·values (head, row, column, coordinate), weighted sums (head,
 *   row, coordinate: a ⊕ copy), updates (row). A table copy of k inputs and T nonzero rows is
 *   k NOTs, T ANDs, m ORs; its outputs are the ORs, so a state is a contiguous range of ids.
 *   A ⊕ copy is the non-input gates of ⊕(n, p) shifted; its outputs are not contiguous, so the
 *   printer asks the sum printer for the id of output t each time it needs one.
 * - Per table function, the number T of nonzero rows is computed once (a loop over 2^k
 *   patterns) and kept in a register of the main frame: a constant number of them (the model
 *   is fixed). The embedding tables differ per position, so their sizes are recomputed by a
 *   loop over the positions before (time, not space).
 * - The accept readout (x_n[c] > 0) is folded into the last table, as the compiler does:
 *   computed from the q mantissa bits of coordinate c of the state.
 *
 * ## References
 * - P1 = Merrill & Sabharwal, *The Parallelism Tradeoff*, TACL 2023, Theorem 2 and its proof,
 *   Lemma 2 (log-space printers of tables), Def 5 (space-uniform families).
 *
 * @module
 */
import { GateKind } from '../../core/circuit.js';
import { floatDiv, floatMul, type Float, type FloatParams } from '../../core/float.js';
import {
  GATE_STREAM_TAGS,
  add,
  and,
  bit,
  brk,
  call,
  cond,
  div,
  emit,
  eq,
  ge,
  len,
  loop,
  lt,
  min,
  mod,
  mul,
  n as nE,
  ne,
  not,
  param,
  pipe,
  pow2,
  proc,
  program,
  r,
  read,
  set,
  sub,
  when,
  type E,
  type Expr,
  type Proc,
  type Program,
  type RunInput,
  type Stmt,
} from '../../core/logspace/index.js';
import type { GeneralModel, State } from '../../core/transformer.js';
import { MAX_TABLE_INPUTS } from '../lookupTable.js';
import { FLOAT_EXP_BOUND, FLOAT_IMAX, FLOAT_MAG_BOUND, FLOAT_P, FLOAT_PROCS, FLOAT_Q } from './floatPrograms.js';

// -------------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------------

/**
 * A general model with its functions as metered subprograms. Every bit proc has parameters
 * (x, t, c) and one result v: bit t of the p-bit encoding (`docs/semantics.md`, float layout;
 * a state is `width` floats, coordinate-major) of the function's value on the pattern x
 * (float slot u = bits u·p … u·p + p − 1 of x, as the tables of `paperTables.ts` read it);
 * c is the position (1-based) for the embedding, where x is the token index, and 0 otherwise.
 * @category model
 */
export interface MeteredGeneralModel {
  readonly name: string;
  readonly model: GeneralModel;
  /** The bit procs and everything they call (names must not clash with the printer's `pr…`). */
  readonly procs: readonly Proc[];
  readonly embedBit: string;
  /** Per layer, per head. */
  readonly similarityBit: readonly (readonly string[])[];
  /** Per layer: bit t of f(a_1 … a_H, h) (a state). */
  readonly updateBit: readonly string[];
}

/**
 * A printer of ⊕(n, p) (`floatIteratedSum(n, p).circuit`) to copy: `entry` (no arguments)
 * prints its stream (input gates first, ids from 0; input a is bit a mod p of summand
 * ⌊a / p⌋); `size` (no arguments) returns its gate count, inputs included; `outputId` (t)
 * returns the id of its output t. The procs read the parameters n and p only.
 * @category model
 */
export interface SumPrinter {
  readonly procs: readonly Proc[];
  readonly entry: string;
  readonly size: string;
  readonly outputId: string;
  /** Tapes the procs read (a non-uniform stand-in reads the circuit from one). */
  readonly tapes: readonly string[];
  /**
   * Optional, to avoid one `outputId` run per wire: a proc (no arguments) whose results, put
   * into registers named `results`, determine every output id as `idOf(t)`, an expression of
   * the registers named in `used` (a subset of `results`).
   */
  readonly outputKeys?: { readonly proc: string; readonly results: readonly string[]; readonly used: readonly string[]; readonly idOf: (t: E) => Expr };
}

const P = FLOAT_P;
const Q = FLOAT_Q;
const IMAX = FLOAT_IMAX;
/** Gate ids and offsets: below the parameter G (the dense bound of the plan). */
const G = param('G');
const FB = FLOAT_EXP_BOUND; // e + I^max < FB
const MB = FLOAT_MAG_BOUND;

// -------------------------------------------------------------------------------------------
// float patterns
// -------------------------------------------------------------------------------------------

/**
 * `prDecode(x, u)` → (s, m, e): the float in slot u of pattern x, as the triple of
 * `floatPrograms.ts` (sign, |m|, e + I^max); a negative zero decodes as the positive one.
 */
const decodeProc: Proc = proc(
  'prDecode',
  { x: pow2(min(mul(param('ks'), P), MAX_TABLE_INPUTS)), u: param('ks'), f: pow2(P), mf: pow2(Q), ef: pow2(Q), s: 2, m: MB, e: FB, ae: MB },
  ['x', 'u'],
  ['s', 'm', 'e'],
  [
    set('f', mod(div(r('x'), pow2(mul(r('u'), P))), pow2(P))),
    set('mf', mod(r('f'), pow2(Q))),
    set('ef', div(r('f'), pow2(Q))),
    set('m', mod(r('mf'), pow2(sub(Q, 1)))),
    set('s', and(bit(r('mf'), sub(Q, 1)), ne(r('m'), 0))),
    set('ae', mod(r('ef'), pow2(sub(Q, 1)))),
    set('e', cond(bit(r('ef'), sub(Q, 1)), sub(IMAX, r('ae')), add(IMAX, r('ae')))),
  ],
);

/** `prEncBit(s, m, e, t)` → v: bit t of the encoding of the float (s, m, e). */
const encBitProc: Proc = proc('prEncBit', { s: 2, m: MB, e: FB, t: mul(param('ks'), P), v: 2 }, ['s', 'm', 'e', 't'], ['v'], [
  set(
    'v',
    cond(
      lt(r('t'), sub(Q, 1)),
      bit(r('m'), r('t')),
      cond(
        eq(r('t'), sub(Q, 1)),
        and(r('s'), ne(r('m'), 0)),
        cond(
          lt(r('t'), sub(mul(2, Q), 1)),
          bit(cond(ge(r('e'), IMAX), sub(r('e'), IMAX), sub(IMAX, r('e'))), sub(r('t'), Q)),
          lt(r('e'), IMAX),
        ),
      ),
    ),
  ),
]);

/** Patterns of at most ks float slots (ks: a parameter, the model's widest table). */
const KS = param('ks');
/** A table pattern has k ≤ ks·p bits, and k ≤ MAX_TABLE_INPUTS (the compiler refuses wider tables). */
const XB = pow2(min(mul(KS, P), MAX_TABLE_INPUTS));
/** Bit indices of an output pattern. */
const TB = mul(KS, P);

// -------------------------------------------------------------------------------------------
// a family of metered models
// -------------------------------------------------------------------------------------------

/**
 * A width-1 model with `heads[l]` heads in layer l: φ(σ, i) = ⟨σ = 1 ? 1 : −1, ((i − 1) mod 3) − 1⟩
 * (the exponent depends on the position); head h of a layer scores s(h_i, h_j) = h_i ⊗ h_j for
 * even h and h_i ⊘ h_j for odd h; the update is f(a_1 … a_H, h) = (…(h ⊗ a_1) ⊗ …) ⊗ a_H
 * (h ⊗ h when H = 0). Output: `accept` (x_n[0] > 0) or `state`. Alphabet {0, 1}, precision c.
 * The JS reading uses the kernel's `floatMul` / `floatDiv`; the metered one the procs of
 * `floatPrograms.ts` (bit-exact with them).
 * @category constructors
 */
export const productModel = (heads: readonly number[], output: 'accept' | 'state', c: number): MeteredGeneralModel => {
  const score = (h: number) => (params: FloatParams, hi: State, hj: State): Float =>
    h % 2 === 0 ? floatMul(params, hi[0]!, hj[0]!) : floatDiv(params, hi[0]!, hj[0]!);
  const model: GeneralModel = {
    alphabet: ['0', '1'],
    width: 1,
    precision: { c },
    embed: (_params, token, position) => [{ m: token === 1 ? 1n : -1n, e: BigInt(((position - 1) % 3) - 1) }],
    layers: heads.map((H) => ({
      heads: Array.from({ length: H }, (_, h) => score(h)),
      update: (params: FloatParams, attended: readonly State[], h: State): State => {
        let acc = h[0]!;
        if (attended.length === 0) return [floatMul(params, acc, acc)];
        for (const a of attended) acc = floatMul(params, acc, a[0]!);
        return [acc];
      },
    })),
    output: output === 'accept' ? { kind: 'accept', coordinate: 0 } : { kind: 'state' },
  };
  const procs: Proc[] = [...FLOAT_PROCS, decodeProc, encBitProc];
  // φ: x = token, c = position
  procs.push(
    proc('mdEmbedBit', { x: XB, t: TB, c: add(nE, 1), s: 2, m: MB, e: FB, v: 2 }, ['x', 't', 'c'], ['v'], [
      call('prEncBit', [ne(r('x'), 1), 1, add(sub(IMAX, 1), mod(sub(r('c'), 1), 3)), r('t')], ['v']),
    ]),
  );
  const fl = { sa: 2, ma: MB, ea: FB, sb: 2, mb: MB, eb: FB };
  procs.push(
    proc('mdMulBit', { x: XB, t: TB, c: add(nE, 1), ...fl, v: 2 }, ['x', 't', 'c'], ['v'], [
      call('prDecode', [r('x'), 0], ['sa', 'ma', 'ea']),
      call('prDecode', [r('x'), 1], ['sb', 'mb', 'eb']),
      call('floatMul', [r('sa'), r('ma'), r('ea'), r('sb'), r('mb'), r('eb')], ['sa', 'ma', 'ea']),
      call('prEncBit', [r('sa'), r('ma'), r('ea'), r('t')], ['v']),
    ]),
    proc('mdDivBit', { x: XB, t: TB, c: add(nE, 1), ...fl, v: 2 }, ['x', 't', 'c'], ['v'], [
      call('prDecode', [r('x'), 0], ['sa', 'ma', 'ea']),
      call('prDecode', [r('x'), 1], ['sb', 'mb', 'eb']),
      call('floatDiv', [r('sa'), r('ma'), r('ea'), r('sb'), r('mb'), r('eb')], ['sa', 'ma', 'ea']),
      call('prEncBit', [r('sa'), r('ma'), r('ea'), r('t')], ['v']),
    ]),
  );
  const updateBit = heads.map((H, l) => {
    const name = `mdUpdateBit${l}`;
    // slots: a_1 … a_H (0 … H − 1), h (H)
    const body: Stmt[] = [call('prDecode', [r('x'), H], ['sa', 'ma', 'ea'])];
    if (H === 0) body.push(call('floatMul', [r('sa'), r('ma'), r('ea'), r('sa'), r('ma'), r('ea')], ['sa', 'ma', 'ea']));
    for (let a = 0; a < H; a++) {
      body.push(
        call('prDecode', [r('x'), a], ['sb', 'mb', 'eb']),
        call('floatMul', [r('sa'), r('ma'), r('ea'), r('sb'), r('mb'), r('eb')], ['sa', 'ma', 'ea']),
      );
    }
    body.push(call('prEncBit', [r('sa'), r('ma'), r('ea'), r('t')], ['v']));
    procs.push(proc(name, { x: XB, t: TB, c: add(nE, 1), ...fl, v: 2 }, ['x', 't', 'c'], ['v'], body));
    return name;
  });
  return {
    name: `product model, heads ${heads.join(', ') || 'none'}, ${output}, c = ${c}`,
    model,
    procs,
    embedBit: 'mdEmbedBit',
    similarityBit: heads.map((H) => Array.from({ length: H }, (_, h) => (h % 2 === 0 ? 'mdMulBit' : 'mdDivBit'))),
    updateBit,
  };
};

// -------------------------------------------------------------------------------------------
// sum printers
// -------------------------------------------------------------------------------------------

/**
 * A {@link SumPrinter} that reads a printed ⊕ from tapes (`sumRec`: records as 5-tuples tag,
 * f0 … f3; `sumOut`: output ids; `sumSize`: [gate count]). Not uniform (the circuit is input):
 * for testing the wiring of {@link paperRoutePrinter} against sizes where the uniform one is
 * slow. Build the tapes with {@link sumTapes}.
 * @category constructors
 */
export const tapeSumPrinter = (): SumPrinter => ({
  procs: [
    proc('tsEntry', { i: add(div(len('sumRec'), 5), 1), tg: 4 }, [], [], [
      loop('i', 0, div(len('sumRec'), 5), [
        set('tg', read('sumRec', mul(5, r('i')))),
        when(eq(r('tg'), 0), [emit('gate', read('sumRec', add(mul(5, r('i')), 1)), read('sumRec', add(mul(5, r('i')), 2)), read('sumRec', add(mul(5, r('i')), 3)), read('sumRec', add(mul(5, r('i')), 4)))]),
        when(eq(r('tg'), 1), [emit('arg', read('sumRec', add(mul(5, r('i')), 1)), read('sumRec', add(mul(5, r('i')), 2)), read('sumRec', add(mul(5, r('i')), 3)))]),
        when(eq(r('tg'), 2), [emit('out', read('sumRec', add(mul(5, r('i')), 1)))]),
      ]),
    ]),
    proc('tsSize', { s: G }, [], ['s'], [set('s', read('sumSize', 0))]),
    proc('tsOut', { t: P, g: G }, ['t'], ['g'], [set('g', read('sumOut', r('t')))]),
  ],
  entry: 'tsEntry',
  size: 'tsSize',
  outputId: 'tsOut',
  tapes: ['sumRec', 'sumOut', 'sumSize'],
});

/** The tapes of {@link tapeSumPrinter} for a stream of records. @category constructors */
export const sumTapes = (records: Iterable<{ readonly tag: string; readonly fields: readonly number[] }>): Record<string, number[]> => {
  const rec: number[] = [];
  const out: number[] = [];
  let size = 0;
  for (const x of records) {
    const tag = GATE_STREAM_TAGS.indexOf(x.tag as (typeof GATE_STREAM_TAGS)[number]);
    rec.push(tag, x.fields[0] ?? 0, x.fields[1] ?? 0, x.fields[2] ?? 0, x.fields[3] ?? 0);
    if (x.tag === 'gate') size++;
    if (x.tag === 'out') out.push(x.fields[0] ?? 0);
  }
  return { sumRec: rec, sumOut: out, sumSize: [size] };
};

// -------------------------------------------------------------------------------------------
// the printer
// -------------------------------------------------------------------------------------------

/** How a table copy finds the id of its input i, from its group registers g0, g1, …. */
type InputMap = (i: Expr, into: string) => Stmt[];

/**
 * The two procs of a table kind: `<name>Count`(c) → T (nonzero rows) and
 * `<name>Print`(O, T, c, g0 … g_{G−1}, extra…) (print a copy at offset O; `extra` are
 * further registers `inId` reads). `bitProc`(x, t, c) gives the
 * table's bits.
 */
const tableProcs = (name: string, k: Expr, m: Expr, bitProc: string, groups: number, inId: InputMap, extra: readonly string[] = []): Proc[] => {
  const K = pow2(k);
  const nonzero: Stmt[] = [set('nz', 0), loop('jj', 0, m, [call(bitProc, [r('x'), r('jj'), r('c')], ['v']), when(r('v'), [set('nz', 1), brk])])];
  const gRegs = Object.fromEntries([...Array.from({ length: groups }, (_, g) => `g${g}`), ...extra].map((g) => [g, G] as const));
  const common = { x: add(K, 1), jj: add(m, 1), c: add(nE, 1), v: 2, nz: 2 };
  const O = r('O');
  return [
    proc(`${name}Count`, { ...common, T: add(K, 1) }, ['c'], ['T'], [
      set('T', 0),
      loop('x', 0, K, [...nonzero, when(r('nz'), [set('T', add(r('T'), 1))])]),
    ]),
    proc(
      `${name}Print`,
      { O: G, T: add(K, 1), ...common, ...gRegs, i: add(k, 1), j: add(m, 1), rk: add(K, 1), id: G },
      ['O', 'T', 'c', ...Object.keys(gRegs)],
      [],
      [
        loop('i', 0, k, [emit('gate', add(O, r('i')), GateKind.Not, 0, 0), ...inId(r('i'), 'id'), emit('arg', r('id'), 0, 1)]),
        set('rk', 0),
        loop('x', 0, K, [
          ...nonzero,
          when(r('nz'), [
            emit('gate', add(add(O, k), r('rk')), GateKind.And, 0, 0),
            loop('i', 0, k, [when(bit(r('x'), r('i')), [...inId(r('i'), 'id'), emit('arg', r('id'), 0, 1)], [emit('arg', add(O, r('i')), 0, 1)])]),
            set('rk', add(r('rk'), 1)),
          ]),
        ]),
        loop('j', 0, m, [
          emit('gate', add(add(add(O, k), r('T')), r('j')), GateKind.Or, 0, 0),
          set('rk', 0),
          loop('x', 0, K, [
            ...nonzero,
            when(r('nz'), [call(bitProc, [r('x'), r('j'), r('c')], ['v']), when(r('v'), [emit('arg', add(add(O, k), r('rk')), 0, 1)]), set('rk', add(r('rk'), 1))]),
          ]),
        ]),
      ],
    ),
  ];
};

/** `prAccept<bitProc>`(x, t, c) → v: [coordinate `coord` of the state > 0] (t ignored). */
const acceptProc = (bitProc: string, coord: number): Proc =>
  proc(`prAccept_${bitProc}`, { x: XB, t: TB, c: add(nE, 1), u: Q, v: 2, mag: 2, sg: 2 }, ['x', 't', 'c'], ['v'], [
    set('mag', 0),
    loop('u', 0, sub(Q, 1), [call(bitProc, [r('x'), add(mul(coord, P), r('u')), r('c')], ['v']), when(r('v'), [set('mag', 1)])]),
    call(bitProc, [r('x'), add(mul(coord, P), sub(Q, 1)), r('c')], ['sg']),
    set('v', and(r('mag'), not(r('sg')))),
  ]);

/** The most float slots of one table of the construction: max(3, 2·width, (heads + 1)·width). @category constructors */
export const tableSlots = (model: GeneralModel): number =>
  Math.max(3, 2 * model.width, ...model.layers.map((l) => (l.heads.length + 1) * model.width));

/**
 * The printer of `compilePaper(mm.model, n).circuit` (module header). Parameters: `p`, `b`
 * (bits per token), `G` (a bound on gate ids: the plan's `gatesBound`), `ks` ({@link tableSlots}), the sum printer's tapes.
 * @category constructors
 */
export const paperRoutePrinter = (mm: MeteredGeneralModel, sum: SumPrinter): Program => {
  const { model } = mm;
  const w = model.width;
  const d = model.layers.length;
  const accept = model.output.kind === 'accept';
  const coord = model.output.kind === 'accept' ? model.output.coordinate : 0;
  const b = param('b');
  const wp = mul(w, P);
  const I = mul(nE, P); // inputs of ⊕(n, p)
  const procs: Proc[] = [...mm.procs];
  // the id of output t of ⊕ (relative to its copy): from the layout registers when the sum
  // printer offers them (computed once in main), else by calling its outputId proc
  const anyHead = model.layers.some((l) => l.heads.length > 0);
  const keys = anyHead ? sum.outputKeys : undefined;
  const keyRegs = keys === undefined ? [] : keys.used;
  const outId = (t: E, into: string): Stmt[] => (keys === undefined ? [call(sum.outputId, [t], [into])] : [set(into, keys.idOf(t))]);
  const tableM = (last: boolean): Expr => (last && accept ? { op: 'const', value: 1 } : wp);
  const bitOf = (bp: string, last: boolean): string => {
    if (!(last && accept)) return bp;
    const name = `prAccept_${bp}`;
    if (!procs.some((x) => x.name === name)) procs.push(acceptProc(bp, coord));
    return name;
  };
  // embedding: bit 0 for tokens ≥ |Σ|
  const embBit = bitOf(mm.embedBit, d === 0);
  procs.push(
    proc('prEmbBit', { x: XB, t: TB, c: add(nE, 1), v: 2 }, ['x', 't', 'c'], ['v'], [
      set('v', 0),
      when(lt(r('x'), model.alphabet.length), [call(embBit, [r('x'), r('t'), r('c')], ['v'])]),
    ]),
  );
  const mE = tableM(d === 0);
  // embedding copy of position c (1-based) reads the b token bits of position c − 1: g0 = (c − 1)·b
  procs.push(...tableProcs('prEmb', b, mE, 'prEmbBit', 1, (i, into) => [set(into, add(r('g0'), i))]));
  // offset of the embedding copy of position c (1-based), and its first output
  procs.push(
    proc('prEmbBase', { c: add(nE, 1), c2: add(nE, 1), O: G, T: add(pow2(b), 1), out: G }, ['c'], ['O', 'out'], [
      set('O', mul(nE, b)),
      loop('c2', 1, r('c'), [call('prEmbCount', [r('c2')], ['T']), set('O', add(add(add(r('O'), b), r('T')), mE))]),
      call('prEmbCount', [r('c')], ['T']),
      set('out', add(add(r('O'), b), r('T'))),
    ]),
  );
  // the ⊕ copies and the weight·value table exist only when some layer has a head
  const headProcs: Proc[] = [...sum.procs];
  // ⊕ copy at O: input a ↦ g0 + ⌊a/p⌋·g1 + a mod p
  headProcs.push(
    proc(
      'prSumCopy',
      { O: G, g0: G, g1: G, tg: 4, f0: G, f1: 8, f2: G, f3: G },
      ['O', 'g0', 'g1'],
      [],
      [
        pipe(sum.entry, [], { tag: 'tg', fields: ['f0', 'f1', 'f2', 'f3'] }, [
          when(and(eq(r('tg'), 0), ne(r('f1'), GateKind.Input)), [emit('gate', sub(add(r('O'), r('f0')), I), r('f1'), r('f2'), r('f3'))]),
          when(eq(r('tg'), 1), [
            when(
              lt(r('f0'), I),
              [emit('arg', add(add(r('g0'), mul(div(r('f0'), P), r('g1'))), mod(r('f0'), P)), r('f1'), r('f2'))],
              [emit('arg', sub(add(r('O'), r('f0')), I), r('f1'), r('f2'))],
            ),
          ]),
        ]),
      ],
    ),
  );
  // the weight·value table: slots s, Z, v
  headProcs.push(
    proc('prWvBit', { x: XB, t: TB, c: add(nE, 1), sa: 2, ma: MB, ea: FB, sb: 2, mb: MB, eb: FB, v: 2 }, ['x', 't', 'c'], ['v'], [
      call('prDecode', [r('x'), 0], ['sa', 'ma', 'ea']),
      call('prDecode', [r('x'), 1], ['sb', 'mb', 'eb']),
      call('floatDiv', [r('sa'), r('ma'), r('ea'), r('sb'), r('mb'), r('eb')], ['sa', 'ma', 'ea']),
      call('prDecode', [r('x'), 2], ['sb', 'mb', 'eb']),
      call('floatMul', [r('sa'), r('ma'), r('ea'), r('sb'), r('mb'), r('eb')], ['sa', 'ma', 'ea']),
      call('prEncBit', [r('sa'), r('ma'), r('ea'), r('t')], ['v']),
    ]),
  );
  // the float procs the weight·value table calls, unless the model brought them
  headProcs.push(...[...FLOAT_PROCS, decodeProc, encBitProc].filter((f) => !procs.some((x) => x.name === f.name)));
  // wv copy: g0 = first output of s_ij, g1 = offset of the normalizer ⊕ copy, g2 = first bit of h_j[r]
  headProcs.push(
    ...tableProcs('prWv', mul(3, P), P, 'prWvBit', 3, (i, into) => [
      when(
        lt(i, P),
        [set(into, add(r('g0'), i))],
        [when(lt(i, mul(2, P)), [...outId(sub(i, P), into), set(into, sub(add(r('g1'), r(into)), I))], [set(into, add(r('g2'), sub(i, mul(2, P))))])],
      ),
    ], keyRegs),
  );

  if (anyHead) procs.push(...headProcs);
  // main: registers per layer
  const main: Record<string, E> = { i: add(nE, 1), j: add(nE, 1), c: add(nE, 1), rr: add(nE, 1), t: add(wp, 1), cur: G, O: G, T: G, g0: G, g1: G, g2: G, S: G, Twv: G, sq: G };
  const body: Stmt[] = [];
  if (keys !== undefined) {
    for (const k of keys.results) main[k] = G;
    body.push(call(keys.proc, [], keys.results));
  }
  if (anyHead) body.push(call(sum.size, [], ['S']), set('sq', sub(r('S'), I))); // ⊕ copy size
  // inputs
  body.push(loop('i', 0, mul(nE, b), [emit('gate', r('i'), GateKind.Input, 0, r('i'))]));
  // embedding
  const embedAll = !(d === 0 && accept);
  const embedOne: Stmt[] = [
    call('prEmbCount', [r('c')], ['T']),
    call('prEmbPrint', [r('cur'), r('T'), r('c'), mul(sub(r('c'), 1), b)], []),
    set('cur', add(add(add(r('cur'), b), r('T')), mE)),
  ];
  body.push(set('cur', mul(nE, b)));
  if (embedAll) body.push(loop('c', 1, add(nE, 1), embedOne));
  else body.push(set('c', nE), ...embedOne);
  if (anyHead) body.push(call('prWvCount', [0], ['Twv']));
  const wvSize = add(add(mul(3, P), r('Twv')), P);

  /** Statements putting the first id of state(i) (i 0-based) before layer l into `into`. */
  const stateInto = (l: number, iE: Expr, into: string, scratch: string): Stmt[] => {
    if (l === 0) return [call('prEmbBase', [add(iE, 1)], [scratch, into])];
    const H = model.layers[l - 1]!.heads.length;
    // all rows of layer l − 1 are built (only the last layer of an accept model has one row)
    return [set(into, add(add(add(r(`upd${l - 1}`), mul(iE, r(`usz${l - 1}`))), mul(H + 1, wp)), r(`Tu${l - 1}`)))];
  };

  for (let l = 0; l < d; l++) {
    const layer = model.layers[l]!;
    const H = layer.heads.length;
    const last = l === d - 1;
    const oneRow = last && accept;
    const R: Expr = oneRow ? { op: 'const', value: 1 } : nE;
    const rowI = (ri: Expr): Expr => (oneRow ? sub(nE, 1) : ri);
    Object.assign(main, { [`upd${l}`]: G, [`usz${l}`]: G, [`Tu${l}`]: G, [`wsb${l}`]: G, [`wvb${l}`]: G, [`nb${l}`]: G, [`sib${l}`]: G });
    for (let h = 0; h < H; h++) Object.assign(main, { [`Ts${l}_${h}`]: G, [`ssz${l}_${h}`]: G });
    // table procs of this layer
    for (let h = 0; h < H; h++) {
      procs.push(
        ...tableProcs(`prSim${l}_${h}`, mul(2, wp), P, mm.similarityBit[l]![h]!, 2, (i, into) => [
          when(lt(i, wp), [set(into, add(r('g0'), i))], [set(into, add(r('g1'), sub(i, wp)))]),
        ]),
      );
      body.push(call(`prSim${l}_${h}Count`, [0], [`Ts${l}_${h}`]), set(`ssz${l}_${h}`, add(add(mul(2, wp), r(`Ts${l}_${h}`)), P)));
    }
    const mU = tableM(last);
    // update copy: inputs u < H·w·p from the weighted-sum ⊕ copies (g0 = their stage base,
    // g1 = the row), then h_i (g2 = its first id)
    const fromState: InputMap = (i, into) => [set(into, add(r('g2'), sub(i, mul(H, wp))))];
    procs.push(
      ...tableProcs(`prUpd${l}`, mul(H + 1, wp), mU, bitOf(mm.updateBit[l]!, last), 3, (i, into) =>
        H === 0
          ? fromState(i, into)
          : [
              when(
                lt(i, mul(H, wp)),
                [
                  // copy ((⌊u/w⌋·R + row)·w + u mod w) with u = ⌊i/p⌋
                  ...outId(mod(i, P), into),
                  set(
                    into,
                    sub(
                      add(
                        add(r('g0'), mul(add(mul(add(mul(div(div(i, P), w), R), r('g1')), w), mod(div(i, P), w)), r('sq'))),
                        r(into),
                      ),
                      I,
                    ),
                  ),
                ],
                fromState(i, into),
              ),
            ],
        ['sq', ...keyRegs],
      ),
    );
    body.push(call(`prUpd${l}Count`, [0], [`Tu${l}`]), set(`usz${l}`, add(add(mul(H + 1, wp), r(`Tu${l}`)), mU)));

    const simOut = (h: number, ri: E, j: E): Expr => {
      // first output of similarity copy (h, ri, j)
      let base: Expr = r(`sib${l}`);
      for (let h2 = 0; h2 < h; h2++) base = add(base, mul(mul(R, nE), r(`ssz${l}_${h2}`)));
      return add(add(add(base, mul(add(mul(ri, nE), j), r(`ssz${l}_${h}`))), mul(2, wp)), r(`Ts${l}_${h}`));
    };
    // (b) similarities
    body.push(set(`sib${l}`, r('cur')));
    for (let h = 0; h < H; h++) {
      body.push(
        loop('rr', 0, R, [
          loop('j', 0, nE, [
            ...stateInto(l, rowI(r('rr')), 'g0', 'O'),
            ...stateInto(l, r('j'), 'g1', 'O'),
            call(`prSim${l}_${h}Print`, [r('cur'), r(`Ts${l}_${h}`), 0, r('g0'), r('g1')], []),
            set('cur', add(r('cur'), r(`ssz${l}_${h}`))),
          ]),
        ]),
      );
    }
    // (c) normalizers: copy (h, ri) at nb + (h·R + ri)·sq
    body.push(set(`nb${l}`, r('cur')));
    for (let h = 0; h < H; h++) {
      body.push(
        loop('rr', 0, R, [call('prSumCopy', [r('cur'), simOut(h, r('rr'), 0), r(`ssz${l}_${h}`)], []), set('cur', add(r('cur'), r('sq')))]),
      );
    }
    // (d) weights·values: copy (h, ri, j, r)
    body.push(set(`wvb${l}`, r('cur')));
    for (let h = 0; h < H; h++) {
      body.push(
        loop('rr', 0, R, [
          loop('j', 0, nE, [
            ...stateInto(l, r('j'), 'g2', 'O'),
            loop('t', 0, w, [
              call('prWvPrint', [r('cur'), r('Twv'), 0, simOut(h, r('rr'), r('j')), add(r(`nb${l}`), mul(add(mul(h, R), r('rr')), r('sq'))), add(r('g2'), mul(r('t'), P)), ...keyRegs.map(r)], []),
              set('cur', add(r('cur'), wvSize)),
            ]),
          ]),
        ]),
      );
    }
    // (e) weighted sums: copy (h, ri, r); summand j = wv copy (h, ri, j, r)
    body.push(set(`wsb${l}`, r('cur')));
    for (let h = 0; h < H; h++) {
      body.push(
        loop('rr', 0, R, [
          loop('t', 0, w, [
            call(
              'prSumCopy',
              [r('cur'), add(add(add(r(`wvb${l}`), mul(add(mul(add(mul(h, R), r('rr')), nE), 0), mul(w, wvSize))), mul(r('t'), wvSize)), add(mul(3, P), r('Twv'))), mul(w, wvSize)],
              [],
            ),
            set('cur', add(r('cur'), r('sq'))),
          ]),
        ]),
      );
    }
    // (f) updates
    body.push(set(`upd${l}`, r('cur')));
    body.push(
      loop('rr', 0, R, [
        ...stateInto(l, rowI(r('rr')), 'g2', 'O'),
        call(`prUpd${l}Print`, [r('cur'), r(`Tu${l}`), 0, r(`wsb${l}`), r('rr'), r('g2'), r('sq'), ...keyRegs.map(r)], []),
        set('cur', add(r('cur'), r(`usz${l}`))),
      ]),
    );
  }
  // outputs
  if (accept) {
    // d = 0: only position n is embedded, right after the inputs
    if (d === 0) body.push(call('prEmbCount', [nE], ['T']), emit('out', add(add(mul(nE, b), b), r('T'))));
    else {
      const H = model.layers[d - 1]!.heads.length;
      body.push(emit('out', add(add(r(`upd${d - 1}`), mul(H + 1, wp)), r(`Tu${d - 1}`))));
    }
  } else {
    body.push(loop('i', 0, nE, [...stateInto(d, r('i'), 'g0', 'O'), loop('t', 0, wp, [emit('out', add(r('g0'), r('t')))])]));
  }
  procs.push(proc('prMain', main, [], [], body));
  return program({ main: 'prMain', tags: GATE_STREAM_TAGS, params: ['p', 'b', 'G', 'ks'], tapes: anyHead ? sum.tapes : [] }, procs);
};

/** The run input of {@link paperRoutePrinter} at length n (p, b, G from the paper plan). @category constructors */
export const paperRoutePrinterInput = (
  mm: MeteredGeneralModel,
  n: number,
  plan: { readonly p: number; readonly bitsPerToken: number; readonly gatesBound: number },
  tapes: Readonly<Record<string, ArrayLike<number>>> = {},
): RunInput => ({
  n,
  params: { p: plan.p, b: plan.bitsPerToken, G: plan.gatesBound + 1, ks: tableSlots(mm.model) },
  tapes,
});
