/**
 * # Reference recognizers for context-free grammars with ε-productions
 *
 * Two independent deciders of w ∈ L(G) for any grammar (ε-productions, unit productions and
 * cycles allowed), one fast and one obviously correct; the tests run them against each other
 * on random grammars and words.
 *
 * ## Main definitions
 * - {@link earleyRecognize}: Earley's algorithm with the Aycock–Horspool treatment of
 *   ε: when a nullable nonterminal is predicted, the predicting item is also advanced over it
 *   (the classical completer misses completions of ε-derivations made within one Earley set).
 * - {@link nullableNonterminals}: the nullable set, by a worklist (each production's count of
 *   not-yet-nullable symbols; linear time).
 * - {@link fixpointRecognize}: the specification: the least set of facts "A derives w[i, j)"
 *   closed under the productions, by naive iteration to a fixpoint (polynomial, slow).
 *
 * ## References
 * - J. Earley, "An efficient context-free parsing algorithm", CACM 13(2), 1970.
 * - J. Aycock, R. N. Horspool, "Practical Earley parsing", The Computer Journal 45(6), 2002.
 *
 * @module
 */
import type { Grammar } from './cfgMembership.js';

/**
 * The nullable nonterminals (A ⇒* ε), as a 0/1 array indexed by nonterminal.
 * @category destructors
 */
export const nullableNonterminals = (g: Grammar): Uint8Array => {
  const nullable = new Uint8Array(g.numNonterminals);
  const pending = new Int32Array(g.productions.length); // symbols of the rhs not yet known nullable
  const uses: number[][] = Array.from({ length: g.numNonterminals }, () => []); // productions with A in the rhs (once per occurrence)
  const queue: number[] = [];
  g.productions.forEach((p, i) => {
    let terminal = false;
    for (const s of p.rhs) {
      if ('nt' in s) uses[s.nt]!.push(i);
      else terminal = true;
    }
    pending[i] = terminal ? -1 : p.rhs.length;
    if (pending[i] === 0 && !nullable[p.lhs]) {
      nullable[p.lhs] = 1;
      queue.push(p.lhs);
    }
  });
  while (queue.length > 0) {
    const a = queue.pop()!;
    for (const i of uses[a]!) {
      if (pending[i]! <= 0) continue;
      pending[i] = pending[i]! - 1;
      const lhs = g.productions[i]!.lhs;
      if (pending[i] === 0 && !nullable[lhs]) {
        nullable[lhs] = 1;
        queue.push(lhs);
      }
    }
  }
  return nullable;
};

/**
 * Is `word` in L(g)? Earley's recognizer with the Aycock–Horspool nullable rule.
 * @example
 * ```ts
 * // S → A A, A → ε | 'a'
 * const g = { numNonterminals: 2, numTerminals: 1, start: 0, productions: [
 *   { lhs: 0, rhs: [{ nt: 1 }, { nt: 1 }] }, { lhs: 1, rhs: [] }, { lhs: 1, rhs: [{ t: 0 }] }] };
 * earleyRecognize(g, []); // true
 * earleyRecognize(g, [0, 0, 0]); // false
 * ```
 * @category destructors
 */
export const earleyRecognize = (g: Grammar, word: readonly number[]): boolean => {
  const n = word.length;
  const nullable = nullableNonterminals(g);
  const byLhs: number[][] = Array.from({ length: g.numNonterminals }, () => []);
  g.productions.forEach((p, i) => byLhs[p.lhs]!.push(i));
  // An item (production, dot, origin) in set i; `seen[i]` dedupes by a string key.
  type Item = readonly [number, number, number];
  const sets: Item[][] = Array.from({ length: n + 1 }, () => []);
  const seen: Set<string>[] = Array.from({ length: n + 1 }, () => new Set<string>());
  const add = (i: number, it: Item): void => {
    const k = `${it[0]},${it[1]},${it[2]}`;
    if (seen[i]!.has(k)) return;
    seen[i]!.add(k);
    sets[i]!.push(it);
  };
  for (const p of byLhs[g.start] ?? []) add(0, [p, 0, 0]);
  for (let i = 0; i <= n; i++) {
    const set = sets[i]!;
    for (let q = 0; q < set.length; q++) {
      const [p, dot, origin] = set[q]!;
      const rhs = g.productions[p]!.rhs;
      if (dot < rhs.length) {
        const s = rhs[dot]!;
        if ('nt' in s) {
          for (const p2 of byLhs[s.nt]!) add(i, [p2, 0, i]);
          if (nullable[s.nt]) add(i, [p, dot + 1, origin]);
        } else if (i < n && word[i] === s.t) add(i + 1, [p, dot + 1, origin]);
      } else {
        const lhs = g.productions[p]!.lhs;
        const from = sets[origin]!;
        for (let r = 0; r < from.length; r++) {
          const [p2, d2, o2] = from[r]!;
          const s2 = g.productions[p2]!.rhs[d2];
          if (s2 !== undefined && 'nt' in s2 && s2.nt === lhs) add(i, [p2, d2 + 1, o2]);
        }
      }
    }
  }
  return sets[n]!.some(([p, dot, origin]) => origin === 0 && g.productions[p]!.lhs === g.start && dot === g.productions[p]!.rhs.length);
};

/**
 * Is `word` in L(g)? The least fixpoint of "A derives w[i, j)" under the productions, by
 * naive iteration: obviously correct, polynomial, slow (for tests on small grammars).
 * @category destructors
 */
export const fixpointRecognize = (g: Grammar, word: readonly number[]): boolean => {
  const n = word.length;
  const W = n + 1;
  // derives[A][i*W + j] = 1 iff A ⇒* w[i, j)
  const derives = Array.from({ length: g.numNonterminals }, () => new Uint8Array(W * W));
  let changed = true;
  while (changed) {
    changed = false;
    for (const p of g.productions) {
      for (let i = 0; i <= n; i++) {
        let ends = new Uint8Array(W);
        ends[i] = 1;
        for (const s of p.rhs) {
          const next = new Uint8Array(W);
          for (let a = 0; a <= n; a++) {
            if (!ends[a]) continue;
            if ('nt' in s) {
              const d = derives[s.nt]!;
              for (let b = a; b <= n; b++) if (d[a * W + b]) next[b] = 1;
            } else if (a < n && word[a] === s.t) next[a + 1] = 1;
          }
          ends = next;
        }
        const d = derives[p.lhs]!;
        for (let j = i; j <= n; j++) {
          if (ends[j] && !d[i * W + j]) {
            d[i * W + j] = 1;
            changed = true;
          }
        }
      }
    }
  }
  return g.numNonterminals > 0 && derives[g.start]![n] === 1;
};
