/**
 * # Reading AIGER (and-inverter graphs from yosys, ABC and model checkers)
 *
 * Reads a combinational AIGER file, ASCII (`aag`) or binary (`aig`), into a kernel
 * {@link Circuit} of input, const, NOT and two-input AND gates, so that a netlist made by
 * another tool can be evaluated and property-tested here.
 *
 * ## Main definitions
 * - {@link parseAiger}: bytes (or text) → {@link Circuit}, or the errors, each with where
 *   (`line 3`, `byte 41`, `header`) and what was expected.
 * - {@link looksLikeAiger}: whether bytes start with an AIGER header.
 *
 * ## Implementation notes
 * - **Why in the kernel directory.** This is an *input* format, like `codec.ts` next to it:
 *   user files become circuits here, so it must refuse every malformed file with a message
 *   rather than build a wrong circuit. The circuit is built with `createBuilder`, whose
 *   invariants (topological, ids in range) the kernel checks; the writers
 *   (`src/formats/aig.ts`) are not in the kernel.
 * - **Mapping.** Input j of the file (its j-th input line) is the circuit's input bit j;
 *   outputs keep their order. Literal 0/1 become const gates, a complemented literal one NOT
 *   gate (shared), each AND one `and` gate of fan-in 2.
 * - **What is refused.** Latches (L > 0: sequential), the AIGER 1.9 sections B, C, J, F
 *   (properties, not functions), zero outputs, a variable defined twice or used undefined,
 *   cycles among ASCII ANDs (ASCII allows any order: the ANDs are ordered by a depth-first
 *   search), binary deltas that are zero, too large or truncated, and M ≠ I + L + A in binary
 *   files (M < I + L + A in ASCII). Symbol tables and comments are read over; a symbol line
 *   must still look like one (`i0 name`).
 * - Sizes: M is checked against the kernel's gate limit before anything is allocated.
 *
 * ## References
 * - A. Biere, "The AIGER And-Inverter Graph (AIG) Format, Version 20071012"; A. Biere,
 *   K. Heljanko, S. Wieringa, "AIGER 1.9 and Beyond", 2011.
 *
 * @module
 */
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import { CIRCUIT_LIMITS, createBuilder, type Circuit } from './circuit.js';
import { decodeError, type DecodeError } from './codec.js';

const fail = (path: string, message: string): Either<readonly DecodeError[], never> => left([decodeError('syntax', path, message)]);

/** Whether the bytes start with `aag ` or `aig ` (an AIGER header). @category destructors */
export const looksLikeAiger = (bytes: Uint8Array): boolean =>
  bytes.length >= 4 && bytes[0] === 0x61 && (bytes[1] === 0x61 || bytes[1] === 0x69) && bytes[2] === 0x67 && bytes[3] === 0x20;

const NUM = /^(0|[1-9]\d{0,9})$/;

/**
 * Read an AIGER file (ASCII `aag` or binary `aig`, told apart by the header) into a circuit.
 * @example
 * ```ts
 * parseAiger('aag 3 2 0 1 1\n2\n4\n6\n6 2 4\n'); // right: x0 ∧ x1
 * parseAiger('aag 1 0 1 0 0\n2 3\n'); // left: line 1: latches …
 * ```
 * @category constructors
 */
