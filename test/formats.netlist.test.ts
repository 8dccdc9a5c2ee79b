import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isLeft, isRight } from 'fp-ts/lib/Either.js';
import { createBuilder, type Circuit } from '../src/core/circuit.js';
import { evaluate } from '../src/core/evaluate.js';
import { parseAiger } from '../src/core/aiger.js';
import { parseBlif } from '../src/core/blif.js';
import { formatDecodeErrors } from '../src/core/codec.js';
import { AIG_LIMITS, aigAndBound, toAig, writeAag, writeAigBinary } from '../src/formats/aig.js';
import { writeBlif, writeVerilog } from '../src/formats/netlist.js';
import { arbitraryCircuit } from '../src/reductions/randomCircuit.js';
import { findLemma } from '../src/proofs/registry.js';

const ok = <T>(r: { _tag: 'Left'; left: unknown } | { _tag: 'Right'; right: T }): T => {
  if (r._tag === 'Left') throw new Error(typeof r.left === 'string' ? r.left : formatDecodeErrors(r.left as never));
  return r.right;
};

const readBack = {
  aag: (c: Circuit): Circuit => ok(parseAiger(writeAag(ok(toAig(c))))),
  aig: (c: Circuit): Circuit => ok(parseAiger(writeAigBinary(ok(toAig(c))))),
  blif: (c: Circuit): Circuit => ok(parseBlif(ok(writeBlif(c)))),
};

const bitsOf = (x: number, n: number): number[] => Array.from({ length: n }, (_, j) => (x >> j) & 1);

const sameOnAll = (a: Circuit, b: Circuit): void => {
  expect(b.numInputs).toBe(a.numInputs);
  expect(b.outputs.length).toBe(a.outputs.length);
  for (let x = 0; x < 2 ** a.numInputs; x++) {
    const v = bitsOf(x, a.numInputs);
    expect(Array.from(evaluate(b, v)), `input ${v.join('')}`).toEqual(Array.from(evaluate(a, v)));
  }
};

const sameOnRandom = (a: Circuit, b: Circuit, runs: number, seed: number): void => {
  expect(b.numInputs).toBe(a.numInputs);
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 1 }), { minLength: a.numInputs, maxLength: a.numInputs }), (v) => {
      expect(Array.from(evaluate(b, v))).toEqual(Array.from(evaluate(a, v)));
    }),
    { numRuns: runs, seed },
  );
};

