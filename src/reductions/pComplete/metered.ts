/**
 * # The P-completeness reductions as log-space programs
 *
 * The reductions CVP → linear equalities and CVP → ε-CFG membership as programs of the
 * kernel's space-metered machine (`src/core/logspace`): the CVP instance is on read-only
 * tapes, the target instance is printed as a stream of records, and the machine meters the
 * work bits. Each program prints exactly the records of the plain reduction
 * (`linearEqualities.ts`, `cfgMembership.ts`), which is their specification.
 *
 * ## Main definitions
 * - {@link cvpRunInput}: the tapes of a CVP instance and n = gates + wires.
 * - {@link cvpToLinearEqualitiesProgram}, {@link LE_TAGS}, {@link leRecordsOf}, {@link decodeLe}.
 * - {@link cvpToCfgProgram}, {@link CFG_TAGS}, {@link cfgRecordsOf}, {@link decodeCfg}.
 * - {@link recordComparer}: compare a printed stream with the expected records as they come.
 *
 * ## Input tapes (n = G + W, G gates, W wires)
 * `kind`, `param` (G cells: the kernel's gate kinds and parameters), `start` (G + 1 cells: the
 * first wire of each gate, the kernel's `faninStart`), `fanin` (W cells), `bits` (the input
 * assignment), `out` (1 cell: the output gate).
 *
 * ## Output records (numbers are naturals: a signed value v is printed as s = [v < 0], |v|)
 * - LE: `le V` (V variables), then per equation `row s |b|` followed by one `term v s |c|` per
 *   term c·x_v, in the order of the plain reduction.
 * - CFG: `cfg N T S L` (N nonterminals, T terminals, start S, word length L = 0), then per
 *   production `prod A` followed by one `sym B` per nonterminal of its right-hand side (these
 *   grammars have no terminal on a right-hand side).
 *
 * ## Main results (registers; widths are ⌈log₂ bound⌉)
 * - LE: g < n (the gate), w < n + 1 (a wire), s < 3n + 1 (the next slack variable: G + the
 *   slacks so far ≤ G + W + 2G ≤ 3n); one frame. A first pass counts the slacks into s to print
 *   V; the second prints the rows.
 * - CFG: g < n, w < n + 1; one frame.
 * Plus the frame's control bits, ⌈log₂(#emit + 1)⌉ (the machine's rule). Nothing else is
 * stored: the fan-in, the kind, k − 1 are read off the tapes whenever needed.
 *
 * ## References
 * - P1 §2; the reductions' references are in their modules.
 *
 * @module
 */
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import { GateKind } from '../../core/circuit.js';
import {
  add,
  cond,
  emit,
  eq,
  len,
  loop,
  mul,
  n,
  or,
  proc,
  program,
  r,
  read,
  set,
  sub,
  when,
  type E,
  type Program,
  type RunInput,
  type Sink,
  type Stmt,
  type StreamRecord,
} from '../../core/logspace/index.js';
import { cvpOutput, type CvpInstance } from './cvp.js';
import type { CfgInstance, GSym, Production } from './cfgMembership.js';
import type { LeInstance, LeRow } from './linearEqualities.js';

/** The run input of the programs for a CVP instance: n = gates + wires, the instance on tapes. @category constructors */
export const cvpRunInput = (x: CvpInstance): RunInput => {
  const c = x.circuit;
  return {
    n: c.numGates + c.fanin.length,
    tapes: { kind: c.kind, param: c.param, start: c.faninStart, fanin: c.fanin, bits: x.input, out: [cvpOutput(x)] },
  };
};

const CVP_TAPES = ['kind', 'param', 'start', 'fanin', 'bits', 'out'] as const;

// Reading the instance (expressions over the tapes).
const g = r('g');
const w = r('w');
const kindOf = (e: E): ReturnType<typeof read> => read('kind', e);
const first = read('start', g);
const end = read('start', add(g, 1));
const fanIn = sub(end, first);
const isKind = (k: number): ReturnType<typeof eq> => eq(kindOf(g), k);
const isAndOr = or(isKind(GateKind.And), isKind(GateKind.Or));
const arg = read('fanin', w);
/** The value of an input or const gate: the input bit, or the constant. */
const leafValue = cond(isKind(GateKind.Input), read('bits', read('param', g)), read('param', g));

// ---------------------------------------------------------------------------------------------
// CVP → linear equalities
// ---------------------------------------------------------------------------------------------

/** The record tags of a printed LE instance. @category model */
export const LE_TAGS = ['le', 'row', 'term'] as const;

const row = (neg: E, mag: E): Stmt => emit('row', neg, mag);
const term = (v: E, neg: 0 | 1): Stmt => emit('term', v, neg, 1);
const slackTerm = [term(r('s'), 0), set('s', add(r('s'), 1))];

/**
 * The reduction CVP → LE (`linearEqualities.ts`) as a program of the space-metered machine:
 * registers g < n, w < n + 1, s < 3n + 1 (see the module notes).
 * @category constructors
 */
