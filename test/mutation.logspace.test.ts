// Mutation tests of src/core/logspace/machine.ts: exact messages (with their paths) of every
// structural problem and every refusal of a run, register bounds at the exact boundary on every
// kind of write, the meter (peakBits, peakFrames, steps, records, control bits), the edges of
// for / while / if / break, call and pipe copying, the limits, and every operator.
import { isLeft, isRight } from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import * as L from '../src/core/logspace/dsl.js';
import { collectingSink, programProblems, registerWidth, runProgram, validateProgram, type RunInput, type SpaceMeter } from '../src/core/logspace/machine.js';
import type { Expr, Program, Stmt } from '../src/core/logspace/program.js';

const { n, r } = L;
const MAX = Number.MAX_SAFE_INTEGER;
const c = (value: number): Expr => ({ op: 'const', value });

/** The error message of a run, or 'ok'. */
const fails = (p: Program, input: RunInput): string => {
  const m = runProgram(p, input);
  return isLeft(m) ? m.left.message : 'ok';
};
/** The meter of a run that must succeed. */
const meter = (p: Program, input: RunInput): SpaceMeter => {
  const m = runProgram(p, input);
  if (isLeft(m)) throw new Error(`expected a run, got: ${m.left.message}`);
  return m.right;
};
/** The records of a run that must succeed. */
const records = (p: Program, input: RunInput): [string, ...number[]][] => {
  const s = collectingSink();
  meter(p, { ...input, sink: s.sink });
  return s.records().map((x) => [x.tag, ...x.fields]);
};
/** A one-subprogram program `main` with the given registers and body, tag 'v'. */
const mainOnly = (regs: Readonly<Record<string, L.E>>, body: readonly Stmt[], head: { params?: readonly string[]; tapes?: readonly string[]; tags?: readonly string[] } = {}): Program =>
  L.program({ main: 'main', tags: head.tags ?? ['v'], params: head.params ?? [], tapes: head.tapes ?? [] }, [L.proc('main', regs, [], [], body)]);
/** The value of one expression (emitted as the only field), or the refusal's message. */
const value = (e: Expr, input: Partial<RunInput> = {}, tapes: readonly string[] = [], params: readonly string[] = []): number | string => {
  const p = mainOnly({}, [L.emit('v', e)], { tapes, params });
  const s = collectingSink();
  const m = runProgram(p, { n: 4, ...input, sink: s.sink });
  return isLeft(m) ? m.left.message : s.records()[0]!.fields[0]!;
};
const W = 'main.body[0].fields[0]';

