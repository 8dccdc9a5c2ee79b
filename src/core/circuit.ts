/**
 * # Threshold circuits
 *
 * The kernel's circuit representation (P1 Defs 1–4): a DAG of gates over the basis
 * {input, const, NOT, AND, OR, θ≥k, θ≤k}, stored topologically (every argument of gate i has
 * an id < i) in compact typed arrays (CSR-style fan-in lists).
 *
 * ## Main definitions
 * - {@link Circuit}: the immutable circuit value.
 * - {@link GateKind}: the gate basis.
 * - {@link createBuilder}: the only way constructions make circuits (topological by design).
 * - {@link makeCircuit}: validate raw arrays (e.g. from user input) into a circuit, or say why not.
 * - {@link validateCircuit}: check that a {@link Circuit} value handed in from outside keeps every
 *   invariant the evaluators and metrics rely on.
 *
 * ## Semantics
 * - `input` gates take the next input bit, in order of appearance (the j-th input gate reads
 *   input bit j). `const` gates are 0 or 1.
 * - `not` has exactly one argument. `and` / `or` take any number (AND() = 1, OR() = 0).
 * - `ge` (θ≥k): 1 iff Σ w_i·x_i ≥ k; `le` (θ≤k): 1 iff Σ w_i·x_i ≤ k, with every w_i = 1
 *   unless the circuit carries integer weights.
 * - Outputs are an ordered list of gate ids.
 *
 * ## References
 * - P1 = Merrill & Sabharwal, TACL 2023, §3 and Defs 1–4.
 *
 * @module
 */
import { left, right, type Either } from 'fp-ts/lib/Either.js';

/**
 * Gate kinds, as stored in {@link Circuit.kind}.
 * @category model
 */
export const GateKind = {
  Input: 0,
  Const: 1,
  Not: 2,
  And: 3,
  Or: 4,
  /** θ≥k: Σ w·x ≥ k */
  Ge: 5,
  /** θ≤k: Σ w·x ≤ k */
  Le: 6,
} as const;
/** @category model */
export type GateKind = (typeof GateKind)[keyof typeof GateKind];

/** Human names of the gate kinds, indexed by {@link GateKind}. @category model */
export const gateKindName: readonly string[] = ['input', 'const', 'not', 'and', 'or', 'ge', 'le'];

/** A typed array that the type system will not let you write to. @category model */
export type ReadonlyTyped<T extends Uint8Array | Int32Array | Uint32Array> = Omit<
  T,
  'set' | 'fill' | 'copyWithin' | 'reverse' | 'sort' | number
> & { readonly [index: number]: number };

/**
 * An immutable threshold circuit. Gate ids are indices `0 … numGates − 1`; the arguments of
 * gate `i` are `fanin[faninStart[i] … faninStart[i+1] − 1]`, each `< i`.
 * @category model
 */
export interface Circuit {
  readonly numInputs: number;
  /** All gates, input and const gates included. */
  readonly numGates: number;
  readonly kind: ReadonlyTyped<Uint8Array>;
  /** input: input bit index; const: value; ge/le: k; otherwise 0. */
  readonly param: ReadonlyTyped<Int32Array>;
  readonly faninStart: ReadonlyTyped<Uint32Array>;
  readonly fanin: ReadonlyTyped<Uint32Array>;
  /** One integer weight per wire (aligned with `fanin`), or `null` when every weight is 1. */
  readonly weight: ReadonlyTyped<Int32Array> | null;
  readonly outputs: ReadonlyTyped<Uint32Array>;
}

/** Largest circuit the kernel accepts (gates, wires): refused up front beyond this. @category model */
export const CIRCUIT_LIMITS = { maxGates: 50_000_000, maxWires: 400_000_000 } as const;

/** A kernel error: a rule name and a reason, HOL-Light style (`RULE: reason`). @category model */
export interface KernelError {
  readonly _tag: 'KernelError';
  readonly rule: string;
  readonly message: string;
  /** Where in the input the problem is, e.g. `gates[3].args[1]`. */
  readonly path?: string;
}

/** @category constructors */
export const kernelError = (rule: string, message: string, path?: string): KernelError =>
  path === undefined ? { _tag: 'KernelError', rule, message } : { _tag: 'KernelError', rule, message, path };

