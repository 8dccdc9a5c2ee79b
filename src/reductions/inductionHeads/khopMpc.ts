/**
 * # k-hop induction heads by pointer doubling in MPC (P2 §4, with Def 2.3)
 *
 * An MPC protocol (`src/core/mpc`) that computes hop_k (P2 Def 4.1) in 2⌊log₂ k⌋ + 6 rounds
 * with s = 8b words of local memory and ⌈N/b⌉ + 1 machines (b = max(⌈√(N·|Σ|)⌉, ⌈|Σ|/4⌉)): a
 * (γ, δ) = (0, 1/2) protocol for a fixed alphabet, O(log k) rounds.
 *
 * ## Main definitions
 * - {@link khopMpc}: (k, N, |Σ|) ↦ the protocol. Input: the N tokens σ ∈ 0 … |Σ| − 1 as words.
 *   Output (the final memories concatenated): for i = 1 … N the word σ + 1 of hop_k(X)_i, or 0
 *   for ⊥.
 * - {@link khopMpcRounds}: 2⌊log₂ k⌋ + 6.
 *
 * ## The protocol
 * Position machines 0 … P − 1 hold blocks of b consecutive positions; machine P (the last) is
 * the aggregator G.
 * 1. The input machines send their tokens, in order, to the position machines of the block.
 * 2. Position machine p keeps its tokens (sends them to itself) and sends G its table
 *    L_p[σ] = the last position of its block holding σ (0 if none): |Σ| words.
 * 3. G sends each p the prefix table P_p[σ] = max_(p′ < p) L_(p′)[σ].
 * 4. Each p computes find¹(i) = 1 + (the last j′ ≤ i − 1 with X_(j′) = X_i), or 0, from P_p and
 *    its block, and makes the state record [0, i, D = find¹(i), T = X_i + 1].
 *    Steps t = 0 … ⌊log₂ k⌋, two rounds each: (request) every i with D ≠ 0 sends [1, i, D, 0]
 *    to the owner of y = D; (reply) the owner answers [2, i, D(y), T(y)]. Then D ← D(y) (0 if
 *    there was no request), and T ← T(y) (0 if none) when bit t of k is 1. Since find¹ is
 *    injective where it is not 0 (two positions with the same find¹ would contradict the max),
 *    so is every D: each position receives at most one request per step.
 * 5. The last round sends each position's T to its own machine in position order: the output.
 * Records are 4 words; a position machine holds at most 2 records per position (its state and
 * one request or reply), so s = 8b bounds every send, receive and memory.
 *
 * ## References
 * P2 = Sanford, Hsu & Telgarsky, ICML 2024, Def 2.3 (MPC), Def 4.1, §4 (pointer doubling).
 *
 * @module
 */
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import type { LocalFunction, MpcMessage, MpcProtocol, Word } from '../../core/mpc/semantics.js';

/** Rounds of {@link khopMpc}: 2⌊log₂ k⌋ + 6. @category constructions */
export const khopMpcRounds = (k: number): number => 2 * Math.floor(Math.log2(k) + 1e-12) + 6;

/** The block size b = max(⌈√(N·|Σ|)⌉, ⌈|Σ|/4⌉) and the budget of {@link khopMpc}. @category constructions */
export const khopMpcBudget = (n: number, alphabetSize: number): { readonly block: number; readonly memory: number; readonly machines: number; readonly wordBits: number } => {
  const block = Math.max(1, Math.ceil(Math.sqrt(n * alphabetSize) - 1e-9), Math.ceil(alphabetSize / 4));
  const positionMachines = Math.ceil(n / block);
  let wordBits = 1;
  while (2 ** wordBits <= Math.max(n, alphabetSize + 1, 2)) wordBits++;
  return { block, memory: 8 * block, machines: positionMachines + 1, wordBits };
};

/** A deliberate bug, for honesty tests only. @category constructions */
export type KHopMpcFault = 'find-off-by-one' | 'no-self-keep' | 'big-blocks';

/**
 * The k-hop protocol for N tokens over |Σ| symbols (k ≥ 1).
 * @category constructions
 */