describe('programProblems / validateProgram: every problem with its path', () => {
  const withBody = (body: readonly Stmt[], regs: Readonly<Record<string, L.E>> = { x: 4 }, extra: { params?: readonly string[]; tapes?: readonly string[]; tags?: readonly string[] } = {}): string[] =>
    programProblems(mainOnly(regs, body, { tags: extra.tags ?? ['v', 'w'], params: extra.params ?? ['k', 'j'], tapes: extra.tapes ?? ['t'] }));

  it('constants, registers, parameters, tapes', () => {
    expect(withBody([L.set('x', c(-1)), L.set('x', c(1.5)), L.set('x', c(2 ** 53)), L.set('x', c(0)), L.set('x', c(MAX))])).toEqual([
      'main.body[0].value: constant -1 is not a natural number < 2^53',
      'main.body[1].value: constant 1.5 is not a natural number < 2^53',
      'main.body[2].value: constant 9007199254740992 is not a natural number < 2^53',
    ]);
    expect(withBody([L.set('x', r('y')), L.set('x', L.param('m')), L.set('x', L.add(n, L.add(L.param('k'), L.param('j'))))])).toEqual([
      "main.body[0].value: no register 'y'",
      "main.body[1].value: no parameter 'm' (declared: n, k, j)",
    ]);
    expect(withBody([L.set('x', L.param('m'))], { x: 4 }, { params: [] })).toEqual(["main.body[0].value: no parameter 'm' (declared: n)"]);
    expect(withBody([L.set('x', L.len('u')), L.set('x', L.read('u', 0)), L.set('x', L.read('t', r('y'))), L.set('x', L.read('u', r('y'))), L.set('x', L.read('t', L.len('t')))])).toEqual([
      "main.body[0].value: no tape 'u'",
      "main.body[1].value: no tape 'u'",
      "main.body[2].value.index: no register 'y'",
      "main.body[3].value: no tape 'u'",
      "main.body[3].value.index: no register 'y'",
    ]);
  });

  it('bounds may read n, parameters and tape lengths, not registers or tape contents', () => {
    expect(withBody([], { a: L.add(n, L.len('t')), b: L.param('k'), x: r('a'), y: L.read('t', 0), z: L.read('u', 0), w: L.len('u') })).toEqual([
      "main.regs[2].bound: a bound may not read register 'a'",
      "main.regs[3].bound: a bound may not read tape 't'",
      "main.regs[4].bound: a bound may not read tape 'u'",
      "main.regs[5].bound: no tape 'u'",
    ]);
  });

  it('the paths of every compound expression', () => {
    const y = r('y');
    expect(
      withBody([L.set('x', L.not(y)), L.set('x', L.pow2(y)), L.set('x', L.log2ceil(y)), L.set('x', L.bit(y, r('z'))), L.set('x', L.cond(y, r('z'), r('u'))), L.set('x', L.sub(y, r('z')))]),
    ).toEqual([
      "main.body[0].value.a: no register 'y'",
      "main.body[1].value.a: no register 'y'",
      "main.body[2].value.a: no register 'y'",
      "main.body[3].value.a: no register 'y'",
      "main.body[3].value.i: no register 'z'",
      "main.body[4].value.c: no register 'y'",
      "main.body[4].value.a: no register 'z'",
      "main.body[4].value.b: no register 'u'",
      "main.body[5].value.a: no register 'y'",
      "main.body[5].value.b: no register 'z'",
    ]);
  });

  it('the paths of every statement', () => {
    const y = r('y');
    expect(
      withBody([
        L.set('q', 0),
        L.loop('q', y, r('z'), [L.set('q', 1), L.brk]),
        L.whileDo(y, [L.set('q', 1), L.brk]),
        L.when(y, [L.set('q', 1), L.brk], [L.set('p', 1)]),
        L.loop('x', 0, 1, [L.when(1, [L.brk], [L.brk])]),
        L.emit('u', y),
        L.emit('v', 1, y),
      ]),
    ).toEqual([
      "main.body[0].reg: no register 'q' in 'main'",
      "main.body[1].reg: no register 'q' in 'main'",
      "main.body[1].from: no register 'y'",
      "main.body[1].to: no register 'z'",
      "main.body[1].body[0].reg: no register 'q' in 'main'",
      "main.body[2].cond: no register 'y'",
      "main.body[2].body[0].reg: no register 'q' in 'main'",
      "main.body[3].cond: no register 'y'",
      "main.body[3].then[0].reg: no register 'q' in 'main'",
      'main.body[3].then[1]: break outside a for or while loop',
      "main.body[3].else[0].reg: no register 'p' in 'main'",
      "main.body[5]: tag 'u' is not declared (tags: v, w)",
      "main.body[5].fields[0]: no register 'y'",
      "main.body[6].fields[1]: no register 'y'",
    ]);
  });

  it('call and pipe: callee, arity, results, arguments, receiving registers, body', () => {
    const p = L.program({ main: 'main', tags: ['v'] }, [
      L.proc('main', { x: 4, t: 2 }, [], [], [
        L.call('nope', [1]),
        L.call('f', [1], ['x']),
        L.call('f', [1, r('y')], ['x', 'x', 'q']),
        L.pipe('nope', [], { tag: 't', fields: [] }, []),
        L.pipe('f', [r('y'), 1], { tag: 'u', fields: ['x', 'q'] }, [L.set('p', 1)]),
        L.loop('x', 0, 1, [L.pipe('f', [1, 2], { tag: 't', fields: ['x'] }, [L.brk])]),
      ]),
      L.proc('f', { a: 4, b: 4, c: 4 }, ['a', 'b'], ['c', 'a'], []),
    ]);
    expect(programProblems(p)).toEqual([
      "main.body[0]: no subprogram 'nope'",
      "main.body[1]: 'f' takes 2 arguments, got 1",
      "main.body[1]: 'f' returns 2 results, 1 registers receive them",
      "main.body[2]: 'f' returns 2 results, 3 registers receive them",
      "main.body[2].args[1]: no register 'y'",
      "main.body[2].into: no register 'q' in 'main'",
      "main.body[3]: no subprogram 'nope'",
      "main.body[4].args[0]: no register 'y'",
      "main.body[4].tag: no register 'u' in 'main'",
      "main.body[4].fields: no register 'q' in 'main'",
      "main.body[4].body[0].reg: no register 'p' in 'main'",
      'main.body[5].body[0].body[0]: break outside a for or while loop',
    ]);
  });

  it('names: duplicates, the entry point, parameters and results', () => {
    const f = L.proc('f', { a: 2, b: 2 }, ['a'], [], []);
    const dup: Program = { procs: [f, f, { ...f, name: 'g', regs: [...f.regs, f.regs[0]!], params: ['a', 'a', 'z'], results: ['y'] }], main: 'main', tags: ['v', 'v'], params: [], tapes: [] };
    expect(programProblems(dup)).toEqual([
      "procs: 'f' is declared twice",
      "main: no subprogram 'main'",
      'tags: a tag is declared twice',
      "g.regs[2]: register 'a' is declared twice",
      'g.params: a parameter is listed twice',
      "g: parameter or result 'z' is not a declared register",
      "g: parameter or result 'y' is not a declared register",
    ]);
    expect(programProblems({ ...dup, procs: [{ ...f, name: 'main' }], tags: [] })).toEqual(["main: 'main' takes parameters; the entry point takes none"]);
  });

  it('validateProgram: Right the program, or Left every problem joined by "; "', () => {
    const good = mainOnly({ x: 2 }, [L.set('x', 1)]);
    expect(validateProgram(good)).toEqual({ _tag: 'Right', right: good });
    const bad = mainOnly({ x: 2 }, [L.brk, L.set('y', 1)]);
    const v = validateProgram(bad);
    const msg = "the program is malformed: main.body[0]: break outside a for or while loop; main.body[1].reg: no register 'y' in 'main'";
    expect(v).toEqual({ _tag: 'Left', left: { _tag: 'KernelError', rule: 'logspace', message: msg } });
    expect(runProgram(bad, { n: 1 })).toEqual({ _tag: 'Left', left: { _tag: 'KernelError', rule: 'logspace', message: msg } });
  });
});

