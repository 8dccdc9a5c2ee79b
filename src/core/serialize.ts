/**
 * # P1 §3 circuit serialization
 *
 * Parse and print the string form of circuits from P1 §3, the form in which Thm 3's transformer
 * reads a circuit. A circuit is a whitespace-separated sequence of gates in topological order:
 *
 * - `X` — an input gate (the j-th `X` reads input bit j);
 * - `NOT`, `AND`, `OR` — followed by their argument pointers;
 * - `<=` / `>=` — θ≤k / θ≥k, followed by one token `1^k 0^(m−k)` (k ones, then m − k zeros,
 *   where m is the fan-in), then exactly m pointers;
 * - a pointer `&1^j` — the character `&` followed by j ones — names gate j (zero-indexed), and in
 *   gate i it must have j < i. `&` alone is gate 0.
 *
 * The last gate is the output. We extend this to several outputs: with `numOutputs = k` the last
 * k gates are the outputs, in order. A circuit is in *prefix form* when every `X` precedes every
 * other gate.
 *
 * For example `X X X NOT &1 OR & &111 &11` is x₀ ∨ ¬x₁ ∨ x₂ (gate 3 = NOT x₁, gate 4 = OR of
 * gates 0, 3, 2).
 *
 * ## Main definitions
 * - {@link parseSerial}: text → {@link Circuit}, or a {@link SerialError} naming the token, its
 *   character offset, what was expected and what was found.
 * - {@link printSerial}: {@link Circuit} → text, or a {@link SerialError} when the circuit has no
 *   P1 serialization (const gates, weighted thresholds, outputs not trailing, …).
 * - {@link withOutputsLast}: append buffer gates so that the outputs are the trailing gates.
 * - {@link isPrefixForm}.
 * - {@link P1_SERIAL_EXAMPLES}, {@link parseSerialOrThrow}: fixtures for tests and examples.
 *
 * ## Implementation notes
 * - Whitespace is ASCII whitespace (space, tab, LF, VT, FF, CR); any other character is part
 *   of a token. Tokens are case-sensitive.
 * - A threshold gate with no arguments has an empty `1^k 0^(m−k)` string, which a
 *   whitespace-separated token cannot hold; such gates (constants in disguise) are refused by
 *   {@link printSerial}, and the parser requires a non-empty threshold token. `AND` / `OR` with
 *   no pointers are fine (AND() = 1, OR() = 0).
 * - Const gates and weighted thresholds have no P1 serialization: {@link printSerial} returns a
 *   Left (use the JSON format, `codec.ts`). A threshold whose k lies outside 0..m (the builder
 *   allows it) cannot be written as `1^k 0^(m−k)` and is refused too.
 * - Parsing is one left-to-right pass over the characters (linear time), building the circuit
 *   with {@link createBuilder}. Sizes are refused up front: text longer than
 *   {@link SERIAL_LIMITS}.maxChars, more gates than {@link CIRCUIT_LIMITS}.maxGates, a pointer
 *   to a gate not yet defined (so a pointer can never be longer than the circuit so far).
 * - Pointers are unary, so the text of a circuit with g gates can be Θ(g²) characters;
 *   {@link printSerial} computes the length first and refuses to build text over the limit.
 * - Errors are values: `token 5 at offset 12: expected …, got '…'` (see
 *   {@link formatSerialError}); long tokens are shortened in messages.
 *
 * ## References
 * - P1 = Merrill & Sabharwal, The Parallelism Tradeoff, TACL 2023, §3 (circuit serialization)
 *   and Thm 3 (prefix form). The paper's second example is ill-formed; see `docs/errata.md`.
 *
 * @module
 */
import { left, right, isLeft, type Either } from 'fp-ts/lib/Either.js';
import { CIRCUIT_LIMITS, createBuilder, GateKind, gateKindName, type Circuit } from './circuit.js';

// ---------------------------------------------------------------------------------------------
// Model
// ---------------------------------------------------------------------------------------------

