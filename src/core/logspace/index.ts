/**
 * # Log-space machines
 *
 * The space-metered machine of the kernel (P1 Def 5, Lemma 2): programs as data over declared,
 * bounded registers (`program.ts`, built with the DSL of `dsl.ts`), the interpreter that runs
 * them and meters their work bits (`machine.ts`), and the record format in which uniform
 * generators print circuits (`gateStream.ts`). See docs/semantics.md, "Log-space machines".
 *
 * @module core/logspace
 */
export * from './program.js';
export * from './machine.js';
export * from './dsl.js';
export * from './gateStream.js';