describe('runProgram: refused inputs', () => {
  const p = mainOnly({ x: L.add(n, 1) }, [L.set('x', L.add(L.param('k'), L.read('t', 0)))], { params: ['k'], tapes: ['t'] });
  const input = (nn: number, k: number | undefined, t: readonly number[] | undefined): RunInput => ({
    n: nn,
    ...(k === undefined ? { params: {} } : { params: { k } }),
    ...(t === undefined ? {} : { tapes: { t } }),
  });

  it('n, parameters and tapes must be given and natural (0 is natural)', () => {
    expect(fails(p, input(-1, 0, [0]))).toBe('n = -1 is not a natural number');
    expect(fails(p, input(1.5, 0, [0]))).toBe('n = 1.5 is not a natural number');
    expect(fails(p, input(0, 0, [0]))).toBe('ok');
    expect(fails(p, input(3, undefined, [0]))).toBe("parameter 'k' is undefined, not a natural number");
    expect(fails(p, { n: 3, tapes: { t: [0] } })).toBe("parameter 'k' is undefined, not a natural number");
    expect(fails(p, input(3, -1, [0]))).toBe("parameter 'k' is -1, not a natural number");
    expect(fails(p, input(3, 1.5, [0]))).toBe("parameter 'k' is 1.5, not a natural number");
    expect(fails(p, input(3, 0, [0]))).toBe('ok');
    expect(fails(p, input(3, 0, undefined))).toBe("tape 't' is not given");
  });

  it('tape cells must be natural; reads beyond the tape are refused', () => {
    expect(fails(p, input(3, 0, [-1]))).toBe("main.body[0]: tape 't' holds -1 at 0, not a natural number");
    expect(fails(p, input(3, 0, [0.5]))).toBe("main.body[0]: tape 't' holds 0.5 at 0, not a natural number");
    expect(fails(p, input(3, 0, []))).toBe("main.body[0]: read of tape 't' at 0, beyond its length 0");
    expect(value(L.read('t', 2), { tapes: { t: [4, 5, 6] } }, ['t'])).toBe(6);
    expect(value(L.read('t', 3), { tapes: { t: [4, 5, 6] } }, ['t'])).toBe(`${W}: read of tape 't' at 3, beyond its length 3`);
    expect(value(L.len('t'), { tapes: { t: [4, 5, 6] } }, ['t'])).toBe(3);
  });

  it('bounds: evaluated once, must be ≥ 1, faults carry the bound path', () => {
    expect(fails(mainOnly({ a: 1, x: L.sub(n, 5) }, []), { n: 3 })).toBe("main.regs[1].bound: 3 − 5 is negative (registers hold natural numbers)");
    expect(fails(mainOnly({ a: 1, x: L.sub(n, 3) }, []), { n: 3 })).toBe("register 'x' of 'main' has bound 0: it could hold no value (bounds are ≥ 1)");
    expect(fails(mainOnly({ a: 1, x: L.sub(n, 2) }, []), { n: 3 })).toBe('ok');
  });

  it('errors that are not the machine\'s own (a throwing tape or sink) are not swallowed', () => {
    const badTape = {
      get length(): number {
        throw new Error('tape on fire');
      },
    } as unknown as ArrayLike<number>;
    expect(() => runProgram(mainOnly({ x: L.len('t') }, [], { tapes: ['t'] }), { n: 1, tapes: { t: badTape } })).toThrow('tape on fire');
    const sink = (): void => {
      throw new Error('sink full');
    };
    expect(() => runProgram(mainOnly({}, [L.emit('v', 1)]), { n: 1, sink })).toThrow('sink full');
    // only a RangeError about the call stack is the machine's own refusal
    const throwing = (e: Error) => (): void => {
      throw e;
    };
    expect(() => runProgram(mainOnly({}, [L.emit('v', 1)]), { n: 1, sink: throwing(new RangeError('sink out of range')) })).toThrow('sink out of range');
    expect(() => runProgram(mainOnly({}, [L.emit('v', 1)]), { n: 1, sink: throwing(new Error('call stack of the sink')) })).toThrow('call stack of the sink');
  });
});

