/**
 * # Tasks: reference definitions of problems from the papers
 *
 * The functions constructions are checked against, each with a JSON form and random instances.
 *
 * ## Main definitions
 * - `khop.ts`: k-hop induction heads (P2 Def 4.1): {@link find1}, {@link findK}, {@link hopK},
 *   the task format {@link KHopTaskC}, random instances {@link arbKHopInstance}.
 *
 * ## References
 * P2 = Sanford, Hsu & Telgarsky, ICML 2024, Def 4.1.
 *
 * @module
 */
export * from './khop.js';
