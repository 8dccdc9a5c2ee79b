/**
 * # Random table protocols (fast-check)
 *
 * Seeded random MPC protocols of the restricted family of `tableProtocol.ts` (routing plus
 * local table look-ups), with their inputs, for property tests of constructions that take any
 * protocol (mpc-to-transformer) and of the semantics itself.
 *
 * ## Main definitions
 * - {@link arbTableProtocol}: a protocol that respects every bound of P2 Def 2.3 (each machine
 *   sends at most s words, receives at most s, reads only slots its memory has), and an input.
 *
 * ## Implementation notes
 * The protocol is built from a list of random choices, consumed in order, where a choice of 0
 * always means the simplest thing (send nothing, a slot word, slot 0): fast-check shrinks the
 * list toward zeros, so a failing protocol shrinks toward one that sends little.
 *
 * @module
 */
import * as fc from 'fast-check';
import type { Word } from './semantics.js';
import type { TableMessage, TableProtocol, WordExpr } from './tableProtocol.js';

/** Options of {@link arbTableProtocol}; ranges are inclusive. @category model */
export interface ArbTableProtocolOptions {
  /** Input length n (default 1 … 12). */
  readonly n?: { readonly min: number; readonly max: number };
  /** Local memory s (default 1 … 6). */
  readonly memory?: { readonly min: number; readonly max: number };
  /** Extra machines beyond ⌈n/s⌉ (default 0 … 3). */
  readonly extraMachines?: { readonly min: number; readonly max: number };
  /** Word width in bits (default 2 … 6). */
  readonly wordBits?: { readonly min: number; readonly max: number };
  /** Rounds (default 1 … 4). */
  readonly rounds?: { readonly min: number; readonly max: number };
}

/** A random protocol with an input. @category model */
export interface ProtocolCase {
  readonly protocol: TableProtocol;
  readonly input: readonly Word[];
}

const range = (r: { readonly min: number; readonly max: number } | undefined, d: { min: number; max: number }, what: string): { min: number; max: number } => {
  const v = r ?? d;
  if (!Number.isSafeInteger(v.min) || !Number.isSafeInteger(v.max) || v.min < 0 || v.min > v.max) {
    throw new RangeError(`arbTableProtocol: ${what} must be a range of integers 0 ≤ min ≤ max, got ${JSON.stringify(v)}`);
  }
  return { min: v.min, max: v.max };
};

/** Build a valid protocol from the shape and a list of choices. */
const build = (n: number, s: number, q: number, bits: number, rounds: number, input: readonly Word[], choices: readonly number[]): ProtocolCase => {
  let k = 0;
  const next = (mod: number): number => (mod <= 1 ? 0 : (choices[k++ % Math.max(1, choices.length)] ?? 0) % mod);
  const top = 2 ** bits;
  let sizes = Array.from({ length: q }, (_, i) => Math.max(0, Math.min(s, n - i * s)));
  const out: { programs: TableMessage[][] }[] = [];
  for (let r = 0; r < rounds; r++) {
    const cap = Array.from({ length: q }, () => s);
    const programs: TableMessage[][] = [];
    for (let i = 0; i < q; i++) {
      const count = next(s + 1);
      const byDest = new Map<number, WordExpr[]>();
      for (let w = 0; w < count; w++) {
        const to = (i + next(q)) % q;
        if (cap[to]! === 0) continue;
        cap[to]!--;
        const sz = sizes[i]!;
        const pick = sz === 0 ? 1 : next(3);
        const e: WordExpr =
          pick === 0
            ? { kind: 'slot', slot: next(sz) }
            : pick === 1
              ? { kind: 'const', value: next(top) }
              : { kind: 'lookup', slot: next(sz), table: Array.from({ length: next(top + 1) }, () => next(top)) };
        const list = byDest.get(to) ?? [];
        list.push(e);
        byDest.set(to, list);
      }
      programs.push([...byDest.entries()].sort((a, b) => a[0] - b[0]).map(([to, words]) => ({ to, words })));
    }
    sizes = cap.map((c) => s - c);
    out.push({ programs });
  }
  return { protocol: { name: `random(q=${q}, s=${s}, R=${rounds})`, machines: q, memory: s, wordBits: bits, rounds: out }, input };
};

/**
 * Random valid table protocols with inputs.
 * @example
 * ```ts
 * fc.assert(fc.property(arbTableProtocol(), ({ protocol, input }) => isRight(runMpc(tableProtocolToMpc(protocol), input))), { seed: 1 });
 * ```
 * @category arbitraries
 */
export const arbTableProtocol = (opts: ArbTableProtocolOptions = {}): fc.Arbitrary<ProtocolCase> => {
  const n = range(opts.n, { min: 1, max: 12 }, 'n');
  const s = range(opts.memory, { min: 1, max: 6 }, 'memory');
  const extra = range(opts.extraMachines, { min: 0, max: 3 }, 'extraMachines');
  const bits = range(opts.wordBits, { min: 2, max: 6 }, 'wordBits');
  const rounds = range(opts.rounds, { min: 1, max: 4 }, 'rounds');
  if (s.min < 1) throw new RangeError('arbTableProtocol: memory must be at least 1 word');
  if (bits.min < 1 || bits.max > 20) throw new RangeError('arbTableProtocol: wordBits must be in 1 … 20');
  return fc
    .record({
      n: fc.integer(n),
      s: fc.integer(s),
      extra: fc.integer(extra),
      bits: fc.integer(bits),
      rounds: fc.integer(rounds),
    })
    .chain(({ n: nn, s: ss, extra: ee, bits: bb, rounds: rr }) =>
      fc
        .tuple(fc.array(fc.integer({ min: 0, max: 2 ** bb - 1 }), { minLength: nn, maxLength: nn }), fc.array(fc.nat({ max: 1 << 20 }), { minLength: 1, maxLength: 400 }))
        .map(([input, choices]) => build(nn, ss, Math.ceil(nn / ss) + ee, bb, rr, input, choices)),
    );
};
