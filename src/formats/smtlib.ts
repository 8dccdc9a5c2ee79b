/**
 * # The sat tier's miter as SMT-LIB 2 text
 *
 * Writes the formula that the `sat` tier hands z3 (`src/core/smt.ts`, `checkEquivalenceSmt`:
 * the circuit's encoding XOR the independent spec, OR over the outputs) as an SMT-LIB 2
 * benchmark (status `unknown`: the writer claims nothing), so that another solver (cvc5, Bitwuzla, a z3 binary) can re-check it: `unsat`
 * means circuit and spec agree on all 2^n inputs.
 *
 * ## Main definitions
 * - {@link miterSmtlib}: the benchmark text for a circuit and a spec, or why it cannot be made.
 *
 * ## Implementation notes
 * - **The same formula, not a re-implementation.** The miter is built by the kernel's own
 *   functions — `encodeCircuit` (bit-vector threshold encoding by default, as the tier uses)
 *   and `makeSpecHelpers` — in a z3 context, asserted in a solver and printed by z3's own
 *   SMT-LIB printer (`Solver.toSmtlib2`, which shares repeated subterms with `let`). No solver
 *   is run here. Logic: `QF_BV` (or `QF_LIA`-style terms for the `arith` encoding; the
 *   printed `set-logic` is z3's choice, none when it mixes).
 * - **Where this lives.** A writer, outside the trusted kernel (`src/formats`); the test
 *   re-reads the text with z3 (`unsat` for the library's circuits, `sat` for a broken one), and
 *   with a z3 binary when one is installed.
 * - Variables: `x_j` is input bit j (least significant first, as in the sat tier).
 * - One z3 module per call, retired afterwards (`shutdownZ3`), as the tier does.
 * - Refused up front beyond {@link SMTLIB_LIMITS} (gates + wires), before z3 is started.
 *
 * ## References
 * - C. Barrett, P. Fontaine, C. Tinelli, "The SMT-LIB Standard: Version 2.6", 2017.
 * - D. Brand, "Verification of large synthesized designs", ICCAD 1993 (the miter).
 *
 * @module
 */
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import type { Circuit } from '../core/circuit.js';
import { encodeCircuit, getZ3, makeSpecHelpers, shutdownZ3, type SmtBool, type SmtSpec, type ThresholdEncoding } from '../core/smt.js';

/** The largest circuit whose miter is printed (gates + wires): z3 builds every term in memory. @category model */
export const SMTLIB_LIMITS = { maxGatesPlusWires: 2_000_000 } as const;

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * The sat tier's miter of `circuit` against `spec` as an SMT-LIB 2 benchmark (with
 * `(check-sat)`; expected answer `unsat`). `title` goes into the header comment.
 * @category destructors
 */
export const miterSmtlib = async (
  circuit: Circuit,
  spec: SmtSpec,
  title: string,
  encoding: ThresholdEncoding = 'bv',
): Promise<Either<string, string>> => {
  const size = circuit.numGates + circuit.fanin.length;
  if (size > SMTLIB_LIMITS.maxGatesPlusWires) {
    return left(`the circuit has ${circuit.numGates} gates and ${circuit.fanin.length} wires, more than the SMT-LIB writer's limit of ${SMTLIB_LIMITS.maxGatesPlusWires} together`);
  }
  let api;
  try {
    api = await getZ3();
  } catch (e) {
    return left(`cannot start z3 to print the formula: ${message(e)}`);
  }
  const keep: unknown[] = [];
  try {
    const ctx = new api.Context('main');
    const inputs = Array.from({ length: circuit.numInputs }, (_, j) => ctx.Bool.const(`x_${j}`));
    keep.push(ctx, inputs);
    let specOut: readonly SmtBool[];
    try {
      specOut = spec(makeSpecHelpers(ctx, inputs));
    } catch (e) {
      return left(`the spec threw: ${message(e)}`);
    }
    if (!Array.isArray(specOut) || specOut.length !== circuit.outputs.length) {
      return left(`the spec gives ${Array.isArray(specOut) ? specOut.length : 'no'} outputs, the circuit has ${circuit.outputs.length}`);
    }
    const circOut = encodeCircuit(ctx, circuit, inputs, encoding);
    const diffs = circOut.map((c, j) => ctx.Xor(c, specOut[j]!));
    const solver = new ctx.Solver();
    keep.push(specOut, circOut, diffs, solver);
    solver.add(diffs.length === 1 ? diffs[0]! : ctx.Or(...diffs));
    const body = solver.toSmtlib2('unknown');
    solver.release();
    const header = [
      `; parallelism-tradeoff: the sat tier's miter for ${title}`,
      `; circuit: ${circuit.numGates} gates, ${circuit.numInputs} inputs, ${circuit.outputs.length} outputs; x_j is input bit j (least significant first)`,
      `; asserts OR_j (circuit_j XOR spec_j), thresholds encoded as '${encoding}' (src/core/smt.ts); unsat = the circuit equals the spec on all 2^${circuit.numInputs} inputs`,
    ].join('\n');
    return right(`${header}\n${body.endsWith('\n') ? body : `${body}\n`}`);
  } catch (e) {
    return left(`z3 error while printing the formula: ${message(e)}`);
  } finally {
    keep.length = 0;
    await shutdownZ3();
  }
};
