/**
 * # Graphviz DOT export
 *
 * Draw a circuit with Graphviz (`dot -Tsvg circuit.dot > circuit.svg`).
 *
 * ## Main definitions
 * - {@link toDot}: {@link Circuit} → DOT text.
 *
 * ## Implementation notes
 * - Node `g<i>` is gate i. Input gates are boxes labelled x_j (j = the input bit read), all on
 *   one rank; const gates are diamonds labelled 0 / 1; NOT / AND / OR ellipses; thresholds
 *   ellipses labelled `θ≥k` / `θ≤k`. Every label also shows the gate id (`#i`) so a drawing can
 *   be matched with error messages and serializations.
 * - Edges go from argument to gate (data flows top to bottom); a weight ≠ 1 is the edge label.
 * - Output gates get a double border, and each output j gets its own plain node `y_j` with an
 *   edge from its gate, so repeated outputs and output order are visible.
 * - Pure text generation, linear in the circuit size; Graphviz itself will not cope with very
 *   large circuits, which is the caller's concern.
 *
 * ## References
 * - Graphviz DOT language, https://graphviz.org/doc/info/lang.html (HTML-like labels for
 *   subscripts).
 *
 * @module
 */
import { GateKind, type Circuit } from './circuit.js';

const label = (c: Circuit, i: number): { shape: string; html: string } => {
  const k = c.param[i]!;
  switch (c.kind[i]) {
    case GateKind.Input:
      return { shape: 'box', html: `x<SUB>${k}</SUB>` };
    case GateKind.Const:
      return { shape: 'diamond', html: String(k) };
    case GateKind.Not:
      return { shape: 'ellipse', html: 'NOT' };
    case GateKind.And:
      return { shape: 'ellipse', html: 'AND' };
    case GateKind.Or:
      return { shape: 'ellipse', html: 'OR' };
    case GateKind.Ge:
      return { shape: 'ellipse', html: `θ<SUB>≥${k}</SUB>` };
    default:
      return { shape: 'ellipse', html: `θ<SUB>≤${k}</SUB>` };
  }
};

/**
 * Render a circuit as a Graphviz `digraph`.
 * @example
 * ```ts
 * const b = createBuilder();
 * const [x, y] = b.inputs(2);
 * toDot(b.build([b.ge([x!, y!], 1, [2, -1])]));
 * // digraph circuit { … g0 -> g2 [label="2"]; g1 -> g2 [label="-1"]; … }
 * ```
 * @category destructors
 */
export const toDot = (c: Circuit): string => {
  const isOutput = new Uint8Array(c.numGates);
  for (let j = 0; j < c.outputs.length; j++) isOutput[c.outputs[j]!] = 1;
  const lines: string[] = [
    'digraph circuit {',
    '  rankdir=TB;',
    '  node [fontname="Helvetica"];',
    '  edge [fontname="Helvetica", fontsize=10];',
  ];
  const inputs: string[] = [];
  for (let i = 0; i < c.numGates; i++) {
    const { shape, html } = label(c, i);
    const border = isOutput[i] === 1 ? ', peripheries=2' : '';
    lines.push(`  g${i} [shape=${shape}${border}, label=<${html}<BR/><FONT POINT-SIZE="9">#${i}</FONT>>];`);
    if (c.kind[i] === GateKind.Input) inputs.push(`g${i}`);
    for (let w = c.faninStart[i]!; w < c.faninStart[i + 1]!; w++) {
      const wt = c.weight === null ? 1 : c.weight[w]!;
      lines.push(`  g${c.fanin[w]!} -> g${i}${wt === 1 ? '' : ` [label="${wt}"]`};`);
    }
  }
  if (inputs.length > 0) lines.push(`  { rank=same; ${inputs.join('; ')}; }`);
  for (let j = 0; j < c.outputs.length; j++) {
    lines.push(`  y${j} [shape=plaintext, label=<y<SUB>${j}</SUB>>];`);
    lines.push(`  g${c.outputs[j]!} -> y${j} [style=dashed];`);
  }
  if (c.outputs.length > 0) lines.push(`  { rank=sink; ${Array.from({ length: c.outputs.length }, (_, j) => `y${j}`).join('; ')}; }`);
  lines.push('}');
  return lines.join('\n') + '\n';
};
