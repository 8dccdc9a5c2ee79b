import * as fc from 'fast-check';
import { isLeft, isRight } from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import {
  arbTableProtocol,
  decodeTableProtocol,
  encodeTableProtocol,
  gammaDeltaBudget,
  runMpc,
  tableProtocolToMpc,
  type MpcProtocol,
  type MpcViolation,
  type TableProtocol,
} from '../src/core/mpc/index.js';

const violation = (p: MpcProtocol, input: readonly number[]): MpcViolation => {
  const r = runMpc(p, input);
  if (!isLeft(r)) throw new Error('expected a violation');
  return r.left;
};

/** Reverse n = q·s words in one round: machine i sends its words reversed to machine q − 1 − i. */
const reverse = (q: number, s: number): MpcProtocol => ({
  name: 'reverse',
  machines: q,
  memory: s,
  wordBits: 8,
  rounds: 1,
  local: (ctx, mem) => [{ to: ctx.machines - 1 - ctx.machine, words: [...mem].reverse() }],
});

describe('MPC semantics (P2 Def 2.3)', () => {
  it('places the input s words per machine and routes by rounds', () => {
    const r = runMpc(reverse(3, 2), [1, 2, 3, 4, 5, 6]);
    expect(isRight(r)).toBe(true);
    if (!isRight(r)) return;
    expect(r.right.memories[0]).toEqual([[1, 2], [3, 4], [5, 6]]);
    expect(r.right.output).toEqual([6, 5, 4, 3, 2, 1]);
    expect(r.right.stats).toEqual([{ round: 1, maxSent: 2, maxReceived: 2, totalWords: 6, messages: 3, activeMachines: 3 }]);
    expect(r.right.peakMemory).toBe(2);
  });

  it('orders a machine’s inbox by sender, then by the sender’s order', () => {
    const p: MpcProtocol = { name: 'gather', machines: 3, memory: 3, wordBits: 4, rounds: 1, local: (ctx, mem) => (mem.length > 0 ? [{ to: 0, words: [mem[0]!] }] : []) };
    const r = runMpc(p, [7, 1, 2, 3, 4, 5, 6]);
    expect(isRight(r) && r.right.memories[1]).toEqual([[7, 3, 6], [], []]);
  });

  it('refuses an input that does not fit (memory, round 0)', () => {
    const v = violation(reverse(2, 2), [1, 2, 3, 4, 5]);
    expect(v).toMatchObject({ kind: 'memory', round: 0, machine: 2, bound: 4, actual: 5 });
    expect(v.message).toMatch(/need 3 machines of s = 2 words, but there are q = 2/);
  });

  it('refuses a machine that sends more than s words (send), naming machine and round', () => {
    const p: MpcProtocol = { ...reverse(2, 2), rounds: 2, local: (ctx, mem) => (ctx.round === 2 && ctx.machine === 1 ? [{ to: 0, words: [...mem, 0] }] : [{ to: ctx.machine, words: mem }]) };
    const v = violation(p, [1, 2, 3, 4]);
    expect(v).toMatchObject({ kind: 'send', machine: 1, round: 2, bound: 2, actual: 3 });
    expect(v.message).toMatch(/machine 1 sends at least 3 words in round 2, more than s = 2/);
  });

  it('refuses a machine that receives more than s words (receive)', () => {
    const p: MpcProtocol = { ...reverse(2, 2), local: (_ctx, mem) => [{ to: 1, words: mem }] };
    const v = violation(p, [1, 2, 3, 4]);
    expect(v).toMatchObject({ kind: 'receive', machine: 1, round: 1, bound: 2, actual: 4 });
    expect(v.message).toMatch(/machine 1 receives 4 words in round 1, more than s = 2/);
  });

  it('refuses a word wider than the word width (word), in the input and in a message', () => {
    expect(violation(reverse(2, 2), [1, 2, 256, 4])).toMatchObject({ kind: 'word', machine: 1, round: 0, actual: 256 });
    const p: MpcProtocol = { ...reverse(2, 2), local: (ctx, mem) => [{ to: ctx.machine, words: mem.map((w) => w * 100) }] };
    const v = violation(p, [1, 2, 3, 4]);
    expect(v).toMatchObject({ kind: 'word', machine: 1, round: 1, bound: 255, actual: 100 * 3 });
    expect(v.message).toMatch(/the word width is 8 bits/);
    expect(violation({ ...p, local: () => [{ to: 0, words: [1.5] }] }, [1])).toMatchObject({ kind: 'word' });
  });

  it('refuses a destination that is not a machine, and a local function that throws', () => {
    expect(violation({ ...reverse(2, 2), local: () => [{ to: 2, words: [1] }] }, [1])).toMatchObject({ kind: 'destination', machine: 0, round: 1, actual: 2 });
    const v = violation(
      {
        ...reverse(2, 2),
        local: (ctx) => {
          if (ctx.machine === 1) throw new Error('boom');
          return [];
        },
      },
      [1],
    );
    expect(v).toMatchObject({ kind: 'local', machine: 1, round: 1 });
    expect(v.message).toMatch(/threw: boom/);
  });

  it('refuses malformed protocols', () => {
    expect(violation({ ...reverse(2, 2), memory: 0 }, [1])).toMatchObject({ kind: 'protocol' });
    expect(violation({ ...reverse(2, 2), wordBits: 60 }, [1])).toMatchObject({ kind: 'protocol' });
    expect(violation({ ...reverse(2, 2), machines: 1.5 }, [1])).toMatchObject({ kind: 'protocol' });
  });

  it('gives the (γ, δ) budget', () => {
    expect(gammaDeltaBudget(64, { gamma: 0, delta: 0.5 })).toEqual({ _tag: 'Right', right: { machines: 8, memory: 8, wordBits: 12 } });
    expect(isLeft(gammaDeltaBudget(64, { gamma: 0, delta: 0 }))).toBe(true);
  });
});