/**
 * Limits of the string form. `maxChars` = 2^28 characters (256 Mi): longer text is refused
 * before it is scanned, and {@link printSerial} refuses to produce it. (V8 cannot hold a string
 * much longer than 2^29 characters anyway.)
 * @category model
 */
export const SERIAL_LIMITS = { maxChars: 2 ** 28 } as const;

/**
 * Why a text did not parse, or why a circuit cannot be printed.
 * - `token` / `offset`: the 0-based index of the offending token and the character offset where
 *   it starts (parse errors; at the end of the text they are the token count and text length).
 * - `gate`: the offending gate id (print errors, and parse errors about a whole gate).
 * - `message`: what was expected and what was found, one line, no location.
 * @category model
 */
export interface SerialError {
  readonly _tag: 'SerialError';
  readonly message: string;
  readonly token?: number;
  readonly offset?: number;
  readonly gate?: number;
}

/** Options of {@link parseSerial}. @category model */
export interface ParseSerialOptions {
  /** How many trailing gates are outputs, in order (default 1, as in P1). */
  readonly numOutputs?: number;
}

/** @category constructors */
export const serialError = (
  message: string,
  at: { readonly token?: number; readonly offset?: number; readonly gate?: number } = {},
): SerialError => ({ _tag: 'SerialError', message, ...at });

/**
 * Format a {@link SerialError} as one CLI-ready line, e.g.
 * `token 5 at offset 12: expected a pointer '&1^j' with j < 4, got '&11111'`.
 * @category destructors
 */
export const formatSerialError = (e: SerialError): string => {
  if (e.token !== undefined && e.offset !== undefined) return `token ${e.token} at offset ${e.offset}: ${e.message}`;
  if (e.gate !== undefined) return `gate ${e.gate}: ${e.message}`;
  return e.message;
};

/**
 * The where-part of a {@link SerialError} alone (`token 5 at offset 12`, `gate 3`), or
 * `undefined` when it has none. Used to report serial errors in a `path: message` list.
 * @category destructors
 */
export const serialErrorLocation = (e: SerialError): string | undefined =>
  e.token !== undefined && e.offset !== undefined
    ? `token ${e.token} at offset ${e.offset}`
    : e.gate !== undefined
      ? `gate ${e.gate}`
      : undefined;

// ---------------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------------

const isSpace = (ch: number): boolean => ch === 32 || (ch >= 9 && ch <= 13);
const AMP = 38; // '&'
const ONE = 49; // '1'
const ZERO = 48; // '0'
const GATE_KEYWORDS = 'a gate (X, NOT, AND, OR, <=, >=)';

/** Show a token in a message, shortened when long. */
const showToken = (text: string, start: number, end: number): string => {
  const len = end - start;
  if (len <= 24) return `'${text.slice(start, end)}'`;
  return `'${text.slice(start, start + 20)}…' (${len} characters)`;
};

type Keyword = 'X' | 'NOT' | 'AND' | 'OR' | '<=' | '>=';
const keywordOf = (text: string, start: number, end: number): Keyword | undefined => {
  const len = end - start;
  if (len > 3) return undefined;
  const s = text.slice(start, end);
  return s === 'X' || s === 'NOT' || s === 'AND' || s === 'OR' || s === '<=' || s === '>=' ? s : undefined;
};

/**
 * Parse the P1 §3 string form of a circuit. With `numOutputs = k` (default 1) the last k gates
 * are the outputs, in order. Linear time; refuses text over {@link SERIAL_LIMITS}.maxChars and
 * circuits over {@link CIRCUIT_LIMITS} before doing the work.
 * @example
 * ```ts
 * parseSerial('X X X NOT &1 OR & &111 &11'); // Right: OR(x0, NOT x1, x2)
 * parseSerial('X AND &1');
 * // Left: token 2 at offset 6: expected a pointer '&1^j' with j < 1, got '&1'
 * ```
 * @category constructors
 */
