/**
 * # Massively parallel computation: the semantics (P2 Def 2.3)
 *
 * The reference semantics of an MPC protocol, which every MPC construction of the library
 * (k-hop pointer doubling, transformer-to-mpc, mpc-to-transformer) is checked against. The
 * choices are written down in `docs/semantics.md` ("MPC").
 *
 * ## Main definitions
 * - {@link Word}: a non-negative integer below 2^wordBits (a word of Θ(log n) bits).
 * - {@link MpcProtocol}: q machines, s words of local memory each, R synchronous rounds, and
 *   one pure local function per (round, machine) that maps the machine's memory to its
 *   outgoing messages.
 * - {@link runMpc}: the run. The n input words go to the first ⌈n/s⌉ machines in order
 *   (word j to machine ⌊j/s⌋, at slot j mod s); in round r = 1 … R every machine applies its
 *   local function to its memory; each machine sends at most s words and receives at most s
 *   words; a machine's memory in round r + 1 is the concatenation of the messages it received
 *   in round r, ordered by sender and then by the order the sender listed them. After round R
 *   the output is the concatenation of the final memories, machine 0 first.
 * - {@link MpcViolation}: why a run stops — memory, send volume, receive volume, word width,
 *   a destination that is not a machine, or a local function that threw — naming the machine,
 *   the round and the bound.
 * - {@link gammaDeltaBudget}: q = ⌈c_q·n^(1+γ−δ)⌉ machines, s = ⌈c_s·n^δ⌉ words,
 *   ⌈c_w·log₂ n⌉-bit words: the (γ, δ)-MPC budget of P2 Def 2.3 at one n, for given constants.
 *
 * ## Implementation notes
 * - As in P2 Def 2.3, a machine has no memory but its inbox: to keep a word it sends it to
 *   itself (which counts against its send and receive volume). A machine whose memory would
 *   exceed s words is therefore refused as a `receive` violation in the round it receives them
 *   (its memory at round r + 1 is what it received), and as a `memory` violation only at round
 *   0, when the input does not fit (n > q·s).
 * - A local function sees only its round, its machine index and its memory; it must be pure
 *   (the semantics calls it once per round and machine, in machine order). Its own working
 *   memory is not measured (P2 leaves the local computation unrestricted).
 * - Words are JavaScript safe integers, so wordBits ≤ {@link MAX_WORD_BITS}.
 *
 * ## References
 * P2 = Sanford, Hsu & Telgarsky, *Transformers, Parallel Computation, and Logarithmic Depth*,
 * ICML 2024, Def 2.3; Karloff, Suri & Vassilvitskii, SODA 2010 (the MPC model).
 *
 * @module
 */
import { left, right, type Either } from 'fp-ts/lib/Either.js';

// -------------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------------

/** A word: an integer in 0 … 2^wordBits − 1. @category model */
export type Word = number;

/** The widest word the semantics accepts (words are safe integers). @category model */
export const MAX_WORD_BITS = 48;

/** A message: words sent to one machine. @category model */
export interface MpcMessage {
  readonly to: number;
  readonly words: readonly Word[];
}

/** Where a local function runs: the round (1 … R), the machine (0 … q − 1) and the budget. @category model */
export interface LocalContext {
  readonly round: number;
  readonly machine: number;
  readonly machines: number;
  readonly memory: number;
  readonly wordBits: number;
}

/**
 * A local function: the machine's memory (at most s words) to its outgoing messages. Pure.
 * @category model
 */
export type LocalFunction = (ctx: LocalContext, memory: readonly Word[]) => readonly MpcMessage[];

/**
 * An MPC protocol at one input length: q = `machines`, s = `memory` words each, words of
 * `wordBits` bits, `rounds` = R rounds, `local` the local functions.
 * @category model
 */
export interface MpcProtocol {
  readonly name: string;
  readonly machines: number;
  readonly memory: number;
  readonly wordBits: number;
  readonly rounds: number;
  readonly local: LocalFunction;
}

/** What bound a run broke. @category model */
export type MpcViolationKind = 'memory' | 'send' | 'receive' | 'word' | 'destination' | 'local' | 'protocol';

/**
 * Why a run stopped: which bound, on which machine, in which round (0 = the input placement),
 * the bound and the offending figure, and a sentence that says all of it.
 * @category model
 */