describe('register bounds on every write: bound − 1 allowed, bound refused', () => {
  const refuse = (where: string, reg: string, proc: string, v: number, bound: number, nn: number): string =>
    `${where}: register '${reg}' of '${proc}' would be set to ${v}, which is not below its bound ${bound} (n = ${nn})`;

  it('set', () => {
    expect(records(mainOnly({ x: n }, [L.set('x', L.sub(n, 1)), L.emit('v', r('x'))]), { n: 5 })).toEqual([['v', 4]]);
    expect(fails(mainOnly({ x: n }, [L.set('x', 1), L.set('x', n)]), { n: 5 })).toBe(refuse('main.body[1]', 'x', 'main', 5, 5, 5));
  });

  it('for: the first value and every increment', () => {
    expect(records(mainOnly({ i: 3 }, [L.loop('i', 2, 3, [L.emit('v', r('i'))])]), { n: 0 })).toEqual([['v', 2]]);
    expect(fails(mainOnly({ i: 3 }, [L.loop('i', 3, 4, [])]), { n: 0 })).toBe(refuse('main.body[0]', 'i', 'main', 3, 3, 0));
    expect(fails(mainOnly({ i: 3 }, [L.loop('i', 0, 4, [])]), { n: 0 })).toBe(refuse('main.body[0]', 'i', 'main', 3, 3, 0));
  });

  it('call arguments and results', () => {
    const prog = (arg: number, res: L.E): Program =>
      L.program({ main: 'main', tags: ['v'] }, [
        L.proc('main', { s: 7 }, [], [], [L.call('f', [arg], ['s']), L.emit('v', r('s'))]),
        L.proc('f', { a: 4, b: 100 }, ['a'], ['b'], [L.set('b', res)]),
      ]);
    expect(records(prog(3, 6), { n: 1 })).toEqual([['v', 6]]);
    expect(fails(prog(4, 6), { n: 1 })).toBe(refuse("main.body[0] (argument 0 of 'f')", 'a', 'f', 4, 4, 1));
    expect(fails(prog(3, 7), { n: 1 })).toBe(refuse("main.body[0] (result 0 of 'f')", 's', 'main', 7, 7, 1));
  });

  it('pipe: the tag register and the field registers', () => {
    const prog = (tagBound: number, fieldBound: number): Program =>
      L.program({ main: 'main', tags: ['a', 'b'] }, [
        L.proc('main', { t: tagBound, x: 100, y: fieldBound }, [], [], [L.pipe('g', [], { tag: 't', fields: ['x', 'y'] }, [])]),
        L.proc('g', {}, [], [], [L.emit('b', 9, 5)]),
      ]);
    expect(fails(prog(2, 6), { n: 1 })).toBe('ok');
    expect(fails(prog(1, 6), { n: 1 })).toBe(refuse('main.body[0] (tag)', 't', 'main', 1, 1, 1));
    expect(fails(prog(2, 5), { n: 1 })).toBe(refuse('main.body[0] (field 1)', 'y', 'main', 5, 5, 1));
  });
});

