/**
 * # Embedding (arithmetic route)
 *
 * x_i = E[σ_i] ⊕ P_i, coordinate-wise (the pinned reading of `src/core/transformer.ts`). At a
 * fixed n the positional vector P_i is a constant, so x_i[k] is a function of the token at
 * position i alone: a table over the alphabet, computed at compile time with the kernel's own
 * `embedAt`.
 *
 * ## Main definitions
 * - {@link embedTokens}: the token values x_i[k], i = 0 … n − 1.
 *
 * ## Main results
 * x_i[k] is exactly `embedAt(params, model, σ, i + 1, n)[k]` for the token σ at position i (it
 * *is* that table). When it is turned into gates (`bitsOf`), each bit is an OR of minterms
 * `[token_i = σ]`: depth ≤ 2, at most |Σ| + p gates per position and coordinate, and every later
 * per-position function of the token alone (layer 1's projections) is tabulated the same way.
 *
 * ## Implementation notes
 * The values are `token` values (`values.ts`); no gate is built here.
 *
 * ## References
 * - P1 = Merrill & Sabharwal, TACL 2023, Def 7 (embedding φ(σ, i)).
 *
 * @module
 */
import { embedAt, type TransformerModel } from '../../core/transformer.js';
import type { FloatParams } from '../../core/float.js';
import type { FloatVal } from './values.js';

/**
 * The embedding of every position as token values (tables over the alphabet).
 * @category stages
 */
export const embedTokens = (params: FloatParams, model: TransformerModel, n: number): FloatVal[][] =>
  Array.from({ length: n }, (_, i) => {
    const rows = model.alphabet.map((_, s) => embedAt(params, model, s, i + 1, n));
    return Array.from({ length: model.dModel }, (_, k): FloatVal => {
      const table = rows.map((r) => r[k]!);
      const same = table.every((f) => f.m === table[0]!.m && f.e === table[0]!.e);
      return same ? { kind: 'const', value: table[0]! } : { kind: 'token', position: i, table };
    });
  });
