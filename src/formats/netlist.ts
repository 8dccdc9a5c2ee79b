/**
 * # Structural Verilog and BLIF writers
 *
 * Two more ways out for a kernel {@link Circuit}: structural Verilog, where each threshold gate
 * stays one gate (a signed sum of weighted inputs compared with k), and BLIF, the Berkeley
 * logic interchange format that ABC and yosys read, written from the and-inverter graph of
 * `./aig.ts` (thresholds become adder trees there).
 *
 * ## Main definitions
 * - {@link writeVerilog}: one module `circuit(x, y)` with `input [n−1:0] x`, `output [m−1:0] y`.
 * - {@link writeBlif}: one `.model circuit` with inputs `x0 … x(n−1)`, outputs `y0 … y(m−1)`.
 * - {@link VERILOG_LIMITS}: the largest circuit written as Verilog.
 *
 * ## Implementation notes
 * - **Where this lives.** Writers, outside the trusted kernel (`src/formats`): what they write
 *   is checked from outside — yosys reads the Verilog and ABC `cec` proves it equal to a
 *   hand-written spec (`test/abc.cec.test.ts`), and BLIF round-trips through the kernel's
 *   reader `src/core/blif.ts`.
 * - **Verilog thresholds.** θ≥k over args a_i with weights w_i is
 *   `assign gN = (a1 ? W'sd3 : W'sd0) + … >= W'sdk;` where W is the width of the signed range
 *   [Σ min(0, w), Σ max(0, w)] ∪ {k} plus a sign bit, so the sum cannot overflow and the
 *   comparison is signed (every operand is a signed W-bit constant). Negative constants are
 *   written `-W'sd3`. AND() is `1'b1`, OR() is `1'b0`; NOT is `~`.
 * - **Verilog size** is linear in gates + wires (≈ 20 characters per wire); beyond
 *   {@link VERILOG_LIMITS} it is refused up front.
 * - **BLIF** is one `.names` per AND of the AIG (`11 1`, `01 1`, … by complement), one per
 *   output (a buffer or inverter, or a constant), so its size is that of the AIG (same limit).
 *
 * ## References
 * - IEEE 1364-2005 (Verilog), §5.4 expression bit lengths, §5.5 signed expressions.
 * - "Berkeley Logic Interchange Format (BLIF)", UC Berkeley, 1992.
 *
 * @module
 */
import { isLeft, left, right, type Either } from 'fp-ts/lib/Either.js';
import { GateKind, type Circuit } from '../core/circuit.js';
import { toAig } from './aig.js';

/** The largest circuit written as Verilog: gates + wires. @category model */
export const VERILOG_LIMITS = { maxGatesPlusWires: 10_000_000 } as const;

const bitsFor = (lo: number, hi: number): number => {
  let w = 1;
  while (!(-(2 ** (w - 1)) <= lo && hi <= 2 ** (w - 1) - 1)) w++;
  return w;
};

/**
 * A circuit as structural Verilog-2001: input bit j is `x[j]`, output j is `y[j]`, gate i is
 * the wire `g<i>`.
 * @example
 * ```ts
 * const b = createBuilder();
 * const [x, y] = b.inputs(2);
 * writeVerilog(b.build([b.ge([x!, y!], 2, [1, 1])])); // … assign g2 = (g0 ? 3'sd1 : 3'sd0) + … >= 3'sd2;
 * ```
 * @category destructors
 */
