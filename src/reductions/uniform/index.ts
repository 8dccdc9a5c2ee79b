/**
 * # Uniform generators
 *
 * Programs of the space-metered machine (`src/core/logspace`) that print circuit families
 * record by record (P1 Def 5, Lemma 2), and the evaluator that computes a uniform circuit's
 * output from its generator without materializing it (uniform TC0 ⊆ L).
 *
 * @module reductions/uniform
 */
export * from './lookupTable.js';
export * from './evaluate.js';
export * from './layeredMajority.js';
export * from './iteratedAddition.js';
export * from './floatIteratedSum.js';
export * from './floatPrograms.js';
export * from './floatProgramsMore.js';
export * from './softmaxGeneralPrograms.js';
