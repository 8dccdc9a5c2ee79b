/**
 * # The circuit value problem (the source of the P-completeness reductions)
 *
 * CVP: given a Boolean circuit over {input, const, NOT, AND, OR} with one output and an
 * assignment to its inputs, is the output 1? CVP is P-complete under logspace reductions
 * (Ladner 1975); the reductions of this folder start from it.
 *
 * ## Main definitions
 * - {@link CvpInstance}: a kernel {@link Circuit} (AND/OR of any fan-in, AND() = 1, OR() = 0,
 *   kernel semantics) with exactly one output, and its input bits.
 * - {@link validateCvp}: refuse what is not a CVP instance (threshold gates, several outputs,
 *   input bits that are not 0/1), with a reason.
 * - {@link cvpValue}: the answer, computed by the kernel's reference evaluator.
 * - {@link arbitraryCvp}: a fast-check arbitrary of instances (shrinks towards fewer gates).
 * - {@link randomCvp}: a seeded instance with exactly `gates` gates, for the space sweeps.
 *
 * ## Implementation notes
 * Threshold gates are outside the basis on purpose: the linear-equalities reduction pins each
 * gate's variable to its 0/1 value with linear constraints, which AND, OR and NOT allow and a
 * threshold does not (without integrality). A threshold circuit is turned into an AND/OR/NOT
 * circuit elsewhere (P1 §3's expansion), not here.
 *
 * ## References
 * - R. E. Ladner, "The circuit value problem is log space complete for P", SIGACT News 7(1), 1975.
 *
 * @module
 */
import fc from 'fast-check';
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import { createBuilder, GateKind, gateKindName, validateCircuit, formatKernelError, type Circuit } from '../../core/circuit.js';
import { evaluate } from '../../core/evaluate.js';
import { seededInts } from '../random.js';

/** A CVP instance: a circuit over {input, const, NOT, AND, OR}, one output, and its input bits. @category model */
export interface CvpInstance {
  readonly circuit: Circuit;
  readonly input: readonly (0 | 1)[];
}

/**
 * Check that a value is a CVP instance: a valid kernel circuit (`validateCircuit`) with no
 * threshold gate, exactly one output, and `numInputs` input bits, each 0 or 1.
 * @category destructors
 */
export const validateCvp = (x: CvpInstance): Either<string, CvpInstance> => {
  const v = validateCircuit(x.circuit);
  if (v._tag === 'Left') return left(`validateCvp: ${formatKernelError(v.left)}`);
  const c = x.circuit;
  for (let g = 0; g < c.numGates; g++) {
    const k = c.kind[g]!;
    if (k === GateKind.Ge || k === GateKind.Le) return left(`validateCvp: gate ${g} is a threshold gate (${gateKindName[k]}); CVP's basis is input, const, NOT, AND, OR`);
  }
  if (c.outputs.length !== 1) return left(`validateCvp: a CVP circuit has exactly one output, this one has ${c.outputs.length}`);
  if (x.input.length !== c.numInputs) return left(`validateCvp: the circuit has ${c.numInputs} inputs, the assignment ${x.input.length} bits`);
  for (let j = 0; j < x.input.length; j++) {
    const b = x.input[j];
    if (b !== 0 && b !== 1) return left(`validateCvp: input bit ${j} is ${String(b)}, not 0 or 1`);
  }
  return right(x);
};

/** The output gate of an instance. @category destructors */
export const cvpOutput = (x: CvpInstance): number => x.circuit.outputs[0]!;

/** The answer to a CVP instance: its output bit, by the kernel's reference evaluator. @category destructors */
export const cvpValue = (x: CvpInstance): 0 | 1 => (evaluate(x.circuit, x.input)[0] === 1 ? 1 : 0);

/** Options of {@link arbitraryCvp}. @category model */
export interface CvpArbOptions {
  readonly maxInputs?: number;
  readonly maxGates?: number;
  /** Largest fan-in of AND / OR (default 3); 0 allows only AND() = 1 and OR() = 0. */
  readonly maxFanIn?: number;
}

type CvpOp = { readonly kind: 'input' | 'const' | 'not' | 'and' | 'or'; readonly picks: readonly number[]; readonly bit: 0 | 1 };

/** Build an instance from drawn operations: every pick is reduced modulo the gates so far. */
const buildCvp = (numInputs: number, ops: readonly CvpOp[], outPick: number, bits: readonly (0 | 1)[]): CvpInstance => {
  const b = createBuilder();
  b.inputs(numInputs);
  for (const op of ops) {
    const n = b.size();
    const args = n === 0 ? [] : op.picks.map((p) => p % n);
    switch (op.kind) {
      case 'input':
        b.input();
        break;
      case 'const':
        b.constant(op.bit);
        break;
      case 'not':
        if (n === 0) b.constant(op.bit);
        else b.not(args[0] ?? n - 1);
        break;
      case 'and':
        b.and(args);
        break;
      case 'or':
        b.or(args);
    }
  }
  if (b.size() === 0) b.constant(0);
  const n = b.size();
  const circuit = b.build([outPick % n]);
  const input = Array.from({ length: circuit.numInputs }, (_, j) => bits[j % Math.max(1, bits.length)] ?? 0);
  return { circuit, input };
};

/**
 * Random CVP instances: up to `maxInputs` inputs first, then up to `maxGates` gates drawn from
 * input, const, NOT, AND, OR (fan-in 0 … `maxFanIn`, arguments anywhere earlier), a random
 * output gate and random input bits. Shrinks towards fewer gates and smaller picks.
 * @category arbitraries
 */
