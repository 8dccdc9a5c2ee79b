/**
 * # The transformer compiler
 *
 * Concrete transformers (`src/core/transformer.ts`) to threshold circuits, for each input
 * length n (P1 Theorem 2). Re-exports only; each stage is one file.
 *
 * @module
 */
export * from './types.js';
// arithmetic route
export * from './foldingBuilder.js';
export * from './embedSubcircuit.js';
export * from './simplify.js';
export * from './constants.js';
export * from './unaryTable.js';
export * from './compare.js';
export * from './values.js';
export * from './embedding.js';
export * from './projection.js';
export * from './attention.js';
export * from './feedForward.js';
export * from './output.js';
export * from './arithmeticRoute.js';
export * from './paperRoute.js';
