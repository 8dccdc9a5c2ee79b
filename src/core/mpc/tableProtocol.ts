/**
 * # Table protocols: MPC protocols as data (routing plus local table look-ups)
 *
 * A restricted family of MPC protocols whose local functions are data, so that a protocol can
 * be written as JSON, generated at random, and compiled (e.g. into a transformer by
 * mpc-to-transformer). Each round, each machine runs a fixed program: a list of messages, each
 * word of which is a word of its memory, a constant, or a table look-up of a word of its memory.
 *
 * ## Main definitions
 * - {@link WordExpr}: `{kind: "slot", slot}` (memory word `slot`), `{kind: "const", value}`,
 *   `{kind: "lookup", slot, table}` (`table[x]` for x = memory word `slot`, or 0 when
 *   x ≥ the table's length: a total function of one word).
 * - {@link TableProtocol}: q, s, word width, and per round one program per machine (a machine
 *   without a program in that round, i.e. past the end of `programs`, sends nothing).
 * - {@link tableProtocolToMpc}: the protocol it denotes ({@link MpcProtocol}); reading a slot
 *   the memory does not have stops the run with a `local` violation naming machine and round.
 * - {@link TableProtocolJsonC}, {@link decodeTableProtocol}, {@link encodeTableProtocol}: the
 *   JSON form `{"format": "parallelism-tradeoff/mpc", "version": 1, …}`, decoded by io-ts with
 *   every error's path.
 *
 * ## References
 * P2 Def 2.3 (local functions are arbitrary; this family is the one the library can compile).
 *
 * @module
 */
import * as t from 'io-ts';
import { isLeft, left, right, type Either } from 'fp-ts/lib/Either.js';
import { boundedArray, boundedInt, closed, decodeError, decodeShape, showValue, type DecodeError } from '../codec.js';
import { MAX_WORD_BITS, type LocalFunction, type MpcMessage, type MpcProtocol, type Word } from './semantics.js';

// -------------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------------

/** One word of a message. @category model */
export type WordExpr =
  | { readonly kind: 'slot'; readonly slot: number }
  | { readonly kind: 'const'; readonly value: Word }
  | { readonly kind: 'lookup'; readonly slot: number; readonly table: readonly Word[] };

/** One message of a program: its destination and its words. @category model */
export interface TableMessage {
  readonly to: number;
  readonly words: readonly WordExpr[];
}

/** A machine's program in one round: the messages it sends. @category model */
export type TableProgram = readonly TableMessage[];

/** A protocol as data: `rounds[r − 1].programs[i]` is machine i's program in round r. @category model */
export interface TableProtocol {
  readonly name: string;
  readonly machines: number;
  readonly memory: number;
  readonly wordBits: number;
  readonly rounds: readonly { readonly programs: readonly TableProgram[] }[];
}

/** Limits of the JSON form. @category model */
export const TABLE_PROTOCOL_LIMITS = { maxMachines: 1 << 16, maxMemory: 1 << 16, maxRounds: 1024, maxTable: 1 << 16 } as const;

// -------------------------------------------------------------------------------------------
// semantics
// -------------------------------------------------------------------------------------------

const evalWord = (e: WordExpr, memory: readonly Word[], where: string): Word => {
  if (e.kind === 'const') return e.value;
  const x = memory[e.slot];
  if (x === undefined) throw new Error(`${where} reads slot ${e.slot} of a memory of ${memory.length} words`);
  return e.kind === 'slot' ? x : (e.table[x] ?? 0);
};

/**
 * The protocol a table protocol denotes: machine i in round r sends the messages of its
 * program, each word evaluated on its memory.
 * @category constructors
 */
