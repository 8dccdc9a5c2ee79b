/**
 * # Reading BLIF (combinational netlists from ABC and yosys)
 *
 * Reads a flat, combinational BLIF model into a kernel {@link Circuit} of input, const, NOT,
 * AND and OR gates, so that a netlist written by ABC (`write_blif`) or yosys (`write_blif`
 * after `synth`/`abc`) can be evaluated and property-tested here.
 *
 * ## Main definitions
 * - {@link parseBlif}: text → {@link Circuit}, or the errors, each with its line and what was
 *   expected there.
 *
 * ## Implementation notes
 * - **Why in the kernel directory.** An *input* format, like `codec.ts`: user files become
 *   circuits here, so every malformed file must be refused with a message (never a wrong
 *   circuit, never a stack trace). Circuits are built with `createBuilder`, whose invariants
 *   the kernel checks. The writer is `src/formats/netlist.ts`, outside the kernel.
 * - **Mapping.** `.inputs` in order are input bits 0, 1, …; `.outputs` in order are the outputs.
 *   A `.names` cover becomes an OR of its cubes, each cube an AND of literals (a `0` column a
 *   NOT, shared per signal, `-` absent); a cover whose rows end in `0` lists the OFF-set and is
 *   negated; an empty cover is constant 0. Yosys's gate cells (`.subckt $_AND_ A=… B=… Y=…`,
 *   `$_OR_`, `$_NOT_`, `$_XOR_`, `$_NAND_`, `$_NOR_`, `$_XNOR_`, `$_ANDNOT_`, `$_ORNOT_`,
 *   `$_MUX_`, `$_BUF_`) and `.conn a b` (a buffer) are read too; the constant drivers `$true`,
 *   `$false`, `$undef` that yosys writes are `.names` like any other (`$undef` reads as 0).
 * - **Order.** BLIF may use a signal before the line that drives it; gates are built by a
 *   depth-first search from the outputs, which also finds combinational cycles.
 * - **What is refused**, each with its line: latches (`.latch`, `.mlatch`: sequential), other
 *   subcircuits and library gates (`.subckt`, `.gate`: hierarchy or a cell library), a second
 *   `.model`, `.exdc`, unknown directives, a signal driven twice or never driven, duplicate
 *   inputs, cover rows of the wrong length or with characters other than 0, 1, -, covers
 *   mixing ON- and OFF-set rows, cycles, and no outputs. Timing directives (`.area`,
 *   `.delay`, `.input_arrival`, …) and yosys's `.attr`/`.param`/`.cname` are read over.
 *
 * ## References
 * - "Berkeley Logic Interchange Format (BLIF)", UC Berkeley, 1992 (the `.names` semantics).
 * - Yosys manual, `write_blif` and the internal gate library (`$_AND_` …, "simcells").
 *
 * @module
 */
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import { createBuilder, type CircuitBuilder, type Circuit } from './circuit.js';
import { decodeError, type DecodeError } from './codec.js';

type Driver =
  | { readonly kind: 'input'; readonly line: number }
  | { readonly kind: 'names'; readonly line: number; readonly ins: readonly string[]; readonly rows: readonly string[]; readonly onset: boolean }
  | { readonly kind: 'cell'; readonly line: number; readonly cell: string; readonly ins: readonly string[] };

/** Yosys gate cells: input pin names in order. */
const CELLS: Readonly<Record<string, readonly string[]>> = {
  $_BUF_: ['A'],
  $_NOT_: ['A'],
  $_AND_: ['A', 'B'],
  $_NAND_: ['A', 'B'],
  $_OR_: ['A', 'B'],
  $_NOR_: ['A', 'B'],
  $_XOR_: ['A', 'B'],
  $_XNOR_: ['A', 'B'],
  $_ANDNOT_: ['A', 'B'],
  $_ORNOT_: ['A', 'B'],
  $_MUX_: ['A', 'B', 'S'],
};