describe('export → import round trips (aag, aig, blif)', () => {
  for (const [name, back] of Object.entries(readBack)) {
    it(`${name}: random circuits (weights, negative weights, consts, empty gates) on all inputs`, () => {
      fc.assert(
        fc.property(arbitraryCircuit({ prefix: false, printable: false, maxInputs: 6, maxGates: 30 }), (c) => {
          sameOnAll(c, back(c));
        }),
        { numRuns: 300, seed: 7 },
      );
    });
  }

  it('wide and heavily weighted thresholds (adder trees) on all inputs', () => {
    const b = createBuilder();
    const xs = b.inputs(10);
    const ws = [1, -3, 7, 1000, -1000, 2 ** 29, 5, 6, -1, 2];
    const outs = [];
    for (const k of [-1003, -3, 0, 1, 5, 17, 1007, 2 ** 29, 2 ** 29 + 7]) {
      outs.push(b.ge(xs, k, ws), b.le(xs, k, ws));
    }
    outs.push(b.ge(xs, 4), b.le(xs, 4), b.ge(xs, 10), b.ge(xs, 1), b.le(xs, 0));
    const c = b.build(outs);
    for (const back of Object.values(readBack)) sameOnAll(c, back(c));
  });

  it('lemma circuits: integer-addition (w = 16), multiplication (w = 8), iterated-addition (n = 8, w = 4) on seeded random inputs', () => {
    for (const [id, params] of [
      ['integer-addition', { w: 16 }],
      ['multiplication', { w: 8 }],
      ['iterated-addition', { n: 8, w: 4 }],
    ] as const) {
      const c = ok(findLemma(id)!.exportCircuit!.build(params));
      for (const back of Object.values(readBack)) sameOnRandom(c, back(c), 200, 3);
    }
  });

  it('aigAndBound is an upper bound on the ANDs made (random circuits, wide weighted thresholds, lemma circuits)', () => {
    const within = (c: Circuit): void => {
      expect(ok(toAig(c)).ands.length / 2).toBeLessThanOrEqual(aigAndBound(c));
    };
    fc.assert(fc.property(arbitraryCircuit({ prefix: false, printable: false, maxInputs: 8, maxGates: 40 }), within), { numRuns: 500, seed: 9 });
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -(2 ** 29), max: 2 ** 29 }), { minLength: 1, maxLength: 40 }), fc.integer({ min: -50, max: 50 }), (ws, k) => {
        const b = createBuilder();
        const xs = b.inputs(ws.length);
        const total = ws.reduce((a, w) => a + Math.abs(w), 0);
        const kk = Math.max(-(2 ** 31) + 1, Math.min(2 ** 31 - 1, Math.max(-total - 1, Math.min(total + 1, Math.round((k / 50) * total)))));
        const c = b.build([b.ge(xs, kk, ws), b.le(xs, kk, ws)]);
        within(c);
        const back = readBack.aig(c);
        for (let r = 0; r < 16; r++) {
          const v = ws.map((_, j) => ((r * 2654435761 + j * 40503) >>> (j % 13)) & 1);
          expect(Array.from(evaluate(back, v))).toEqual(Array.from(evaluate(c, v)));
        }
      }),
      { numRuns: 300, seed: 9 },
    );
    const b = createBuilder();
    const xs = b.inputs(300);
    within(b.build([b.ge(xs, 150), b.ge(xs, 299), b.ge(xs, 1), b.le(xs, 7)]));
    for (const [id, params] of [
      ['integer-addition', { w: 32 }],
      ['multiplication', { w: 8 }],
      ['iterated-addition', { n: 8, w: 4 }],
    ] as const) {
      within(ok(findLemma(id)!.exportCircuit!.build(params)));
    }
  });

  it('refuses up front when the AIG would be too big, with the bound in the message', () => {
    const b = createBuilder();
    const xs = b.inputs(2000);
    const g = [];
    for (let j = 0; j < 600; j++) g.push(b.ge(xs, 1000 + j));
    const r = toAig(b.build(g));
    expect(isLeft(r) && r.left).toMatch(new RegExp(`more than the limit of ${AIG_LIMITS.maxAnds}`));
  });

  it('binary AIGER deltas obey lhs > rhs0 ≥ rhs1', () => {
    const b = createBuilder();
    const xs = b.inputs(5);
    const a = ok(toAig(b.build([b.ge(xs, 3), b.le(xs, 1, [1, 2, -3, 4, 5])])));
    const I = a.numInputs;
    for (let j = 0; j < a.ands.length / 2; j++) {
      expect(a.ands[2 * j]!).toBeLessThan(2 * (I + 1 + j));
      expect(a.ands[2 * j]!).toBeGreaterThanOrEqual(a.ands[2 * j + 1]!);
    }
  });

  it('Verilog names inputs x[j], outputs y[j] and keeps thresholds as signed sums', () => {
    const b = createBuilder();
    const [x, y] = b.inputs(2);
    const v = ok(writeVerilog(b.build([b.ge([x!, y!], 1, [2, -1])])));
    expect(v).toContain('input [1:0] x;');
    expect(v).toContain('output [0:0] y;');
    expect(v).toMatch(/wire g2 = \(\(g0 \? 3'sd2 : 3'sd0\) \+ \(g1 \? -3'sd1 : 3'sd0\)\) >= 3'sd1;/);
  });
});

const err = (r: ReturnType<typeof parseAiger>): string => (isLeft(r) ? formatDecodeErrors(r.left) : 'parsed');