export const tableProtocolToMpc = (tp: TableProtocol): MpcProtocol => {
  const local: LocalFunction = (ctx, memory) => {
    const program = tp.rounds[ctx.round - 1]?.programs[ctx.machine] ?? [];
    return program.map(
      (m, k): MpcMessage => ({
        to: m.to,
        words: m.words.map((e, w) => evalWord(e, memory, `message ${k}, word ${w}`)),
      }),
    );
  };
  return { name: tp.name, machines: tp.machines, memory: tp.memory, wordBits: tp.wordBits, rounds: tp.rounds.length, local };
};

// -------------------------------------------------------------------------------------------
// JSON
// -------------------------------------------------------------------------------------------

/** `"parallelism-tradeoff/mpc"`. @category model */
export const MPC_FORMAT = 'parallelism-tradeoff/mpc' as const;

const fail = <A>(u: unknown, c: t.Context, expected: string): t.Validation<A> => t.failure(u, c, `expected ${expected}, got ${showValue(u)}`);

const literal = <L extends string | number>(value: L, name: string, expected: string): t.Type<L, L, unknown> =>
  new t.Type<L, L, unknown>(
    name,
    (u): u is L => u === value,
    (u, c) => (u === value ? t.success(value) : fail(u, c, expected)),
    t.identity,
  );

const WordC = boundedInt('Word', `integer in 0..2^${MAX_WORD_BITS} − 1`, 0, 2 ** MAX_WORD_BITS - 1);
const SlotC = boundedInt('Slot', `integer in 0..${TABLE_PROTOCOL_LIMITS.maxMemory - 1}`, 0, TABLE_PROTOCOL_LIMITS.maxMemory - 1);
const MachineC = boundedInt('Machine', `integer in 0..${TABLE_PROTOCOL_LIMITS.maxMachines - 1}`, 0, TABLE_PROTOCOL_LIMITS.maxMachines - 1);

const SlotExprC = closed(t.type({ kind: t.literal('slot'), slot: SlotC }), ['kind', 'slot'], 'a word {"kind": "slot", "slot"}');
const ConstExprC = closed(t.type({ kind: t.literal('const'), value: WordC }), ['kind', 'value'], 'a word {"kind": "const", "value"}');
const LookupExprC = closed(
  t.type({ kind: t.literal('lookup'), slot: SlotC, table: boundedArray(WordC, 'an array of words', TABLE_PROTOCOL_LIMITS.maxTable) }),
  ['kind', 'slot', 'table'],
  'a word {"kind": "lookup", "slot", "table"}',
);

const exprByKind: Readonly<Record<string, t.Type<WordExpr, WordExpr, unknown>>> = {
  slot: SlotExprC as t.Type<WordExpr, WordExpr, unknown>,
  const: ConstExprC as t.Type<WordExpr, WordExpr, unknown>,
  lookup: LookupExprC as t.Type<WordExpr, WordExpr, unknown>,
};

/** A word expression, dispatched on `"kind"`. @category codecs */
export const WordExprC = new t.Type<WordExpr, WordExpr, unknown>(
  'WordExpr',
  (u): u is WordExpr => Object.values(exprByKind).some((c) => c.is(u)),
  (u, c) => {
    if (typeof u !== 'object' || u === null || Array.isArray(u)) return fail(u, c, 'a word {"kind": "slot" | "const" | "lookup", …}');
    const kind: unknown = (u as Record<string, unknown>)['kind'];
    const codec = typeof kind === 'string' && Object.hasOwn(exprByKind, kind) ? exprByKind[kind] : undefined;
    if (codec === undefined) return fail(kind, t.appendContext(c, 'kind', t.unknown, kind), 'one of "slot", "const", "lookup"');
    return codec.validate(u, c);
  },
  t.identity,
);

const MessageC = closed(
  t.type({ to: MachineC, words: boundedArray(WordExprC, 'an array of words', TABLE_PROTOCOL_LIMITS.maxMemory) }),
  ['to', 'words'],
  'a message {"to", "words"}',
);
const ProgramC = boundedArray(MessageC, 'an array of messages', TABLE_PROTOCOL_LIMITS.maxMemory);
const RoundC = closed(t.type({ programs: boundedArray(ProgramC, 'an array of programs (one per machine)', TABLE_PROTOCOL_LIMITS.maxMachines) }), ['programs'], 'a round {"programs"}');

