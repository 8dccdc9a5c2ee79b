import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createBuilder } from '../src/core/circuit.js';
import { toDot } from '../src/core/dot.js';
import { arbCircuit } from './serialize.fixtures.js';

describe('toDot', () => {
  it('draws inputs as boxes x_j, gates by kind and k, weights on edges, outputs marked', () => {
    const b = createBuilder();
    const [x, y] = b.inputs(2);
    const one = b.constant(1);
    const n = b.not(x!);
    const g = b.ge([n, y!, one], 1, [2, -1, 1]);
    const dot = toDot(b.build([g, x!, g]));
    expect(dot.startsWith('digraph circuit {\n')).toBe(true);
    expect(dot.endsWith('}\n')).toBe(true);
    expect(dot).toContain('g0 [shape=box, peripheries=2, label=<x<SUB>0</SUB><BR/><FONT POINT-SIZE="9">#0</FONT>>];');
    expect(dot).toContain('g1 [shape=box, label=<x<SUB>1</SUB><BR/><FONT POINT-SIZE="9">#1</FONT>>];');
    expect(dot).toContain('g2 [shape=diamond, label=<1<BR/>');
    expect(dot).toContain('g3 [shape=ellipse, label=<NOT<BR/>');
    expect(dot).toContain('g4 [shape=ellipse, peripheries=2, label=<θ<SUB>≥1</SUB><BR/>');
    expect(dot).toContain('g3 -> g4 [label="2"];');
    expect(dot).toContain('g1 -> g4 [label="-1"];');
    expect(dot).toContain('g2 -> g4;');
    expect(dot).toContain('g0 -> g3;');
    expect(dot).toContain('{ rank=same; g0; g1; }');
    expect(dot).toContain('g4 -> y0 [style=dashed];');
    expect(dot).toContain('g0 -> y1 [style=dashed];');
    expect(dot).toContain('g4 -> y2 [style=dashed];');
  });

  it('has one node line per gate and one edge per wire and output', () => {
    fc.assert(
      fc.property(arbCircuit({ prefix: false, printable: false }), (c) => {
        const lines = toDot(c).split('\n');
        expect(lines.filter((l) => /^ {2}g\d+ \[/.test(l))).toHaveLength(c.numGates);
        expect(lines.filter((l) => /^ {2}g\d+ -> g\d+/.test(l))).toHaveLength(c.fanin.length);
        expect(lines.filter((l) => /^ {2}g\d+ -> y\d+/.test(l))).toHaveLength(c.outputs.length);
      }),
      { seed: 42, numRuns: 100 },
    );
  });
});