export const cvpToLinearEqualitiesProgram = (): Program =>
  program({ main: 'main', tags: LE_TAGS, tapes: CVP_TAPES }, [
    proc('main', { g: n, w: add(n, 1), s: add(mul(3, n), 1) }, [], [], [
      // pass 1: s := the number of slack variables, so that V = G + s
      set('s', 0),
      loop('g', 0, len('kind'), [when(isAndOr, [set('s', add(r('s'), add(fanIn, 2)))])]),
      emit('le', add(len('kind'), r('s'))),
      // pass 2: the rows, gate by gate; s is the next slack variable
      set('s', len('kind')),
      loop('g', 0, len('kind'), [
        when(or(isKind(GateKind.Input), isKind(GateKind.Const)), [row(0, leafValue), term(g, 0)]),
        when(isKind(GateKind.Not), [row(0, 1), term(g, 0), set('w', first), term(arg, 0)]),
        when(isKind(GateKind.And), [
          loop('w', first, end, [row(0, 0), term(g, 0), term(arg, 1), ...slackTerm]),
          // Σ x_a − x_g ≤ k − 1 (k − 1 = −1 when k = 0)
          row(eq(fanIn, 0), cond(eq(fanIn, 0), 1, sub(fanIn, 1))),
          loop('w', first, end, [term(arg, 0)]),
          term(g, 1),
          ...slackTerm,
          row(0, 1),
          term(g, 0),
          ...slackTerm,
        ]),
        when(isKind(GateKind.Or), [
          loop('w', first, end, [row(0, 0), term(arg, 0), term(g, 1), ...slackTerm]),
          row(0, 0),
          term(g, 0),
          loop('w', first, end, [term(arg, 1)]),
          ...slackTerm,
          row(0, 1),
          term(g, 0),
          ...slackTerm,
        ]),
      ]),
      row(0, 1),
      term(read('out', 0), 0),
    ]),
  ]);

const signed = (v: number): [number, number] => [v < 0 ? 1 : 0, Math.abs(v)];

/** The records a printer of this LE instance must print, in order. @category destructors */
export function* leRecordsOf(inst: LeInstance): Generator<StreamRecord> {
  yield { tag: 'le', fields: [inst.numVars] };
  for (const rw of inst.rows) {
    yield { tag: 'row', fields: signed(rw.rhs) };
    for (const t of rw.terms) yield { tag: 'term', fields: [t.v, ...signed(t.c)] };
  }
}

const fieldsOk = (rec: StreamRecord, k: number): boolean => rec.fields.length === k && rec.fields.every((f) => Number.isSafeInteger(f) && f >= 0);
const unsign = (s: number, m: number): number => (s === 1 ? -m : m);

/** Read a printed LE instance back, or say where the stream is malformed. @category destructors */
export const decodeLe = (records: readonly StreamRecord[]): Either<string, LeInstance> => {
  const head = records[0];
  if (head === undefined || head.tag !== 'le' || !fieldsOk(head, 1)) return left('decodeLe: record 0 must be `le V`');
  const numVars = head.fields[0]!;
  const rows: { terms: { v: number; c: number }[]; rhs: number }[] = [];
  for (let i = 1; i < records.length; i++) {
    const rec = records[i]!;
    if (rec.tag === 'row' && fieldsOk(rec, 2) && rec.fields[0]! <= 1) rows.push({ terms: [], rhs: unsign(rec.fields[0]!, rec.fields[1]!) });
    else if (rec.tag === 'term' && fieldsOk(rec, 3) && rec.fields[1]! <= 1) {
      const last = rows[rows.length - 1];
      if (last === undefined) return left(`decodeLe: record ${i}: a term before the first row`);
      if (rec.fields[0]! >= numVars) return left(`decodeLe: record ${i}: variable ${rec.fields[0]} ≥ V = ${numVars}`);
      last.terms.push({ v: rec.fields[0]!, c: unsign(rec.fields[1]!, rec.fields[2]!) });
    } else return left(`decodeLe: record ${i} (${rec.tag} ${rec.fields.join(' ')}) is not a row or a term`);
  }
  return right({ numVars, rows: rows as readonly LeRow[] });
};

// ---------------------------------------------------------------------------------------------
// CVP → CFG membership
// ---------------------------------------------------------------------------------------------

/** The record tags of a printed CFG instance. @category model */
export const CFG_TAGS = ['cfg', 'prod', 'sym'] as const;

const T = (e: E): ReturnType<typeof mul> => mul(2, e);
const F = (e: E): ReturnType<typeof add> => add(mul(2, e), 1);

/**
 * The reduction CVP → ε-CFG membership (`cfgMembership.ts`) as a program of the
 * space-metered machine: registers g < n, w < n + 1 (see the module notes).
 * @category constructors
 */
