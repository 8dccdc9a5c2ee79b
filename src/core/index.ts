/**
 * # The trusted kernel
 *
 * Semantics and checkers only, no constructions: threshold circuits (P1 Defs 1–4) with their
 * metrics and two evaluators, the P1 §3 serialization, the JSON format, exact p-precision
 * floats (P1 App. A), the checkers that alone can make a {@link Verified} value, and the
 * verdict rules that alone decide whether a statement holds.
 *
 * @module core
 */
export * from './circuit.js';
export * from './metrics.js';
export * from './evaluate.js';
export * from './evaluateBitParallel.js';
export * from './evaluateWasm.js';
export * from './serialize.js';
export * from './codec.js';
export * from './aiger.js';
export * from './blif.js';
export * from './dot.js';
export * from './float.js';
export * from './bits.js';
export {
  Verified,
  SKIP,
  bitsToString,
  checkCasesExhaustive,
  checkCircuitExhaustive,
  checkCircuitProperty,
  checkCircuitSmt,
  checkFailure,
  checkProperty,
  isVerified,
  minDistinctInputs,
  uniformBits,
  type CaseOptions,
  type CheckFailure,
  type CircuitClaim,
  type CircuitCounterexample,
  type CircuitSpec,
  type CircuitStatement,
  type Evidence,
  type PropertyOptions,
  type Tier,
} from './check.js';
export { MAX_EXHAUSTIVE_INPUTS as MAX_EXHAUSTIVE_CHECK_INPUTS } from './check.js';
export * from './verdict.js';
export * from './smt.js';
export * from './floatExp.js';
export * from './transformer.js';
export * from './modelCodec.js';
export * as logspace from './logspace/index.js';
export * from './mpc/index.js';
export * from './tasks/index.js';
