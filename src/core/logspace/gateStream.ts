/**
 * # Circuits as record streams
 *
 * The output format of uniform generators: a circuit printed as a stream of records, gate by
 * gate in id order, so that a generator never holds the circuit and a checker never needs it
 * whole.
 *
 * ## Main definitions
 * - {@link GATE_STREAM_TAGS}: the three record kinds.
 *   - `gate id kind s |p|`: gate `id` (ids are 0, 1, 2, … in order) of {@link GateKind} `kind`
 *     with parameter p = (s ? −|p| : |p|) (input index, constant value or threshold k).
 *   - `arg a s |w|`: the next argument of the gate of the last `gate` record is gate a (an
 *     earlier gate), with weight (s ? −|w| : |w|) (1 for an unweighted circuit).
 *   - `out g`: the next output is gate g; all `out` records come after the last gate.
 * - {@link gateStreamOf}: the stream of a circuit (what a generator must print).
 * - {@link streamComparer}: compare a stream with a circuit record by record, without storing
 *   the stream (for metering with large n): the first difference, with its position.
 * - {@link streamReader}: build the {@link Circuit} a stream describes, or say why it is not one.
 *
 * ## Implementation notes
 * An `arg` record does not repeat its gate's id, so that a generator need not keep the id of
 * the gate whose arguments it is printing (only the `gate` record names it). An input gate's
 * parameter must be the number of input gates before it (the kernel's semantics: the j-th
 * input gate reads input bit j). A circuit without integer weights prints
 * weight 1 on every wire; {@link streamReader} gives back `weight: null` when all are 1.
 *
 * @module
 */
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import { GateKind, createBuilder, gateKindName, kernelError, type Circuit, type KernelError } from '../circuit.js';
import type { Sink } from './machine.js';

/** The tags of a printed circuit. @category model */
export const GATE_STREAM_TAGS = ['gate', 'arg', 'out'] as const;

/** One record of a stream. @category model */
export interface StreamRecord {
  readonly tag: string;
  readonly fields: readonly number[];
}

const signed = (v: number): [number, number] => [v < 0 ? 1 : 0, Math.abs(v)];

/** The records a generator of `c` must print, in order. @category destructors */
export function* gateStreamOf(c: Circuit): Generator<StreamRecord> {
  for (let i = 0; i < c.numGates; i++) {
    yield { tag: 'gate', fields: [i, c.kind[i]!, ...signed(c.param[i]!)] };
    for (let w = c.faninStart[i]!; w < c.faninStart[i + 1]!; w++) {
      yield { tag: 'arg', fields: [c.fanin[w]!, ...signed(c.weight === null ? 1 : c.weight[w]!)] };
    }
  }
  for (let j = 0; j < c.outputs.length; j++) yield { tag: 'out', fields: [c.outputs[j]!] };
}

const show = (r: StreamRecord | undefined): string => (r === undefined ? 'the end of the stream' : `${r.tag} ${r.fields.join(' ')}`);

/**
 * A sink that compares the records it receives with {@link gateStreamOf}(expected), keeping
 * only a position; `result` says whether the whole stream was equal.
 * @category constructors
 */
export const streamComparer = (
  expected: Circuit,
): { readonly sink: Sink; readonly result: () => Either<KernelError, { readonly records: number; readonly gates: number }> } => {
  const it = gateStreamOf(expected);
  let pos = 0;
  let problem: string | null = null;
  const sink: Sink = (tag, fields) => {
    if (problem !== null) return;
    const want = it.next();
    const exp = want.done === true ? undefined : want.value;
    const got = { tag, fields };
    if (exp === undefined || exp.tag !== tag || exp.fields.length !== fields.length || exp.fields.some((v, i) => v !== fields[i])) {
      problem = `record ${pos}: printed '${show(got)}', the circuit has '${show(exp)}'`;
    }
    pos++;
  };
  return {
    sink,
    result: () => {
      if (problem !== null) return left(kernelError('gateStream', problem));
      const rest = it.next();
      if (rest.done !== true) return left(kernelError('gateStream', `record ${pos}: the stream ends, the circuit has '${show(rest.value)}'`));
      return right({ records: pos, gates: expected.numGates });
    },
  };
};