describe('the meter', () => {
  it('peakBits is the largest Σ of frame bits over live frames; peakFrames the deepest stack', () => {
    // 3 call sites → ⌈log₂ 4⌉ = 2 control bits per frame
    const p = L.program({ main: 'main', tags: [] }, [
      L.proc('main', { a: 5, b: 1 }, [], [], [L.call('f', []), L.call('g', [])]),
      L.proc('f', { x: 256 }, [], [], [L.call('h', [])]),
      L.proc('g', { y: 2 }, [], [], []),
      L.proc('h', {}, [], [], []),
    ]);
    const m = meter(p, { n: 0 });
    expect(m.controlBits).toBe(2);
    expect(m.registerBits).toEqual({ main: { a: 3, b: 0 }, f: { x: 8 }, g: { y: 1 }, h: {} });
    expect(m.frameBits).toEqual({ main: 5, f: 10, g: 3, h: 2 });
    expect(m.peakBits).toBe(5 + 10 + 2);
    expect(m.peakFrames).toBe(3);
    expect(m.steps).toBe(3);
    expect(m.records).toBe(0);
  });

  it('control bits count call, pipe and emit sites inside while, if (both arms) and pipe bodies', () => {
    const ctl = (body: readonly Stmt[], others: readonly Stmt[] = []): number =>
      meter(L.program({ main: 'main', tags: ['v'] }, [L.proc('main', { x: 2, t: 1 }, [], [], body), L.proc('g', { t: 1 }, [], [], others)]), { n: 0 }).controlBits;
    const e = L.emit('v');
    expect(ctl([])).toBe(0);
    expect(ctl([L.whileDo(0, [e, e, e])])).toBe(2); // 3 sites
    expect(ctl([L.loop('x', 0, 0, [e, e, e])])).toBe(2);
    expect(ctl([L.when(0, [e, e], [e])])).toBe(2); // 3 sites
    expect(ctl([L.when(0, [e], [e, e, e])])).toBe(3); // 4 sites
    expect(ctl([L.when(0, [], [])], [L.pipe('main', [], { tag: 't', fields: [] }, [e, e])])).toBe(2); // 3 sites (the pipe is never run)
    expect(ctl([], [L.pipe('main', [], { tag: 't', fields: [] }, [e, e, e]), e, e, e])).toBe(3); // 7 sites
    expect(registerWidth(0)).toBe(0);
  });

  it('steps: one per statement, per loop test, per for increment; records: what reached the sink', () => {
    const m = meter(mainOnly({ i: 4 }, [L.loop('i', 0, 3, [L.emit('v', r('i'))])]), { n: 0 });
    expect(m.steps).toBe(7); // for + 3 emits + 3 increments
    expect(m.records).toBe(3);
    expect(meter(mainOnly({ i: 4 }, [L.loop('i', 0, 3, [L.when(1, [L.emit('v', r('i'))])])]), { n: 0 }).steps).toBe(10);
    expect(meter(mainOnly({ i: 4 }, [L.whileDo(L.lt(r('i'), 2), [L.set('i', L.add(r('i'), 1))])]), { n: 0 }).steps).toBe(5);
  });

  it('maxSteps and maxFrames: reaching the limit is allowed, passing it is refused', () => {
    const p = mainOnly({ i: 4 }, [L.loop('i', 0, 3, [L.emit('v', r('i'))])]);
    expect(fails(p, { n: 0, limits: { maxSteps: 7 } })).toBe('ok');
    expect(fails(p, { n: 0, limits: { maxSteps: 6 } })).toBe('more than 6 steps (maxSteps)');
    const deep = L.program({ main: 'main', tags: [] }, [L.proc('main', {}, [], [], [L.call('f', [])]), L.proc('f', {}, [], [], [L.call('g', [])]), L.proc('g', {}, [], [], [])]);
    expect(fails(deep, { n: 0, limits: { maxFrames: 3 } })).toBe('ok');
    expect(fails(deep, { n: 0, limits: { maxFrames: 2 } })).toBe('more than 2 frames on the call stack (maxFrames)');
    const rec = L.program({ main: 'main', tags: [] }, [L.proc('main', {}, [], [], [L.call('main', [])])]);
    expect(fails(rec, { n: 0, limits: { maxFrames: 50 } })).toBe('more than 50 frames on the call stack (maxFrames)');
    // unbounded recursion under the default maxFrames exhausts the JS stack first: a refusal too, never a thrown RangeError
    expect(fails(rec, { n: 0 })).toMatch(/^the call stack reached \d+ frames, more than this JavaScript stack holds \(maxFrames = 100000\): the run is refused$/);
  });
});

