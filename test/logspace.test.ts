import { isLeft, isRight } from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { collectingSink, countingSink, programProblems, registerWidth, runProgram } from '../src/core/logspace/machine.js';
import * as L from '../src/core/logspace/dsl.js';
import { createBuilder } from '../src/core/circuit.js';
import { gateStreamOf, streamComparer, streamReader } from '../src/core/logspace/gateStream.js';

const { n, r } = L;

const squares = L.program({ main: 'main', tags: ['sq'] }, [
  L.proc('main', { i: n, s: L.mul(n, n) }, [], [], [L.loop('i', 0, n, [L.call('sq', [r('i')], ['s']), L.emit('sq', r('i'), r('s'))])]),
  L.proc('sq', { a: n, b: L.mul(n, n) }, ['a'], ['b'], [L.set('b', L.mul(r('a'), r('a')))]),
]);

describe('logspace machine', () => {
  it('runs a program, prints its records and meters the frames', () => {
    const s = collectingSink();
    const m = runProgram(squares, { n: 8, sink: s.sink });
    expect(isRight(m)).toBe(true);
    expect(s.records().map((x) => x.fields)).toEqual(Array.from({ length: 8 }, (_, i) => [i, i * i]));
    if (isRight(m)) {
      // frame: 3 + 6 register bits + 2 control bits (2 sites: call, emit); two frames live at once
      expect(m.right.frameBits).toEqual({ main: 11, sq: 11 });
      expect(m.right.peakBits).toBe(22);
      expect(m.right.peakFrames).toBe(2);
      expect(m.right.records).toBe(8);
    }
  });

  it('register widths are ⌈log₂ bound⌉', () => {
    expect([1, 2, 3, 4, 5, 8, 9, 2 ** 16, 2 ** 16 + 1].map(registerWidth)).toEqual([0, 1, 2, 2, 3, 3, 4, 16, 17]);
  });

  it('rejects a program that exceeds a register bound, naming register, value and bound', () => {
    const bad = L.program({ main: 'main', tags: ['i'] }, [L.proc('main', { i: n }, [], [], [L.loop('i', 0, L.add(n, 1), [L.emit('i', r('i'))])])]);
    const m = runProgram(bad, { n: 8 });
    expect(isLeft(m) && m.left.message).toBe("main.body[0]: register 'i' of 'main' would be set to 8, which is not below its bound 8 (n = 8)");
  });

  it('rejects a result that does not fit the caller, a negative difference and an overflow', () => {
    const narrow = L.program({ main: 'main', tags: [] }, [
      L.proc('main', { s: n }, [], [], [L.call('sq', [7], ['s'])]),
      L.proc('sq', { a: n, b: L.mul(n, n) }, ['a'], ['b'], [L.set('b', L.mul(r('a'), r('a')))]),
    ]);
    const m = runProgram(narrow, { n: 8 });
    expect(isLeft(m) && m.left.message).toContain("register 's' of 'main' would be set to 49");
    const neg = L.program({ main: 'main', tags: [] }, [L.proc('main', { s: n }, [], [], [L.set('s', L.sub(1, 2))])]);
    expect(isLeft(runProgram(neg, { n: 8 }))).toBe(true);
    const big = L.program({ main: 'main', tags: [] }, [L.proc('main', { s: n }, [], [], [L.set('s', L.mul(2 ** 40, 2 ** 40))])]);
    const o = runProgram(big, { n: 8 });
    expect(isLeft(o) && o.left.message).toContain('overflows');
  });

  it('refuses malformed programs with every problem and its path', () => {
    const p = L.program({ main: 'main', tags: ['a'] }, [
      L.proc('main', { i: r('j') }, [], [], [L.brk, L.emit('b', 1), L.set('z', 1), L.call('nope', [])]),
    ]);
    const ps = programProblems(p);
    expect(ps).toEqual([
      "main.regs[0].bound: a bound may not read register 'j'",
      'main.body[0]: break outside a for or while loop',
      "main.body[1]: tag 'b' is not declared (tags: a)",
      "main.body[2].reg: no register 'z' in 'main'",
      "main.body[3]: no subprogram 'nope'",
    ]);
  });

  it('reads tapes, refuses reads beyond them, and counts records without storing them', () => {
    const p = L.program({ main: 'main', tags: ['x'], tapes: ['x'] }, [
      L.proc('main', { i: L.add(L.len('x'), 2) }, [], [], [L.loop('i', 0, L.add(L.len('x'), 1), [L.emit('x', L.read('x', r('i')))])]),
    ]);
    const c = countingSink();
    const m = runProgram(p, { n: 3, tapes: { x: [1, 0, 1] }, sink: c.sink });
    expect(isLeft(m) && m.left.message).toContain("read of tape 'x' at 3, beyond its length 3");
    expect(c.count()).toBe(3);
  });

  it('pipe: the caller handles each record of the callee, both frames live', () => {
    // count the squares that are odd, by piping 'squares' into a counter
    const p = L.program({ main: 'main', tags: ['sq', 'odd'] }, [
      ...squares.procs.filter((q) => q.name !== 'main').concat([{ ...squares.procs[0]!, name: 'gen' }]),
      L.proc('main', { t: 2, a: n, b: L.mul(n, n), c: L.add(n, 1) }, [], [], [
        L.pipe('gen', [], { tag: 't', fields: ['a', 'b'] }, [L.when(L.mod(r('b'), 2), [L.set('c', L.add(r('c'), 1))])]),
        L.emit('odd', r('c')),
      ]),
    ]);
    const s = collectingSink();
    const m = runProgram(p, { n: 8, sink: s.sink });
    expect(s.records()).toEqual([{ tag: 'odd', fields: [4] }]);
    expect(isRight(m) && m.right.peakFrames).toBe(3);
  });

  it('a step limit stops a loop that does not end', () => {
    const p = L.program({ main: 'main', tags: [] }, [L.proc('main', { i: 2 }, [], [], [L.whileDo(1, [L.set('i', 1)])])]);
    const m = runProgram(p, { n: 1, limits: { maxSteps: 1000 } });
    expect(isLeft(m) && m.left.message).toContain('more than 1000 steps');
  });
});

