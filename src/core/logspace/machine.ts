/**
 * # The space-metered machine
 *
 * Runs a {@link Program} (plain data, `src/core/logspace/program.ts`) on n, read-only
 * parameters and read-only tapes, writing records to a write-only sink, and meters its work
 * space: the peak, over the run, of the bits held by the frames on the call stack.
 *
 * ## Main definitions
 * - {@link validateProgram}: check a program's names, arities and scoping, or say where it is wrong.
 * - {@link runProgram}: run a program; `Right` is the {@link SpaceMeter}, `Left` a
 *   {@link KernelError} (a bound violated — which register, which value, which bound —, an
 *   overflow, a tape read out of range, too many steps or frames).
 * - {@link registerWidth}: ⌈log₂ bound⌉, the bits a register of that bound costs.
 * - {@link countingSink}, {@link collectingSink}: output sinks (metering never needs to store the output).
 *
 * ## Main results
 * Work bits of a frame = Σ over its registers of ⌈log₂ bound⌉ + the frame's control bits
 * ⌈log₂(s + 1)⌉, where s is the number of `call`, `pipe` and `emit` statements of the program
 * (the point where a suspended frame resumes: a Turing machine would keep it on its work tape).
 * The meter's `peakBits` is the largest Σ of work bits over the frames live at one time. Input
 * tapes, n, the parameters and the output are not work space (read-only / write-only, P1 Def 5).
 *
 * ## Implementation notes
 * - Expressions are evaluated by the machine on values < 2^53 and are not metered: a Turing
 *   machine computes +, −, ·, div, mod, comparisons of O(log n)-bit numbers in O(log n) space,
 *   so they change the constant, not the order; the claims of the lemmas are about registers.
 *   The result of every operation must be a natural number < 2^53 (else the run is refused).
 * - The program is compiled once per run into JS closures (the interpreter's business): the
 *   program itself can only touch its registers.
 *
 * ## References
 * - P1 = Merrill & Sabharwal, TACL 2023, Def 5 and Lemma 2.
 *
 * @module
 */
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import { kernelError, type KernelError } from '../circuit.js';
import type { Expr, Proc, Program, Stmt } from './program.js';

/** Where records go: the tag and the fields of each record, in order. @category model */
export type Sink = (tag: string, fields: readonly number[]) => void;

/** What one run measured. @category model */
export interface SpaceMeter {
  /** Peak, over the run, of Σ work bits of the live frames. */
  readonly peakBits: number;
  /** Peak number of live frames. */
  readonly peakFrames: number;
  /** Statements executed (loop iterations included). */
  readonly steps: number;
  /** Records written to the sink. */
  readonly records: number;
  /** Work bits of one frame of each subprogram at this n (registers + control bits). */
  readonly frameBits: Readonly<Record<string, number>>;
  /** Width of every register of every subprogram at this n. */
  readonly registerBits: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** Control bits of a frame. */
  readonly controlBits: number;
}

/** Limits of one run (defaults: 2·10^9 steps, 100 000 frames). @category model */
export interface RunLimits {
  readonly maxSteps?: number;
  readonly maxFrames?: number;
}

/** The read-only input of a run, and where its output goes. @category model */
export interface RunInput {
  readonly n: number;
  readonly params?: Readonly<Record<string, number>>;
  readonly tapes?: Readonly<Record<string, ArrayLike<number>>>;
  /** Default: records are counted and dropped. */
  readonly sink?: Sink;
  readonly limits?: RunLimits;
}

const RULE = 'logspace';
const MAX = Number.MAX_SAFE_INTEGER;

/** ⌈log₂ bound⌉ for a bound ≥ 1: the bits of a register holding 0 … bound − 1 (0 for bound 1). @category destructors */
export const registerWidth = (bound: number): number => {
  let w = 0;
  while (2 ** w < bound) w++;
  return w;
};

/** A sink that counts records and keeps nothing. @category constructors */
export const countingSink = (): { readonly sink: Sink; readonly count: () => number } => {
  let c = 0;
  return { sink: () => void c++, count: () => c };
};