describe('control flow at the edges', () => {
  it('for: from ≥ to runs nothing and writes nothing; to is re-evaluated after each iteration', () => {
    expect(records(mainOnly({ i: 3 }, [L.loop('i', 3, 3, [L.emit('v', 1)]), L.loop('i', 7, 2, [L.emit('v', 2)]), L.emit('v', r('i'))]), { n: 0 })).toEqual([['v', 0]]);
    // the bound shrinks while the loop runs: m = 5, the body sets m = 3 when i = 1
    const p = mainOnly({ i: 8, m: 8 }, [L.set('m', 5), L.loop('i', 0, r('m'), [L.emit('v', r('i')), L.when(L.eq(r('i'), 1), [L.set('m', 3)])])]);
    expect(records(p, { n: 0 })).toEqual([['v', 0], ['v', 1], ['v', 2]]);
  });

  it('break leaves the innermost loop only, also from inside an if', () => {
    const p = mainOnly({ i: 4, j: 4, k: 4 }, [
      L.loop('i', 0, 3, [
        L.loop('j', 0, 3, [L.when(L.eq(r('j'), 1), [L.brk]), L.emit('v', r('i'), r('j'))]),
        L.loop('k', 2, 2, []),
        L.whileDo(0, []),
        L.whileDo(1, [L.brk]),
      ]),
    ]);
    expect(records(p, { n: 0 })).toEqual([['v', 0, 0], ['v', 1, 0], ['v', 2, 0]]);
    expect(records(mainOnly({ i: 4 }, [L.loop('i', 0, 3, [L.emit('v', r('i')), L.brk]), L.emit('v', 9)]), { n: 0 })).toEqual([['v', 0], ['v', 9]]);
  });

  it('while: a false condition runs nothing; a true one runs until break', () => {
    expect(records(mainOnly({}, [L.whileDo(0, [L.emit('v', 1)]), L.emit('v', 2)]), { n: 0, limits: { maxSteps: 100 } })).toEqual([['v', 2]]);
    expect(records(mainOnly({ i: 8 }, [L.whileDo(1, [L.set('i', L.add(r('i'), 1)), L.when(L.eq(r('i'), 3), [L.brk])]), L.emit('v', r('i'))]), { n: 0, limits: { maxSteps: 100 } })).toEqual([['v', 3]]);
  });

  it('if: non-zero is true, zero runs the else arm', () => {
    expect(records(mainOnly({}, [L.when(2, [L.emit('v', 1)], [L.emit('v', 0)]), L.when(0, [L.emit('v', 1)], [L.emit('v', 0)])]), { n: 0 })).toEqual([['v', 1], ['v', 0]]);
  });

  it('faults carry the path of the expression that failed', () => {
    const z = L.div(1, 0);
    const at = (body: readonly Stmt[]): string => fails(mainOnly({ i: 4 }, body), { n: 0 });
    expect(at([L.loop('i', z, 1, [])])).toBe('main.body[0].from: division by 0');
    expect(at([L.loop('i', 0, z, [])])).toBe('main.body[0].to: division by 0');
    expect(at([L.loop('i', 0, 1, [L.set('i', z)])])).toBe('main.body[0].body[0]: division by 0');
    expect(at([L.whileDo(z, [])])).toBe('main.body[0].cond: division by 0');
    expect(at([L.whileDo(1, [L.set('i', z)])])).toBe('main.body[0].body[0]: division by 0');
    expect(at([L.when(z, [])])).toBe('main.body[0].cond: division by 0');
    expect(at([L.when(1, [L.set('i', z)])])).toBe('main.body[0].then[0]: division by 0');
    expect(at([L.when(0, [], [L.set('i', 1), L.set('i', z)])])).toBe('main.body[0].else[1]: division by 0');
    expect(at([L.emit('v', 1, z)])).toBe('main.body[0].fields[1]: division by 0');
    const callee = L.program({ main: 'main', tags: ['v'] }, [
      L.proc('main', { t: 1 }, [], [], [L.call('f', [1, z]), L.pipe('f', [0, 0], { tag: 't', fields: [] }, [L.set('t', z)])]),
      L.proc('f', { a: 2, b: 2 }, ['a', 'b'], [], [L.emit('v')]),
    ]);
    expect(fails(callee, { n: 0 })).toBe('main.body[0].args[1]: division by 0');
    expect(fails({ ...callee, procs: [{ ...callee.procs[0]!, body: callee.procs[0]!.body.slice(1) }, callee.procs[1]!] }, { n: 0 })).toBe('main.body[0].body[0]: division by 0');
  });
});