/**
 * A sink that reads a stream into a {@link Circuit} (with the kernel's builder); `result`
 * gives the circuit or the first malformed record.
 * @category constructors
 */
export const streamReader = (): { readonly sink: Sink; readonly result: () => Either<KernelError, Circuit> } => {
  const b = createBuilder();
  let problem: string | null = null;
  let pos = 0;
  let inputs = 0;
  let current: { kind: number; param: number; args: number[]; weights: number[] } | null = null;
  let weighted = false;
  const outputs: number[] = [];
  const flush = (): void => {
    if (current === null) return;
    const { kind, param, args, weights } = current;
    current = null;
    const ws = weighted ? weights : undefined;
    switch (kind) {
      case GateKind.Input:
        if (args.length > 0) throw new RangeError('an input gate has arguments');
        if (param !== inputs) throw new RangeError(`input gate reads bit ${param}, but it is input gate number ${inputs}`);
        inputs++;
        b.input();
        return;
      case GateKind.Const:
        if (args.length > 0 || (param !== 0 && param !== 1)) throw new RangeError('a const gate has arguments or a value other than 0, 1');
        b.constant(param as 0 | 1);
        return;
      case GateKind.Not:
        if (args.length !== 1 || weights[0] !== 1) throw new RangeError('a not gate needs exactly one argument of weight 1');
        b.not(args[0]!);
        return;
      case GateKind.And:
      case GateKind.Or:
        if (weights.some((w) => w !== 1)) throw new RangeError(`an ${gateKindName[kind]!} gate has a weight other than 1`);
        if (param !== 0) throw new RangeError(`an ${gateKindName[kind]!} gate has parameter ${param}`);
        if (kind === GateKind.And) b.and(args);
        else b.or(args);
        return;
      case GateKind.Ge:
        b.ge(args, param, ws);
        return;
      case GateKind.Le:
        b.le(args, param, ws);
        return;
      default:
        throw new RangeError(`unknown gate kind ${kind}`);
    }
  };
  const sink: Sink = (tag, fields) => {
    if (problem !== null) return;
    try {
      const f = (i: number): number => fields[i] ?? Number.NaN;
      const val = (s: number, a: number): number => (s === 1 ? -a : a);
      if (tag === 'gate') {
        if (outputs.length > 0) throw new RangeError('a gate after an out record');
        flush();
        if (f(0) !== b.size()) throw new RangeError(`gate id ${f(0)}, expected ${b.size()}`);
        current = { kind: f(1), param: val(f(2), f(3)), args: [], weights: [] };
      } else if (tag === 'arg') {
        if (current === null) throw new RangeError('an arg record before any gate record, or after an out record');
        const w = val(f(1), f(2));
        if (w !== 1) weighted = true;
        current.args.push(f(0));
        current.weights.push(w);
      } else if (tag === 'out') {
        flush();
        if (!(f(0) < b.size())) throw new RangeError(`output ${f(0)} is not a gate id < ${b.size()}`);
        outputs.push(f(0));
      } else throw new RangeError(`unknown tag '${tag}'`);
    } catch (e) {
      problem = `record ${pos} ('${show({ tag, fields })}'): ${e instanceof Error ? e.message : String(e)}`;
    }
    pos++;
  };
  return {
    sink,
    result: () => {
      if (problem === null) {
        try {
          flush();
        } catch (e) {
          problem = `the last gate: ${e instanceof Error ? e.message : String(e)}`;
        }
      }
      if (problem !== null) return left(kernelError('gateStream', problem));
      return right(b.build(outputs));
    },
  };
};