/** Format a kernel error as one line. @category destructors */
export const formatKernelError = (e: KernelError): string =>
  `${e.rule}: ${e.path === undefined ? '' : `at ${e.path}: `}${e.message}`;

// ---------------------------------------------------------------------------------------------
// Builder
// ---------------------------------------------------------------------------------------------

/**
 * A circuit under construction. Every method appends one gate and returns its id; arguments
 * must be ids of gates already built, so the result is topological by construction.
 * Misuse (a bad id, a bad k) throws a `RangeError`: constructions are code, and such an error
 * is a bug in the construction, not bad user input.
 * @category model
 */
export interface CircuitBuilder {
  /** Number of gates so far (the id the next gate will get). */
  readonly size: () => number;
  readonly input: () => number;
  readonly inputs: (count: number) => number[];
  readonly constant: (value: 0 | 1) => number;
  readonly not: (a: number) => number;
  readonly and: (args: readonly number[]) => number;
  readonly or: (args: readonly number[]) => number;
  /** θ≥k: 1 iff Σ w_i·args_i ≥ k (w_i = 1 when `weights` is omitted). */
  readonly ge: (args: readonly number[], k: number, weights?: readonly number[]) => number;
  /** θ≤k: 1 iff Σ w_i·args_i ≤ k. */
  readonly le: (args: readonly number[], k: number, weights?: readonly number[]) => number;
  /** Freeze into an immutable {@link Circuit} with these outputs. The builder can go on. */
  readonly build: (outputs: readonly number[]) => Circuit;
}

/**
 * Make an empty {@link CircuitBuilder}.
 * @example
 * ```ts
 * const b = createBuilder();
 * const [x, y] = b.inputs(2);
 * const c = b.build([b.ge([x!, y!], 1)]); // OR as a threshold gate
 * ```
 * @category constructors
 */
export const createBuilder = (): CircuitBuilder => {
  let kind = new Uint8Array(1024);
  let param = new Int32Array(1024);
  let faninStart = new Uint32Array(1025);
  let fanin = new Uint32Array(4096);
  let weight: Int32Array | null = null;
  let n = 0;
  let wires = 0;
  let numInputs = 0;

  const growGates = (): void => {
    const cap = kind.length * 2;
    const k2 = new Uint8Array(cap);
    k2.set(kind);
    kind = k2;
    const p2 = new Int32Array(cap);
    p2.set(param);
    param = p2;
    const s2 = new Uint32Array(cap + 1);
    s2.set(faninStart);
    faninStart = s2;
  };
  const growWires = (need: number): void => {
    let cap = fanin.length;
    while (cap < need) cap *= 2;
    cap = Math.min(cap, Math.max(need, CIRCUIT_LIMITS.maxWires));
    const f2 = new Uint32Array(cap);
    f2.set(fanin.subarray(0, wires));
    fanin = f2;
    if (weight !== null) {
      const w2 = new Int32Array(cap);
      w2.set(weight.subarray(0, wires));
      weight = w2;
    }
  };
  const push = (k: GateKind, p: number, args: readonly number[], ws?: readonly number[]): number => {
    if (n >= CIRCUIT_LIMITS.maxGates) throw new RangeError(`createBuilder: more than ${CIRCUIT_LIMITS.maxGates} gates`);
    if (n + 1 >= kind.length) growGates();
    if (wires + args.length > CIRCUIT_LIMITS.maxWires) {
      throw new RangeError(`createBuilder: more than ${CIRCUIT_LIMITS.maxWires} wires (the limit of CIRCUIT_LIMITS.maxWires)`);
    }
    if (wires + args.length > fanin.length) growWires(wires + args.length);
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (!Number.isInteger(a) || a < 0 || a >= n) {
        throw new RangeError(`createBuilder: gate ${n} (${gateKindName[k]}) argument ${i} is ${a}, not an existing gate id < ${n}`);
      }
      fanin[wires + i] = a;
    }
    if (ws !== undefined) {
      if (ws.length !== args.length) throw new RangeError(`createBuilder: gate ${n} has ${args.length} arguments but ${ws.length} weights`);
      if (weight === null) {
        weight = new Int32Array(fanin.length);
        weight.fill(1, 0, wires);
      }
      for (let i = 0; i < ws.length; i++) {
        const w = ws[i]!;
        if (!Number.isSafeInteger(w) || Math.abs(w) > 0x3fffffff) throw new RangeError(`createBuilder: gate ${n} weight ${i} is ${w}`);
        weight[wires + i] = w;
      }
    } else if (weight !== null) {
      weight.fill(1, wires, wires + args.length);
    }
    kind[n] = k;
    param[n] = p;
    wires += args.length;
    n += 1;
    faninStart[n] = wires;
    return n - 1;
  };
  const threshold = (k: GateKind, args: readonly number[], t: number, ws?: readonly number[]): number => {
    if (!Number.isSafeInteger(t) || Math.abs(t) > 0x7fffffff) throw new RangeError(`createBuilder: threshold ${t} is not a 32-bit integer`);
    const total = ws === undefined ? args.length : ws.reduce((a, w) => a + Math.abs(w), 0);
    if (Math.abs(t) > total + 1) throw new RangeError(`createBuilder: threshold k = ${t} is out of range ±${total + 1} (Σ|w| + 1)`);
    return push(k, t, args, ws);
  };
  return {
    size: () => n,
    input: () => push(GateKind.Input, numInputs++, []),
    inputs: (count) => Array.from({ length: count }, () => push(GateKind.Input, numInputs++, [])),
    constant: (v) => push(GateKind.Const, v, []),
    not: (a) => push(GateKind.Not, 0, [a]),
    and: (args) => push(GateKind.And, 0, args),
    or: (args) => push(GateKind.Or, 0, args),
    ge: (args, k, ws) => threshold(GateKind.Ge, args, k, ws),
    le: (args, k, ws) => threshold(GateKind.Le, args, k, ws),
    build: (outputs) => {
      for (const o of outputs) {
        if (!Number.isInteger(o) || o < 0 || o >= n) throw new RangeError(`createBuilder.build: output ${o} is not a gate id < ${n}`);
      }
      return {
        numInputs,
        numGates: n,
        kind: kind.slice(0, n),
        param: param.slice(0, n),
        faninStart: faninStart.slice(0, n + 1),
        fanin: fanin.slice(0, wires),
        weight: weight === null ? null : weight.slice(0, wires),
        outputs: Uint32Array.from(outputs),
      };
    },
  };
};