export const writeVerilog = (c: Circuit, moduleName = 'circuit'): Either<string, string> => {
  const size = c.numGates + c.fanin.length;
  if (size > VERILOG_LIMITS.maxGatesPlusWires) {
    return left(`the circuit has ${c.numGates} gates and ${c.fanin.length} wires, more than the Verilog writer's limit of ${VERILOG_LIMITS.maxGatesPlusWires} together`);
  }
  const n = c.numInputs;
  const m = c.outputs.length;
  const out: string[] = [
    '// parallelism-tradeoff: a threshold circuit as structural Verilog (docs/formats.md, "Hardware formats")\n',
    `module ${moduleName}(${n > 0 ? 'x, ' : ''}y);\n`,
  ];
  if (n > 0) out.push(`  input [${n - 1}:0] x;\n`);
  out.push(`  output [${m - 1}:0] y;\n`);
  for (let i = 0; i < c.numGates; i++) {
    const s = c.faninStart[i]!;
    const e = c.faninStart[i + 1]!;
    const args: string[] = [];
    for (let w = s; w < e; w++) args.push(`g${c.fanin[w]!}`);
    let rhs: string;
    switch (c.kind[i]) {
      case GateKind.Input:
        rhs = `x[${c.param[i]!}]`;
        break;
      case GateKind.Const:
        rhs = c.param[i] === 1 ? "1'b1" : "1'b0";
        break;
      case GateKind.Not:
        rhs = `~${args[0]!}`;
        break;
      case GateKind.And:
        rhs = args.length === 0 ? "1'b1" : args.join(' & ');
        break;
      case GateKind.Or:
        rhs = args.length === 0 ? "1'b0" : args.join(' | ');
        break;
      default: {
        const k = c.param[i]!;
        let lo = Math.min(0, k);
        let hi = Math.max(0, k);
        let slo = 0;
        let shi = 0;
        const ws: number[] = [];
        for (let w = s; w < e; w++) {
          const x = c.weight === null ? 1 : c.weight[w]!;
          ws.push(x);
          slo += Math.min(0, x);
          shi += Math.max(0, x);
        }
        lo = Math.min(lo, slo);
        hi = Math.max(hi, shi);
        const W = bitsFor(lo, hi);
        const lit = (v: number): string => (v < 0 ? `-${W}'sd${-v}` : `${W}'sd${v}`);
        const terms = args.map((a, j) => `(${a} ? ${lit(ws[j]!)} : ${W}'sd0)`);
        const sum = terms.length === 0 ? `${W}'sd0` : terms.join(' + ');
        rhs = `(${sum}) ${c.kind[i] === GateKind.Ge ? '>=' : '<='} ${lit(k)}`;
      }
    }
    out.push(`  wire g${i} = ${rhs};\n`);
  }
  for (let j = 0; j < m; j++) out.push(`  assign y[${j}] = g${c.outputs[j]!};\n`);
  out.push('endmodule\n');
  return right(out.join(''));
};

/**
 * A circuit as BLIF (via its and-inverter graph): `.inputs x0 …`, `.outputs y0 …`, one
 * two-input `.names` per AND.
 * @category destructors
 */
export const writeBlif = (c: Circuit, modelName = 'circuit'): Either<string, string> => {
  const a = toAig(c);
  if (isLeft(a)) return a;
  const { numInputs: I, ands, outputs } = a.right;
  const sig = (l: number): string => {
    const v = l >>> 1;
    return v <= I ? `x${v - 1}` : `n${v}`;
  };
  const out: string[] = ['# parallelism-tradeoff: a threshold circuit as BLIF (docs/formats.md, "Hardware formats")\n', `.model ${modelName}\n`];
  out.push(`.inputs${Array.from({ length: I }, (_, j) => ` x${j}`).join('')}\n`);
  out.push(`.outputs${Array.from(outputs, (_, j) => ` y${j}`).join('')}\n`);
  for (let j = 0; j < ands.length / 2; j++) {
    const r0 = ands[2 * j]!;
    const r1 = ands[2 * j + 1]!;
    // rhs1 may be the constant only if folding missed it; toAig never leaves one
    out.push(`.names ${sig(r0)} ${sig(r1)} n${I + 1 + j}\n${(r0 & 1) === 1 ? '0' : '1'}${(r1 & 1) === 1 ? '0' : '1'} 1\n`);
  }
  for (let j = 0; j < outputs.length; j++) {
    const o = outputs[j]!;
    if (o === 0) out.push(`.names y${j}\n`);
    else if (o === 1) out.push(`.names y${j}\n1\n`);
    else out.push(`.names ${sig(o)} y${j}\n${(o & 1) === 1 ? '0' : '1'} 1\n`);
  }
  out.push('.end\n');
  return right(out.join(''));
};