export interface MpcViolation {
  readonly _tag: 'MpcViolation';
  readonly kind: MpcViolationKind;
  /** The machine (−1 when the protocol itself is malformed). */
  readonly machine: number;
  readonly round: number;
  readonly bound: number;
  readonly actual: number;
  readonly message: string;
}

/** Figures of one round. @category model */
export interface MpcRoundStats {
  readonly round: number;
  /** The most words any machine sent. */
  readonly maxSent: number;
  /** The most words any machine received (= its memory in the next round). */
  readonly maxReceived: number;
  readonly totalWords: number;
  readonly messages: number;
  /** Machines that sent or received at least one word. */
  readonly activeMachines: number;
}

/**
 * A run: the memories of all machines before round 1 (`memories[0]`, the input placement)
 * and after each round r (`memories[r]`), the per-round figures, the peak memory, and the
 * output (the final memories concatenated, machine 0 first).
 * @category model
 */
export interface MpcRun {
  readonly rounds: number;
  readonly memories: readonly (readonly (readonly Word[])[])[];
  readonly stats: readonly MpcRoundStats[];
  readonly peakMemory: number;
  readonly output: readonly Word[];
}

// -------------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------------

/** @category constructors */
export const mpcViolation = (kind: MpcViolationKind, machine: number, round: number, bound: number, actual: number, message: string): MpcViolation => ({
  _tag: 'MpcViolation',
  kind,
  machine,
  round,
  bound,
  actual,
  message,
});

/** The violation as one line. @category destructors */
export const formatMpcViolation = (v: MpcViolation): string => `${v.kind} violation: ${v.message}`;

/** A (γ, δ)-MPC budget at one n. @category model */
export interface MpcBudget {
  readonly machines: number;
  readonly memory: number;
  readonly wordBits: number;
}

/** Constants of a (γ, δ)-MPC budget: q = ⌈c_q·n^(1+γ−δ)⌉, s = ⌈c_s·n^δ⌉, ⌈c_w·log₂ n⌉-bit words. @category model */
export interface GammaDelta {
  readonly gamma: number;
  readonly delta: number;
  readonly cq?: number;
  readonly cs?: number;
  readonly cw?: number;
}

/**
 * The (γ, δ)-MPC budget of P2 Def 2.3 at input length n (defaults c_q = c_s = 1, c_w = 2;
 * words at least 1 bit).
 * @category constructors
 */
export const gammaDeltaBudget = (n: number, gd: GammaDelta): Either<string, MpcBudget> => {
  if (!Number.isSafeInteger(n) || n < 1) return left(`gammaDeltaBudget: n must be an integer ≥ 1, got ${n}`);
  if (!(gd.delta > 0 && gd.delta <= 1)) return left(`gammaDeltaBudget: δ must be in (0, 1], got ${gd.delta}`);
  if (!(gd.gamma >= 0)) return left(`gammaDeltaBudget: γ must be ≥ 0, got ${gd.gamma}`);
  const eps = 1e-9;
  const machines = Math.max(1, Math.ceil((gd.cq ?? 1) * n ** (1 + gd.gamma - gd.delta) - eps));
  const memory = Math.max(1, Math.ceil((gd.cs ?? 1) * n ** gd.delta - eps));
  const wordBits = Math.max(1, Math.ceil((gd.cw ?? 2) * Math.log2(Math.max(2, n)) - eps));
  if (wordBits > MAX_WORD_BITS) return left(`gammaDeltaBudget: ${wordBits}-bit words exceed the ${MAX_WORD_BITS}-bit limit`);
  return right({ machines, memory, wordBits });
};

// -------------------------------------------------------------------------------------------
// the run
// -------------------------------------------------------------------------------------------

const isCount = (x: number, min: number): boolean => Number.isSafeInteger(x) && x >= min;

const checkProtocol = (p: MpcProtocol): MpcViolation | null => {
  const bad = (what: string, v: number): MpcViolation => mpcViolation('protocol', -1, 0, 0, v, `protocol ${p.name}: ${what}, got ${v}`);
  if (!isCount(p.machines, 1)) return bad('the number of machines q must be an integer ≥ 1', p.machines);
  if (!isCount(p.memory, 1)) return bad('the local memory s must be an integer ≥ 1 words', p.memory);
  if (!isCount(p.wordBits, 1) || p.wordBits > MAX_WORD_BITS) return bad(`the word width must be an integer in 1…${MAX_WORD_BITS} bits`, p.wordBits);
  if (!isCount(p.rounds, 0)) return bad('the number of rounds R must be an integer ≥ 0', p.rounds);
  return null;
};

