/**
 * # The transformer → threshold-circuit compiler
 *
 * The compiler's common types and its routes: the arithmetic route (explicit float circuits,
 * one stage per file) and the paper route. Re-exports only.
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
export * from './attentionHeadCircuit.js';
