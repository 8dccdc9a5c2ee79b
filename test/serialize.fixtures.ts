/**
 * Random circuits for the interchange-format tests (serialize, codec, dot): fast-check
 * arbitraries that build valid circuits with the kernel builder.
 */
import type { Circuit } from '../src/core/circuit.js';
import { evaluate } from '../src/core/evaluate.js';
import { arbitraryCircuit } from '../src/reductions/randomCircuit.js';

export type { CircuitArbOptions } from '../src/reductions/randomCircuit.js';
/** Random valid circuits (moved to src so that lemmas can use them). */
export const arbCircuit = arbitraryCircuit;

/** All assignments of `numInputs` bits (numInputs ≤ 10). */
export const allAssignments = (numInputs: number): number[][] =>
  Array.from({ length: 2 ** numInputs }, (_, a) => Array.from({ length: numInputs }, (_, j) => (a >> j) & 1));

/** `count` pseudo-random assignments (a fixed LCG, so tests are reproducible). */
export const sampleAssignments = (numInputs: number, count: number): number[][] => {
  let s = 12345;
  const bit = (): number => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return (s >>> 16) & 1;
  };
  return Array.from({ length: count }, () => Array.from({ length: numInputs }, bit));
};

/** Whether two circuits agree on every assignment (≤ 8 inputs) or on 256 sampled ones. */
export const sameFunction = (c1: Circuit, c2: Circuit): boolean =>
  c1.numInputs === c2.numInputs &&
  (c1.numInputs <= 8 ? allAssignments(c1.numInputs) : sampleAssignments(c1.numInputs, 256)).every((x) => {
    const a = evaluate(c1, x);
    const b = evaluate(c2, x);
    return a.length === b.length && a.every((v, j) => v === b[j]);
  });
