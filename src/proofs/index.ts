/**
 * # Lemmas and theorems as values
 *
 * Each statement of the papers that the library verifies, with its reference, claimed bounds,
 * tiers and dependencies, and the runner behind `tradeoff check`.
 *
 * @module proofs
 */
export * from './lemma.js';
export * from './registry.js';
export * from './checkAll.js';
export * from './arithmeticLemma.js';
export * from './lookupTable.js';
export * from './uniform/lookupTableUniform.js';
export * from './uniform/uniformTc0InL.js';
export * from './uniform/iteratedAdditionUniform.js';
export * from './floatTruncation.js';
export * from './serializationRoundtrip.js';
export * from './arithmetic/comparison.js';
export * from './arithmetic/integerAddition.js';
export * from './arithmetic/bitCount.js';
export * from './arithmetic/iteratedAddition.js';
export * from './arithmetic/multiplication.js';
export * from './arithmetic/shallowFamilies.js';
export * from './arithmetic/iteratedAdditionShallow.js';
export * from './arithmetic/multiplicationShallow.js';
export * from './arithmetic/floatIteratedSumShallow.js';
export * from './arithmetic/floatIteratedSum.js';
export * from './arithmetic/floatOps.js';
export * from './sweeps.js';
export * from './transformer/majorityByAttention.js';
export * from './transformer/attentionAsThreshold.js';
export * from './transformer/transformerToTc0.js';
export * from './p2/khopMpc.js';
export * from './p2/khopTransformer.js';
export * from './p2/lowerBounds.js';
export * from './p2/mpcToTransformer.js';
export * from './p2/transformerToMpc.js';
export * from './pComplete/cvpReduction.js';
export * from './pComplete/cvpToLinearEqualities.js';
export * from './pComplete/cvpToCfgMembership.js';
export * from './circuitEvaluator/transformerEvaluatesTc0.js';
export * from './circuitEvaluator/roundTrip.js';
export * from './circuitEvaluator/corollaries.js';
export * from './parallelismTradeoff.js';
