/**
 * # Lemma `serialization-roundtrip` (P1 §3)
 *
 * ## Main results
 * The P1 §3 serialization is faithful: for every printable circuit C, parse(print(C)) has the
 * same gates and outputs as C (so print ∘ parse is the identity on printed text) and computes
 * the same function, under the reference evaluator and under the bit-parallel one.
 *
 * ## Implementation notes
 * - `exhaustive` tier: the paper's examples (the first as printed, the second as corrected,
 *   see `docs/errata.md`) are parsed and compared on every input with the function they are
 *   meant to compute (x₀ ∨ ¬x₁ ∨ x₂ and x₀ ∨ ¬x₁).
 * - `property` tier: seeded random printable circuits, prefix form and not, 1–6 outputs;
 *   print, parse, print again; compare gate lists, and the functions on every input (≤ 10 inputs).
 *   A failure is shrunk by fast-check to a small circuit.
 * - The printer and parser are injectable so that a test can hand in a broken one.
 *
 * ## References
 * P1 §3 (serialization), `src/core/serialize.ts`.
 *
 * @module
 */
import { isLeft } from 'fp-ts/lib/Either.js';
import type { Either } from 'fp-ts/lib/Either.js';
import { left } from 'fp-ts/lib/Either.js';
import { checkCircuitExhaustive, checkFailure, checkProperty, bitsToString } from '../core/check.js';
import { combineRuns, tierRun } from '../core/verdict.js';
import { toGateSpecs, type Circuit } from '../core/circuit.js';
import { evaluate } from '../core/evaluate.js';
import { evaluateBatch } from '../core/evaluateBitParallel.js';
import { formatSerialError, parseSerial, printSerial, P1_SERIAL_EXAMPLES, type SerialError } from '../core/serialize.js';
import { arbitraryCircuit } from '../reductions/randomCircuit.js';
import { report, requirementsOf, type Lemma, type LemmaReport, type VerifyContext } from './lemma.js';

/** The printer and parser under test. @category model */
export interface SerialCodec {
  readonly print: (c: Circuit) => Either<SerialError, string>;
  readonly parse: (text: string, opts?: { readonly numOutputs?: number }) => Either<SerialError, Circuit>;
}

const kernelCodec: SerialCodec = { print: printSerial, parse: parseSerial };

const allInputs = (n: number): Uint8Array[] =>
  Array.from({ length: 2 ** n }, (_, a) => Uint8Array.from({ length: n }, (_, j) => Math.floor(a / 2 ** j) % 2));

/** Why a round trip fails on `c`, or `true`. */
const roundTrip = (codec: SerialCodec, c: Circuit): true | Record<string, unknown> => {
  const printed = codec.print(c);
  if (isLeft(printed)) return { problem: 'print refused a printable circuit', error: formatSerialError(printed.left) };
  const parsed = codec.parse(printed.right, { numOutputs: c.outputs.length });
  if (isLeft(parsed)) return { problem: 'parse refused printed text', text: printed.right, error: formatSerialError(parsed.left) };
  const again = codec.print(parsed.right);
  if (isLeft(again) || again.right !== printed.right) {
    return { problem: 'print(parse(text)) ≠ text', text: printed.right, reprinted: isLeft(again) ? formatSerialError(again.left) : again.right };
  }
  if (JSON.stringify(toGateSpecs(parsed.right)) !== JSON.stringify(toGateSpecs(c)) || parsed.right.outputs.join() !== c.outputs.join()) {
    return { problem: 'parsed gates or outputs differ from the original', text: printed.right };
  }
  const inputs = allInputs(c.numInputs);
  const fast = evaluateBatch(parsed.right, inputs);
  for (let a = 0; a < inputs.length; a++) {
    const want = bitsToString(evaluate(c, inputs[a]!));
    const ref = bitsToString(evaluate(parsed.right, inputs[a]!));
    const bp = bitsToString(fast[a]!);
    if (ref !== want || bp !== want) {
      return { problem: 'the parsed circuit computes another function', text: printed.right, input: bitsToString(inputs[a]!), original: want, reference: ref, bitParallel: bp };
    }
  }
  return true;
};

/**
 * Verify the serialization round trip (exhaustive on the paper's examples, property-based on
 * random circuits).
 * @category verifiers
 */
export const verifySerializationRoundtrip = async (ctx: VerifyContext, codec: SerialCodec = kernelCodec): Promise<LemmaReport> => {
  const examples = [
    { name: 'P1 §3 example 1', text: P1_SERIAL_EXAMPLES.orNot, inputs: 3, meaning: (x: Uint8Array) => [x[0]! | (1 - x[1]!) | x[2]!] },
    { name: 'P1 §3 example 2 (corrected, docs/errata.md)', text: P1_SERIAL_EXAMPLES.thresholdFixedOneArg, inputs: 2, meaning: (x: Uint8Array) => [x[0]! | (1 - x[1]!)] },
  ];
  const exampleRuns = examples.map(({ name, text, inputs, meaning }) => {
    const parsed = codec.parse(text);
    const statement = `${name} parses and means what the paper says`;
    const failed = (message: string, counterexample: unknown) => ({ where: name, run: tierRun(left(checkFailure('exhaustive', message, counterexample)), 'exhaustive', statement) });
    if (isLeft(parsed)) return failed(formatSerialError(parsed.left), { text });
    const rt = roundTrip(codec, parsed.right);
    if (rt !== true) return failed('round trip fails', rt);
    const stmt = { inputs, outputs: 1, spec: meaning, text: `${statement}: ${text}` };
    return { where: name, run: tierRun(checkCircuitExhaustive(parsed.right, stmt, { example: name }), 'exhaustive', statement) };
  });
  ctx.progress(1, 3);
  await Promise.resolve();
  const numRuns = ctx.full ? 3000 : 300;
  const statement = 'parse(print(C)) = C and computes the same function (both evaluators), for random printable circuits';
  const propertyRuns = [true, false].map((prefix) => {
    const arb = arbitraryCircuit({ prefix, printable: true, maxInputs: ctx.full ? 10 : 7, maxGates: ctx.full ? 60 : 30 });
    const where = prefix ? 'prefix form' : 'inputs interleaved';
    const run = tierRun(checkProperty(arb, (c) => roundTrip(codec, c), where, statement, { seed: ctx.seed, numRuns }), 'property', statement);
    ctx.progress(prefix ? 2 : 3, 3);
    return { where, run };
  });
  return report(
    requirementsOf(serializationRoundtripLemma),
    [combineRuns('exhaustive', 'the paper\'s examples parse, print back and compute their stated functions', exampleRuns), combineRuns('property', statement, propertyRuns, ctx.seed)],
    [],
    [`${2 * numRuns} random circuits, seed ${ctx.seed}`],
  );
};

/** P1 §3 as a value. @category lemmas */
export const serializationRoundtripLemma: Lemma = {
  id: 'serialization-roundtrip',
  modules: { construction: ['src/core/serialize.ts'], proof: 'src/proofs/serializationRoundtrip.ts' },
  title: 'The circuit serialization is faithful',
  statement:
    'Circuits serialize as P1 §3 strings (X, NOT, AND, OR, <= and >= with 1^k 0^(m−k), unary pointers &1^j) and parse back to the same gates, outputs and function.',
  reference: 'P1 §3',
  dependsOn: [],
  claimed: [],
  tiers: ['exhaustive', 'property'],
  verify: (ctx) => verifySerializationRoundtrip(ctx),
};