// ---------------------------------------------------------------------------------------------
// Validation of raw arrays
// ---------------------------------------------------------------------------------------------

/** A gate in the plain, object-per-gate form used by JSON and small examples. @category model */
export type GateSpec =
  | { readonly type: 'input' }
  | { readonly type: 'const'; readonly value: 0 | 1 }
  | { readonly type: 'not' | 'and' | 'or'; readonly args: readonly number[] }
  | {
      readonly type: 'ge' | 'le';
      readonly args: readonly number[];
      readonly k: number;
      readonly weights?: readonly number[];
    };

/**
 * Validate gates given one object each (user input, already shape-checked by a codec) and make
 * a {@link Circuit}. Checks: non-empty; every argument an integer id of an *earlier* gate
 * (so no forward pointer and no cycle); NOT has one argument; thresholds have an integer k in
 * range |k| ≤ Σ|w| + 1 (fan-in + 1 for unit weights; the builder's rule too — beyond it the
 * gate is constant and the k is taken for a mistake) and one weight per argument; outputs are
 * existing ids; sizes within {@link CIRCUIT_LIMITS}.
 * @category constructors
 */
export const makeCircuit = (
  gates: readonly GateSpec[],
  outputs: readonly number[],
): Either<KernelError, Circuit> => {
  const rule = 'makeCircuit';
  if (gates.length === 0) return left(kernelError(rule, 'a circuit needs at least one gate', 'gates'));
  if (gates.length > CIRCUIT_LIMITS.maxGates) {
    return left(kernelError(rule, `${gates.length} gates is more than the limit of ${CIRCUIT_LIMITS.maxGates}`, 'gates'));
  }
  let totalWires = 0;
  for (const g of gates) if ('args' in g) totalWires += g.args.length;
  if (totalWires > CIRCUIT_LIMITS.maxWires) {
    return left(kernelError(rule, `${totalWires} wires is more than the limit of ${CIRCUIT_LIMITS.maxWires}`, 'gates'));
  }
  if (outputs.length === 0) return left(kernelError(rule, 'a circuit needs at least one output', 'outputs'));
  const b = createBuilder();
  for (let i = 0; i < gates.length; i++) {
    const g = gates[i]!;
    const at = `gates[${i}]`;
    if ('args' in g) {
      for (let j = 0; j < g.args.length; j++) {
        const a = g.args[j]!;
        if (!Number.isInteger(a) || a < 0) return left(kernelError(rule, `argument ${a} is not a gate id`, `${at}.args[${j}]`));
        if (a >= i) {
          return left(
            kernelError(
              rule,
              a === i
                ? `gate ${i} takes itself as an argument (a cycle)`
                : a >= gates.length
                  ? `argument ${a} is not a gate: there are only ${gates.length} gates`
                  : `argument ${a} points forward (gates must be in topological order: every argument < ${i})`,
              `${at}.args[${j}]`,
            ),
          );
        }
      }
    }
    switch (g.type) {
      case 'input':
        b.input();
        break;
      case 'const':
        if (g.value !== 0 && g.value !== 1) return left(kernelError(rule, `const value must be 0 or 1`, `${at}.value`));
        b.constant(g.value);
        break;
      case 'not':
        if (g.args.length !== 1) return left(kernelError(rule, `NOT takes exactly 1 argument, got ${g.args.length}`, `${at}.args`));
        b.not(g.args[0]!);
        break;
      case 'and':
        b.and(g.args);
        break;
      case 'or':
        b.or(g.args);
        break;
      case 'ge':
      case 'le': {
        if (!Number.isSafeInteger(g.k)) return left(kernelError(rule, `threshold k must be an integer, got ${g.k}`, `${at}.k`));
        if (g.weights === undefined) {
          if (Math.abs(g.k) > g.args.length + 1) {
            return left(kernelError(rule, `threshold k = ${g.k} is out of range ±${g.args.length + 1} (fan-in + 1)`, `${at}.k`));
          }
        } else {
          if (g.weights.length !== g.args.length) {
            return left(kernelError(rule, `${g.weights.length} weights for ${g.args.length} arguments`, `${at}.weights`));
          }
          let total = 0;
          for (let j = 0; j < g.weights.length; j++) {
            const w = g.weights[j]!;
            if (!Number.isSafeInteger(w) || Math.abs(w) > 0x3fffffff) {
              return left(kernelError(rule, `weight must be an integer of magnitude < 2^30, got ${w}`, `${at}.weights[${j}]`));
            }
            total += Math.abs(w);
          }
          if (Math.abs(g.k) > total + 1 || Math.abs(g.k) > 0x7fffffff) {
            return left(kernelError(rule, `threshold k = ${g.k} is out of range ±${total + 1} (Σ|w| + 1)`, `${at}.k`));
          }
        }
        if (g.type === 'ge') b.ge(g.args, g.k, g.weights);
        else b.le(g.args, g.k, g.weights);
        break;
      }
    }
  }
  for (let j = 0; j < outputs.length; j++) {
    const o = outputs[j]!;
    if (!Number.isInteger(o) || o < 0 || o >= gates.length) {
      return left(kernelError(rule, `output ${o} is not a gate id in 0..${gates.length - 1}`, `outputs[${j}]`));
    }
  }
  return right(b.build(outputs));
};

