/**
 * # The circuit-evaluator transformer (P1 Lemma 3)
 *
 * Re-exports: {@link circuitEvaluatorTransformer} and its input format, random bounded-depth
 * circuits, the instruction families of P1 Corollaries 3.1–3.2, and the model builder.
 *
 * @module
 */
export * from './evaluatorTransformer.js';
export * from './evaluatorInput.js';
export * from './instructions.js';
export * from './modelBuilder.js';
