/**
 * # The registry of lemmas and theorems
 *
 * Every statement `tradeoff check` verifies, in dependency order (a lemma comes after what it
 * depends on).
 *
 * @module
 */
import type { Lemma } from './lemma.js';
import { bitCountLemma } from './arithmetic/bitCount.js';
import { comparisonLemma } from './arithmetic/comparison.js';
import { integerAdditionLemma } from './arithmetic/integerAddition.js';
import { iteratedAdditionLemma } from './arithmetic/iteratedAddition.js';
import { multiplicationLemma } from './arithmetic/multiplication.js';
import { iteratedAdditionShallowLemma } from './arithmetic/iteratedAdditionShallow.js';
import { multiplicationShallowLemma } from './arithmetic/multiplicationShallow.js';
import { floatIteratedSumShallowLemma } from './arithmetic/floatIteratedSumShallow.js';
import { floatCompareLemma, floatDivLemma, floatMulLemma } from './arithmetic/floatOps.js';
import { floatIteratedSumLemma } from './arithmetic/floatIteratedSum.js';
import { floatTruncationLemma } from './floatTruncation.js';
import { lookupTableLemma } from './lookupTable.js';
import { lookupTableUniformLemma } from './uniform/lookupTableUniform.js';
import { uniformTc0InLLemma } from './uniform/uniformTc0InL.js';
import { transformerToTc0UniformLemma } from './uniform/transformerToTc0Uniform.js';
import { iteratedAdditionUniformLemma } from './uniform/iteratedAdditionUniform.js';
import { floatIteratedSumUniformLemma } from './uniform/floatIteratedSumUniform.js';
import { cvpToLinearEqualitiesLemma } from './pComplete/cvpToLinearEqualities.js';
import { cvpToCfgMembershipLemma } from './pComplete/cvpToCfgMembership.js';
import { serializationRoundtripLemma } from './serializationRoundtrip.js';
import { majorityByAttentionLemma } from './transformer/majorityByAttention.js';
import { attentionAsThresholdLemma } from './transformer/attentionAsThreshold.js';
import { transformerToTc0Lemma } from './transformer/transformerToTc0.js';
import { transformerEvaluatesTc0Lemma } from './circuitEvaluator/transformerEvaluatesTc0.js';
import { adviceTransformersLemma, instructionFollowingLemma } from './circuitEvaluator/corollaries.js';
import { parallelismTradeoffTheorem } from './parallelismTradeoff.js';
import { khopMpcLemma } from './p2/khopMpc.js';
import { khopTransformerLemma } from './p2/khopTransformer.js';
import { p2LowerBoundLemmas } from './p2/lowerBounds.js';
import { mpcToTransformerLemma } from './p2/mpcToTransformer.js';
import { transformerToMpcLemma } from './p2/transformerToMpc.js';

/** All lemmas, dependencies first. @category registry */
export const registry: readonly Lemma[] = [
  lookupTableLemma,
  lookupTableUniformLemma,
  cvpToLinearEqualitiesLemma,
  cvpToCfgMembershipLemma,
  floatTruncationLemma,
  serializationRoundtripLemma,
  comparisonLemma,
  integerAdditionLemma,
  bitCountLemma,
  iteratedAdditionLemma,
  iteratedAdditionUniformLemma,
  multiplicationLemma,
  iteratedAdditionShallowLemma,
  multiplicationShallowLemma,
  floatIteratedSumLemma,
  floatIteratedSumShallowLemma,
  floatIteratedSumUniformLemma,
  floatMulLemma,
  floatDivLemma,
  floatCompareLemma,
  attentionAsThresholdLemma,
  majorityByAttentionLemma,
  transformerToTc0Lemma,
  transformerToTc0UniformLemma,
  uniformTc0InLLemma,
  transformerEvaluatesTc0Lemma,
  instructionFollowingLemma,
  adviceTransformersLemma,
  // P1's headline, conditional on L ≠ P: cited, with its checked steps as dependencies
  parallelismTradeoffTheorem,
  khopMpcLemma,
  khopTransformerLemma,
  transformerToMpcLemma,
  mpcToTransformerLemma,
  // P2's conditional lower bounds: cited with their assumptions, finite instances checked
  ...p2LowerBoundLemmas,
];

/** Find a lemma by id. @category registry */
export const findLemma = (id: string, lemmas: readonly Lemma[] = registry): Lemma | undefined => lemmas.find((l) => l.id === id);
