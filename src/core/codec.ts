/**
 * # JSON circuit format
 *
 * The interchange format for circuits: a self-describing JSON document, decoded with io-ts
 * (shape) and then {@link makeCircuit} (meaning). Every error carries the JSON path of the
 * offending value, e.g. `gates[3].args[1]: expected integer ≥ 0, got "x"`.
 *
 * ```json
 * {
 *   "format": "parallelism-tradeoff/circuit",
 *   "version": 1,
 *   "inputs": 2,
 *   "gates": [
 *     { "type": "input" },
 *     { "type": "input" },
 *     { "type": "const", "value": 1 },
 *     { "type": "not", "args": [0] },
 *     { "type": "ge", "args": [1, 3, 2], "k": 2, "weights": [1, 2, -1] }
 *   ],
 *   "outputs": [4],
 *   "meta": { "comment": "anything; ignored by the decoder" }
 * }
 * ```
 *
 * ## Main definitions
 * - {@link CircuitJsonC} (static type {@link CircuitJson}) and the gate codecs it is built from.
 * - {@link decodeCircuitJson}: unknown (parsed JSON) → {@link Circuit}, or every shape error,
 *   then the first semantic error from the kernel, each with its path.
 * - {@link encodeCircuitJson}: {@link Circuit} → {@link CircuitJson} (decode ∘ encode = id).
 * - {@link parseCircuitText}: JSON text (starts with `{`) or the P1 §3 serialization.
 * - {@link formatDecodeErrors}: one `path: message` line per error.
 *
 * ## The format
 * - `format` (required): the string `"parallelism-tradeoff/circuit"`; `version` (required): 1.
 * - `inputs` (optional): the number of input gates; checked when present (a guard against
 *   truncated files). `meta` (optional): any object, kept out of the circuit.
 * - `gates` (required, non-empty): in topological order, ids = positions. Input gates read
 *   input bits in order of appearance. Gate objects:
 *   `{"type":"input"}`, `{"type":"const","value":0|1}`,
 *   `{"type":"not"|"and"|"or","args":[ids]}` (NOT: exactly one id),
 *   `{"type":"ge"|"le","args":[ids],"k":int,"weights"?:[ints]}` (θ≥k: Σ wᵢxᵢ ≥ k; θ≤k: Σ wᵢxᵢ ≤ k;
 *   unit weights when omitted; weights |wᵢ| < 2^30; |k| ≤ Σ|wᵢ| + 1, i.e. fan-in + 1 for unit weights).
 * - `outputs` (required, non-empty): gate ids, in order; repeats allowed.
 * - Unknown keys are errors (a typo such as `"weight"` must not silently drop the weights),
 *   except inside `meta`. Nothing is coerced: `"1"` is not 1, `1.0` is (JSON cannot tell).
 *
 * ## Implementation notes
 * - Arrays are checked by {@link boundedArray}: refused when longer than the limit *before* any
 *   element is looked at (so `new Array(1e9)` costs nothing), and decoding stops after
 *   {@link MAX_DECODE_ERRORS} errors.
 * - The gate codec dispatches on `type` first, so an unknown type yields one error at
 *   `gates[i].type`, not one per union member.
 * - Our own reporter ({@link reportIoTsErrors}) turns io-ts contexts into paths
 *   (`gates[3].args[1]`) and messages (`expected integer ≥ 0, got "x"`).
 *
 * ## References
 * - Design notes §3 (interchange format); io-ts `PathReporter` for the reporter's shape.
 *
 * @module
 */
import * as t from 'io-ts';
import { isLeft, left, right, type Either } from 'fp-ts/lib/Either.js';
import { CIRCUIT_LIMITS, makeCircuit, toGateSpecs, type Circuit, type GateSpec } from './circuit.js';
import { parseSerial, SERIAL_LIMITS, serialErrorLocation, type ParseSerialOptions } from './serialize.js';

// ---------------------------------------------------------------------------------------------
// Model: errors
// ---------------------------------------------------------------------------------------------