export const cvpToCfgProgram = (): Program =>
  program({ main: 'main', tags: CFG_TAGS, tapes: CVP_TAPES }, [
    proc('main', { g: n, w: add(n, 1) }, [], [], [
      emit('cfg', mul(2, len('kind')), 0, T(read('out', 0)), 0),
      loop('g', 0, len('kind'), [
        when(or(isKind(GateKind.Input), isKind(GateKind.Const)), [emit('prod', cond(leafValue, T(g), F(g)))]),
        when(isKind(GateKind.Not), [set('w', first), emit('prod', T(g)), emit('sym', F(arg)), emit('prod', F(g)), emit('sym', T(arg))]),
        when(isKind(GateKind.And), [
          emit('prod', T(g)),
          loop('w', first, end, [emit('sym', T(arg))]),
          loop('w', first, end, [emit('prod', F(g)), emit('sym', F(arg))]),
        ]),
        when(isKind(GateKind.Or), [
          loop('w', first, end, [emit('prod', T(g)), emit('sym', T(arg))]),
          emit('prod', F(g)),
          loop('w', first, end, [emit('sym', F(arg))]),
        ]),
      ]),
    ]),
  ]);

/** The records a printer of this CFG instance must print, in order (nonterminal symbols only). @category destructors */
export function* cfgRecordsOf(inst: CfgInstance): Generator<StreamRecord> {
  const gr = inst.grammar;
  yield { tag: 'cfg', fields: [gr.numNonterminals, gr.numTerminals, gr.start, inst.word.length] };
  for (const p of gr.productions) {
    yield { tag: 'prod', fields: [p.lhs] };
    for (const s of p.rhs) {
      if (!('nt' in s)) throw new RangeError('cfgRecordsOf: the record format prints nonterminal symbols only');
      yield { tag: 'sym', fields: [s.nt] };
    }
  }
}

/** Read a printed CFG instance back (word ε), or say where the stream is malformed. @category destructors */
export const decodeCfg = (records: readonly StreamRecord[]): Either<string, CfgInstance> => {
  const head = records[0];
  if (head === undefined || head.tag !== 'cfg' || !fieldsOk(head, 4)) return left('decodeCfg: record 0 must be `cfg N T S L`');
  const [numNonterminals, numTerminals, start, wordLength] = head.fields as [number, number, number, number];
  if (wordLength !== 0) return left(`decodeCfg: the word has length ${wordLength}; this format prints ε only`);
  if (start >= numNonterminals) return left(`decodeCfg: start symbol ${start} ≥ N = ${numNonterminals}`);
  const productions: { lhs: number; rhs: GSym[] }[] = [];
  for (let i = 1; i < records.length; i++) {
    const rec = records[i]!;
    if (!fieldsOk(rec, 1) || rec.fields[0]! >= numNonterminals) return left(`decodeCfg: record ${i} (${rec.tag} ${rec.fields.join(' ')}) is not a prod or sym of a nonterminal < ${numNonterminals}`);
    if (rec.tag === 'prod') productions.push({ lhs: rec.fields[0]!, rhs: [] });
    else if (rec.tag === 'sym') {
      const last = productions[productions.length - 1];
      if (last === undefined) return left(`decodeCfg: record ${i}: a sym before the first prod`);
      last.rhs.push({ nt: rec.fields[0]! });
    } else return left(`decodeCfg: record ${i}: unknown tag '${rec.tag}'`);
  }
  return right({ grammar: { numNonterminals, numTerminals, start, productions: productions as readonly Production[] }, word: [] });
};

// ---------------------------------------------------------------------------------------------
// Comparing a printed stream with the expected one
// ---------------------------------------------------------------------------------------------

/**
 * A sink comparing what it receives with `expected`, record by record, keeping only a
 * position (and, when `keep`, the records, to decode them); `result` is right(count) when the
 * whole stream was equal, else the first difference with its index.
 * @category constructors
 */
export const recordComparer = (
  expected: Iterator<StreamRecord>,
  keep = false,
): { readonly sink: Sink; readonly result: () => Either<string, number>; readonly records: () => readonly StreamRecord[] } => {
  let i = 0;
  let diff: string | null = null;
  const kept: StreamRecord[] = [];
  const show = (tag: string, fields: readonly number[]): string => `${tag} ${fields.join(' ')}`;
  return {
    sink: (tag, fields) => {
      if (keep) kept.push({ tag, fields: [...fields] });
      if (diff !== null) return;
      const e = expected.next();
      if (e.done === true) diff = `record ${i}: printed '${show(tag, fields)}' after the end of the expected stream`;
      else if (e.value.tag !== tag || e.value.fields.length !== fields.length || e.value.fields.some((f, j) => f !== fields[j])) {
        diff = `record ${i}: printed '${show(tag, fields)}', expected '${show(e.value.tag, e.value.fields)}'`;
      }
      i++;
    },
    result: () => {
      if (diff !== null) return left(diff);
      const e = expected.next();
      return e.done === true ? right(i) : left(`record ${i}: the printed stream ends, expected '${show(e.value.tag, e.value.fields)}'`);
    },
    records: () => kept,
  };
};
