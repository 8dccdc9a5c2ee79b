/**
 * Shared helpers for the arithmetic-family tests: BigInt ⇄ bits, exhaustive enumeration,
 * counterexample search, and circuit mutations for the "broken construction" tests.
 */
import { expect } from 'vitest';
import { GateKind, makeCircuit, toGateSpecs, type Circuit } from '../src/core/circuit.js';
import { evaluate } from '../src/core/evaluate.js';
import { metrics, type CircuitMetrics } from '../src/core/metrics.js';

/** The w low bits of v, LSB first. */
export const toBits = (v: bigint, w: number): number[] => Array.from({ length: w }, (_, i) => Number((v >> BigInt(i)) & 1n));

/** The unsigned value of bits (LSB first). */
export const fromBits = (bits: ArrayLike<number>): bigint => {
  if (bits.length <= 30) {
    let n = 0;
    for (let i = bits.length - 1; i >= 0; i--) n = n * 2 + bits[i]!;
    return BigInt(n);
  }
  let v = 0n;
  for (let i = bits.length - 1; i >= 0; i--) v = (v << 1n) | BigInt(bits[i]!);
  return v;
};

/** Read the bits at the given positions. */
export const pick = (bits: ArrayLike<number>, positions: readonly number[]): number[] => positions.map((p) => bits[p]!);

/** Place values into an input vector of the given length according to a layout. */
export const place = (length: number, fields: readonly [readonly number[], bigint][]): number[] => {
  const v = new Array<number>(length).fill(0);
  for (const [pos, value] of fields) toBits(value, pos.length).forEach((bit, i) => (v[pos[i]!] = bit));
  return v;
};

/** All 2^k assignments of k bits, assignment a having bit i = (a >> i) & 1. */
export function* allAssignments(k: number): Generator<number[]> {
  if (k > 20) throw new RangeError(`allAssignments: 2^${k} is too many`);
  for (let a = 0; a < 2 ** k; a++) {
    const v = new Array<number>(k);
    for (let i = 0; i < k; i++) v[i] = (a >>> i) & 1;
    yield v;
  }
}

/** A failing input, what the specification says, and what the circuit computed. */
export interface Counterexample {
  readonly input: readonly number[];
  readonly expected: readonly number[];
  readonly actual: readonly number[];
}

/** The first input on which the circuit's outputs differ from `spec`, or `undefined`. */
export const findCounterexample = (
  circuit: Circuit,
  spec: (input: readonly number[]) => readonly number[],
  inputs: Iterable<readonly number[]>,
): Counterexample | undefined => {
  const scratch = new Uint8Array(circuit.numGates);
  for (const input of inputs) {
    const actual = Array.from(evaluate(circuit, input, scratch));
    const expected = spec(input);
    if (actual.length !== expected.length || actual.some((b, i) => b !== expected[i])) return { input, expected, actual };
  }
  return undefined;
};

/** Ids of the AND/OR gates with at least two arguments (flipping those changes the gate). */
export const andOrGates = (c: Circuit): number[] => {
  const out: number[] = [];
  for (let i = 0; i < c.numGates; i++) {
    const k = c.kind[i];
    if ((k === GateKind.And || k === GateKind.Or) && c.faninStart[i + 1]! - c.faninStart[i]! >= 2) out.push(i);
  }
  return out;
};

/** Ids of the threshold gates. */
export const thresholdGates = (c: Circuit): number[] => {
  const out: number[] = [];
  for (let i = 0; i < c.numGates; i++) if (c.kind[i] === GateKind.Ge || c.kind[i] === GateKind.Le) out.push(i);
  return out;
};

/** The circuit with gate `g` turned from AND into OR or back. */
export const flipAndOr = (c: Circuit, g: number): Circuit => {
  const kind = Uint8Array.from(c.kind);
  if (kind[g] === GateKind.And) kind[g] = GateKind.Or;
  else if (kind[g] === GateKind.Or) kind[g] = GateKind.And;
  else throw new RangeError(`flipAndOr: gate ${g} is neither AND nor OR`);
  return { ...c, kind };
};

/** The circuit with argument `arg` of gate `g` redirected to gate `source` (< g). */
export const moveWire = (c: Circuit, g: number, arg: number, source: number): Circuit => {
  if (source >= g) throw new RangeError('moveWire: the new source must precede the gate');
  const fanin = Uint32Array.from(c.fanin);
  const w = c.faninStart[g]! + arg;
  if (w >= c.faninStart[g + 1]!) throw new RangeError(`moveWire: gate ${g} has no argument ${arg}`);
  fanin[w] = source;
  return { ...c, fanin };
};

/**
 * Claimed figures to check a circuit against: a lemma's claims at one point (the `xxxBounds` of
 * `src/proofs/arithmetic/…`), or a test's own formula for a gadget no lemma claims. The P1
 * figures are checked when given.
 */
export interface ClaimedFigures {
  readonly depth: number;
  readonly size: number;
  readonly depthP1?: number;
  readonly sizeP1?: number;
}

/** Measured metrics, after checking them against the claim and the kernel's weight limit. */
export const checkClaim = (c: Circuit, claim: ClaimedFigures, exactSize = false): CircuitMetrics => {
  const m = metrics(c);
  expect(m.depth, 'depth').toBeLessThanOrEqual(claim.depth);
  if (exactSize) expect(m.size, 'size').toBe(claim.size);
  else expect(m.size, 'size').toBeLessThanOrEqual(claim.size);
  if (claim.depthP1 !== undefined) expect(m.depthP1, 'depth·P1').toBeLessThanOrEqual(claim.depthP1);
  if (claim.sizeP1 !== undefined) expect(m.sizeP1, 'size·P1').toBeLessThanOrEqual(claim.sizeP1);
  expect(m.maxWeight).toBeLessThan(2 ** 30);
  return m;
};

/** The circuit survives the kernel's validation of raw gates (thresholds in range, etc.). */
export const kernelAccepts = (c: Circuit): boolean =>
  makeCircuit(toGateSpecs(c), Array.from(c.outputs))._tag === 'Right';