/**
 * One decoding problem: where (`path`, e.g. `gates[3].args[1]`, `(top level)`, `line 2,
 * column 5`, `token 4 at offset 9`) and what (`message`). `kind` says which stage found it:
 * JSON syntax, shape (io-ts), kernel (makeCircuit and the `inputs` check), or the P1 serial parser.
 * @category model
 */
export interface DecodeError {
  readonly _tag: 'DecodeError';
  readonly kind: 'syntax' | 'shape' | 'kernel' | 'serial';
  readonly path: string;
  readonly message: string;
}

/** @category constructors */
export const decodeError = (kind: DecodeError['kind'], path: string, message: string): DecodeError => ({
  _tag: 'DecodeError',
  kind,
  path,
  message,
});

/** Decoding stops collecting shape errors after this many. @category model */
export const MAX_DECODE_ERRORS = 50;

/** The path printed for the document itself. @category model */
export const ROOT_PATH = '(top level)';

/**
 * Format errors for a terminal: one `path: message` line each, at most `max` lines (default
 * 20) and then `… and N more errors`.
 * @example
 * ```ts
 * formatDecodeErrors([decodeError('shape', 'gates[0].type', 'expected one of …, got "xor"')]);
 * // 'gates[0].type: expected one of …, got "xor"'
 * ```
 * @category destructors
 */
export const formatDecodeErrors = (errs: readonly DecodeError[], max = 20): string => {
  const lines = errs.slice(0, max).map((e) => `${e.path}: ${e.message}`);
  if (errs.length > max) lines.push(`… and ${errs.length - max} more error${errs.length - max === 1 ? '' : 's'}`);
  return lines.join('\n');
};

// ---------------------------------------------------------------------------------------------
// Reporter
// ---------------------------------------------------------------------------------------------

/** A short, safe description of a JSON value for messages. @category destructors */
export const showValue = (u: unknown): string => {
  if (u === undefined) return 'nothing (the key is missing)';
  if (u === null) return 'null';
  if (Array.isArray(u)) return `an array of length ${u.length}`;
  switch (typeof u) {
    case 'string': {
      const s = JSON.stringify(u.length > 30 ? u.slice(0, 30) + '…' : u);
      return u.length > 30 ? `${s} (${u.length} characters)` : s;
    }
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(u);
    case 'object':
      return 'an object';
    default:
      return `a ${typeof u}`;
  }
};

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const INDEX = /^(0|[1-9][0-9]*)$/;

/**
 * io-ts context → `gates[3].args[1]`: numeric keys are indices (our format has no numeric
 * keys). The member entries that io-ts adds for the parts of an intersection or union are
 * skipped: they hold the same value as their parent (a JSON value never contains itself, and a
 * primitive or a missing value has no keys).
 */
const pathOf = (context: t.Context): string => {
  let p = '';
  for (let i = 1; i < context.length; i++) {
    const here = context[i]!;
    const parent = context[i - 1]!;
    if (Object.is(here.actual, parent.actual)) continue;
    const key = here.key;
    if (INDEX.test(key)) p += `[${key}]`;
    else if (IDENT.test(key)) p += p === '' ? key : `.${key}`;
    else p += `[${JSON.stringify(key)}]`;
  }
  return p === '' ? ROOT_PATH : p;
};

/**
 * Turn io-ts validation errors into {@link DecodeError}s: the path from the context, the
 * message from the failing codec (our codecs write `expected …, got …`), or else
 * `expected <codec name>, got <value>`.
 * @category destructors
 */
export const reportIoTsErrors = (errors: t.Errors): DecodeError[] =>
  errors.map((e) => {
    const last = e.context[e.context.length - 1];
    const message = e.message ?? `expected ${last?.type.name ?? 'something else'}, got ${showValue(e.value)}`;
    return decodeError('shape', pathOf(e.context), message);
  });

/**
 * Run a codec on a user's value: its errors as {@link DecodeError}s with their paths, and a
 * value that throws while being read (a getter or proxy in a JS value; JSON never does this) as
 * one error at the root, never an exception.
 * @category destructors
 */