/** A sink that keeps every record (for small runs and tests). @category constructors */
export const collectingSink = (): { readonly sink: Sink; readonly records: () => readonly { readonly tag: string; readonly fields: readonly number[] }[] } => {
  const out: { tag: string; fields: readonly number[] }[] = [];
  return { sink: (tag, fields) => void out.push({ tag, fields: [...fields] }), records: () => out };
};

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

const exprProblems = (e: Expr, path: string, p: Program, regs: ReadonlySet<string> | null): string[] => {
  switch (e.op) {
    case 'const':
      return Number.isSafeInteger(e.value) && e.value >= 0 ? [] : [`${path}: constant ${e.value} is not a natural number < 2^53`];
    case 'reg':
      if (regs === null) return [`${path}: a bound may not read register '${e.name}'`];
      return regs.has(e.name) ? [] : [`${path}: no register '${e.name}'`];
    case 'param':
      return e.name === 'n' || p.params.includes(e.name) ? [] : [`${path}: no parameter '${e.name}' (declared: n${p.params.map((x) => `, ${x}`).join('')})`];
    case 'len':
      return p.tapes.includes(e.tape) ? [] : [`${path}: no tape '${e.tape}'`];
    case 'read':
      if (regs === null) return [`${path}: a bound may not read tape '${e.tape}'`];
      return [...(p.tapes.includes(e.tape) ? [] : [`${path}: no tape '${e.tape}'`]), ...exprProblems(e.index, `${path}.index`, p, regs)];
    case 'not':
    case 'pow2':
    case 'log2ceil':
      return exprProblems(e.a, `${path}.a`, p, regs);
    case 'bit':
      return [...exprProblems(e.a, `${path}.a`, p, regs), ...exprProblems(e.i, `${path}.i`, p, regs)];
    case 'cond':
      return [...exprProblems(e.c, `${path}.c`, p, regs), ...exprProblems(e.a, `${path}.a`, p, regs), ...exprProblems(e.b, `${path}.b`, p, regs)];
    default:
      return [...exprProblems(e.a, `${path}.a`, p, regs), ...exprProblems(e.b, `${path}.b`, p, regs)];
  }
};

const stmtProblems = (s: Stmt, path: string, p: Program, proc: Proc, regs: ReadonlySet<string>, inLoop: boolean): string[] => {
  const reg = (r: string, where: string): string[] => (regs.has(r) ? [] : [`${path}.${where}: no register '${r}' in '${proc.name}'`]);
  const block = (b: readonly Stmt[], where: string, loop: boolean): string[] => b.flatMap((t, i) => stmtProblems(t, `${path}.${where}[${i}]`, p, proc, regs, loop));
  const callee = (name: string, args: number): [Proc | undefined, string[]] => {
    const q = p.procs.find((x) => x.name === name);
    if (q === undefined) return [undefined, [`${path}: no subprogram '${name}'`]];
    return [q, q.params.length === args ? [] : [`${path}: '${name}' takes ${q.params.length} arguments, got ${args}`]];
  };
  switch (s.op) {
    case 'set':
      return [...reg(s.reg, 'reg'), ...exprProblems(s.value, `${path}.value`, p, regs)];
    case 'for':
      return [...reg(s.reg, 'reg'), ...exprProblems(s.from, `${path}.from`, p, regs), ...exprProblems(s.to, `${path}.to`, p, regs), ...block(s.body, 'body', true)];
    case 'while':
      return [...exprProblems(s.cond, `${path}.cond`, p, regs), ...block(s.body, 'body', true)];
    case 'if':
      return [...exprProblems(s.cond, `${path}.cond`, p, regs), ...block(s.then, 'then', inLoop), ...block(s.else, 'else', inLoop)];
    case 'break':
      return inLoop ? [] : [`${path}: break outside a for or while loop`];
    case 'emit':
      return [
        ...(p.tags.includes(s.tag) ? [] : [`${path}: tag '${s.tag}' is not declared (tags: ${p.tags.join(', ')})`]),
        ...s.fields.flatMap((f, i) => exprProblems(f, `${path}.fields[${i}]`, p, regs)),
      ];
    case 'call': {
      const [q, bad] = callee(s.proc, s.args.length);
      return [
        ...bad,
        ...(q !== undefined && q.results.length !== s.into.length ? [`${path}: '${s.proc}' returns ${q.results.length} results, ${s.into.length} registers receive them`] : []),
        ...s.args.flatMap((a, i) => exprProblems(a, `${path}.args[${i}]`, p, regs)),
        ...s.into.flatMap((r) => reg(r, 'into')),
      ];
    }
    case 'pipe': {
      const [, bad] = callee(s.proc, s.args.length);
      return [
        ...bad,
        ...s.args.flatMap((a, i) => exprProblems(a, `${path}.args[${i}]`, p, regs)),
        ...reg(s.tag, 'tag'),
        ...s.fields.flatMap((r) => reg(r, 'fields')),
        ...block(s.body, 'body', false),
      ];
    }
  }
};