/** Largest weight magnitude: 2^30 − 1 (the builder's rule). */
const MAX_WEIGHT = 0x3fffffff;

/**
 * Check that a {@link Circuit} value keeps every invariant the evaluators and metrics rely on,
 * and return it unchanged, or the first violation as a {@link KernelError} (rule
 * `validateCircuit`, with a path such as `kind[7]`, `fanin[12]` or `outputs[0]`). `Circuit` is a
 * plain interface, so a value made outside {@link createBuilder} / {@link makeCircuit} may
 * break them; checkers call this before trusting one. The rules:
 * - `numInputs`, `numGates`: non-negative safe integers, at most `CIRCUIT_LIMITS.maxGates`;
 * - `kind`: a `Uint8Array` of length numGates, values 0…6 ({@link GateKind});
 *   `param`: an `Int32Array` of length numGates;
 * - `faninStart`: a `Uint32Array` of length numGates + 1, starting at 0, non-decreasing, ending
 *   at `fanin.length`; `fanin`: a `Uint32Array` of at most `CIRCUIT_LIMITS.maxWires` wires;
 * - `weight`: `null` or an `Int32Array` of length `fanin.length` with |w| ≤ 2^30 − 1, and
 *   w = 1 on every wire that does not enter a threshold gate (no basis gate but θ reads weights);
 * - every argument of gate i is a gate id < i (topological order, hence no cycle);
 * - input gates have no arguments and params 0, 1, 2, … in order of appearance, numInputs of
 *   them; const gates have no arguments and param 0 or 1; NOT has exactly one argument;
 *   NOT, AND and OR have param 0;
 * - thresholds have |k| ≤ Σ|w| + 1 (fan-in + 1 unweighted), as the builder enforces;
 * - `outputs`: a non-empty `Uint32Array` of gate ids < numGates.
 *
 * Every circuit from `createBuilder().build(outputs)` with at least one output, and every
 * circuit {@link makeCircuit} returns, passes. Runs in O(gates + wires).
 * @example
 * ```ts
 * const b = createBuilder();
 * const [x] = b.inputs(1);
 * const good = b.build([b.not(x!)]);
 * validateCircuit(good); // right(good)
 * validateCircuit({ ...good, outputs: Uint32Array.of(2) }); // left: outputs[0] is not a gate id < 2
 * ```
 * @category destructors
 */