const badWord = (w: Word, bits: number): boolean => !Number.isSafeInteger(w) || w < 0 || w >= 2 ** bits;

const showWord = (w: unknown): string => (typeof w === 'number' ? String(w) : typeof w);

/**
 * Run a protocol on n input words. Every bound of P2 Def 2.3 is checked as the run goes; the
 * first violation stops it (a Left naming the machine, the round and the bound).
 * @category evaluation
 */
export const runMpc = (protocol: MpcProtocol, input: readonly Word[]): Either<MpcViolation, MpcRun> => {
  const bad = checkProtocol(protocol);
  if (bad !== null) return left(bad);
  const { machines: q, memory: s, wordBits: bits, name } = protocol;
  const n = input.length;
  const badIn = input.findIndex((w) => badWord(w, bits));
  if (badIn >= 0) {
    const m = Math.floor(badIn / s);
    return left(mpcViolation('word', m, 0, 2 ** bits - 1, input[badIn]!, `${name}: input word ${badIn} (machine ${m}, round 0) is ${showWord(input[badIn])}, not an integer in 0…2^${bits} − 1`));
  }
  const needed = Math.ceil(n / s);
  if (needed > q) {
    return left(mpcViolation('memory', q, 0, q * s, n, `${name}: the ${n} input words need ${needed} machines of s = ${s} words, but there are q = ${q} (round 0: machine ${q} would hold input words ${q * s}…)`));
  }
  let mem: (readonly Word[])[] = Array.from({ length: q }, (_, i) => input.slice(i * s, Math.min(n, (i + 1) * s)));
  const memories: (readonly (readonly Word[])[])[] = [mem];
  const stats: MpcRoundStats[] = [];
  let peak = Math.max(0, ...mem.map((m) => m.length));
  for (let round = 1; round <= protocol.rounds; round++) {
    const inbox: Word[][] = Array.from({ length: q }, () => []);
    let maxSent = 0;
    let totalWords = 0;
    let messages = 0;
    const active = new Set<number>();
    for (let i = 0; i < q; i++) {
      let out: readonly MpcMessage[];
      try {
        out = protocol.local({ round, machine: i, machines: q, memory: s, wordBits: bits }, mem[i]!);
      } catch (e) {
        return left(mpcViolation('local', i, round, 0, 0, `${name}: the local function of machine ${i} in round ${round} threw: ${e instanceof Error ? e.message : String(e)}`));
      }
      let sent = 0;
      for (const msg of out) {
        if (!Number.isSafeInteger(msg.to) || msg.to < 0 || msg.to >= q) {
          return left(mpcViolation('destination', i, round, q - 1, msg.to, `${name}: machine ${i} in round ${round} sends to machine ${String(msg.to)}, not one of 0…${q - 1}`));
        }
        const w = msg.words.findIndex((x) => badWord(x, bits));
        if (w >= 0) {
          return left(
            mpcViolation('word', i, round, 2 ** bits - 1, msg.words[w]!, `${name}: machine ${i} in round ${round} sends the word ${showWord(msg.words[w])} to machine ${msg.to}, not an integer in 0…2^${bits} − 1 (the word width is ${bits} bits)`),
          );
        }
        sent += msg.words.length;
        if (sent > s) {
          return left(mpcViolation('send', i, round, s, sent, `${name}: machine ${i} sends at least ${sent} words in round ${round}, more than s = ${s}`));
        }
        if (msg.words.length > 0) {
          messages++;
          active.add(i);
          active.add(msg.to);
        }
        inbox[msg.to]!.push(...msg.words);
      }
      maxSent = Math.max(maxSent, sent);
      totalWords += sent;
    }
    const over = inbox.findIndex((b) => b.length > s);
    if (over >= 0) {
      return left(
        mpcViolation('receive', over, round, s, inbox[over]!.length, `${name}: machine ${over} receives ${inbox[over]!.length} words in round ${round}, more than s = ${s} (its receive volume and its local memory for round ${round + 1})`),
      );
    }
    const maxReceived = Math.max(0, ...inbox.map((b) => b.length));
    peak = Math.max(peak, maxReceived);
    stats.push({ round, maxSent, maxReceived, totalWords, messages, activeMachines: active.size });
    mem = inbox;
    memories.push(mem);
  }
  return right({ rounds: protocol.rounds, memories, stats, peakMemory: peak, output: mem.flat() });
};