export const decodeShape = <A>(codec: t.Decoder<unknown, A>, json: unknown): Either<DecodeError[], A> => {
  let r: t.Validation<A>;
  try {
    r = codec.decode(json);
  } catch (e) {
    return left([decodeError('shape', ROOT_PATH, `the value could not be read: ${e instanceof Error ? e.message : String(e)}`)]);
  }
  return isLeft(r) ? left(reportIoTsErrors(r.left)) : right(r.right);
};

// ---------------------------------------------------------------------------------------------
// Codec combinators
// ---------------------------------------------------------------------------------------------

const fail = <A>(u: unknown, c: t.Context, expected: string): t.Validation<A> =>
  t.failure(u, c, `expected ${expected}, got ${showValue(u)}`);

/**
 * An integer codec with bounds; `description` is the expectation, e.g. `integer ≥ 0`.
 * @category combinators
 */
export const boundedInt = (name: string, description: string, min: number, max: number): t.Type<number, number, unknown> =>
  new t.Type<number, number, unknown>(
    name,
    (u): u is number => typeof u === 'number' && Number.isInteger(u) && u >= min && u <= max,
    (u, c) => (typeof u === 'number' && Number.isInteger(u) && u >= min && u <= max ? t.success(u) : fail(u, c, description)),
    t.identity,
  );

/**
 * An array codec that refuses arrays longer than `maxLength` before looking at any element,
 * and stops after {@link MAX_DECODE_ERRORS} element errors.
 * @category combinators
 */
export const boundedArray = <C extends t.Mixed>(
  item: C,
  name: string,
  maxLength: number,
): t.Type<ReadonlyArray<t.TypeOf<C>>, ReadonlyArray<t.OutputOf<C>>, unknown> =>
  new t.Type<ReadonlyArray<t.TypeOf<C>>, ReadonlyArray<t.OutputOf<C>>, unknown>(
    name,
    (u): u is ReadonlyArray<t.TypeOf<C>> => Array.isArray(u) && u.length <= maxLength && u.every((x) => item.is(x)),
    (u, c) => {
      if (!Array.isArray(u)) return fail(u, c, name);
      const arr: readonly unknown[] = u;
      if (arr.length > maxLength) {
        return t.failure(u, c, `expected at most ${maxLength} elements (the limit), got an array of length ${arr.length}`);
      }
      const out: Array<t.TypeOf<C>> = [];
      const errors: t.ValidationError[] = [];
      for (let i = 0; i < arr.length; i++) {
        const x: unknown = arr[i];
        const r = item.validate(x, t.appendContext(c, String(i), item, x));
        if (isLeft(r)) {
          for (const e of r.left) errors.push(e);
          if (errors.length >= MAX_DECODE_ERRORS) {
            errors.push({ value: u, context: c, message: `stopped after ${errors.length} errors` });
            break;
          }
        } else out.push(r.right);
      }
      return errors.length > 0 ? t.failures(errors) : t.success(out);
    },
    (a) => a.map((x) => item.encode(x)),
  );

/**
 * An object codec that, besides `codec`'s checks, refuses keys not in `allowed` (no silent
 * dropping of misspelt fields). `name` describes the object in messages.
 * @category combinators
 */
export const closed = <C extends t.Mixed>(codec: C, allowed: readonly string[], name: string): t.Type<t.TypeOf<C>, t.OutputOf<C>, unknown> =>
  new t.Type<t.TypeOf<C>, t.OutputOf<C>, unknown>(
    name,
    (u): u is t.TypeOf<C> => codec.is(u),
    (u, c) => {
      if (typeof u !== 'object' || u === null || Array.isArray(u)) return fail(u, c, name);
      const errors: t.ValidationError[] = [];
      for (const key of Object.keys(u)) {
        if (!allowed.includes(key)) {
          const v: unknown = (u as Record<string, unknown>)[key];
          errors.push({
            value: v,
            context: t.appendContext(c, key, t.unknown, v),
            message: `unknown key in ${name} (allowed: ${allowed.join(', ')})`,
          });
        }
      }
      const r = codec.validate(u, c);
      if (isLeft(r)) return t.failures([...r.left, ...errors]);
      return errors.length > 0 ? t.failures(errors) : r;
    },
    (a) => codec.encode(a),
  );