describe('AIGER reader', () => {
  it('reads an ASCII AND with symbols and a comment, ANDs in any order', () => {
    const c = ok(parseAiger('aag 4 2 0 1 2\n2\n4\n9\n8 6 2\n6 2 4\ni0 a\ni1 b\no0 y\nc\nhello\n'));
    sameOnAll(c, ok(parseAiger('aag 3 2 0 1 1\n2\n4\n7\n6 2 4\n')));
  });
  it('constant outputs', () => {
    const c = ok(parseAiger('aag 0 0 0 2 0\n0\n1\n'));
    expect(Array.from(evaluate(c, []))).toEqual([0, 1]);
  });
  it.each([
    ['', 'line 1: expected an AIGER header'],
    ['aag 1 1 0 1\n', "line 1: expected 'aag M I L O A'"],
    ['aag 2 1 1 1 0\n2\n4 2\n4\n', 'latches'],
    ['aag 1 1 0 0 0\n2\n', 'no outputs'],
    ['aag 1 1 0 1 0\n2\n', 'line 3: expected output 0'],
    ['aag 1 1 0 1 0\n3\n2\n', 'line 2: input literal must be even'],
    ['aag 1 1 0 1 0\n2\n9\n', 'line 3: literal 9 is more than 2M + 1 = 3'],
    ['aag 3 1 0 1 1\n2\n6\n6 4 2\n', 'variable 2 is neither an input nor an AND'],
    ['aag 3 1 0 1 2\n2\n6\n6 4 2\n4 6 2\n', 'cycle'],
    ['aag 2 1 0 1 1\n2\n4\n2 2 2\n', 'line 4: variable 1 is defined twice'],
    ['aag 1 1 0 1 0\n2\n2\nxyz\n', "line 4: expected a symbol"],
    ['aig 2 1 0 1 1\n4\n', 'cut off by the end of the file'],
    ['aig 2 1 0 1 1\n4\n\x00\x01', 'first delta must be in 1..4'],
    ['aig 3 1 0 1 1\n4\n\x01\x01', 'binary file needs M = I + L + A'],
    ['aag 1 1 0 1 0 1\n2\n2\n2\n', 'bad-state'],
  ])('%j → %s', (text, expected) => {
    expect(err(parseAiger(text))).toContain(expected);
  });
});