describe('gate streams', () => {
  const b = createBuilder();
  const [x, y, z] = b.inputs(3);
  const g = b.ge([x!, y!, z!], 2, [1, -2, 3]);
  const c = b.build([g, b.not(g)]);

  it('a circuit read back from its stream is the same circuit', () => {
    const rd = streamReader();
    for (const rec of gateStreamOf(c)) rd.sink(rec.tag, rec.fields);
    const back = rd.result();
    expect(isRight(back) && back.right).toEqual(c);
  });

  it('the reader refuses malformed streams, naming the record', () => {
    const read = (recs: [string, number[]][]): string => {
      const rd = streamReader();
      for (const [tag, fields] of recs) rd.sink(tag, fields);
      const res = rd.result();
      return isLeft(res) ? res.left.message : 'ok';
    };
    expect(read([['gate', [0, 0, 0, 0]], ['gate', [2, 0, 0, 1]]])).toBe("record 1 ('gate 2 0 0 1'): gate id 2, expected 1");
    expect(read([['gate', [0, 0, 0, 1]]])).toBe('the last gate: input gate reads bit 1, but it is input gate number 0');
    expect(read([['arg', [0, 0, 1]]])).toBe("record 0 ('arg 0 0 1'): an arg record before any gate record, or after an out record");
    expect(read([['gate', [0, 0, 0, 0]], ['gate', [1, 3, 0, 0]], ['arg', [5, 0, 1]], ['out', [1]]])).toMatch(/^record 3 \('out 1'\): .*argument 0 is 5/);
    expect(read([['gate', [0, 0, 0, 0]], ['out', [1]]])).toBe("record 1 ('out 1'): output 1 is not a gate id < 1");
    expect(read([['wire', [0]]])).toBe("record 0 ('wire 0'): unknown tag 'wire'");
    expect(read([['gate', [0, 0, 0, 0]], ['gate', [1, 2, 0, 0]], ['arg', [0, 1, 1]]])).toBe('the last gate: a not gate needs exactly one argument of weight 1');
  });

  it('the comparer finds the first differing record', () => {
    const cmp = streamComparer(c);
    let i = 0;
    for (const rec of gateStreamOf(c)) cmp.sink(rec.tag, i++ === 5 ? [rec.fields[0]!, 0, 2] : rec.fields);
    const res = cmp.result();
    expect(isLeft(res) && res.left.message).toBe("record 5: printed 'arg 1 0 2', the circuit has 'arg 1 1 2'");
    const ok = streamComparer(c);
    for (const rec of gateStreamOf(c)) ok.sink(rec.tag, rec.fields);
    expect(isRight(ok.result())).toBe(true);
  });
});
