// Mutation tests of src/core/dot.ts: the whole DOT text, line for line, for circuits that use
// every gate kind, and the edge cases of no inputs and no outputs.
import { describe, expect, it } from 'vitest';
import { createBuilder } from '../src/core/circuit.js';
import { toDot } from '../src/core/dot.js';

const header = [
  'digraph circuit {',
  '  rankdir=TB;',
  '  node [fontname="Helvetica"];',
  '  edge [fontname="Helvetica", fontsize=10];',
];
const node = (i: number, shape: string, html: string, output = false): string =>
  `  g${i} [shape=${shape}${output ? ', peripheries=2' : ''}, label=<${html}<BR/><FONT POINT-SIZE="9">#${i}</FONT>>];`;

describe('toDot: exact text', () => {
  it('draws AND, OR, θ≤k and a const output, then the input rank and the output sinks', () => {
    const b = createBuilder();
    const [x, y] = b.inputs(2);
    const a = b.and([x!, y!]);
    const o = b.or([x!, a]);
    const l = b.le([a, o], 1);
    const z = b.constant(0);
    expect(toDot(b.build([l, z]))).toBe(
      [
        ...header,
        node(0, 'box', 'x<SUB>0</SUB>'),
        node(1, 'box', 'x<SUB>1</SUB>'),
        node(2, 'ellipse', 'AND'),
        '  g0 -> g2;',
        '  g1 -> g2;',
        node(3, 'ellipse', 'OR'),
        '  g0 -> g3;',
        '  g2 -> g3;',
        node(4, 'ellipse', 'θ<SUB>≤1</SUB>', true),
        '  g2 -> g4;',
        '  g3 -> g4;',
        node(5, 'diamond', '0', true),
        '  { rank=same; g0; g1; }',
        '  y0 [shape=plaintext, label=<y<SUB>0</SUB>>];',
        '  g4 -> y0 [style=dashed];',
        '  y1 [shape=plaintext, label=<y<SUB>1</SUB>>];',
        '  g5 -> y1 [style=dashed];',
        '  { rank=sink; y0; y1; }',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('labels θ≤k with negative k and weighted edges, θ≥k, and a repeated output', () => {
    const b = createBuilder();
    const [x] = b.inputs(1);
    const n = b.not(x!);
    const g = b.ge([x!, n], 0, [3, -2]);
    const l = b.le([g], -1, [-1]);
    expect(toDot(b.build([l, l]))).toBe(
      [
        ...header,
        node(0, 'box', 'x<SUB>0</SUB>'),
        node(1, 'ellipse', 'NOT'),
        '  g0 -> g1;',
        node(2, 'ellipse', 'θ<SUB>≥0</SUB>'),
        '  g0 -> g2 [label="3"];',
        '  g1 -> g2 [label="-2"];',
        node(3, 'ellipse', 'θ<SUB>≤-1</SUB>', true),
        '  g2 -> g3 [label="-1"];',
        '  { rank=same; g0; }',
        '  y0 [shape=plaintext, label=<y<SUB>0</SUB>>];',
        '  g3 -> y0 [style=dashed];',
        '  y1 [shape=plaintext, label=<y<SUB>1</SUB>>];',
        '  g3 -> y1 [style=dashed];',
        '  { rank=sink; y0; y1; }',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('omits the input rank without inputs and the sink rank without outputs', () => {
    const b = createBuilder();
    b.constant(1);
    expect(toDot(b.build([]))).toBe([...header, node(0, 'diamond', '1'), '}', ''].join('\n'));
  });

  it('keeps the input rank and a single sink when there is one output', () => {
    const b = createBuilder();
    const [x] = b.inputs(1);
    expect(toDot(b.build([x!]))).toBe(
      [
        ...header,
        node(0, 'box', 'x<SUB>0</SUB>', true),
        '  { rank=same; g0; }',
        '  y0 [shape=plaintext, label=<y<SUB>0</SUB>>];',
        '  g0 -> y0 [style=dashed];',
        '  { rank=sink; y0; }',
        '}',
        '',
      ].join('\n'),
    );
  });
});
