/**
 * Your own reductions, checked like the library's (issue 9, item 3): `checkLemmas(myLemmas)`,
 * the tree printer, `expectVerified`/`expectHolds` (`parallelism-tradeoff/testing`) and the
 * LSB-first bit conversions in `core`. `tradeoff check --lemmas` is in `cli.edges.test.ts`.
 */
import { describe, expect, it } from 'vitest';
import { bigIntToBits, bitsToBigInt, checkCircuitExhaustive, createBuilder } from '../src/core/index.js';
import { checkLemmas, findLemma, type Lemma } from '../src/proofs/index.js';
import { formatTree } from '../src/index.js';
import { expectHolds, expectVerified } from '../src/testing.js';

const or2 = (() => {
  const b = createBuilder();
  const [x, y] = b.inputs(2);
  return b.build([b.ge([x!, y!], 1)]);
})();
const orStatement = { inputs: 2, outputs: 1, spec: (i: Uint8Array) => [i[0]! | i[1]!], text: 'c computes OR' };

describe('bits in core', () => {
  it('bitsToBigInt and bigIntToBits are inverse, least significant bit first', () => {
    expect(bitsToBigInt([1, 0, 1])).toBe(5n);
    expect(bitsToBigInt([0, 0, 1, 1], 2)).toBe(3n);
    expect(bigIntToBits(5n, 4)).toEqual([1, 0, 1, 0]);
    for (let v = 0n; v < 64n; v++) expect(bitsToBigInt(bigIntToBits(v, 6))).toBe(v);
    expect(() => bigIntToBits(-1n, 3)).toThrow(RangeError);
  });
});

describe('parallelism-tradeoff/testing', () => {
  it('expectVerified returns the Verified value, or throws with the rule and the counterexample', () => {
    const v = expectVerified(checkCircuitExhaustive(or2, orStatement, {}));
    expect(v.evidence.cases).toBe(4);
    const and = { ...orStatement, spec: (i: Uint8Array) => [i[0]! & i[1]!], text: 'c computes AND' };
    expect(() => expectVerified(checkCircuitExhaustive(or2, and, {}))).toThrow(/expected the check to verify, but it failed:\n\[exhaustive\] .*\ncounterexample: /);
  });
  it('expectHolds checks a lemma with the kernel; a failing lemma throws with its problems', async () => {
    const lt = findLemma('lookup-table')!;
    const ok = await expectHolds({ ...lt, id: 'mine' });
    expect(ok.report.verdict).toBe('holds');
    const broken: Lemma = { ...lt, id: 'broken', tiers: ['exhaustive', 'sat'] };
    await expect(expectHolds(broken)).rejects.toThrow(/verdict is fails:\n- .*'sat' did not run/);
  }, 60_000);
});

describe('checkLemmas(myLemmas) and the tree printer', () => {
  it('checks lemmas that are not in the registry; formatTree prints them', async () => {
    const mine: Lemma = { ...findLemma('lookup-table')!, id: 'my-table', title: 'my own table' };
    const checked = await checkLemmas({ seed: 1, full: false, lemmas: [mine] });
    expect(checked.map((c) => [c.lemma.id, c.report.verdict])).toEqual([['my-table', 'holds']]);
    const text = formatTree(checked).join('\n');
    expect(text).toContain('my-table');
    expect(text).toContain('my own table');
  }, 60_000);
});
