/**
 * # The transformer → threshold-circuit compiler
 *
 * The compiler's common types and its routes.
 *
 * @module
 */
export * from './types.js';
export * from './paperRoute.js';
