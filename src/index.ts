/**
 * # parallelism-tradeoff
 *
 * Executable, checked proofs of the circuit complexity of transformers. The package has three
 * entry points besides this one: `parallelism-tradeoff/core` (the trusted kernel),
 * `parallelism-tradeoff/reductions` (constructions) and `parallelism-tradeoff/proofs` (lemmas
 * as values, and the checker behind `tradeoff check`).
 *
 * @module parallelism-tradeoff
 */
export * as core from './core/index.js';
export * as reductions from './reductions/index.js';
export * as proofs from './proofs/index.js';
export * as formats from './formats/index.js';
export { VERSION } from './version.js';
/** The proof tree as `tradeoff check` prints it (lines; ANSI colours unless `NO_COLOR`). */
export { formatTree, formatLemma } from './cli/format.js';
