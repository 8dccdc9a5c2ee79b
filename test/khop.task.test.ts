import * as fc from 'fast-check';
import { isLeft } from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { arbKHopInstance, decodeKHopTask, encodeKHopTask, find1, findK, hopK, randomKHopInstance } from '../src/core/tasks/index.js';

const ex = [...'baebcabebdea'];

describe('hop_k (P2 Def 4.1)', () => {
  it("the paper's example: 1-hop at the last position is b, 2-hop is c", () => {
    expect(find1(ex, 12)).toBe(7);
    expect(hopK(ex, 1).at(-1)).toBe('b');
    expect(findK(ex, 2, 12)).toBe(5);
    expect(hopK(ex, 2).at(-1)).toBe('c');
  });

  it('⊥ where no earlier position follows the same symbol, and ⊥ is absorbing', () => {
    expect(hopK(ex, 1).slice(0, 4)).toEqual([null, null, null, 'a']);
    expect(find1(ex, 0)).toBe(0);
    expect(findK(ex, 5, 1)).toBe(0);
    expect(hopK(ex, 0)).toEqual(ex);
  });

  it('j = i is allowed (taken literally): aa → find¹(2) = 2, a fixed point', () => {
    expect(find1(['a', 'a'], 2)).toBe(2);
    expect(hopK(['a', 'a'], 9)).toEqual([null, 'a']);
  });

  it('find^(a+b) = find^a ∘ find^b, and hop_k(X)_i is ⊥ or X_(find^k(i)) with X_(find^k(i) − 1) = X_(find^(k−1)(i))', () => {
    fc.assert(
      fc.property(arbKHopInstance({ n: { min: 1, max: 40 }, alphabet: { min: 2, max: 5 }, k: { min: 0, max: 8 } }), fc.nat(8), ({ sequence: x, k }, b) => {
        for (let i = 1; i <= x.length; i++) {
          expect(findK(x, k + b, i)).toBe(findK(x, k, findK(x, b, i)));
          const p = findK(x, k + 1, i);
          if (p > 0) expect(x[p - 2]).toBe(x[findK(x, k, i) - 1]);
        }
      }),
      { seed: 41, numRuns: 200 },
    );
  });

  it('refuses positions out of range', () => {
    expect(() => find1(ex, 13)).toThrow(/0…12/);
    expect(() => findK(ex, -1, 1)).toThrow(/k must be/);
  });
});

describe('the k-hop task format', () => {
  it('round-trips and checks the answers', () => {
    const task = randomKHopInstance(3, 30, 4, 3);
    expect(task.sequence).toHaveLength(30);
    expect(randomKHopInstance(3, 30, 4, 3)).toEqual(task);
    const json = JSON.parse(JSON.stringify(encodeKHopTask(task))) as Record<string, unknown>;
    const back = decodeKHopTask(json);
    expect(back).toMatchObject({ right: { k: 3, sequence: task.sequence } });
  });

  it('names the path of every error', () => {
    const bad = { format: 'parallelism-tradeoff/k-hop', version: 1, k: 1, alphabet: ['a', 'b'], sequence: ['a', 'c', 'a'] };
    const r = decodeKHopTask(bad);
    expect(isLeft(r) && r.left.map((e) => `${e.path}: ${e.message}`)).toEqual(['sequence[1]: expected a symbol of the alphabet, got "c"']);
    const r2 = decodeKHopTask({ ...bad, k: -1, extra: 0 });
    expect(isLeft(r2) && r2.left.map((e) => e.path)).toEqual(['k', 'extra']);
    const r3 = decodeKHopTask({ ...bad, sequence: ['a', 'b', 'a', 'b'], answers: ['a', null, null, 'a'] });
    expect(isLeft(r3) && r3.left.map((e) => `${e.path}: ${e.message}`)).toEqual(['answers[0]: expected hop_1 at position 1, null (⊥), got "a"', 'answers[2]: expected hop_1 at position 3, "b", got null']);
  });
});