const tiny: TableProtocol = {
  name: 'tiny',
  machines: 2,
  memory: 2,
  wordBits: 3,
  rounds: [
    {
      programs: [
        [{ to: 1, words: [{ kind: 'lookup', slot: 0, table: [7, 6, 5] }, { kind: 'const', value: 4 }] }],
        [{ to: 0, words: [{ kind: 'slot', slot: 1 }] }],
      ],
    },
  ],
};

describe('table protocols', () => {
  it('denote routing plus look-ups (a look-up past the table is 0)', () => {
    const p = tableProtocolToMpc(tiny);
    expect(runMpc(p, [1, 2, 3, 4])).toMatchObject({ right: { output: [4, 6, 4] } });
    expect(runMpc(p, [5, 2, 3, 4])).toMatchObject({ right: { output: [4, 0, 4] } });
  });

  it('stop with a local violation when a slot is missing', () => {
    expect(violation(tableProtocolToMpc(tiny), [1, 2, 3])).toMatchObject({ kind: 'local', machine: 1, round: 1, message: expect.stringMatching(/reads slot 1 of a memory of 1 words/) as unknown });
  });

  it('round-trip through JSON, and decoding names the path of each error', () => {
    const json = JSON.parse(JSON.stringify(encodeTableProtocol(tiny))) as unknown;
    expect(decodeTableProtocol(json)).toEqual({ _tag: 'Right', right: tiny });
    const bad = JSON.parse(JSON.stringify(encodeTableProtocol(tiny))) as { rounds: { programs: { to: number; words: { kind: string }[] }[][] }[]; extra?: number };
    bad.rounds[0]!.programs[0]![0]!.words[1]!.kind = 'mul';
    bad.extra = 1;
    const r = decodeTableProtocol(bad);
    expect(isLeft(r) && r.left.map((e) => e.path)).toEqual(['rounds[0].programs[0][0].words[1].kind', 'extra']);
    const wide = { ...encodeTableProtocol(tiny), machines: 1 };
    const r2 = decodeTableProtocol(wide);
    expect(isLeft(r2) && r2.left.map((e) => `${e.path}: ${e.message}`)).toEqual(['rounds[0].programs: expected at most q = 1 programs, got 2', 'rounds[0].programs[0][0].to: expected a machine in 0..0, got 1']);
  });

  it('random table protocols respect every bound (seeded)', () => {
    fc.assert(
      fc.property(arbTableProtocol(), ({ protocol, input }) => {
        const r = runMpc(tableProtocolToMpc(protocol), input);
        if (isLeft(r)) throw new Error(r.left.message);
        return r.right.stats.every((s) => s.maxSent <= protocol.memory && s.maxReceived <= protocol.memory);
      }),
      { seed: 12, numRuns: 300 },
    );
  });
});
