/**
 * # Circuit → transformer → circuit (the two directions of P1, composed)
 *
 * The evaluator transformer (P1 Lemma 3), compiled back into a threshold circuit by the main
 * theorem's arithmetic route (P1 Theorem 2), must compute the circuit it was given: for a
 * circuit C with N − |x| serialization symbols, the compiled circuit for length N, with the
 * serialization's tokens fixed and the input bits free, equals C on every input.
 *
 * ## Main definitions
 * - {@link evaluatorRoundTrip}: run it on the circuits whose token count the compiler can
 *   handle (N = 4: `X NOT &`, `X OR &`, `X AND &` with one input bit), with the sizes.
 *
 * ## Implementation notes
 * At N = 4 the evaluator runs at p = 2⌈2.5·2⌉ = 10 and its circuit has ≈ 4·10^5 gates (≈ 10 s
 * to build on one core); at N = 8 (p = 16) the build exceeds `CIRCUIT_LIMITS`, which the
 * compiler refuses with that reason. So this runs under `tradeoff check --full` and in a test.
 *
 * @module
 */
import { evaluate } from '../../core/evaluate.js';
import { metrics } from '../../core/metrics.js';
import { parseSerialOrThrow } from '../../core/serialize.js';
import { compileArithmetic, encodeTokens } from '../../reductions/compile/index.js';
import { evaluatorTokens } from '../../reductions/circuitEvaluator/evaluatorInput.js';
import { circuitEvaluatorTransformer } from '../../reductions/circuitEvaluator/evaluatorTransformer.js';

/** The result: whether every input agreed, and one line per circuit with its sizes. @category model */
export interface RoundTripResult {
  readonly ok: boolean;
  readonly summary: string;
  readonly rows: readonly { readonly circuit: string; readonly N: number; readonly p: number; readonly gates: number; readonly depth: number; readonly agree: boolean }[];
}

/** The circuits the round trip runs on (N = 4 symbols with their one input bit). @category model */
export const ROUND_TRIP_CIRCUITS: readonly string[] = ['X NOT &', 'X OR &', 'X AND &'];

/**
 * Compile the depth-1 evaluator at each circuit's token count and compare on every input.
 * @category verifiers
 */
export const evaluatorRoundTrip = (texts: readonly string[] = ROUND_TRIP_CIRCUITS): RoundTripResult => {
  const ev = circuitEvaluatorTransformer(1);
  const rows: RoundTripResult['rows'][number][] = [];
  const problems: string[] = [];
  for (const text of texts) {
    const circuit = parseSerialOrThrow(text);
    const probe = evaluatorTokens(circuit, Array.from({ length: circuit.numInputs }, () => 0));
    if (probe._tag === 'Left') {
      problems.push(`${text}: ${probe.left}`);
      continue;
    }
    const N = probe.right.length;
    const compiled = compileArithmetic(ev.model, N);
    if (compiled._tag === 'Left') {
      problems.push(`${text}: the compiler refused N = ${N}: ${compiled.left}`);
      continue;
    }
    let agree = true;
    for (let a = 0; a < 2 ** circuit.numInputs; a++) {
      const bits = Array.from({ length: circuit.numInputs }, (_, i) => (a >> i) & 1);
      const tokens = evaluatorTokens(circuit, bits);
      if (tokens._tag === 'Left') throw new Error(tokens.left);
      const out = evaluate(compiled.right.circuit, encodeTokens(ev.model.alphabet.length, tokens.right))[0];
      if (out !== evaluate(circuit, bits)[0]) {
        agree = false;
        problems.push(`${text} on x = ${bits.join('')}: the compiled evaluator says ${out}, C(x) = ${evaluate(circuit, bits)[0]}`);
      }
    }
    const m = metrics(compiled.right.circuit);
    rows.push({ circuit: text, N, p: compiled.right.p, gates: compiled.right.circuit.numGates, depth: m.depth, agree });
  }
  const sizes = rows.map((r) => `${r.circuit} (N = ${r.N}, p = ${r.p}): ${r.gates} gates, depth ${r.depth}`).join('; ');
  return { ok: problems.length === 0 && rows.length > 0, summary: problems.length === 0 ? `every input agrees — ${sizes}` : problems.join('; '), rows };
};
