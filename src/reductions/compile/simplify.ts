/**
 * # Constant propagation and dead-gate elimination
 *
 * A pass that rewrites a circuit into a smaller one computing the same function: constants are
 * folded into the gates that read them, and gates no output depends on are dropped.
 *
 * ## Main definitions
 * - {@link simplify}: fold (by copying through a {@link foldingBuilder}), then
 *   {@link eliminateDeadGates}.
 * - {@link eliminateDeadGates}: keep the input gates and the gates some output depends on.
 *
 * ## Main results
 * - Same function: for every input, `evaluate(simplify(c), x) = evaluate(c, x)` (each folding
 *   rule is an identity of the basis, see `foldingBuilder.ts`; dropping a gate no output reads
 *   changes no output). The input gates are all kept, in order, so `numInputs` is unchanged.
 * - Never larger: size and depth are at most those of `c`.
 *
 * ## Implementation notes
 * Dead-gate elimination marks from the outputs backwards (ids are topological, so one reverse
 * pass suffices) and rebuilds with the kernel builder; it can carry a tag per gate along.
 *
 * ## References
 * - P1 = Merrill & Sabharwal, TACL 2023, §3.
 *
 * @module
 */
import { GateKind, createBuilder, type Circuit } from '../../core/circuit.js';
import { embedCircuit } from './embedSubcircuit.js';
import { foldingBuilder } from './foldingBuilder.js';

/** A circuit after dead-gate elimination, with the old id of every kept gate. @category model */
export interface Pruned {
  readonly circuit: Circuit;
  /** `kept[newId]` = the gate's id in the original circuit. */
  readonly kept: Uint32Array;
}

/**
 * Drop every gate that is not an input gate and that no output depends on.
 * @category constructors
 */
export const eliminateDeadGates = (c: Circuit): Pruned => {
  const live = new Uint8Array(c.numGates);
  for (let j = 0; j < c.outputs.length; j++) live[c.outputs[j]!] = 1;
  for (let i = c.numGates - 1; i >= 0; i--) {
    if (c.kind[i] === GateKind.Input) live[i] = 1;
    if (live[i] === 0) continue;
    for (let w = c.faninStart[i]!; w < c.faninStart[i + 1]!; w++) live[c.fanin[w]!] = 1;
  }
  const b = createBuilder();
  const map = new Int32Array(c.numGates).fill(-1);
  const kept: number[] = [];
  const args: number[] = [];
  const ws: number[] = [];
  for (let i = 0; i < c.numGates; i++) {
    if (live[i] === 0) continue;
    const s = c.faninStart[i]!;
    const e = c.faninStart[i + 1]!;
    args.length = 0;
    for (let w = s; w < e; w++) args.push(map[c.fanin[w]!]!);
    let id: number;
    switch (c.kind[i]) {
      case GateKind.Input:
        id = b.input();
        break;
      case GateKind.Const:
        id = b.constant(c.param[i] === 1 ? 1 : 0);
        break;
      case GateKind.Not:
        id = b.not(args[0]!);
        break;
      case GateKind.And:
        id = b.and(args);
        break;
      case GateKind.Or:
        id = b.or(args);
        break;
      default: {
        let weights: number[] | undefined;
        if (c.weight !== null) {
          ws.length = 0;
          for (let w = s; w < e; w++) ws.push(c.weight[w]!);
          weights = ws.every((x) => x === 1) ? undefined : ws;
        }
        id = c.kind[i] === GateKind.Ge ? b.ge(args, c.param[i]!, weights) : b.le(args, c.param[i]!, weights);
      }
    }
    map[i] = id;
    kept.push(i);
  }
  return { circuit: b.build(Array.from(c.outputs, (o) => map[o]!)), kept: Uint32Array.from(kept) };
};

/**
 * Fold constants and drop dead gates (module notes); the result computes the same function.
 * @example
 * ```ts
 * const b = createBuilder();
 * const [x] = b.inputs(1);
 * const c = b.build([b.and([x!, b.constant(1)])]);
 * simplify(c).numGates; // 1: the output is the input gate itself
 * ```
 * @category constructors
 */
export const simplify = (c: Circuit): Circuit => {
  const fb = foldingBuilder(createBuilder());
  const inputs = fb.inputs(c.numInputs);
  const outs = embedCircuit(fb, c, inputs);
  return eliminateDeadGates(fb.build(outs)).circuit;
};