// ---------------------------------------------------------------------------------------------
// Codecs
// ---------------------------------------------------------------------------------------------

/** The value of `"format"`. @category model */
export const CIRCUIT_FORMAT = 'parallelism-tradeoff/circuit' as const;
/** The value of `"version"` this library writes and reads. @category model */
export const CIRCUIT_FORMAT_VERSION = 1 as const;

/** `"parallelism-tradeoff/circuit"`. @category codecs */
export const FormatC = new t.Type<typeof CIRCUIT_FORMAT, typeof CIRCUIT_FORMAT, unknown>(
  'Format',
  (u): u is typeof CIRCUIT_FORMAT => u === CIRCUIT_FORMAT,
  (u, c) => (u === CIRCUIT_FORMAT ? t.success(CIRCUIT_FORMAT) : fail(u, c, JSON.stringify(CIRCUIT_FORMAT))),
  t.identity,
);

/** `1`. @category codecs */
export const VersionC = new t.Type<1, 1, unknown>(
  'Version',
  (u): u is 1 => u === 1,
  (u, c) => (u === 1 ? t.success(1) : fail(u, c, '1 (the only version this library reads)')),
  t.identity,
);

/** A gate id: an integer 0 ≤ id < CIRCUIT_LIMITS.maxGates. @category codecs */
export const GateIdC = boundedInt('GateId', 'integer ≥ 0', 0, CIRCUIT_LIMITS.maxGates - 1);
/** A gate count (the optional `inputs`). @category codecs */
export const CountC = boundedInt('Count', `integer in 0..${CIRCUIT_LIMITS.maxGates}`, 0, CIRCUIT_LIMITS.maxGates);
/** A threshold k: a 32-bit signed integer. @category codecs */
export const ThresholdC = boundedInt('Threshold', 'integer in −2^31+1..2^31−1', -0x7fffffff, 0x7fffffff);
/** A wire weight: an integer with |w| < 2^30. @category codecs */
export const WeightC = boundedInt('Weight', 'integer with |w| < 2^30', -0x3fffffff, 0x3fffffff);

/** `0` or `1`. @category codecs */
export const BitC = new t.Type<0 | 1, 0 | 1, unknown>(
  'Bit',
  (u): u is 0 | 1 => u === 0 || u === 1,
  (u, c) => (u === 0 || u === 1 ? t.success(u) : fail(u, c, '0 or 1')),
  t.identity,
);

/** A list of argument ids. @category codecs */
export const ArgsC = boundedArray(GateIdC, 'an array of gate ids', CIRCUIT_LIMITS.maxWires);
/** A list of weights. @category codecs */
export const WeightsC = boundedArray(WeightC, 'an array of integer weights', CIRCUIT_LIMITS.maxWires);

/** `{"type":"input"}`. @category codecs */
export const InputGateC = closed(t.type({ type: t.literal('input') }), ['type'], 'an input gate');
/** `{"type":"const","value":0|1}`. @category codecs */
export const ConstGateC = closed(t.type({ type: t.literal('const'), value: BitC }), ['type', 'value'], 'a const gate');
/** `{"type":"not"|"and"|"or","args":[ids]}`. @category codecs */
export const BooleanGateC = closed(
  t.type({ type: t.keyof({ not: null, and: null, or: null }), args: ArgsC }),
  ['type', 'args'],
  'a not/and/or gate',
);
/** `{"type":"ge"|"le","args":[ids],"k":int,"weights"?:[ints]}`. @category codecs */
export const ThresholdGateC = closed(
  t.intersection([t.type({ type: t.keyof({ ge: null, le: null }), args: ArgsC, k: ThresholdC }), t.partial({ weights: WeightsC })]),
  ['type', 'args', 'k', 'weights'],
  'a threshold gate',
);