export const parseSerial = (text: string, opts: ParseSerialOptions = {}): Either<SerialError, Circuit> => {
  const numOutputs = opts.numOutputs ?? 1;
  if (!Number.isSafeInteger(numOutputs) || numOutputs < 1) {
    return left(serialError(`parseSerial: numOutputs must be an integer ≥ 1, got ${String(numOutputs)}`));
  }
  if (typeof text !== 'string') return left(serialError(`parseSerial: expected a string, got ${typeof text}`));
  if (text.length > SERIAL_LIMITS.maxChars) {
    return left(
      serialError(`parseSerial: the text has ${text.length} characters, more than the limit of ${SERIAL_LIMITS.maxChars}`),
    );
  }
  const n = text.length;
  let pos = 0; // scan position
  let tokIndex = -1; // index of the current token
  let tokStart = 0;
  let tokEnd = 0;
  let haveTok = false; // whether [tokStart, tokEnd) is a token not yet consumed

  /** Make the next token current (if the current one was consumed); false at the end. */
  const peek = (): boolean => {
    if (haveTok) return true;
    while (pos < n && isSpace(text.charCodeAt(pos))) pos++;
    if (pos >= n) return false;
    tokStart = pos;
    while (pos < n && !isSpace(text.charCodeAt(pos))) pos++;
    tokEnd = pos;
    tokIndex += 1;
    haveTok = true;
    return true;
  };
  const consume = (): void => {
    haveTok = false;
  };
  const here = (): { token: number; offset: number } =>
    haveTok ? { token: tokIndex, offset: tokStart } : { token: tokIndex + 1, offset: n };
  const got = (): string => (haveTok ? showToken(text, tokStart, tokEnd) : 'the end of the text');
  const fail = (expected: string): Either<SerialError, never> => left(serialError(`expected ${expected}, got ${got()}`, here()));

  const isPointerTok = (): boolean => haveTok && text.charCodeAt(tokStart) === AMP;
  /** Read the current token as a pointer of gate `gate`: its target, or an error. */
  const readPointer = (gate: number, what: string): Either<SerialError, number> => {
    const expected = `${what} '&1^j' with j < ${gate}`;
    if (!isPointerTok()) return fail(expected);
    let j = 0;
    for (let p = tokStart + 1; p < tokEnd; p++) {
      if (text.charCodeAt(p) !== ONE) return fail(`${expected} ('&' followed only by 1s)`);
      j++;
    }
    if (j >= gate) return fail(expected);
    consume();
    return right(j);
  };

  const b = createBuilder();
  let wires = 0;
  const args: number[] = [];
  // the previous gate's kind and fan-in, to explain a surplus pointer
  let lastKind: GateKind = GateKind.Input;
  let lastFanIn = 0;
  for (;;) {
    if (!peek()) break;
    const gate = b.size();
    const kw = keywordOf(text, tokStart, tokEnd);
    if (kw === undefined) {
      if (gate > 0 && isPointerTok()) {
        // a pointer where a gate was expected: say why the previous gate cannot take it
        const why =
          lastKind === GateKind.Input
            ? `X takes no arguments`
            : lastKind === GateKind.Not
              ? `NOT takes exactly one argument`
              : `gate ${gate - 1} has m = ${lastFanIn} arguments by its threshold string`;
        return fail(`${GATE_KEYWORDS} (${why})`);
      }
      return fail(GATE_KEYWORDS);
    }
    if (gate >= CIRCUIT_LIMITS.maxGates) {
      return left(serialError(`more than ${CIRCUIT_LIMITS.maxGates} gates (the limit)`, here()));
    }
    consume();
    args.length = 0;
    switch (kw) {
      case 'X':
        b.input();
        lastKind = GateKind.Input;
        break;
      case 'NOT': {
        peek();
        const a = readPointer(gate, 'the argument of NOT, a pointer');
        if (isLeft(a)) return a;
        // the wire limit is checked before the builder sees the gate (it refuses it too, by throwing)
        if (wires + 1 > CIRCUIT_LIMITS.maxWires) return left(serialError(`more than ${CIRCUIT_LIMITS.maxWires} wires (the limit)`, { gate }));
        b.not(a.right);
        lastKind = GateKind.Not;
        wires += 1;
        break;
      }
      case 'AND':
      case 'OR': {
        while (peek() && isPointerTok()) {
          const a = readPointer(gate, 'a pointer');
          if (isLeft(a)) return a;
          args.push(a.right);
        }
        if (wires + args.length > CIRCUIT_LIMITS.maxWires) return left(serialError(`more than ${CIRCUIT_LIMITS.maxWires} wires (the limit)`, { gate }));
        if (kw === 'AND') b.and(args);
        else b.or(args);
        lastKind = kw === 'AND' ? GateKind.And : GateKind.Or;
        wires += args.length;
        break;
      }
      case '<=':
      case '>=': {
        const expectedString = `a threshold string '1^k 0^(m−k)' (one or more 1s then 0s, one per argument) after '${kw}'`;
        if (!peek()) return fail(expectedString);
        let k = 0;
        let p = tokStart;
        while (p < tokEnd && text.charCodeAt(p) === ONE) p++;
        k = p - tokStart;
        while (p < tokEnd && text.charCodeAt(p) === ZERO) p++;
        if (p !== tokEnd) return fail(expectedString);
        const m = tokEnd - tokStart;
        consume();
        for (let a = 0; a < m; a++) {
          peek();
          const r = readPointer(gate, `pointer ${a + 1} of ${m} (m = ${m} from the threshold string)`);
          if (isLeft(r)) return r;
          args.push(r.right);
        }
        if (wires + m > CIRCUIT_LIMITS.maxWires) return left(serialError(`more than ${CIRCUIT_LIMITS.maxWires} wires (the limit)`, { gate }));
        if (kw === '>=') b.ge(args, k);
        else b.le(args, k);
        lastKind = kw === '>=' ? GateKind.Ge : GateKind.Le;
        lastFanIn = m;
        wires += m;
        break;
      }
    }
  }
  const numGates = b.size();
  if (numGates === 0) return left(serialError(`expected ${GATE_KEYWORDS}, got ${text.length === 0 ? 'an empty text' : 'only whitespace'}`, here()));
  if (numOutputs > numGates) {
    return left(serialError(`numOutputs = ${numOutputs} but the circuit has only ${numGates} gate${numGates === 1 ? '' : 's'}`));
  }
  const outputs: number[] = [];
  for (let o = numGates - numOutputs; o < numGates; o++) outputs.push(o);
  return right(b.build(outputs));
};

