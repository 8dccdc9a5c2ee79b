import * as fc from 'fast-check';
import { isLeft, isRight } from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import * as L from '../src/core/logspace/dsl.js';
import { collectingSink, registerWidth, runProgram } from '../src/core/logspace/machine.js';
import type { BinOp, Expr } from '../src/core/logspace/program.js';

// An independent reference semantics of expressions, on bigint: undefined = the machine must refuse.
const MAX = 2n ** 53n - 1n;
const ref = (e: Expr, regs: Readonly<Record<string, bigint>>): bigint | undefined => {
  const ok = (v: bigint | undefined): bigint | undefined => (v === undefined || v < 0n || v > MAX ? undefined : v);
  switch (e.op) {
    case 'const':
      return BigInt(e.value);
    case 'reg':
      return regs[e.name];
    case 'not': {
      const a = ref(e.a, regs);
      return a === undefined ? undefined : a === 0n ? 1n : 0n;
    }
    case 'pow2': {
      const a = ref(e.a, regs);
      return a === undefined || a > 52n ? undefined : 2n ** a;
    }
    case 'log2ceil': {
      const a = ref(e.a, regs);
      if (a === undefined || a === 0n) return undefined;
      let k = 0n;
      while (2n ** k < a) k++;
      return k;
    }
    case 'bit': {
      const a = ref(e.a, regs);
      const i = ref(e.i, regs);
      return a === undefined || i === undefined ? undefined : (a >> i) & 1n;
    }
    case 'cond': {
      const c = ref(e.c, regs);
      return c === undefined ? undefined : c !== 0n ? ref(e.a, regs) : ref(e.b, regs);
    }
    case 'param':
    case 'len':
    case 'read':
      return undefined;
    default: {
      const a = ref(e.a, regs);
      const b = ref(e.b, regs);
      if (a === undefined || b === undefined) return undefined;
      const table: Record<BinOp, () => bigint | undefined> = {
        add: () => ok(a + b),
        sub: () => ok(a - b),
        mul: () => ok(a * b),
        div: () => (b === 0n ? undefined : a / b),
        mod: () => (b === 0n ? undefined : a % b),
        min: () => (a < b ? a : b),
        max: () => (a > b ? a : b),
        eq: () => (a === b ? 1n : 0n),
        ne: () => (a !== b ? 1n : 0n),
        lt: () => (a < b ? 1n : 0n),
        le: () => (a <= b ? 1n : 0n),
        gt: () => (a > b ? 1n : 0n),
        ge: () => (a >= b ? 1n : 0n),
        and: () => (a !== 0n && b !== 0n ? 1n : 0n),
        or: () => (a !== 0n || b !== 0n ? 1n : 0n),
      };
      return table[e.op]();
    }
  }
};

const binOps: readonly BinOp[] = ['add', 'sub', 'mul', 'div', 'mod', 'min', 'max', 'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'and', 'or'];
const { expr } = fc.letrec<{ expr: Expr }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.oneof(fc.integer({ min: 0, max: 70 }), fc.constantFrom(0, 1, 2 ** 26, 2 ** 40)).map((v) => L.add(v, 0)),
    fc.constantFrom(L.r('a'), L.r('b')),
    fc.tuple(fc.constantFrom(...binOps), tie('expr'), tie('expr')).map(([op, a, b]): Expr => ({ op, a, b })),
    fc.tuple(fc.constantFrom('not' as const, 'pow2' as const, 'log2ceil' as const), tie('expr')).map(([op, a]): Expr => ({ op, a })),
    fc.tuple(tie('expr'), tie('expr')).map(([a, i]) => L.bit(a, i)),
    fc.tuple(tie('expr'), tie('expr'), tie('expr')).map(([c, a, b]) => L.cond(c, a, b)),
  ),
}));

describe('logspace machine, properties', () => {
  it('expressions evaluate as the bigint reference does, and are refused exactly where it is undefined', () => {
    fc.assert(
      fc.property(expr, fc.integer({ min: 0, max: 2 ** 20 - 1 }), fc.integer({ min: 0, max: 2 ** 20 - 1 }), (e, a, b) => {
        const p = L.program({ main: 'main', tags: ['v'] }, [L.proc('main', { a: 2 ** 20, b: 2 ** 20 }, [], [], [L.set('a', a), L.set('b', b), L.emit('v', e)])]);
        const s = collectingSink();
        const m = runProgram(p, { n: 1, sink: s.sink });
        const want = ref(e, { a: BigInt(a), b: BigInt(b) });
        if (want === undefined) return isLeft(m);
        return isRight(m) && s.records()[0]?.fields[0] === Number(want);
      }),
      { seed: 11, numRuns: 400 },
    );
  });

  it('recursion: peak work bits = (depth + 1) · the frame, peak frames = depth + 1', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 2 ** 30 }), (d, bound) => {
        const p = L.program({ main: 'main', tags: [] }, [
          L.proc('main', {}, [], [], [L.call('down', [d])]),
          L.proc('down', { k: 201, junk: bound }, ['k'], [], [L.when(L.gt(L.r('k'), 0), [L.call('down', [L.sub(L.r('k'), 1)])])]),
        ]);
        const m = runProgram(p, { n: 1 });
        if (!isRight(m)) return false;
        const control = registerWidth(2 + 1); // two call sites
        const frame = registerWidth(201) + registerWidth(bound) + control;
        return m.right.peakFrames === d + 2 && m.right.peakBits === control + (d + 1) * frame && m.right.frameBits['down'] === frame;
      }),
      { seed: 12, numRuns: 50 },
    );
  });

  it('a frame limit stops unbounded recursion with a readable error', () => {
    const p = L.program({ main: 'main', tags: [] }, [L.proc('main', {}, [], [], [L.call('main2', [])]), L.proc('main2', {}, [], [], [L.call('main2', [])])]);
    const m = runProgram(p, { n: 1, limits: { maxFrames: 50 } });
    expect(isLeft(m) && m.left.message).toBe('more than 50 frames on the call stack (maxFrames)');
  });

  it('missing parameters and tapes, and a bound below 1, are refused before the run', () => {
    const p = L.program({ main: 'main', tags: [], params: ['m'], tapes: ['f'] }, [L.proc('main', { z: L.sub(L.param('m'), 1) }, [], [], [])]);
    expect(isLeft(runProgram(p, { n: 1, tapes: { f: [] } }))).toBe(true);
    expect(isLeft(runProgram(p, { n: 1, params: { m: 2 } }))).toBe(true);
    const z = runProgram(p, { n: 1, params: { m: 1 }, tapes: { f: [] } });
    expect(isLeft(z) && z.left.message).toBe("register 'z' of 'main' has bound 0: it could hold no value (bounds are ≥ 1)");
  });
});