export const validateCircuit = (c: Circuit): Either<KernelError, Circuit> => {
  const rule = 'validateCircuit';
  const fail = (path: string, message: string): Either<KernelError, Circuit> => left(kernelError(rule, message, path));
  const count = (v: unknown): boolean => Number.isSafeInteger(v) && (v as number) >= 0 && (v as number) <= CIRCUIT_LIMITS.maxGates;
  if (!count(c.numInputs)) return fail('numInputs', `must be an integer in 0..${CIRCUIT_LIMITS.maxGates}, got ${String(c.numInputs)}`);
  if (!count(c.numGates)) return fail('numGates', `must be an integer in 0..${CIRCUIT_LIMITS.maxGates}, got ${String(c.numGates)}`);
  const n = c.numGates;
  const kind: unknown = c.kind;
  const param: unknown = c.param;
  const faninStart: unknown = c.faninStart;
  const fanin: unknown = c.fanin;
  const weight: unknown = c.weight;
  const outputs: unknown = c.outputs;
  if (!(kind instanceof Uint8Array) || kind.length !== n) return fail('kind', `must be a Uint8Array of length numGates = ${n}`);
  if (!(param instanceof Int32Array) || param.length !== n) return fail('param', `must be an Int32Array of length numGates = ${n}`);
  if (!(faninStart instanceof Uint32Array) || faninStart.length !== n + 1) {
    return fail('faninStart', `must be a Uint32Array of length numGates + 1 = ${n + 1}`);
  }
  if (!(fanin instanceof Uint32Array)) return fail('fanin', 'must be a Uint32Array');
  const wires = fanin.length;
  if (wires > CIRCUIT_LIMITS.maxWires) return fail('fanin', `${wires} wires is more than the limit of ${CIRCUIT_LIMITS.maxWires}`);
  if (weight !== null && (!(weight instanceof Int32Array) || weight.length !== wires)) {
    return fail('weight', `must be null or an Int32Array of length fanin.length = ${wires}`);
  }
  if (!(outputs instanceof Uint32Array)) return fail('outputs', 'must be a Uint32Array');
  if (faninStart[0] !== 0) return fail('faninStart[0]', `must be 0, got ${faninStart[0]}`);
  for (let i = 0; i < n; i++) {
    if (faninStart[i + 1]! < faninStart[i]!) {
      return fail(`faninStart[${i + 1}]`, `${faninStart[i + 1]} is less than faninStart[${i}] = ${faninStart[i]} (must be non-decreasing)`);
    }
  }
  if (faninStart[n] !== wires) return fail(`faninStart[${n}]`, `must be fanin.length = ${wires}, got ${faninStart[n]}`);
  let inputs = 0;
  for (let i = 0; i < n; i++) {
    const s = faninStart[i]!;
    const e = faninStart[i + 1]!;
    const k = kind[i]!;
    if (k > GateKind.Le) return fail(`kind[${i}]`, `${k} is not a gate kind (0..${GateKind.Le})`);
    const name = gateKindName[k]!;
    const p = param[i]!;
    const f = e - s;
    for (let w = s; w < e; w++) {
      const a = fanin[w]!;
      if (a >= i) {
        return fail(`fanin[${w}]`, `argument ${a} of gate ${i} (${name}) is not an earlier gate id < ${i} (gates must be in topological order)`);
      }
    }
    const isThreshold = k === GateKind.Ge || k === GateKind.Le;
    if (weight !== null && !isThreshold) {
      for (let w = s; w < e; w++) {
        if (weight[w] !== 1) return fail(`weight[${w}]`, `weight ${weight[w]} on an argument of gate ${i} (${name}): only thresholds are weighted, must be 1`);
      }
    }
    switch (k) {
      case GateKind.Input:
        if (f !== 0) return fail(`kind[${i}]`, `gate ${i} (input) has ${f} arguments, must have none`);
        if (p !== inputs) return fail(`param[${i}]`, `gate ${i} is input gate number ${inputs} (in order of appearance), so its param must be ${inputs}, got ${p}`);
        inputs += 1;
        break;
      case GateKind.Const:
        if (f !== 0) return fail(`kind[${i}]`, `gate ${i} (const) has ${f} arguments, must have none`);
        if (p !== 0 && p !== 1) return fail(`param[${i}]`, `gate ${i} (const) has value ${p}, must be 0 or 1`);
        break;
      case GateKind.Not:
      case GateKind.And:
      case GateKind.Or:
        if (k === GateKind.Not && f !== 1) return fail(`kind[${i}]`, `gate ${i} (not) has ${f} arguments, NOT takes exactly 1`);
        if (p !== 0) return fail(`param[${i}]`, `gate ${i} (${name}) has param ${p}, must be 0`);
        break;
      default: {
        let total = 0;
        for (let w = s; w < e; w++) {
          const x = weight === null ? 1 : weight[w]!;
          if (Math.abs(x) > MAX_WEIGHT) return fail(`weight[${w}]`, `weight ${x} has magnitude more than 2^30 − 1`);
          total += Math.abs(x);
        }
        if (Math.abs(p) > total + 1) {
          return fail(`param[${i}]`, `gate ${i} (${name}) has threshold k = ${p}, out of range ±${total + 1} (Σ|w| + 1)`);
        }
      }
    }
  }
  if (inputs !== c.numInputs) return fail('numInputs', `is ${c.numInputs}, but the circuit has ${inputs} input gates`);
  if (outputs.length === 0) return fail('outputs', 'a circuit needs at least one output');
  for (let j = 0; j < outputs.length; j++) {
    if (outputs[j]! >= n) return fail(`outputs[${j}]`, `${outputs[j]} is not a gate id < ${n}`);
  }
  return right(c);
};

