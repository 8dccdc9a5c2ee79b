/**
 * # A small DSL for space-bounded programs
 *
 * Short constructors for the {@link Expr}, {@link Stmt}, {@link Proc} and {@link Program}
 * values of `program.ts`, so that generators read like pseudocode. A number where an
 * expression is expected is a constant.
 *
 * ## Main definitions
 * - Expressions: {@link r} (a register), {@link n}, {@link param}, {@link len}, {@link read},
 *   {@link add}, {@link sub}, {@link mul}, {@link div}, {@link mod}, {@link min}, {@link max},
 *   {@link eq}, {@link ne}, {@link lt}, {@link le}, {@link gt}, {@link ge}, {@link and},
 *   {@link or}, {@link not}, {@link bit}, {@link pow2}, {@link log2ceil}, {@link cond}.
 * - Statements: {@link set}, {@link loop}, {@link whileDo}, {@link when}, {@link brk},
 *   {@link emit}, {@link call}, {@link pipe}.
 * - {@link proc}, {@link program}.
 *
 * ## Implementation notes
 * Every constructor returns plain immutable data; nothing here runs a program.
 *
 * @example
 * ```ts
 * // print i for i < n, using one register of bound n
 * const p = program({ main: 'main', tags: ['i'] }, [
 *   proc('main', { i: n }, [], [], [loop('i', 0, n, [emit('i', r('i'))])]),
 * ]);
 * ```
 *
 * @module
 */
import type { BinOp, Expr, Proc, Program, Stmt } from './program.js';

/** An expression or a constant. @category model */
export type E = Expr | number;

const ex = (e: E): Expr => (typeof e === 'number' ? { op: 'const', value: e } : e);
const bin =
  (op: BinOp) =>
  (a: E, b: E): Expr => ({ op, a: ex(a), b: ex(b) });

/** The register `name` of the current subprogram. @category expressions */
export const r = (name: string): Expr => ({ op: 'reg', name });
/** The input length n. @category expressions */
export const n: Expr = { op: 'param', name: 'n' };
/** A read-only parameter of the run. @category expressions */
export const param = (name: string): Expr => ({ op: 'param', name });
/** The length of a read-only tape. @category expressions */
export const len = (tape: string): Expr => ({ op: 'len', tape });
/** Cell `index` of a read-only tape. @category expressions */
export const read = (tape: string, index: E): Expr => ({ op: 'read', tape, index: ex(index) });
/** @category expressions */
export const add = bin('add');
/** a − b; refused when negative. @category expressions */
export const sub = bin('sub');
/** @category expressions */
export const mul = bin('mul');
/** ⌊a / b⌋. @category expressions */
export const div = bin('div');
/** @category expressions */
export const mod = bin('mod');
/** @category expressions */
export const min = bin('min');
/** @category expressions */
export const max = bin('max');
/** @category expressions */
export const eq = bin('eq');
/** @category expressions */
export const ne = bin('ne');
/** @category expressions */
export const lt = bin('lt');
/** @category expressions */
export const le = bin('le');
/** @category expressions */
export const gt = bin('gt');
/** @category expressions */
export const ge = bin('ge');
/** Logical and (0/1). @category expressions */
export const and = bin('and');
/** Logical or (0/1). @category expressions */
export const or = bin('or');
/** 1 iff a = 0. @category expressions */
export const not = (a: E): Expr => ({ op: 'not', a: ex(a) });
/** 2^a. @category expressions */
export const pow2 = (a: E): Expr => ({ op: 'pow2', a: ex(a) });
/** ⌈log₂ a⌉, a ≥ 1. @category expressions */
export const log2ceil = (a: E): Expr => ({ op: 'log2ceil', a: ex(a) });
/** ⌊a / 2^i⌋ mod 2. @category expressions */
export const bit = (a: E, i: E): Expr => ({ op: 'bit', a: ex(a), i: ex(i) });
/** c ≠ 0 ? a : b. @category expressions */
export const cond = (c: E, a: E, b: E): Expr => ({ op: 'cond', c: ex(c), a: ex(a), b: ex(b) });

/** reg := value. @category statements */
export const set = (reg: string, value: E): Stmt => ({ op: 'set', reg, value: ex(value) });
/** for reg in from … to − 1 (see {@link Stmt}). @category statements */
export const loop = (reg: string, from: E, to: E, body: readonly Stmt[]): Stmt => ({ op: 'for', reg, from: ex(from), to: ex(to), body });
/** while c ≠ 0. @category statements */
export const whileDo = (c: E, body: readonly Stmt[]): Stmt => ({ op: 'while', cond: ex(c), body });
/** if c ≠ 0 then … else …. @category statements */
export const when = (c: E, then: readonly Stmt[], otherwise: readonly Stmt[] = []): Stmt => ({ op: 'if', cond: ex(c), then, else: otherwise });
/** Leave the innermost loop. @category statements */
export const brk: Stmt = { op: 'break' };
/** Write one record to the output. @category statements */
export const emit = (tag: string, ...fields: readonly E[]): Stmt => ({ op: 'emit', tag, fields: fields.map(ex) });
/** Call a subprogram; its results go to the registers `into`. @category statements */
export const call = (proc: string, args: readonly E[], into: readonly string[] = []): Stmt => ({ op: 'call', proc, args: args.map(ex), into });
/**
 * Run a subprogram and handle each record it emits: the tag's index goes to register `tag`,
 * the fields to `fields`, then `body` runs (in this frame).
 * @category statements
 */
export const pipe = (proc: string, args: readonly E[], receive: { readonly tag: string; readonly fields: readonly string[] }, body: readonly Stmt[]): Stmt => ({
  op: 'pipe',
  proc,
  args: args.map(ex),
  tag: receive.tag,
  fields: receive.fields,
  body,
});

/**
 * A subprogram: `regs` maps each register to its bound (registers hold 0 … bound − 1;
 * declaration order is frame order); `params` receive the arguments, `results` are returned.
 * @category constructors
 */
export const proc = (name: string, regs: Readonly<Record<string, E>>, params: readonly string[], results: readonly string[], body: readonly Stmt[]): Proc => ({
  name,
  regs: Object.entries(regs).map(([reg, bound]) => ({ name: reg, bound: ex(bound) })),
  params,
  results,
  body,
});

/** A program; `params` and `tapes` default to none. @category constructors */
export const program = (
  head: { readonly main: string; readonly tags: readonly string[]; readonly params?: readonly string[]; readonly tapes?: readonly string[] },
  procs: readonly Proc[],
): Program => ({ main: head.main, tags: head.tags, params: head.params ?? [], tapes: head.tapes ?? [], procs });