export const arbitraryCvp = (o: CvpArbOptions = {}): fc.Arbitrary<CvpInstance> => {
  const maxFanIn = o.maxFanIn ?? 3;
  const op: fc.Arbitrary<CvpOp> = fc.record({
    kind: fc.constantFrom<CvpOp['kind']>('not', 'and', 'or', 'input', 'const'),
    picks: fc.array(fc.nat(), { maxLength: maxFanIn }),
    bit: fc.constantFrom<0 | 1>(0, 1),
  });
  return fc
    .tuple(
      fc.integer({ min: 0, max: o.maxInputs ?? 4 }),
      fc.array(op, { minLength: 1, maxLength: o.maxGates ?? 20 }),
      fc.nat(),
      fc.array(fc.constantFrom<0 | 1>(0, 1), { minLength: 1, maxLength: 8 }),
    )
    .map(([k, ops, out, bits]) => buildCvp(k, ops, out, bits));
};

/**
 * A seeded random instance of size exactly `size` = gates + wires (≥ 1; the n of the space
 * sweeps): about √(size/3) inputs, then NOT gates (size 2) and AND / OR gates of fan-in 2
 * (size 3) over earlier gates, mostly recent ones so that the circuit is deep; a last gate of
 * fan-in 0 or 1 makes the size exact. The output is the last gate.
 * @category constructors
 */
export const randomCvp = (size: number, seed: number): CvpInstance => {
  if (!Number.isSafeInteger(size) || size < 1) throw new RangeError(`randomCvp: size must be an integer ≥ 1, got ${size}`);
  const draw = seededInts(seed);
  const k = Math.max(1, Math.min(size - 1, Math.round(Math.sqrt(size / 3))));
  const b = createBuilder();
  b.inputs(k);
  let left = size - k;
  const pick = (n: number): number => (draw(0, 3) === 0 ? draw(0, n - 1) : Math.max(0, n - 1 - draw(0, Math.min(n - 1, 8))));
  while (left > 0) {
    const n = b.size();
    const kind = left >= 5 ? draw(0, 4) : left === 4 ? 0 : left === 3 ? 1 + draw(0, 3) : left === 2 ? 0 : 5;
    if (kind === 5) {
      if (n === 0) b.input();
      else if (draw(0, 1) === 0) b.and([]);
      else b.or([]);
      left -= 1;
    } else if (kind === 0) {
      if (n === 0) {
        b.input();
        left -= 1;
      } else {
        b.not(pick(n));
        left -= 2;
      }
    } else {
      if (kind <= 2) b.and([pick(n), pick(n)]);
      else b.or([pick(n), pick(n)]);
      left -= 3;
    }
  }
  const circuit = b.build([b.size() - 1]);
  return { circuit, input: Array.from({ length: circuit.numInputs }, () => (draw(0, 1) === 1 ? 1 : 0)) };
};

/** An instance in words, e.g. `g0 = in0, g1 = in1, g2 = AND(g0, g1); input 10; output g2`. @category destructors */
export const formatCvp = (x: CvpInstance): string => {
  const c = x.circuit;
  const gates: string[] = [];
  for (let g = 0; g < c.numGates; g++) {
    const args: string[] = [];
    for (let w = c.faninStart[g]!; w < c.faninStart[g + 1]!; w++) args.push(`g${c.fanin[w]}`);
    const k = c.kind[g]!;
    const rhs = k === GateKind.Input ? `in${c.param[g]}` : k === GateKind.Const ? String(c.param[g]) : `${gateKindName[k]!.toUpperCase()}(${args.join(', ')})`;
    gates.push(`g${g} = ${rhs}`);
  }
  return `${gates.join(', ')}; input ${x.input.length === 0 ? 'ε' : x.input.join('')}; output g${cvpOutput(x)}`;
};

/**
 * Every instance with `inputs` inputs followed by 1 … `maxGates` gates, each a constant, NOT,
 * AND or OR of fan-in 0, 1 or 2 over earlier gates (ordered, repetition allowed), the last gate
 * the output, under every assignment of the inputs: the exhaustive tier's list.
 * @category constructors
 */
export function* smallCvpInstances(inputs: number, maxGates: number): Generator<CvpInstance> {
  type G = { readonly kind: 'const' | 'not' | 'and' | 'or'; readonly args: readonly number[]; readonly bit: 0 | 1 };
  const choices = (n: number): G[] => {
    const out: G[] = [
      { kind: 'const', args: [], bit: 0 },
      { kind: 'const', args: [], bit: 1 },
    ];
    for (let a = 0; a < n; a++) out.push({ kind: 'not', args: [a], bit: 0 });
    for (const kind of ['and', 'or'] as const) {
      out.push({ kind, args: [], bit: 0 });
      for (let a = 0; a < n; a++) out.push({ kind, args: [a], bit: 0 });
      for (let a = 0; a < n; a++) for (let b2 = 0; b2 < n; b2++) out.push({ kind, args: [a, b2], bit: 0 });
    }
    return out;
  };
  function* circuits(prefix: readonly G[], left: number): Generator<readonly G[]> {
    if (prefix.length > 0) yield prefix;
    if (left === 0) return;
    for (const g of choices(inputs + prefix.length)) yield* circuits([...prefix, g], left - 1);
  }
  for (const gs of circuits([], maxGates)) {
    const b = createBuilder();
    b.inputs(inputs);
    for (const g of gs) {
      if (g.kind === 'const') b.constant(g.bit);
      else if (g.kind === 'not') b.not(g.args[0]!);
      else if (g.kind === 'and') b.and(g.args);
      else b.or(g.args);
    }
    const circuit = b.build([b.size() - 1]);
    for (let a = 0; a < 2 ** inputs; a++) yield { circuit, input: Array.from({ length: inputs }, (_, j) => ((a >> j) & 1) as 0 | 1) };
  }
}