// ---------------------------------------------------------------------------------------------
// Printing
// ---------------------------------------------------------------------------------------------

/**
 * Whether the circuit is in *prefix form* (P1 Thm 3): every input gate precedes every other
 * gate (const gates count as other gates).
 * @category destructors
 */
export const isPrefixForm = (c: Circuit): boolean => {
  let seenGate = false;
  for (let i = 0; i < c.numGates; i++) {
    if (c.kind[i] === GateKind.Input) {
      if (seenGate) return false;
    } else seenGate = true;
  }
  return true;
};

/** Whether the outputs are exactly the last `outputs.length` gates, in order. */
const outputsAreTrailing = (c: Circuit): boolean => {
  const k = c.outputs.length;
  for (let j = 0; j < k; j++) if (c.outputs[j] !== c.numGates - k + j) return false;
  return true;
};

/**
 * Make the outputs the trailing gates, in order, so that {@link printSerial} can mark them by
 * position: when they are not already, append one 1-argument AND gate (a buffer) per output and
 * make those the outputs. This adds `outputs.length` to the size and at most 1 to the depth;
 * the function computed is unchanged. Returns `c` itself when nothing needs doing.
 * @example
 * ```ts
 * const b = createBuilder();
 * const [x, y] = b.inputs(2);
 * const c = withOutputsLast(b.build([y!, x!])); // gates X X AND &1 AND &, outputs [2, 3]
 * ```
 * @category combinators
 */
