/**
 * # P-completeness reductions (P1 §2)
 *
 * Log-space reductions from the circuit value problem to linear equalities (x ≥ 0) and to
 * universal context-free recognition with ε-productions, as plain functions and as programs of
 * the space-metered machine, with reference solvers for the targets.
 *
 * @module reductions/pComplete
 */
export * from './cvp.js';
export * from './linearEqualities.js';
export * from './leSolver.js';
export * from './cfgMembership.js';
export * from './cfgRecognize.js';
export * from './metered.js';