describe('BLIF reader', () => {
  const blifErr = (t: string): string => {
    const r = parseBlif(t);
    return isLeft(r) ? formatDecodeErrors(r.left) : 'parsed';
  };
  it('reads covers (ON- and OFF-set, don\'t-cares, constants, continuations, out-of-order)', () => {
    const c = ok(
      parseBlif(
        '# comment\n.model m\n.inputs a b \\\n c\n.outputs y z k one zero\n.names t c y\n1- 1\n-1 1\n.names a b t\n11 1\n.names a b c z\n000 0\n.names a k\n0 1\n.names one\n1\n.names zero\n.end\n',
      ),
    );
    for (let x = 0; x < 8; x++) {
      const [a, b, cc] = bitsOf(x, 3) as [number, number, number];
      expect(Array.from(evaluate(c, [a, b, cc]))).toEqual([(a & b) | cc, a | b | cc, 1 - a, 1, 0]);
    }
  });
  it('reads yosys gate cells', () => {
    const c = ok(
      parseBlif(
        '.model m\n.inputs a b s\n.outputs y1 y2 y3 y4\n.subckt $_XOR_ A=a B=b Y=y1\n.subckt $_MUX_ A=a B=b S=s Y=y2\n.subckt $_ANDNOT_ A=a B=b Y=y3\n.subckt $_NOR_ A=a B=b Y=t\n.conn t y4\n.end\n',
      ),
    );
    for (let x = 0; x < 8; x++) {
      const [a, b, s] = bitsOf(x, 3) as [number, number, number];
      expect(Array.from(evaluate(c, [a, b, s]))).toEqual([a ^ b, s ? b : a, a & (1 - b), 1 - (a | b)]);
    }
  });
  it.each([
    ['.model m\n.inputs a\n.outputs y\n.latch a y 0\n.end\n', 'line 4: .latch: the model is sequential'],
    ['.model m\n.inputs a\n.outputs y\n.names a y\n11 1\n.end\n', 'line 5: expected a pattern of 1 characters'],
    ['.model m\n.inputs a\n.outputs y\n.names a y\n1 1\n0 0\n.end\n', 'line 6: the cover of \'y\' mixes'],
    ['.model m\n.inputs a\n.outputs y\n.names b y\n1 1\n.end\n', "line 4: signal 'b' is never driven"],
    ['.model m\n.inputs a\n.outputs y\n.names y t\n1 1\n.names t y\n1 1\n.end\n', 'cycle'],
    ['.model m\n.inputs a\n.outputs y\n.names a y\n1 1\n.names a y\n1 1\n.end\n', "line 6: signal 'y' is driven twice (first at line 4)"],
    ['.model m\n.inputs a\n.outputs y\n.subckt adder a=a y=y\n.end\n', "line 4: .subckt adder: only yosys's internal gate cells"],
    ['.model m\n.inputs a\n.end\n', 'no .outputs'],
    ['.model m\n.inputs a\n.outputs y\n.frob\n', "line 4: unknown directive '.frob'"],
    ['.model m\n.inputs a\n.outputs y\n.names a y\n1 1\n.end\n.model n\n', 'line 7: a second .model'],
    ['.model m\n.inputs a\n.outputs y\n.names a y\n1 2\n.end\n', 'line 5: expected the output value 0 or 1'],
  ])('%j → %s', (text, expected) => {
    expect(blifErr(text)).toContain(expected);
  });
  it('never throws on mutated input', () => {
    const base = ok(writeBlif(ok(findLemma('integer-addition')!.exportCircuit!.build({ w: 2 }))));
    fc.assert(
      fc.property(fc.nat(base.length - 1), fc.string({ maxLength: 3 }), (i, s) => {
        const r = parseBlif(base.slice(0, i) + s + base.slice(i + 1));
        expect(isLeft(r) || isRight(r)).toBe(true);
      }),
      { numRuns: 300, seed: 5 },
    );
    const aig = writeAigBinary(ok(toAig(ok(findLemma('integer-addition')!.exportCircuit!.build({ w: 2 })))));
    fc.assert(
      fc.property(fc.nat(aig.length - 1), fc.nat(255), (i, v) => {
        const m = aig.slice();
        m[i] = v;
        const r = parseAiger(m);
        expect(isLeft(r) || isRight(r)).toBe(true);
      }),
      { numRuns: 300, seed: 5 },
    );
  });
});

describe('every exporting lemma, every netlist format', () => {
  const small: Record<string, Record<string, number>> = {
    'lookup-table': { n: 3 },
    comparison: { w: 3 },
    'integer-addition': { w: 3 },
    'bit-count': { n: 6 },
    'iterated-addition': { n: 3, w: 3 },
    multiplication: { w: 3 },
    'float-iterated-sum': { n: 2, p: 4 },
    'float-mul': { p: 4 },
    'float-div': { p: 4 },
    'float-compare': { p: 4 },
  };
  for (const [id, params] of Object.entries(small)) {
    it(`${id} ${JSON.stringify(params)}: aag, aig and blif read back equal; Verilog is written`, () => {
      const lemma = findLemma(id);
      expect(lemma?.exportCircuit, id).toBeDefined();
      const c = ok(lemma!.exportCircuit!.build(params));
      for (const back of Object.values(readBack)) {
        if (c.numInputs <= 12) sameOnAll(c, back(c));
        else sameOnRandom(c, back(c), 300, 1);
      }
      expect(ok(writeVerilog(c))).toMatch(/endmodule\n$/);
    });
  }
});