export const withOutputsLast = (c: Circuit): Circuit => {
  if (outputsAreTrailing(c)) return c;
  const n = c.numGates;
  const k = c.outputs.length;
  const w = c.fanin.length;
  const kind = new Uint8Array(n + k);
  kind.set(c.kind);
  kind.fill(GateKind.And, n);
  const param = new Int32Array(n + k);
  param.set(c.param);
  const faninStart = new Uint32Array(n + k + 1);
  faninStart.set(c.faninStart);
  const fanin = new Uint32Array(w + k);
  fanin.set(c.fanin);
  for (let j = 0; j < k; j++) {
    faninStart[n + j + 1] = w + j + 1;
    fanin[w + j] = c.outputs[j]!;
  }
  let weight: Int32Array | null = null;
  if (c.weight !== null) {
    weight = new Int32Array(w + k);
    weight.set(c.weight);
    weight.fill(1, w);
  }
  const outputs = new Uint32Array(k);
  for (let j = 0; j < k; j++) outputs[j] = n + j;
  return { numInputs: c.numInputs, numGates: n + k, kind, param, faninStart, fanin, weight, outputs };
};

/**
 * Print a circuit in the P1 §3 string form: tokens separated by single spaces. The outputs
 * must be the last `outputs.length` gates in order (parse the text back with
 * `{ numOutputs: c.outputs.length }`). Returns a Left, saying why, for circuits that have no P1
 * serialization: const gates (hint: AND() = 1, OR() = 0), weighted thresholds, thresholds with
 * no arguments or k outside 0..m, input gates not reading bits in order, outputs that are not
 * the trailing gates (hint: {@link withOutputsLast}), or text over {@link SERIAL_LIMITS}.
 * @example
 * ```ts
 * const b = createBuilder();
 * const [x, y] = b.inputs(2);
 * printSerial(b.build([b.ge([x!, y!], 1)])); // Right('X X >= 10 & &1')
 * ```
 * @category destructors
 */
export const printSerial = (c: Circuit): Either<SerialError, string> => {
  // Pass 1: check everything and measure the text.
  let length = 0;
  let inputsSeen = 0;
  for (let i = 0; i < c.numGates; i++) {
    const s = c.faninStart[i]!;
    const e = c.faninStart[i + 1]!;
    const m = e - s;
    const kind = c.kind[i]!;
    if (i > 0) length += 1;
    switch (kind) {
      case GateKind.Input:
        if (c.param[i] !== inputsSeen) {
          return left(
            serialError(
              `input gate reads input bit ${c.param[i]}, but P1 §3 numbers inputs by order of appearance (this would be bit ${inputsSeen})`,
              { gate: i },
            ),
          );
        }
        inputsSeen++;
        length += 1;
        break; // not `continue`: the length check below applies to input gates too
      case GateKind.Const:
        return left(
          serialError(
            `const ${c.param[i]} has no P1 §3 serialization (write const 1 as AND with no arguments and const 0 as OR with no arguments, or use the JSON format)`,
            { gate: i },
          ),
        );
      case GateKind.Not:
      case GateKind.And:
      case GateKind.Or:
        length += kind === GateKind.Or ? 2 : 3;
        break;
      default: {
        const k = c.param[i]!;
        const name = kind === GateKind.Ge ? 'θ≥' : 'θ≤';
        if (c.weight !== null) {
          for (let w = s; w < e; w++) {
            if (c.weight[w] !== 1) {
              return left(
                serialError(
                  `${name}${k} has weight ${c.weight[w]} on argument ${w - s}; P1 §3 serializes only unweighted thresholds (expand the weights or use the JSON format)`,
                  { gate: i },
                ),
              );
            }
          }
        }
        if (m === 0) {
          return left(
            serialError(
              `${name}${k} has no arguments, so its '1^k 0^(m−k)' string would be empty, which a whitespace-separated token cannot hold (it is the constant ${kind === GateKind.Ge ? (k <= 0 ? 1 : 0) : k >= 0 ? 1 : 0})`,
              { gate: i },
            ),
          );
        }
        if (k < 0 || k > m) {
          return left(serialError(`${name}${k} with m = ${m} arguments: k must be in 0..m to be written as 1^k 0^(m−k)`, { gate: i }));
        }
        length += 2 + 1 + m;
      }
    }
    for (let w = s; w < e; w++) length += 2 + c.fanin[w]!; // ' &' + ones
    if (length > SERIAL_LIMITS.maxChars) {
      return left(serialError(`the text would be longer than the limit of ${SERIAL_LIMITS.maxChars} characters`, { gate: i }));
    }
  }
  if (!outputsAreTrailing(c)) {
    const shown = Array.from(c.outputs.subarray(0, 8)).join(', ') + (c.outputs.length > 8 ? ', …' : '');
    return left(
      serialError(
        `the outputs [${shown}] are not the last ${c.outputs.length} gate${c.outputs.length === 1 ? '' : 's'} in order, and P1 §3 marks outputs by position; apply withOutputsLast first (it appends ${c.outputs.length} buffer AND gate${c.outputs.length === 1 ? '' : 's'}: size +${c.outputs.length}, depth +1 at most)`,
      ),
    );
  }
  // Pass 2: print; the work is linear in the length of the text.
  const parts: string[] = [];
  const pointer = (j: number): string => '&' + '1'.repeat(j);
  for (let i = 0; i < c.numGates; i++) {
    const s = c.faninStart[i]!;
    const e = c.faninStart[i + 1]!;
    const kind = c.kind[i]!;
    switch (kind) {
      case GateKind.Input:
        parts.push('X');
        continue;
      case GateKind.Not:
        parts.push('NOT');
        break;
      case GateKind.And:
        parts.push('AND');
        break;
      case GateKind.Or:
        parts.push('OR');
        break;
      case GateKind.Ge:
      case GateKind.Le: {
        const k = c.param[i]!;
        parts.push(kind === GateKind.Ge ? '>=' : '<=', '1'.repeat(k) + '0'.repeat(e - s - k));
        break;
      }
      default:
        // unreachable: pass 1 refused every other kind
        return left(serialError(`unexpected gate kind ${gateKindName[kind] ?? kind}`, { gate: i }));
    }
    for (let w = s; w < e; w++) parts.push(pointer(c.fanin[w]!));
  }
  return right(parts.join(' '));
};