export const parseAiger = (input: Uint8Array | string): Either<readonly DecodeError[], Circuit> => {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  // the header line
  let nl = bytes.indexOf(0x0a);
  if (nl < 0) nl = bytes.length;
  const decoder = new TextDecoder();
  const header = decoder.decode(bytes.subarray(0, nl)).replace(/\r$/, '');
  const tok = header.split(' ');
  const kind = tok[0];
  if (kind !== 'aag' && kind !== 'aig') return fail('line 1', `expected an AIGER header 'aag M I L O A' or 'aig M I L O A', got '${header.slice(0, 40)}'`);
  if (tok.length < 6 || tok.length > 10 || !tok.slice(1).every((x) => NUM.test(x))) {
    return fail('line 1', `expected '${kind} M I L O A' (5 to 9 non-negative integers separated by single spaces), got '${header.slice(0, 80)}'`);
  }
  const [M, I, L, O, A, B = 0, C = 0, J = 0, F = 0] = tok.slice(1).map(Number) as [number, number, number, number, number, ...number[]];
  if (L > 0) return fail('line 1', `the file has ${L} latches: only combinational circuits (L = 0) can be read`);
  if (B + C + J + F > 0) return fail('line 1', 'the file has AIGER 1.9 bad-state, constraint, justice or fairness sections: only plain outputs can be read');
  if (O === 0) return fail('line 1', 'the file has no outputs (O = 0): a circuit needs at least one');
  if (M > CIRCUIT_LIMITS.maxGates || I + A > CIRCUIT_LIMITS.maxGates) {
    return fail('line 1', `M = ${M} variables is more than the limit of ${CIRCUIT_LIMITS.maxGates}`);
  }
  if (kind === 'aig' ? M !== I + A : M < I + A) {
    return fail('line 1', `M = ${M} but I + L + A = ${I + A}: a${kind === 'aig' ? ' binary file needs M = I + L + A' : 'n ASCII file needs M ≥ I + L + A'}`);
  }
  const maxLit = 2 * M + 1;
  /** 0 undefined, 1 input, 2 AND */
  const defined = new Uint8Array(M + 1);
  const inputVar = new Int32Array(I);
  const andL = new Int32Array(A);
  const andR0 = new Int32Array(A);
  const andR1 = new Int32Array(A);
  const outLit = new Int32Array(O);
  const andOfVar = new Int32Array(M + 1).fill(-1);

  let pos = nl + 1;
  let line = 1;
  /** Next text line (for the ASCII body and both files' outputs), or null at the end. */
  const nextLine = (): string | null => {
    if (pos > bytes.length || (pos === bytes.length && bytes.length > 0 && bytes[bytes.length - 1] === 0x0a)) {
      line += 1; // the line that is missing
      return null;
    }
    let e = bytes.indexOf(0x0a, pos);
    if (e < 0) e = bytes.length;
    const s = decoder.decode(bytes.subarray(pos, e)).replace(/\r$/, '');
    pos = e + 1;
    line += 1;
    return s;
  };
  const literal = (s: string, what: string): number | string => {
    if (!NUM.test(s)) return `expected ${what} (a non-negative integer), got '${s.slice(0, 40)}'`;
    const l = Number(s);
    if (l > maxLit) return `literal ${l} is more than 2M + 1 = ${maxLit}`;
    return l;
  };
  const readNumbers = (count: number, what: string): number[] | string => {
    const s = nextLine();
    if (s === null) return `expected ${what}, but the file ends`;
    const parts = s.split(' ');
    if (parts.length !== count) return `expected ${what} (${count} number${count === 1 ? '' : 's'} separated by single spaces), got '${s.slice(0, 80)}'`;
    const out: number[] = [];
    for (const p of parts) {
      const l = literal(p, what);
      if (typeof l === 'string') return l;
      out.push(l);
    }
    return out;
  };

  if (kind === 'aag') {
    for (let j = 0; j < I; j++) {
      const r = readNumbers(1, `input ${j}'s literal`);
      if (typeof r === 'string') return fail(`line ${line}`, r);
      const l = r[0]!;
      if (l < 2 || l % 2 === 1) return fail(`line ${line}`, `input literal must be even and ≥ 2, got ${l}`);
      if (defined[l >> 1] !== 0) return fail(`line ${line}`, `variable ${l >> 1} is defined twice`);
      defined[l >> 1] = 1;
      inputVar[j] = l >> 1;
    }
  } else {
    for (let j = 0; j < I; j++) {
      defined[j + 1] = 1;
      inputVar[j] = j + 1;
    }
  }
  for (let j = 0; j < O; j++) {
    const r = readNumbers(1, `output ${j}'s literal`);
    if (typeof r === 'string') return fail(`line ${line}`, r);
    outLit[j] = r[0]!;
  }
  if (kind === 'aag') {
    for (let j = 0; j < A; j++) {
      const r = readNumbers(3, `AND gate ${j} as 'lhs rhs0 rhs1'`);
      if (typeof r === 'string') return fail(`line ${line}`, r);
      const [l, r0, r1] = r as [number, number, number];
      if (l < 2 || l % 2 === 1) return fail(`line ${line}`, `an AND's lhs must be an even literal ≥ 2, got ${l}`);
      if (defined[l >> 1] !== 0) return fail(`line ${line}`, `variable ${l >> 1} is defined twice`);
      defined[l >> 1] = 2;
      andOfVar[l >> 1] = j;
      andL[j] = l;
      andR0[j] = r0;
      andR1[j] = r1;
    }
  } else {
    // binary ANDs: two deltas each, 7 bits per byte, high bit = more
    const get = (j: number, which: string): number | string => {
      let x = 0;
      let shift = 0;
      const start = pos;
      for (;;) {
        if (pos >= bytes.length) return `AND gate ${j}: the ${which} delta at byte ${start} is cut off by the end of the file`;
        const b = bytes[pos++]!;
        x += (b & 0x7f) * 2 ** shift;
        if ((b & 0x80) === 0) return x;
        shift += 7;
        if (shift > 35) return `AND gate ${j}: the ${which} delta at byte ${start} is longer than 5 bytes`;
      }
    };
    for (let j = 0; j < A; j++) {
      const at = pos;
      const l = 2 * (I + 1 + j);
      const d0 = get(j, 'first');
      if (typeof d0 === 'string') return fail(`byte ${at}`, d0);
      const d1 = get(j, 'second');
      if (typeof d1 === 'string') return fail(`byte ${at}`, d1);
      if (d0 === 0 || d0 > l) return fail(`byte ${at}`, `AND gate ${j} (lhs ${l}): first delta must be in 1..${l} (lhs > rhs0 ≥ 0), got ${d0}`);
      if (d1 > l - d0) return fail(`byte ${at}`, `AND gate ${j} (lhs ${l}): second delta must be at most rhs0 = ${l - d0}, got ${d1}`);
      defined[l >> 1] = 2;
      andOfVar[l >> 1] = j;
      andL[j] = l;
      andR0[j] = l - d0;
      andR1[j] = l - d0 - d1;
    }
    // the rest is text: count its lines from here
    line = 0;
  }
  // optional symbol table and comment
  for (;;) {
    const s = nextLine();
    if (s === null) break;
    if (s === 'c') break;
    if (s === '' && pos >= bytes.length) break;
    if (!/^[ilobcjf]\d+ ./.test(s)) {
      return fail(kind === 'aag' ? `line ${line}` : `symbol table line ${line}`, `expected a symbol ('i0 name', 'o0 name') or the comment marker 'c', got '${s.slice(0, 40)}'`);
    }
  }
  // every literal used must be defined
  const check = (l: number, where: string): string | null =>
    l >> 1 === 0 || defined[l >> 1] !== 0 ? null : `${where} uses literal ${l}, but variable ${l >> 1} is neither an input nor an AND`;
  for (let j = 0; j < O; j++) {
    const p = check(outLit[j]!, `output ${j}`);
    if (p !== null) return fail(`output ${j}`, p);
  }
  for (let j = 0; j < A; j++) {
    const p = check(andR0[j]!, `AND gate ${j} (lhs ${andL[j]})`) ?? check(andR1[j]!, `AND gate ${j} (lhs ${andL[j]})`);
    if (p !== null) return fail(`AND gate ${j}`, p);
  }

  // build: inputs first, then ANDs in a topological order (binary files are already in one)
  const b = createBuilder();
  const gate = new Int32Array(M + 1).fill(-1);
  const negGate = new Int32Array(M + 1).fill(-1);
  let const0 = -1;
  let const1 = -1;
  try {
    for (let j = 0; j < I; j++) gate[inputVar[j]!] = b.input();
    const gateOf = (l: number): number => {
      const v = l >> 1;
      if (v === 0) {
        if (l === 0) return const0 < 0 ? (const0 = b.constant(0)) : const0;
        return const1 < 0 ? (const1 = b.constant(1)) : const1;
      }
      const g = gate[v]!;
      if ((l & 1) === 0) return g;
      if (negGate[v]! < 0) negGate[v] = b.not(g);
      return negGate[v]!;
    };
    // 0 unvisited, 1 on the stack, 2 done
    const state = new Uint8Array(A);
    const stack: number[] = [];
    for (let root = 0; root < A; root++) {
      if (state[root] !== 0) continue;
      stack.push(root);
      state[root] = 1;
      while (stack.length > 0) {
        const j = stack[stack.length - 1]!;
        let pushed = false;
        for (const r of [andR0[j]!, andR1[j]!]) {
          const k = andOfVar[r >> 1]!;
          if (k < 0 || state[k] === 2) continue;
          if (state[k] === 1) return fail(`AND gate ${k}`, `the ANDs form a cycle through variable ${andL[k]! >> 1}: a circuit must be acyclic`);
          state[k] = 1;
          stack.push(k);
          pushed = true;
          break;
        }
        if (pushed) continue;
        stack.pop();
        state[j] = 2;
        gate[andL[j]! >> 1] = b.and([gateOf(andR0[j]!), gateOf(andR1[j]!)]);
      }
    }
    const outs = Array.from(outLit, gateOf);
    return right(b.build(outs));
  } catch (e) {
    return fail('file', `the circuit is too large: ${e instanceof Error ? e.message : String(e)}`);
  }
};