describe('call and pipe', () => {
  it('call copies the arguments in order into the parameters, and the results in order back', () => {
    const p = L.program({ main: 'main', tags: ['v'] }, [
      L.proc('main', { x: 100, y: 100 }, [], [], [L.call('f', [7, 2], ['x', 'y']), L.emit('v', r('x'), r('y'))]),
      L.proc('f', { d: 10, a: 10, b: 10, q: 10, s: 20 }, ['a', 'b'], ['q', 's'], [L.set('q', L.div(r('a'), r('b'))), L.set('s', L.add(r('a'), r('b')))]),
    ]);
    expect(records(p, { n: 0 })).toEqual([['v', 3, 9]]);
  });

  it('pipe: the tag index and the fields go to the receiving registers, missing fields are 0, the body emits outside', () => {
    const p = L.program({ main: 'main', tags: ['out', 'b', 'c'] }, [
      L.proc('main', { t: 3, x: 100, y: 100 }, [], [], [L.pipe('g', [4], { tag: 't', fields: ['x', 'y'] }, [L.emit('out', r('t'), r('x'), r('y'))]), L.emit('out', 99)]),
      L.proc('g', { a: 5 }, ['a'], [], [L.emit('c', 7), L.emit('b', r('a'), 8), L.emit('c')]),
    ]);
    const m = runProgram(p, { n: 0, sink: collectingSink().sink });
    expect(isRight(m) && m.right.records).toBe(4);
    expect(isRight(m) && m.right.peakFrames).toBe(2);
    expect(records(p, { n: 0 })).toEqual([
      ['out', 2, 7, 0],
      ['out', 1, 4, 8],
      ['out', 2, 0, 0],
      ['out', 99],
    ]);
  });

  it('pipe: a record with more fields than the pipe takes is refused', () => {
    const p = L.program({ main: 'main', tags: ['a', 'c'] }, [
      L.proc('main', { t: 2, x: 100, y: 100 }, [], [], [L.pipe('g', [], { tag: 't', fields: ['x', 'y'] }, [])]),
      L.proc('g', {}, [], [], [L.emit('c', 1, 2), L.emit('c', 1, 2, 3)]),
    ]);
    expect(fails(p, { n: 0 })).toBe("main.body[0]: 'g' emitted a 'c' record of 3 fields; the pipe takes 2");
  });
});