export const khopMpc = (k: number, n: number, alphabetSize: number, fault?: KHopMpcFault): Either<string, MpcProtocol> => {
  if (!Number.isSafeInteger(k) || k < 1) return left(`khopMpc: k must be an integer ≥ 1, got ${k}`);
  if (!Number.isSafeInteger(n) || n < 1) return left(`khopMpc: N must be an integer ≥ 1, got ${n}`);
  if (!Number.isSafeInteger(alphabetSize) || alphabetSize < 1) return left(`khopMpc: |Σ| must be an integer ≥ 1, got ${alphabetSize}`);
  const budget = khopMpcBudget(n, alphabetSize);
  const b = fault === 'big-blocks' ? budget.block * 3 : budget.block;
  const s = budget.memory;
  const P = Math.ceil(n / b);
  const G = P;
  const T = Math.floor(Math.log2(k) + 1e-12);
  const rounds = khopMpcRounds(k);
  const owner = (i: number): number => Math.floor((i - 1) / b);
  const firstOf = (p: number): number => p * b + 1;
  const bit = (t: number): boolean => Math.floor(k / 2 ** t) % 2 === 1;
  const records = (mem: readonly Word[]): Word[][] => {
    const out: Word[][] = [];
    for (let r = 0; r + 3 < mem.length; r += 4) out.push(mem.slice(r, r + 4));
    return out;
  };
  /** Group words per destination, one message each, in destination order. */
  const send = (items: readonly (readonly [number, readonly Word[]])[]): MpcMessage[] => {
    const by = new Map<number, Word[]>();
    for (const [to, ws] of items) {
      const l = by.get(to) ?? [];
      l.push(...ws);
      by.set(to, l);
    }
    return [...by.entries()].sort((a, c) => a[0] - c[0]).map(([to, words]) => ({ to, words }));
  };
  const requests = (me: number, states: readonly Word[][]): MpcMessage[] =>
    send([
      [me, states.flat()],
      ...states.filter((r) => r[2]! !== 0).map((r) => [owner(r[2]!), [1, r[1]!, r[2]!, 0]] as const),
    ]);
  /** Fold the replies of step t into the states. */
  const update = (mem: readonly Word[], t: number): Word[][] => {
    const recs = records(mem);
    const replies = new Map(recs.filter((r) => r[0] === 2).map((r) => [r[1]!, r] as const));
    return recs
      .filter((r) => r[0] === 0)
      .map((r) => {
        const rep = replies.get(r[1]!);
        const d = rep === undefined ? 0 : rep[2]!;
        const tr = bit(t) ? (rep === undefined ? 0 : rep[3]!) : r[3]!;
        return [0, r[1]!, d, tr];
      });
  };
  const local: LocalFunction = (ctx, mem) => {
    const me = ctx.machine;
    const round = ctx.round;
    if (round === 1) {
      // input machine me holds positions me·s + 1 …
      const items: (readonly [number, readonly Word[]])[] = [];
      mem.forEach((w, j) => items.push([owner(me * s + j + 1), [w]]));
      return send(items);
    }
    if (round === 2) {
      if (me >= P) return [];
      const last = Array.from({ length: alphabetSize }, () => 0);
      mem.forEach((w, j) => (last[w] = firstOf(me) + j));
      return send([
        [me, mem],
        [G, last],
      ]);
    }
    if (round === 3) {
      if (me === G) {
        const prefix = Array.from({ length: alphabetSize }, () => 0);
        const items: (readonly [number, readonly Word[]])[] = [];
        for (let p = 0; p < P; p++) {
          items.push([p, [...prefix]]);
          const table = mem.slice(p * alphabetSize, (p + 1) * alphabetSize);
          table.forEach((x, a) => (prefix[a] = Math.max(prefix[a]!, x)));
        }
        return send(items);
      }
      return me < P ? (fault === 'no-self-keep' ? [] : send([[me, mem]])) : [];
    }
    if (me >= P) return [];
    if (round === 4) {
      const size = Math.min(b, n - firstOf(me) + 1);
      const tokens = mem.slice(0, size);
      const last = [...mem.slice(size, size + alphabetSize)];
      const states = tokens.map((x, j) => {
        const i = firstOf(me) + j;
        const before = last[x]!; // the last j′ ≤ i − 1 with X_(j′) = X_i
        last[x] = i;
        const d = before === 0 ? 0 : before + (fault === 'find-off-by-one' ? 0 : 1);
        return [0, i, d, x + 1];
      });
      return requests(me, states);
    }
    const step = Math.floor((round - 5) / 2); // rounds 5, 6 → step 0's reply, step 1's request; …
    if ((round - 5) % 2 === 0) {
      // reply round of step `step`
      const recs = records(mem);
      const states = recs.filter((r) => r[0] === 0);
      const byPos = new Map(states.map((r) => [r[1]!, r] as const));
      return send([
        [me, states.flat()],
        ...recs
          .filter((r) => r[0] === 1)
          .map((r) => {
            const y = byPos.get(r[2]!);
            return [owner(r[1]!), [2, r[1]!, y?.[2] ?? 0, y?.[3] ?? 0]] as const;
          }),
      ]);
    }
    const states = update(mem, step);
    if (step < T) return requests(me, states);
    return send([[me, states.map((r) => r[3]!)]]);
  };
  return right({ name: `k-hop-mpc(k=${k}, N=${n}, |Σ|=${alphabetSize})`, machines: budget.machines, memory: s, wordBits: budget.wordBits, rounds, local });
};
