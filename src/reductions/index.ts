/**
 * # Constructions (untrusted)
 *
 * Everything here builds circuits; nothing here is trusted: each construction is checked
 * against the kernel's semantics by the lemmas of `src/proofs`.
 *
 * @module reductions
 */
export * from './lookupTable.js';
export * from './uniform/index.js';
export * from './random.js';
export * from './randomCircuit.js';
export * from './expandWeights.js';
export * from './arithmetic/index.js';
export * from './randomTransformer.js';
export * from './transformerAsGeneral.js';
export * from './compile/index.js';
export * from './majorityTransformer.js';
export * from './exampleModels.js';
export * from './inductionHeads/index.js';
export * from './mpcToTransformer/compile.js';
export * from './transformerToMpc/simulate.js';
export * from './pComplete/index.js';
export * from './circuitEvaluator/index.js';
