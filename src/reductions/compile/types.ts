/**
 * # The transformer compiler's common types
 *
 * What every route of the transformer → threshold-circuit compiler returns, and the export
 * contract of the circuits it builds (`docs/formats.md`, "Compiled transformers").
 *
 * ## Export contract
 * - Inputs: the tokens. Position i (0-based) holds its token index at input bits
 *   i·b … i·b + b − 1, least significant first, b = max(1, ⌈log₂|Σ|⌉). Bit patterns that are not
 *   a token index (≥ |Σ|) are outside the contract: the circuit may output anything there.
 * - Outputs: for an `accept` model one output, the verdict; for a `state` model the final states,
 *   position-major, then coordinate, each float in the kernel layout (p bits: mantissa then
 *   exponent, sign-magnitude, least significant first).
 *
 * @module
 */
import type { Circuit } from '../../core/circuit.js';
import { encodeFloat, type FloatParams } from '../../core/float.js';
import type { TransformerRun } from '../../core/transformer.js';

/** Which construction: P1's proof literally (tables), or explicit float circuits. @category model */
export type CompileRoute = 'paper' | 'arithmetic';

/**
 * One component of a compiled transformer: its gates and the depth range it occupies.
 * `depth` is the number of gate levels it adds on the longest path through it.
 * @category model
 */
export interface ComponentBreakdown {
  /** e.g. `embedding`, `layer 1: scores`, `layer 1: normalizer`, `layer 1: weighted sum`, `layer 1: feed-forward`, `output`. */
  readonly component: string;
  readonly gates: number;
  readonly depth: number;
}

/** A compiled transformer. @category model */
export interface CompiledTransformer {
  readonly route: CompileRoute;
  readonly circuit: Circuit;
  /** The input length the circuit is for. */
  readonly n: number;
  /** The precision p at that length. */
  readonly p: number;
  /** Bits per token, b = max(1, ⌈log₂|Σ|⌉). */
  readonly bitsPerToken: number;
  readonly breakdown: readonly ComponentBreakdown[];
}

/** Bits per token for an alphabet size. @category model */
export const bitsPerToken = (alphabetSize: number): number => {
  let b = 0;
  while (2 ** b < alphabetSize) b++;
  return Math.max(1, b);
};

/** Encode token indices as circuit input bits per the export contract. @category model */
export const encodeTokens = (alphabetSize: number, tokens: readonly number[]): Uint8Array => {
  const b = bitsPerToken(alphabetSize);
  const bits = new Uint8Array(tokens.length * b);
  tokens.forEach((t, i) => {
    for (let j = 0; j < b; j++) bits[i * b + j] = (t >> j) & 1;
  });
  return bits;
};

/** Decode the token indices of n positions from circuit input bits (the export contract). @category model */
export const decodeTokens = (alphabetSize: number, bits: ArrayLike<number>, n: number): number[] => {
  const b = bitsPerToken(alphabetSize);
  return Array.from({ length: n }, (_, i) => {
    let t = 0;
    for (let j = 0; j < b; j++) t |= (bits[i * b + j] ?? 0) << j;
    return t;
  });
};

/**
 * The output bits a compiled circuit must produce for a run (the export contract): the verdict,
 * or every final state float encoded, position-major.
 * @category model
 */
export const encodeRunOutputs = (params: FloatParams, run: TransformerRun): Uint8Array => {
  if (run.accept !== null) return Uint8Array.of(run.accept ? 1 : 0);
  const last = run.states[run.states.length - 1] ?? [];
  const out: number[] = [];
  for (const state of last) for (const f of state) out.push(...encodeFloat(params, f));
  return Uint8Array.from(out);
};
