/**
 * # The k-hop transformer as a threshold circuit (P1 Thm 1 applied to P2 Thm 4.2)
 *
 * Ties the two papers together: the k-hop model of `khopTransformer.ts` compiled by the
 * main-theorem compiler (`compileArithmetic`, explicit float circuits) into a constant-depth
 * threshold circuit for one length N, with its outputs restricted to the answer coordinate
 * (TR) of every position.
 *
 * ## Main definitions
 * - {@link khopCircuit}: (k, N, alphabet) ↦ the circuit: inputs the tokens (b = ⌈log₂|Σ|⌉ bits
 *   each, least significant first, `encodeTokens`), outputs the p-bit float TR of positions
 *   1 … N (`encodeFloat`, mantissa then exponent): 0 for ⊥, else the symbol's index + 1.
 * - {@link khopCircuitSpec}: the same outputs computed from hop_k (P2 Def 4.1) directly — the
 *   specification the circuit is checked against, independent of the compiler and of the model.
 *
 * ## Implementation notes
 * Feasible for small N only: at N = 4, |Σ| = 2 the circuits have 10^5–10^6 gates (k = 1 … 3).
 * The gates that compute the other 16 coordinates stay in the circuit (only the outputs change).
 *
 * ## References
 * P1 Thm 1 (`src/reductions/compile/arithmeticRoute.ts`); P2 Def 4.1, Thm 4.2.
 *
 * @module
 */
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import { makeCircuit, toGateSpecs, type Circuit } from '../../core/circuit.js';
import { encodeFloat, floatOfRational, type FloatParams } from '../../core/float.js';
import { hopK } from '../../core/tasks/khop.js';
import { precisionAt } from '../../core/transformer.js';
import { compileArithmetic, type DepthClaim } from '../compile/arithmeticRoute.js';
import { decodeTokens } from '../compile/types.js';
import { KHOP_COORDS, khopTransformer } from './khopTransformer.js';

/** The compiled k-hop circuit. @category constructions */
export interface KHopCircuit {
  readonly circuit: Circuit;
  readonly params: FloatParams;
  /** Gates of the whole compiled circuit, and the compiler's depth claim. */
  readonly depthClaim: DepthClaim;
}

/**
 * Compile the k-hop model for length N and keep the TR outputs.
 * @category constructions
 */
export const khopCircuit = (k: number, n: number, alphabet: readonly string[]): Either<string, KHopCircuit> => {
  const m = khopTransformer(k, n, alphabet);
  if (m._tag === 'Left') return m;
  const pe = precisionAt(m.right.precision.c, alphabet.length, n);
  if (pe._tag === 'Left') return pe;
  const params = pe.right;
  const c = compileArithmetic(m.right, n);
  if (c._tag === 'Left') return c;
  const d = m.right.dModel;
  const outputs: number[] = [];
  for (let i = 0; i < n; i++) {
    const base = (i * d + KHOP_COORDS.TR) * params.p;
    for (let j = 0; j < params.p; j++) outputs.push(c.right.circuit.outputs[base + j]!);
  }
  const r = makeCircuit(toGateSpecs(c.right.circuit), outputs);
  if (r._tag === 'Left') return left(`khopCircuit: ${r.left.message}`);
  return right({ circuit: r.right, params, depthClaim: c.right.depthClaim });
};

/**
 * The specification: input bits ↦ for each position the p-bit float of hop_k's answer
 * (0 for ⊥, else symbol index + 1), from P2 Def 4.1 alone.
 * @category constructions
 */
export const khopCircuitSpec =
  (k: number, n: number, alphabetSize: number, params: FloatParams) =>
  (input: Uint8Array): Uint8Array => {
    const tokens = decodeTokens(alphabetSize, input, n);
    const out: number[] = [];
    for (const a of hopK(tokens, k)) out.push(...encodeFloat(params, floatOfRational(params, { num: BigInt(a === null ? 0 : a + 1), den: 1n })));
    return Uint8Array.from(out);
  };