describe('every operator', () => {
  const at = (e: Expr): number | string => value(e);

  it('arithmetic: exact results and refusals with their messages', () => {
    expect([at(L.add(3, 4)), at(L.sub(7, 3)), at(L.sub(3, 3)), at(L.mul(6, 7)), at(L.div(17, 5)), at(L.mod(17, 5)), at(L.min(3, 9)), at(L.max(3, 9))]).toEqual([7, 4, 0, 42, 3, 2, 3, 9]);
    expect(at(L.add(MAX - 1, 1))).toBe(MAX);
    expect(at(L.add(MAX, 1))).toBe(`${W}: a sum = 9007199254740992 overflows 2^53 − 1`);
    expect(at(L.mul(2 ** 26, 2 ** 27))).toBe(`${W}: a product = 9007199254740992 overflows 2^53 − 1`);
    expect(at(L.sub(3, 4))).toBe(`${W}: 3 − 4 is negative (registers hold natural numbers)`);
    expect(at(L.div(3, 0))).toBe(`${W}: division by 0`);
    expect(at(L.mod(3, 0))).toBe(`${W}: mod 0`);
  });

  it('pow2, log2ceil, bit', () => {
    expect([at(L.pow2(0)), at(L.pow2(52)), at(L.log2ceil(1)), at(L.log2ceil(5)), at(L.log2ceil(8)), at(L.bit(5, 0)), at(L.bit(5, 1)), at(L.bit(5, 2)), at(L.bit(5, 60))]).toEqual([
      1,
      2 ** 52,
      0,
      3,
      3,
      1,
      0,
      1,
      0,
    ]);
    expect(at(L.pow2(53))).toBe(`${W}: pow2(53) overflows 2^53 − 1`);
    expect(at(L.log2ceil(0))).toBe(`${W}: log2ceil(0)`);
  });

  it('comparisons and logic: truth tables', () => {
    const pairs: [number, number][] = [
      [0, 0],
      [0, 2],
      [2, 0],
      [2, 2],
      [2, 3],
    ];
    const table = (f: (a: L.E, b: L.E) => Expr): (number | string)[] => pairs.map(([a, b]) => at(f(a, b)));
    expect(table(L.eq)).toEqual([1, 0, 0, 1, 0]);
    expect(table(L.ne)).toEqual([0, 1, 1, 0, 1]);
    expect(table(L.lt)).toEqual([0, 1, 0, 0, 1]);
    expect(table(L.le)).toEqual([1, 1, 0, 1, 1]);
    expect(table(L.gt)).toEqual([0, 0, 1, 0, 0]);
    expect(table(L.ge)).toEqual([1, 0, 1, 1, 0]);
    expect(table(L.and)).toEqual([0, 0, 0, 1, 1]);
    expect(table(L.or)).toEqual([0, 1, 1, 1, 1]);
    expect([at(L.not(0)), at(L.not(1)), at(L.not(5))]).toEqual([1, 0, 0]);
  });

  it('cond is lazy: only the chosen arm is evaluated', () => {
    expect(at(L.cond(2, 5, L.div(1, 0)))).toBe(5);
    expect(at(L.cond(0, L.div(1, 0), 7))).toBe(7);
    expect(at(L.cond(L.div(1, 0), 1, 2))).toBe(`${W}: division by 0`);
  });

  it('registers, n and parameters are read back', () => {
    expect(value(L.add(n, L.param('k')), { n: 5, params: { k: 3 } }, [], ['k'])).toBe(8);
  });
});