/** @category model */
export type InputGateJson = t.TypeOf<typeof InputGateC>;
/** @category model */
export type ConstGateJson = t.TypeOf<typeof ConstGateC>;
/** @category model */
export type BooleanGateJson = t.TypeOf<typeof BooleanGateC>;
/** @category model */
export type ThresholdGateJson = t.TypeOf<typeof ThresholdGateC>;
/** One gate of the JSON format. @category model */
export type GateJson = InputGateJson | ConstGateJson | BooleanGateJson | ThresholdGateJson;

type GateValidate = (u: unknown, c: t.Context) => t.Validation<GateJson>;
const gateCodecByType: Readonly<Record<string, GateValidate>> = {
  input: (u, c) => InputGateC.validate(u, c),
  const: (u, c) => ConstGateC.validate(u, c),
  not: (u, c) => BooleanGateC.validate(u, c),
  and: (u, c) => BooleanGateC.validate(u, c),
  or: (u, c) => BooleanGateC.validate(u, c),
  ge: (u, c) => ThresholdGateC.validate(u, c),
  le: (u, c) => ThresholdGateC.validate(u, c),
};
const GATE_TYPES = Object.keys(gateCodecByType);

/**
 * A gate: dispatches on `"type"` to {@link InputGateC}, {@link ConstGateC},
 * {@link BooleanGateC} or {@link ThresholdGateC}.
 * @category codecs
 */
export const GateC = new t.Type<GateJson, GateJson, unknown>(
  'Gate',
  (u): u is GateJson => InputGateC.is(u) || ConstGateC.is(u) || BooleanGateC.is(u) || ThresholdGateC.is(u),
  (u, c) => {
    if (typeof u !== 'object' || u === null || Array.isArray(u)) return fail(u, c, 'a gate object {"type": …}');
    const type: unknown = (u as Record<string, unknown>)['type'];
    const validate = typeof type === 'string' && Object.hasOwn(gateCodecByType, type) ? gateCodecByType[type] : undefined;
    if (validate === undefined) {
      return fail(type, t.appendContext(c, 'type', t.unknown, type), `one of ${GATE_TYPES.map((x) => JSON.stringify(x)).join(', ')}`);
    }
    return validate(u, c);
  },
  t.identity,
);

/** `"meta"`: any JSON object; not interpreted. @category codecs */
export const MetaC = new t.Type<Readonly<Record<string, unknown>>, Readonly<Record<string, unknown>>, unknown>(
  'Meta',
  (u): u is Readonly<Record<string, unknown>> => typeof u === 'object' && u !== null && !Array.isArray(u),
  (u, c) =>
    typeof u === 'object' && u !== null && !Array.isArray(u) ? t.success(u as Readonly<Record<string, unknown>>) : fail(u, c, 'an object'),
  t.identity,
);

/** The gate list: 1 to CIRCUIT_LIMITS.maxGates gates (emptiness is the kernel's to report). @category codecs */
export const GatesC = boundedArray(GateC, 'an array of gates', CIRCUIT_LIMITS.maxGates);
/** The output list. @category codecs */
export const OutputsC = boundedArray(GateIdC, 'an array of gate ids', CIRCUIT_LIMITS.maxGates);

/**
 * The whole document.
 * @category codecs
 */
export const CircuitJsonC = closed(
  t.intersection([
    t.type({ format: FormatC, version: VersionC, gates: GatesC, outputs: OutputsC }),
    t.partial({ inputs: CountC, meta: MetaC }),
  ]),
  ['format', 'version', 'inputs', 'gates', 'outputs', 'meta'],
  `a circuit object {"format": "${CIRCUIT_FORMAT}", "version": 1, "gates": […], "outputs": […]}`,
);
/** A decoded (shape-checked, not yet kernel-checked) JSON circuit. @category model */
export type CircuitJson = t.TypeOf<typeof CircuitJsonC>;

// ---------------------------------------------------------------------------------------------
// Decode / encode
// ---------------------------------------------------------------------------------------------

