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
 * The compiled circuit for length N reads the serialization as part of its input, so one
 * compiled circuit serves every circuit with N symbols. At N = 4 the evaluator runs at
 * p = 2⌈2.5·2⌉ = 10 and its circuit has ≈ 4·10^5 gates (≈ 10 s to build on one core); at N = 8 (p = 16) the build exceeds `CIRCUIT_LIMITS`, which the
 * compiler refuses with that reason. So this runs under `tradeoff check --full` and in a test.
 *
 * @module
 */
import type { Circuit } from '../../core/circuit.js';
import { evaluate } from '../../core/evaluate.js';
import { metrics } from '../../core/metrics.js';
import { parseSerialOrThrow } from '../../core/serialize.js';
import { compileArithmetic, encodeTokens } from '../../reductions/compile/index.js';
import { evaluatorTokens } from '../../reductions/circuitEvaluator/evaluatorInput.js';
import { circuitEvaluatorTransformer, EVALUATOR_ALPHABET } from '../../reductions/circuitEvaluator/evaluatorTransformer.js';

/** The result: whether every input agreed, and one line per circuit with its sizes. @category model */
export interface RoundTripResult {
  readonly ok: boolean;
  readonly summary: string;
  readonly rows: readonly { readonly circuit: string; readonly N: number; readonly p: number; readonly gates: number; readonly depth: number; readonly agree: boolean }[];
}

/** The circuits the round trip runs on (N = 4 symbols with their one input bit). @category model */
export const ROUND_TRIP_CIRCUITS: readonly string[] = ['X NOT &', 'X OR &', 'X AND &'];

/** One compiled evaluator: the circuit it was compiled for, and the compiled circuit. @category model */
export interface CompiledRoundTrip {
  readonly text: string;
  readonly circuit: Circuit;
  readonly compiled: Circuit;
  readonly N: number;
  readonly p: number;
}

/**
 * Compile the depth-1 evaluator at each circuit's token count; the refusals as text.
 * @category constructors
 */
export const compileRoundTrips = (texts: readonly string[] = ROUND_TRIP_CIRCUITS): { readonly built: CompiledRoundTrip[]; readonly refused: string[] } => {
  const ev = circuitEvaluatorTransformer(1);
  const built: CompiledRoundTrip[] = [];
  const refused: string[] = [];
  // one compiled circuit per length: it reads the circuit as part of its input
  const byLength = new Map<number, ReturnType<typeof compileArithmetic>>();
  for (const text of texts) {
    const circuit = parseSerialOrThrow(text);
    const probe = evaluatorTokens(circuit, Array.from({ length: circuit.numInputs }, () => 0));
    if (probe._tag === 'Left') {
      refused.push(`${text}: ${probe.left}`);
      continue;
    }
    const N = probe.right.length;
    let compiled = byLength.get(N);
    if (compiled === undefined) {
      compiled = compileArithmetic(ev.model, N);
      byLength.set(N, compiled);
    }
    if (compiled._tag === 'Left') refused.push(`${text}: the compiler refused N = ${N}: ${compiled.left}`);
    else built.push({ text, circuit, compiled: compiled.right.circuit, N, p: compiled.right.p });
  }
  return { built, refused };
};

/**
 * One input of one round trip: true, or what differs (the compiled evaluator reads the
 * serialization's tokens and the bits, encoded as `encodeTokens` does).
 * @category verifiers
 */
export const roundTripAgrees = (rt: CompiledRoundTrip, bits: readonly number[]): true | { readonly circuit: string; readonly x: string; readonly reason: string } => {
  const tokens = evaluatorTokens(rt.circuit, bits);
  if (tokens._tag === 'Left') return { circuit: rt.text, x: bits.join(''), reason: tokens.left };
  const out = evaluate(rt.compiled, encodeTokens(EVALUATOR_ALPHABET.length, tokens.right))[0];
  const want = evaluate(rt.circuit, bits)[0];
  return out === want ? true : { circuit: rt.text, x: bits.join(''), reason: `the compiled evaluator says ${out}, C(x) = ${want}` };
};

/**
 * Compile the depth-1 evaluator at each circuit's token count and compare on every input.
 * @category verifiers
 */
export const evaluatorRoundTrip = (texts: readonly string[] = ROUND_TRIP_CIRCUITS): RoundTripResult => {
  const { built, refused } = compileRoundTrips(texts);
  const problems = [...refused];
  const rows = built.map((rt) => {
    let agree = true;
    for (let a = 0; a < 2 ** rt.circuit.numInputs; a++) {
      const r = roundTripAgrees(rt, Array.from({ length: rt.circuit.numInputs }, (_, i) => (a >> i) & 1));
      if (r !== true) {
        agree = false;
        problems.push(`${r.circuit} on x = ${r.x}: ${r.reason}`);
      }
    }
    return { circuit: rt.text, N: rt.N, p: rt.p, gates: rt.compiled.numGates, depth: metrics(rt.compiled).depth, agree };
  });
  const sizes = rows.map((r) => `${r.circuit} (N = ${r.N}, p = ${r.p}): ${r.gates} gates, depth ${r.depth}`).join('; ');
  return { ok: problems.length === 0 && rows.length > 0, summary: problems.length === 0 ? `every input agrees — ${sizes}` : problems.join('; '), rows };
};