/**
 * Every problem of a program's structure (unknown names, wrong arities, a `break` outside a
 * loop, a bound that reads a register, duplicate names), each with its path; empty if none.
 * @category destructors
 */
export const programProblems = (p: Program): string[] => {
  const out: string[] = [];
  const names = new Set<string>();
  for (const q of p.procs) {
    if (names.has(q.name)) out.push(`procs: '${q.name}' is declared twice`);
    names.add(q.name);
  }
  const main = p.procs.find((q) => q.name === p.main);
  if (main === undefined) out.push(`main: no subprogram '${p.main}'`);
  else if (main.params.length > 0) out.push(`main: '${p.main}' takes parameters; the entry point takes none`);
  if (new Set(p.tags).size !== p.tags.length) out.push('tags: a tag is declared twice');
  for (const q of p.procs) {
    const regs = new Set<string>();
    q.regs.forEach((r, i) => {
      if (regs.has(r.name)) out.push(`${q.name}.regs[${i}]: register '${r.name}' is declared twice`);
      regs.add(r.name);
      out.push(...exprProblems(r.bound, `${q.name}.regs[${i}].bound`, p, null));
    });
    if (new Set(q.params).size !== q.params.length) out.push(`${q.name}.params: a parameter is listed twice`);
    for (const r of [...q.params, ...q.results]) if (!regs.has(r)) out.push(`${q.name}: parameter or result '${r}' is not a declared register`);
    q.body.forEach((s, i) => out.push(...stmtProblems(s, `${q.name}.body[${i}]`, p, q, regs, false)));
  }
  return out;
};

/** Validate a program's structure: `Right` the program, `Left` every problem. @category destructors */
export const validateProgram = (p: Program): Either<KernelError, Program> => {
  const bad = programProblems(p);
  return bad.length === 0 ? right(p) : left(kernelError(RULE, `the program is malformed: ${bad.join('; ')}`));
};

// ---------------------------------------------------------------------------------------------
// Compilation and run
// ---------------------------------------------------------------------------------------------

class Fault extends Error {}

type Regs = Float64Array;
type CExpr = (r: Regs) => number;
/** Returns true when a `break` is leaving the loop. */
type CStmt = (r: Regs) => boolean;

const controlSites = (p: Program): number => {
  const count = (b: readonly Stmt[]): number =>
    b.reduce((acc, s) => {
      switch (s.op) {
        case 'for':
        case 'while':
          return acc + count(s.body);
        case 'if':
          return acc + count(s.then) + count(s.else);
        case 'emit':
        case 'call':
          return acc + 1;
        case 'pipe':
          return acc + 1 + count(s.body);
        default:
          return acc;
      }
    }, 0);
  return p.procs.reduce((a, q) => a + count(q.body), 0);
};

/**
 * Run a program. The output goes to `input.sink` (default: counted and dropped); the result is
 * the meter, or the first violation.
 * @example
 * ```ts
 * // print 0 … n − 1 with one register of bound n
 * const p = program({ main: 'main', tags: ['i'] }, [
 *   proc('main', { i: n }, [], [], [loop('i', 0, n, [emit('i', r('i'))])]),
 * ]);
 * runProgram(p, { n: 8 }); // Right: peakBits 3 (+ control bits)
 * ```
 * @category destructors
 */