// ---------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------

/**
 * The two serialized circuits printed in P1 §3, verbatim, with what they are.
 * - `orNot`: `X X X NOT &1 OR & &111 &11` — well formed: OR(x₀, ¬x₁, x₂).
 * - `threshold`: `X X <= 00 &1 >= 10 & &11` — **ill formed** under P1's own grammar: `00` says
 *   m = 2, but only one pointer (`&1`) follows before `>=` (see `docs/errata.md`). Two minimal
 *   corrections parse: `thresholdFixedOneArg` (`<= 0 &1`: θ≤0(x₁) = ¬x₁, so the circuit is
 *   x₀ ∨ ¬x₁, mirroring the first example) and `thresholdFixedTwoArgs` (`<= 00 & &1`:
 *   θ≤0(x₀, x₁) = NOR(x₀, x₁), and x₀ ∨ NOR(x₀, x₁) = x₀ ∨ ¬x₁ as well).
 * @category fixtures
 */
export const P1_SERIAL_EXAMPLES = {
  orNot: 'X X X NOT &1 OR & &111 &11',
  threshold: 'X X <= 00 &1 >= 10 & &11',
  thresholdFixedOneArg: 'X X <= 0 &1 >= 10 & &11',
  thresholdFixedTwoArgs: 'X X <= 00 & &1 >= 10 & &11',
} as const;

/**
 * Parse P1 §3 text that is known to be good (tests, examples, hand-written fixtures); throws an
 * `Error` with the formatted {@link SerialError} otherwise. Not for user input.
 * @example
 * ```ts
 * const c = parseSerialOrThrow('X X AND & &1'); // x0 ∧ x1
 * ```
 * @category fixtures
 */
export const parseSerialOrThrow = (text: string, opts: ParseSerialOptions = {}): Circuit => {
  const r = parseSerial(text, opts);
  if (isLeft(r)) throw new Error(`parseSerialOrThrow: ${formatSerialError(r.left)}`);
  return r.right;
};
