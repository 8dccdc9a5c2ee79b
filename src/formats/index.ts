/**
 * # Hardware formats
 *
 * Writers of kernel circuits for tools outside this library: the and-inverter-graph lowering
 * and AIGER (`aag`, `aig`), BLIF, structural Verilog, and the `sat` tier's miter as SMT-LIB 2.
 * The matching readers (AIGER, BLIF) are input formats and live in the kernel (`core`).
 * Where inputs and outputs are and how big each format gets: docs/formats.md, "Hardware formats".
 *
 * @module formats
 */
export * from './aig.js';
export * from './netlist.js';
export * from './smtlib.js';