/**
 * Decode parsed JSON into a {@link Circuit}: all shape errors (up to {@link MAX_DECODE_ERRORS})
 * with their paths; if the shape is right, the semantic errors with their paths: a mismatched
 * `inputs` count and dangling pointers (ids ≥ the number of gates), or else the first error
 * {@link makeCircuit} finds (forward pointers, cycles, NOT arity, k range, weight count,
 * outputs, …).
 * @example
 * ```ts
 * decodeCircuitJson({ format: 'parallelism-tradeoff/circuit', version: 1,
 *   gates: [{ type: 'input' }, { type: 'not', args: [0] }], outputs: [1] }); // Right
 * ```
 * @category constructors
 */
export const decodeCircuitJson = (json: unknown): Either<readonly DecodeError[], Circuit> => {
  const shape = CircuitJsonC.decode(json);
  if (isLeft(shape)) return left(reportIoTsErrors(shape.left));
  const doc = shape.right;
  const errors: DecodeError[] = [];
  if (doc.inputs !== undefined) {
    let count = 0;
    for (const g of doc.gates) if (g.type === 'input') count++;
    if (count !== doc.inputs) {
      errors.push(decodeError('kernel', 'inputs', `declares ${doc.inputs} input gates, but "gates" has ${count}`));
    }
  }
  // Dangling pointers get their own message (the kernel would call them forward pointers).
  const n = doc.gates.length;
  for (let i = 0; i < n && errors.length < MAX_DECODE_ERRORS; i++) {
    const g = doc.gates[i]!;
    if (!('args' in g)) continue;
    for (let j = 0; j < g.args.length && errors.length < MAX_DECODE_ERRORS; j++) {
      const a = g.args[j]!;
      if (a >= n) {
        errors.push(decodeError('kernel', `gates[${i}].args[${j}]`, `argument ${a} is not a gate: there are only ${n} gates (ids 0..${n - 1})`));
      }
    }
  }
  if (errors.length > 0) return left(errors);
  const specs: readonly GateSpec[] = doc.gates;
  const c = makeCircuit(specs, doc.outputs);
  if (isLeft(c)) return left([decodeError('kernel', c.left.path ?? ROOT_PATH, c.left.message)]);
  return c;
};

/** Options of {@link encodeCircuitJson}. @category model */
export interface EncodeOptions {
  /** Free-form metadata to store under `"meta"`. */
  readonly meta?: Readonly<Record<string, unknown>>;
}

/**
 * Encode a circuit as a JSON document (`JSON.stringify` it to write a file). Weights are
 * written only for threshold gates with some weight ≠ 1.
 * @example
 * ```ts
 * JSON.stringify(encodeCircuitJson(c));
 * ```
 * @category destructors
 */
export const encodeCircuitJson = (c: Circuit, opts: EncodeOptions = {}): CircuitJson => {
  const gates: GateJson[] = toGateSpecs(c);
  const outputs = Array.from(c.outputs);
  const base: CircuitJson = { format: CIRCUIT_FORMAT, version: 1, inputs: c.numInputs, gates, outputs };
  return opts.meta === undefined ? base : { ...base, meta: opts.meta };
};

/**
 * The first key repeated within one object of a JSON text that `JSON.parse` accepted, with
 * where it is (`JSON text, line L, column C`), or `null`. `JSON.parse` silently keeps the last
 * of duplicate keys; a circuit file with two `"outputs"` is refused instead.
 * @category destructors
 */