export const runProgram = (p: Program, input: RunInput): Either<KernelError, SpaceMeter> => {
  const bad = programProblems(p);
  if (bad.length > 0) return left(kernelError(RULE, `the program is malformed: ${bad.join('; ')}`));
  const { n } = input;
  if (!Number.isSafeInteger(n) || n < 0) return left(kernelError(RULE, `n = ${n} is not a natural number`));
  const params = new Map<string, number>([['n', n]]);
  for (const name of p.params) {
    const v = input.params?.[name];
    if (v === undefined || !Number.isSafeInteger(v) || v < 0) return left(kernelError(RULE, `parameter '${name}' is ${String(v)}, not a natural number`));
    params.set(name, v);
  }
  const tapes = new Map<string, ArrayLike<number>>();
  for (const name of p.tapes) {
    const t = input.tapes?.[name];
    if (t === undefined) return left(kernelError(RULE, `tape '${name}' is not given`));
    tapes.set(name, t);
  }
  const maxSteps = input.limits?.maxSteps ?? 2e9;
  const maxFrames = input.limits?.maxFrames ?? 100_000;
  const userSink = input.sink;
  let records = 0;
  let steps = 0;
  let bits = 0;
  let peakBits = 0;
  let frames = 0;
  let peakFrames = 0;
  let out: (tag: number, fields: number[]) => void = (tag, fields) => {
    records++;
    if (userSink !== undefined) userSink(p.tags[tag]!, fields);
  };

  const fault = (msg: string): never => {
    throw new Fault(msg);
  };
  const nat = (v: number, what: string): number => (v <= MAX ? v : fault(`${what} = ${v} overflows 2^53 − 1`));

  const compileExpr = (e: Expr, regIndex: ReadonlyMap<string, number>, where: string): CExpr => {
    const sub = (x: Expr): CExpr => compileExpr(x, regIndex, where);
    switch (e.op) {
      case 'const': {
        const v = e.value;
        return () => v;
      }
      case 'reg': {
        const i = regIndex.get(e.name)!;
        return (r) => r[i]!;
      }
      case 'param': {
        const v = params.get(e.name)!;
        return () => v;
      }
      case 'len': {
        const v = tapes.get(e.tape)!.length;
        return () => v;
      }
      case 'read': {
        const t = tapes.get(e.tape)!;
        const name = e.tape;
        const ix = sub(e.index);
        return (r) => {
          const i = ix(r);
          if (i >= t.length) fault(`${where}: read of tape '${name}' at ${i}, beyond its length ${t.length}`);
          const v = t[i]!;
          return Number.isSafeInteger(v) && v >= 0 ? v : fault(`${where}: tape '${name}' holds ${v} at ${i}, not a natural number`);
        };
      }
      case 'not': {
        const a = sub(e.a);
        return (r) => (a(r) === 0 ? 1 : 0);
      }
      case 'pow2': {
        const a = sub(e.a);
        return (r) => {
          const v = a(r);
          return v <= 52 ? 2 ** v : fault(`${where}: pow2(${v}) overflows 2^53 − 1`);
        };
      }
      case 'log2ceil': {
        const a = sub(e.a);
        return (r) => {
          const v = a(r);
          return v >= 1 ? registerWidth(v) : fault(`${where}: log2ceil(0)`);
        };
      }
      case 'bit': {
        const a = sub(e.a);
        const i = sub(e.i);
        return (r) => Math.floor(a(r) / 2 ** i(r)) % 2;
      }
      case 'cond': {
        const c = sub(e.c);
        const a = sub(e.a);
        const b = sub(e.b);
        return (r) => (c(r) !== 0 ? a(r) : b(r));
      }
      default: {
        const a = sub(e.a);
        const b = sub(e.b);
        switch (e.op) {
          case 'add':
            return (r) => nat(a(r) + b(r), `${where}: a sum`);
          case 'sub':
            return (r) => {
              const x = a(r);
              const y = b(r);
              return x >= y ? x - y : fault(`${where}: ${x} − ${y} is negative (registers hold natural numbers)`);
            };
          case 'mul':
            return (r) => nat(a(r) * b(r), `${where}: a product`);
          case 'div':
            return (r) => {
              const y = b(r);
              return y === 0 ? fault(`${where}: division by 0`) : Math.floor(a(r) / y);
            };
          case 'mod':
            return (r) => {
              const y = b(r);
              return y === 0 ? fault(`${where}: mod 0`) : a(r) % y;
            };
          case 'min':
            return (r) => Math.min(a(r), b(r));
          case 'max':
            return (r) => Math.max(a(r), b(r));
          case 'eq':
            return (r) => (a(r) === b(r) ? 1 : 0);
          case 'ne':
            return (r) => (a(r) !== b(r) ? 1 : 0);
          case 'lt':
            return (r) => (a(r) < b(r) ? 1 : 0);
          case 'le':
            return (r) => (a(r) <= b(r) ? 1 : 0);
          case 'gt':
            return (r) => (a(r) > b(r) ? 1 : 0);
          case 'ge':
            return (r) => (a(r) >= b(r) ? 1 : 0);
          case 'and':
            return (r) => (a(r) !== 0 && b(r) !== 0 ? 1 : 0);
          case 'or':
            return (r) => (a(r) !== 0 || b(r) !== 0 ? 1 : 0);
        }
      }
    }
  };

  // Frame layout of every subprogram at this n.
  interface Layout {
    readonly proc: Proc;
    readonly index: ReadonlyMap<string, number>;
    readonly bounds: Float64Array;
    readonly bits: number;
    body: CStmt;
  }
  const control = registerWidth(controlSites(p) + 1);
  const layouts = new Map<string, Layout>();
  const registerBits: Record<string, Record<string, number>> = {};
  const frameBits: Record<string, number> = {};
  try {
    for (const q of p.procs) {
      const index = new Map(q.regs.map((d, i) => [d.name, i] as const));
      const bounds = new Float64Array(q.regs.length);
      const widths: Record<string, number> = {};
      let total = control;
      q.regs.forEach((d, i) => {
        const b = compileExpr(d.bound, index, `${q.name}.regs[${i}].bound`)(new Float64Array(0));
        if (b < 1) fault(`register '${d.name}' of '${q.name}' has bound ${b}: it could hold no value (bounds are ≥ 1)`);
        bounds[i] = b;
        widths[d.name] = registerWidth(b);
        total += widths[d.name]!;
      });
      registerBits[q.name] = widths;
      frameBits[q.name] = total;
      layouts.set(q.name, { proc: q, index, bounds, bits: total, body: () => false });
    }
  } catch (e) {
    if (e instanceof Fault) return left(kernelError(RULE, e.message));
    throw e;
  }

  const write = (L: Layout, r: Regs, i: number, v: number, where: string): void => {
    if (v >= L.bounds[i]!) {
      fault(`${where}: register '${L.proc.regs[i]!.name}' of '${L.proc.name}' would be set to ${v}, which is not below its bound ${L.bounds[i]!} (n = ${n})`);
    }
    r[i] = v;
  };
  const tick = (): void => {
    if (++steps > maxSteps) fault(`more than ${maxSteps} steps (maxSteps)`);
  };
  const push = (L: Layout): Regs => {
    if (++frames > maxFrames) fault(`more than ${maxFrames} frames on the call stack (maxFrames)`);
    bits += L.bits;
    if (bits > peakBits) peakBits = bits;
    if (frames > peakFrames) peakFrames = frames;
    return new Float64Array(L.proc.regs.length);
  };
  const pop = (L: Layout): void => {
    frames--;
    bits -= L.bits;
  };

  const compileBlock = (b: readonly Stmt[], L: Layout, path: string): CStmt => {
    const ss = b.map((s, i) => compileStmt(s, L, `${path}[${i}]`));
    return (r) => {
      for (const s of ss) if (s(r)) return true;
      return false;
    };
  };
  const enter = (s: { proc: string; args: readonly Expr[] }, L: Layout, path: string): ((r: Regs) => [Layout, Regs]) => {
    const callee = layouts.get(s.proc)!;
    const args = s.args.map((a, i) => compileExpr(a, L.index, `${path}.args[${i}]`));
    const targets = callee.proc.params.map((name) => callee.index.get(name)!);
    return (r) => {
      const vals = args.map((a) => a(r));
      const f = push(callee);
      vals.forEach((v, i) => write(callee, f, targets[i]!, v, `${path} (argument ${i} of '${callee.proc.name}')`));
      return [callee, f];
    };
  };
  const compileStmt = (s: Stmt, L: Layout, path: string): CStmt => {
    switch (s.op) {
      case 'set': {
        const i = L.index.get(s.reg)!;
        const v = compileExpr(s.value, L.index, path);
        return (r) => {
          tick();
          write(L, r, i, v(r), path);
          return false;
        };
      }
      case 'for': {
        const i = L.index.get(s.reg)!;
        const from = compileExpr(s.from, L.index, `${path}.from`);
        const to = compileExpr(s.to, L.index, `${path}.to`);
        const body = compileBlock(s.body, L, `${path}.body`);
        return (r) => {
          tick();
          const a = from(r);
          if (!(a < to(r))) return false;
          write(L, r, i, a, path);
          for (;;) {
            if (body(r)) return false;
            tick();
            const next = r[i]! + 1;
            if (!(next < to(r))) return false;
            write(L, r, i, next, path);
          }
        };
      }
      case 'while': {
        const c = compileExpr(s.cond, L.index, `${path}.cond`);
        const body = compileBlock(s.body, L, `${path}.body`);
        return (r) => {
          for (;;) {
            tick();
            if (c(r) === 0) return false;
            if (body(r)) return false;
          }
        };
      }
      case 'if': {
        const c = compileExpr(s.cond, L.index, `${path}.cond`);
        const t = compileBlock(s.then, L, `${path}.then`);
        const e = compileBlock(s.else, L, `${path}.else`);
        return (r) => {
          tick();
          return c(r) !== 0 ? t(r) : e(r);
        };
      }
      case 'break':
        return () => true;
      case 'emit': {
        const tag = p.tags.indexOf(s.tag);
        const fs = s.fields.map((f, i) => compileExpr(f, L.index, `${path}.fields[${i}]`));
        return (r) => {
          tick();
          out(
            tag,
            fs.map((f) => f(r)),
          );
          return false;
        };
      }
      case 'call': {
        const go = enter(s, L, path);
        const into = s.into.map((name) => L.index.get(name)!);
        return (r) => {
          tick();
          const [C, f] = go(r);
          C.body(f);
          const res = C.proc.results.map((name) => f[C.index.get(name)!]!);
          pop(C);
          res.forEach((v, j) => write(L, r, into[j]!, v, `${path} (result ${j} of '${C.proc.name}')`));
          return false;
        };
      }
      case 'pipe': {
        const go = enter(s, L, path);
        const tagReg = L.index.get(s.tag)!;
        const fieldRegs = s.fields.map((name) => L.index.get(name)!);
        const body = compileBlock(s.body, L, `${path}.body`);
        return (r) => {
          tick();
          const [C, f] = go(r);
          const outer = out;
          const handler = (tag: number, fields: number[]): void => {
            if (fields.length > fieldRegs.length) fault(`${path}: '${C.proc.name}' emitted a '${p.tags[tag]!}' record of ${fields.length} fields; the pipe takes ${fieldRegs.length}`);
            out = outer;
            write(L, r, tagReg, tag, `${path} (tag)`);
            fieldRegs.forEach((j, k) => write(L, r, j, fields[k] ?? 0, `${path} (field ${k})`));
            body(r);
            out = handler;
          };
          out = handler;
          try {
            C.body(f);
          } finally {
            out = outer;
          }
          pop(C);
          return false;
        };
      }
    }
  };
  for (const L of layouts.values()) L.body = compileBlock(L.proc.body, L, `${L.proc.name}.body`);

  try {
    const M = layouts.get(p.main)!;
    const f = push(M);
    M.body(f);
    pop(M);
  } catch (e) {
    if (e instanceof Fault) return left(kernelError(RULE, e.message));
    // the interpreter recurses on the JS stack once per frame: a deep enough call chain exhausts
    // it before maxFrames does — refused like any other limit, not thrown
    if (e instanceof RangeError && /call stack/i.test(e.message)) {
      return left(kernelError(RULE, `the call stack reached ${peakFrames} frames, more than this JavaScript stack holds (maxFrames = ${maxFrames}): the run is refused`));
    }
    throw e;
  }
  return right({ peakBits, peakFrames, steps, records, frameBits, registerBits, controlBits: control });
};