const IGNORED = new Set([
  '.area',
  '.delay',
  '.input_arrival',
  '.output_required',
  '.default_input_arrival',
  '.default_output_required',
  '.input_drive',
  '.default_input_drive',
  '.output_load',
  '.default_output_load',
  '.max_input_load',
  '.default_max_input_load',
  '.wire_load_slope',
  '.wire',
  '.attr',
  '.param',
  '.cname',
  '.clock',
]);

/**
 * Read a flat combinational BLIF model into a circuit.
 * @example
 * ```ts
 * parseBlif('.model m\n.inputs a b\n.outputs y\n.names a b y\n11 1\n.end\n'); // right: a ∧ b
 * parseBlif('.model m\n.inputs a\n.outputs y\n.latch a y 0\n.end\n'); // left: line 4: latches …
 * ```
 * @category constructors
 */
export const parseBlif = (text: string): Either<readonly DecodeError[], Circuit> => {
  const fail = (line: number, message: string): Either<readonly DecodeError[], never> => left([decodeError('syntax', `line ${line}`, message)]);
  const raw = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split('\n');
  // logical lines: comments stripped, `\` continuations joined, numbered by their first line
  const lines: { readonly no: number; readonly tokens: string[] }[] = [];
  let acc = '';
  let accNo = 0;
  for (let i = 0; i < raw.length; i++) {
    let s = raw[i]!.replace(/\r$/, '');
    const hash = s.indexOf('#');
    if (hash >= 0) s = s.slice(0, hash);
    if (acc === '') accNo = i + 1;
    if (s.endsWith('\\')) {
      acc += `${s.slice(0, -1)} `;
      continue;
    }
    acc += s;
    const tokens = acc.trim().split(/\s+/).filter((t) => t !== '');
    if (tokens.length > 0) lines.push({ no: accNo, tokens });
    acc = '';
  }
  if (acc.trim() !== '') lines.push({ no: accNo, tokens: acc.trim().split(/\s+/) });

  const drivers = new Map<string, Driver>();
  const inputs: string[] = [];
  const outputs: { name: string; line: number }[] = [];
  const used: { name: string; line: number }[] = [];
  let sawModel = false;
  let ended = false;
  const drive = (name: string, d: Driver): string | null => {
    const have = drivers.get(name);
    if (have !== undefined) return `signal '${name}' is driven twice (first at line ${have.line})`;
    drivers.set(name, d);
    return null;
  };
  for (let li = 0; li < lines.length; li++) {
    const { no, tokens } = lines[li]!;
    const head = tokens[0]!;
    if (ended) {
      if (head === '.model') return fail(no, 'a second .model: only one flat model can be read (hierarchical BLIF is not supported)');
      return fail(no, `expected nothing after .end, got '${head}'`);
    }
    if (!head.startsWith('.')) return fail(no, `expected a directive such as .names or .end, got '${head.slice(0, 40)}' (a cover row outside .names?)`);
    switch (head) {
      case '.model':
        if (sawModel) return fail(no, 'a second .model: only one flat model can be read (hierarchical BLIF is not supported)');
        sawModel = true;
        break;
      case '.inputs':
        for (const t of tokens.slice(1)) {
          const p = drive(t, { kind: 'input', line: no });
          if (p !== null) return fail(no, p);
          inputs.push(t);
        }
        break;
      case '.outputs':
        for (const t of tokens.slice(1)) outputs.push({ name: t, line: no });
        break;
      case '.names': {
        if (tokens.length < 2) return fail(no, 'expected .names followed by its input signals and then its output signal');
        const ins = tokens.slice(1, -1);
        const out = tokens[tokens.length - 1]!;
        const rows: string[] = [];
        let onset: boolean | null = null;
        while (li + 1 < lines.length && !lines[li + 1]!.tokens[0]!.startsWith('.')) {
          li += 1;
          const row = lines[li]!;
          const t = row.tokens;
          let pattern: string;
          let value: string;
          if (ins.length === 0) {
            if (t.length !== 1) return fail(row.no, `expected a constant row '1' or '0' for .names ${out} with no inputs, got '${t.join(' ').slice(0, 40)}'`);
            pattern = '';
            value = t[0]!;
          } else {
            if (t.length !== 2) return fail(row.no, `expected a cover row 'PATTERN VALUE' with a pattern of ${ins.length} characters, got '${t.join(' ').slice(0, 60)}'`);
            pattern = t[0]!;
            value = t[1]!;
          }
          if (pattern.length !== ins.length || !/^[01-]*$/.test(pattern)) {
            return fail(row.no, `expected a pattern of ${ins.length} characters from 0, 1, - (one per input of .names ${out}), got '${pattern.slice(0, 60)}'`);
          }
          if (value !== '0' && value !== '1') return fail(row.no, `expected the output value 0 or 1, got '${value.slice(0, 20)}'`);
          if (onset !== null && onset !== (value === '1')) return fail(row.no, `the cover of '${out}' mixes ON-set (…1) and OFF-set (…0) rows`);
          onset = value === '1';
          rows.push(pattern);
        }
        const p = drive(out, { kind: 'names', line: no, ins, rows, onset: onset ?? true });
        if (p !== null) return fail(no, p);
        for (const s of ins) used.push({ name: s, line: no });
        break;
      }
      case '.conn': {
        if (tokens.length !== 3) return fail(no, 'expected .conn SOURCE TARGET');
        const p = drive(tokens[2]!, { kind: 'cell', line: no, cell: '$_BUF_', ins: [tokens[1]!] });
        if (p !== null) return fail(no, p);
        used.push({ name: tokens[1]!, line: no });
        break;
      }
      case '.subckt':
      case '.gate': {
        const cell = tokens[1] ?? '';
        const pins = CELLS[cell];
        if (head === '.gate' || pins === undefined) {
          return fail(no, `${head} ${cell.slice(0, 40)}: only yosys's internal gate cells (${Object.keys(CELLS).join(', ')}) and .names can be read; flatten the design and map it to gates first (e.g. yosys 'synth -flatten; abc -g AND,OR,XOR,MUX')`);
        }
        const conn = new Map<string, string>();
        for (const t of tokens.slice(2)) {
          const eq = t.indexOf('=');
          if (eq <= 0 || eq === t.length - 1) return fail(no, `expected PIN=SIGNAL, got '${t.slice(0, 40)}'`);
          conn.set(t.slice(0, eq), t.slice(eq + 1));
        }
        const ins: string[] = [];
        for (const pin of pins) {
          const s = conn.get(pin);
          if (s === undefined) return fail(no, `${cell} needs pin ${pin}=…`);
          ins.push(s);
        }
        const y = conn.get('Y');
        if (y === undefined) return fail(no, `${cell} needs its output pin Y=…`);
        if (conn.size !== pins.length + 1) return fail(no, `${cell} has pins ${[...pins, 'Y'].join(', ')} only`);
        const p = drive(y, { kind: 'cell', line: no, cell, ins });
        if (p !== null) return fail(no, p);
        for (const s of ins) used.push({ name: s, line: no });
        break;
      }
      case '.latch':
      case '.mlatch':
        return fail(no, `${head}: the model is sequential; only combinational BLIF can be read`);
      case '.exdc':
        return fail(no, '.exdc (external don\'t-cares) is not supported');
      case '.search':
        return fail(no, '.search (an included file) is not supported: give one flat file');
      case '.end':
        ended = true;
        break;
      default:
        if (!IGNORED.has(head)) return fail(no, `unknown directive '${head.slice(0, 40)}' (expected .model, .inputs, .outputs, .names, .subckt of a yosys gate, .conn or .end)`);
    }
  }
  if (outputs.length === 0) return fail(lines.length === 0 ? 1 : lines[lines.length - 1]!.no, 'the model has no .outputs: a circuit needs at least one');
  for (const u of [...used, ...outputs]) {
    if (!drivers.has(u.name)) return fail(u.line, `signal '${u.name}' is never driven: expected it among the .inputs or as the output of a .names`);
  }

  const b: CircuitBuilder = createBuilder();
  const gate = new Map<string, number>();
  const neg = new Map<string, number>();
  try {
    for (const s of inputs) gate.set(s, b.input());
    const notOf = (s: string): number => {
      const have = neg.get(s);
      if (have !== undefined) return have;
      const g = b.not(gate.get(s)!);
      neg.set(s, g);
      return g;
    };
    const and = (xs: number[]): number => (xs.length === 1 ? xs[0]! : b.and(xs));
    const or = (xs: number[]): number => (xs.length === 1 ? xs[0]! : b.or(xs));
    const build = (s: string, d: Driver): number => {
      if (d.kind === 'input') return gate.get(s)!;
      const at = (j: number): number => gate.get(d.ins[j]!)!;
      if (d.kind === 'names') {
        if (d.ins.length === 0) return b.constant(d.rows.length > 0 && d.onset ? 1 : 0);
        const cubes = d.rows.map((r) => {
          const lits: number[] = [];
          for (let j = 0; j < r.length; j++) {
            if (r[j] === '1') lits.push(at(j));
            else if (r[j] === '0') lits.push(notOf(d.ins[j]!));
          }
          return lits.length === 0 ? b.and([]) : and(lits);
        });
        const cover = cubes.length === 0 ? b.or([]) : or(cubes);
        return d.onset ? cover : b.not(cover);
      }
      const a = at(0);
      const x = d.ins.length > 1 ? at(1) : -1;
      switch (d.cell) {
        case '$_BUF_':
          return a;
        case '$_NOT_':
          return notOf(d.ins[0]!);
        case '$_AND_':
          return b.and([a, x]);
        case '$_NAND_':
          return b.not(b.and([a, x]));
        case '$_OR_':
          return b.or([a, x]);
        case '$_NOR_':
          return b.not(b.or([a, x]));
        case '$_ANDNOT_':
          return b.and([a, notOf(d.ins[1]!)]);
        case '$_ORNOT_':
          return b.or([a, notOf(d.ins[1]!)]);
        case '$_XOR_':
        case '$_XNOR_': {
          const xo = b.or([b.and([a, notOf(d.ins[1]!)]), b.and([notOf(d.ins[0]!), x])]);
          return d.cell === '$_XOR_' ? xo : b.not(xo);
        }
        default: {
          // $_MUX_: Y = S ? B : A
          const sel = at(2);
          return b.or([b.and([sel, x]), b.and([notOf(d.ins[2]!), a])]);
        }
      }
    };
    // depth-first from each output; 1 = in progress
    const state = new Map<string, 1>();
    for (const o of outputs) {
      if (gate.has(o.name)) continue;
      const stack: string[] = [o.name];
      state.set(o.name, 1);
      while (stack.length > 0) {
        const s = stack[stack.length - 1]!;
        const d = drivers.get(s)!;
        const ins = d.kind === 'input' ? [] : d.ins;
        let pushed = false;
        for (const i of ins) {
          if (gate.has(i)) continue;
          if (state.has(i)) return fail(drivers.get(i)!.line, `combinational cycle through signal '${i}': a circuit must be acyclic`);
          state.set(i, 1);
          stack.push(i);
          pushed = true;
          break;
        }
        if (pushed) continue;
        stack.pop();
        state.delete(s);
        gate.set(s, build(s, d));
      }
    }
    return right(b.build(outputs.map((o) => gate.get(o.name)!)));
  } catch (e) {
    return left([decodeError('syntax', 'file', `the circuit is too large: ${e instanceof Error ? e.message : String(e)}`)]);
  }
};