export const duplicateJsonKey = (text: string, start = 0): { readonly key: string; readonly path: string } | null => {
  const stack: (Set<string> | null)[] = [];
  const n = text.length;
  for (let i = start; i < n; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x7b /* { */) stack.push(new Set());
    else if (ch === 0x5b /* [ */) stack.push(null);
    else if (ch === 0x7d /* } */ || ch === 0x5d /* ] */) stack.pop();
    else if (ch === 0x22 /* " */) {
      let j = i + 1;
      let escaped = false;
      while (j < n) {
        const c = text.charCodeAt(j);
        if (c === 0x5c) {
          escaped = true;
          j += 2;
          continue;
        }
        if (c === 0x22) break;
        j++;
      }
      const top = stack[stack.length - 1];
      if (top !== undefined && top !== null) {
        let k = j + 1;
        while (k < n && /\s/.test(text[k]!)) k++;
        if (text[k] === ':') {
          const raw = text.slice(i, j + 1);
          const key = escaped ? (JSON.parse(raw) as string) : raw.slice(1, -1);
          if (top.has(key)) return { key, path: jsonErrorPath(text, ` at position ${i - start}`, start) };
          top.add(key);
        }
      }
      i = j;
    }
  }
  return null;
};

/** Options of {@link parseCircuitText}. @category model */
export type ParseTextOptions = ParseSerialOptions;

/**
 * Where JSON.parse failed, as `line L, column C` (1-based), when its message says. Only V8's
 * trailing `at position N` (Node ≥ 22: `at position N (line L column C)`) counts: a message
 * that quotes the text (`Unexpected token …, "…" is not valid JSON`) may contain those words.
 * Shared with the model codec (`modelCodec.ts`).
 * @internal
 */
export const jsonErrorPath = (text: string, message: string, base: number): string => {
  const m = / at position (\d+)(?: \(line \d+ column \d+\))?$/.exec(message);
  if (m === null) return 'JSON text';
  const pos = base + Number(m[1]);
  let line = 1;
  let col = 1;
  for (let i = 0; i < pos && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      col = 1;
    } else col++;
  }
  return `JSON text, line ${line}, column ${col}`;
};

/**
 * Parse a circuit file's text: JSON when its first non-whitespace character is `{`, otherwise
 * the P1 §3 serialization (with `numOutputs`, default 1). `numOutputs` is refused for JSON,
 * which lists its outputs. JSON syntax errors are reported with line and column when the
 * engine gives a position; serial errors with their token and offset.
 * @example
 * ```ts
 * parseCircuitText('X X AND & &1');
 * parseCircuitText('{"format": "parallelism-tradeoff/circuit", "version": 1, …}');
 * ```
 * @category constructors
 */
export const parseCircuitText = (text: string, opts: ParseTextOptions = {}): Either<readonly DecodeError[], Circuit> => {
  if (typeof text !== 'string') {
    return left([decodeError('syntax', 'text', `expected a string, got ${text === null ? 'null' : typeof text}`)]);
  }
  if (text.length > SERIAL_LIMITS.maxChars) {
    return left([
      decodeError('syntax', 'text', `${text.length} characters is more than the limit of ${SERIAL_LIMITS.maxChars}`),
    ]);
  }
  let i = 0;
  if (text.charCodeAt(0) === 0xfeff) i = 1; // byte-order mark
  while (i < text.length && /\s/.test(text[i]!)) i++;
  if (text[i] === '{') {
    if (opts.numOutputs !== undefined) {
      return left([
        decodeError('syntax', 'options', 'numOutputs applies to the P1 serialization only; a JSON circuit lists its "outputs"'),
      ]);
    }
    let json: unknown;
    try {
      json = JSON.parse(text.slice(i));
    } catch (e) {
      const message = (e instanceof Error ? e.message : String(e)).replace(/\r?\n/g, '\\n');
      const shown = message.length > 200 ? message.slice(0, 200) + '…' : message;
      return left([decodeError('syntax', jsonErrorPath(text, message, i), `invalid JSON: ${shown}`)]);
    }
    const dup = duplicateJsonKey(text, i);
    if (dup !== null) return left([decodeError('syntax', dup.path, `duplicate key "${dup.key}" (JSON.parse would keep only the last)`)]);
    return decodeCircuitJson(json);
  }
  // a byte-order mark is accepted as in JSON
  const r = parseSerial(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, opts);
  if (isLeft(r)) return left([decodeError('serial', serialErrorLocation(r.left) ?? 'text', r.left.message)]);
  return right(r.right);
};
