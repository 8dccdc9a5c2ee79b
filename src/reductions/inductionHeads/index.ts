/**
 * # k-hop induction heads: constructions (P2 §4)
 *
 * ## Main definitions
 * - `khopTransformer.ts`: the masked transformer (one hard head per layer, width 17,
 *   ⌈log₂ k⌉ + 2 layers) of P2 Thm 4.2.
 * - `khopContentTransformer.ts`: the same with a content hop per layer: ⌊log₂ k⌋ + 2 layers
 *   (P2 Thm 4.2's count), width 23, N ≤ 226.
 * - `khopMpc.ts`: the pointer-doubling MPC protocol (2⌊log₂ k⌋ + 6 rounds).
 *
 * ## References
 * P2 = Sanford, Hsu & Telgarsky, ICML 2024, Def 4.1, Thm 4.2.
 *
 * @module
 */
export * from './khopTransformer.js';
export * from './khopMpc.js';
export * from './khopContentTransformer.js';
