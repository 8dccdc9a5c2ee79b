/**
 * # Massively parallel computation (P2 Def 2.3)
 *
 * The kernel's MPC model: the semantics every MPC construction is checked against
 * (`semantics.ts`), protocols as data (`tableProtocol.ts`: routing plus local table look-ups,
 * with an io-ts JSON form), and random protocols for property tests (`arbitrary.ts`).
 *
 * ## Main definitions
 * - {@link MpcProtocol}, {@link runMpc}, {@link MpcViolation}, {@link gammaDeltaBudget}.
 * - {@link TableProtocol}, {@link tableProtocolToMpc}, {@link decodeTableProtocol},
 *   {@link encodeTableProtocol}.
 * - {@link arbTableProtocol}.
 *
 * ## Implementation notes
 * How to build on it (transformer-to-mpc, mpc-to-transformer, k-hop): write a protocol as
 * `{ name, machines: q, memory: s, wordBits, rounds: R, local }` where `local(ctx, memory)` is
 * pure and returns messages `{ to, words }`; the input words sit on machines 0 … ⌈n/s⌉ − 1,
 * s per machine; a machine's memory in the next round is exactly what it received (keep a
 * word by sending it to yourself); the output is the final memories concatenated. `runMpc`
 * returns `Right(run)` with per-round figures (`maxSent`, `maxReceived`, `peakMemory`), or
 * `Left(violation)` naming the bound, machine and round. See `docs/semantics.md` ("MPC").
 *
 * ## References
 * P2 = Sanford, Hsu & Telgarsky, ICML 2024, Def 2.3.
 *
 * @module
 */
export * from './semantics.js';
export * from './tableProtocol.js';
export * from './arbitrary.js';