/** The JSON form of a {@link TableProtocol}. @category codecs */
export const TableProtocolJsonC = closed(
  t.type({
    format: literal(MPC_FORMAT, 'MpcFormat', JSON.stringify(MPC_FORMAT)),
    version: literal(1, 'MpcVersion', '1 (the only version this library reads)'),
    name: t.string,
    machines: boundedInt('Machines', `integer in 1..${TABLE_PROTOCOL_LIMITS.maxMachines}`, 1, TABLE_PROTOCOL_LIMITS.maxMachines),
    memory: boundedInt('Memory', `integer in 1..${TABLE_PROTOCOL_LIMITS.maxMemory}`, 1, TABLE_PROTOCOL_LIMITS.maxMemory),
    wordBits: boundedInt('WordBits', `integer in 1..${MAX_WORD_BITS}`, 1, MAX_WORD_BITS),
    rounds: boundedArray(RoundC, 'an array of rounds', TABLE_PROTOCOL_LIMITS.maxRounds),
  }),
  ['format', 'version', 'name', 'machines', 'memory', 'wordBits', 'rounds'],
  'an MPC protocol {"format", "version", "name", "machines", "memory", "wordBits", "rounds"}',
);

/** The JSON form's type. @category codecs */
export type TableProtocolJson = t.TypeOf<typeof TableProtocolJsonC>;

/**
 * Decode a table protocol: every shape error with its path, then the cross-field checks
 * (destinations below q, at most q programs per round, constants and tables within the word
 * width), each with its path.
 * @category constructors
 */
export const decodeTableProtocol = (json: unknown): Either<readonly DecodeError[], TableProtocol> => {
  const r = decodeShape(TableProtocolJsonC, json);
  if (isLeft(r)) return r;
  const p = r.right;
  const errs: DecodeError[] = [];
  const top = 2 ** p.wordBits;
  p.rounds.forEach((round, ri) => {
    if (round.programs.length > p.machines) errs.push(decodeError('kernel', `rounds[${ri}].programs`, `expected at most q = ${p.machines} programs, got ${round.programs.length}`));
    round.programs.forEach((prog, mi) =>
      prog.forEach((msg, k) => {
        const at = `rounds[${ri}].programs[${mi}][${k}]`;
        if (msg.to >= p.machines) errs.push(decodeError('kernel', `${at}.to`, `expected a machine in 0..${p.machines - 1}, got ${msg.to}`));
        msg.words.forEach((w, j) => {
          if (w.kind === 'const' && w.value >= top) errs.push(decodeError('kernel', `${at}.words[${j}].value`, `expected a ${p.wordBits}-bit word (below ${top}), got ${w.value}`));
          if (w.kind === 'lookup') {
            const bad = w.table.findIndex((x) => x >= top);
            if (bad >= 0) errs.push(decodeError('kernel', `${at}.words[${j}].table[${bad}]`, `expected a ${p.wordBits}-bit word (below ${top}), got ${w.table[bad]}`));
          }
        });
      }),
    );
  });
  if (errs.length > 0) return left(errs);
  return right({ name: p.name, machines: p.machines, memory: p.memory, wordBits: p.wordBits, rounds: p.rounds });
};

/** The JSON form of a table protocol. @category destructors */
export const encodeTableProtocol = (tp: TableProtocol): TableProtocolJson => ({
  format: MPC_FORMAT,
  version: 1,
  name: tp.name,
  machines: tp.machines,
  memory: tp.memory,
  wordBits: tp.wordBits,
  rounds: tp.rounds.map((r) => ({ programs: r.programs.map((p) => p.map((m) => ({ to: m.to, words: m.words.map((w) => ({ ...w })) }))) })),
});