/** The plain object-per-gate form of a circuit (inverse of {@link makeCircuit}). @category destructors */
export const toGateSpecs = (c: Circuit): GateSpec[] => {
  const out: GateSpec[] = [];
  for (let i = 0; i < c.numGates; i++) {
    const args = Array.from(c.fanin.subarray(c.faninStart[i]!, c.faninStart[i + 1]!));
    switch (c.kind[i]) {
      case GateKind.Input:
        out.push({ type: 'input' });
        break;
      case GateKind.Const:
        out.push({ type: 'const', value: c.param[i] === 1 ? 1 : 0 });
        break;
      case GateKind.Not:
        out.push({ type: 'not', args });
        break;
      case GateKind.And:
        out.push({ type: 'and', args });
        break;
      case GateKind.Or:
        out.push({ type: 'or', args });
        break;
      default: {
        const type = c.kind[i] === GateKind.Ge ? 'ge' : 'le';
        const k = c.param[i]!;
        if (c.weight === null) out.push({ type, args, k });
        else {
          const weights = Array.from(c.weight.subarray(c.faninStart[i]!, c.faninStart[i + 1]!));
          out.push(weights.every((w) => w === 1) ? { type, args, k } : { type, args, k, weights });
        }
      }
    }
  }
  return out;
};

/** The argument ids of gate `i`. @category destructors */
export const argsOf = (c: Circuit, i: number): Uint32Array =>
  (c.fanin as Uint32Array).subarray(c.faninStart[i]!, c.faninStart[i + 1]!);
