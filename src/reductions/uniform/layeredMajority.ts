/**
 * # A uniform family of any depth: layered majorities
 *
 * A test family for the uniform evaluator, whose depth is a parameter: n inputs, then d layers
 * of n gates; gate i of layer ℓ ≥ 1 is MAJ₃ (θ≥2) of gates i, i + 1, i + 2 (mod n) of layer
 * ℓ − 1; the outputs are layer d. Depth d, n(d + 1) gates, 3nd wires.
 *
 * ## Main definitions
 * - {@link layeredMajorityCircuit}: the circuit, built with the kernel's builder.
 * - {@link layeredMajorityGenerator}: its log-space printer (parameter d); registers ℓ ≤ d,
 *   i < n, a < 3: ⌈log₂(d + 1)⌉ + ⌈log₂ n⌉ + 2 bits and the control bits.
 *
 * ## Implementation notes
 * Gate i of layer ℓ has id ℓ·n + i; for n < 3 the arguments i, i + 1, i + 2 mod n repeat
 * gates (a threshold gate may take a gate twice).
 *
 * @module
 */
import { GateKind, createBuilder, type Circuit } from '../../core/circuit.js';
import { GATE_STREAM_TAGS, add, emit, loop, mod, mul, n, param, proc, program, r, sub, type Program } from '../../core/logspace/index.js';

/** The layered-majority circuit with n inputs and d layers. @category constructors */
export const layeredMajorityCircuit = (inputs: number, d: number): Circuit => {
  const b = createBuilder();
  let layer = b.inputs(inputs);
  for (let l = 0; l < d; l++) layer = layer.map((_, i) => b.ge([layer[i]!, layer[(i + 1) % inputs]!, layer[(i + 2) % inputs]!], 2));
  return b.build(layer);
};

/** The printer of {@link layeredMajorityCircuit}(n, d) (parameter `d`). @category constructors */
export const layeredMajorityGenerator = (): Program => {
  const d = param('d');
  const [l, i, a] = [r('l'), r('i'), r('a')];
  return program({ main: 'main', tags: GATE_STREAM_TAGS, params: ['d'] }, [
    proc('main', { l: add(d, 1), i: n, a: 3 }, [], [], [
      loop('i', 0, n, [emit('gate', i, GateKind.Input, 0, i)]),
      loop('l', 1, add(d, 1), [
        loop('i', 0, n, [
          emit('gate', add(mul(l, n), i), GateKind.Ge, 0, 2),
          loop('a', 0, 3, [emit('arg', add(mul(sub(l, 1), n), mod(add(i, a), n)), 0, 1)]),
        ]),
      ]),
      loop('i', 0, n, [emit('out', add(mul(d, n), i))]),
    ]),
  ]);
};
