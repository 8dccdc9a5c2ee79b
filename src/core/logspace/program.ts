/**
 * # Space-bounded programs: the instruction set
 *
 * The programs the space-metered machine ({@link "core/logspace/machine"!runProgram | runProgram})
 * runs are plain data: an AST over a fixed, declared set of registers. There is no array, no
 * closure and no JS recursion a program could use to store more than its registers: the only
 * mutable state of a running program is the registers of the frames on its call stack, each a
 * natural number below a bound declared with the register (a formula in n and the run's
 * parameters, evaluated when the frame is pushed, checked on every write).
 *
 * ## Main definitions
 * - {@link Expr}: expressions over registers, constants, n, parameters, tape lengths and
 *   read-only tape cells (`read`). Values are natural numbers (safe integers); a subtraction
 *   below 0 or a result above 2^53 − 1 is refused.
 * - {@link Stmt}: `set`, `for` (a register counts from a to b − 1), `while`, `if`, `break`,
 *   `emit` (one record to the write-only output), `call` (a subprogram with its own frame),
 *   `pipe` (run a subprogram and handle each record it emits in the caller's frame: the
 *   composition of log-space transducers).
 * - {@link Proc}, {@link Program}: subprograms with declared registers, parameters and results.
 *
 * ## Implementation notes
 * - A register's bound may mention only constants, n, parameters and tape lengths (never a
 *   register), so the width of every frame is fixed when it is pushed.
 * - Records are a tag (from the program's declared alphabet) and a tuple of naturals.
 *
 * ## References
 * - P1 = Merrill & Sabharwal, TACL 2023, Def 5 (space-uniform circuit families).
 * - S. Arora, B. Barak, *Computational Complexity*, ch. 4 (space, log-space transducers and
 *   their composition).
 *
 * @module
 */

/** Binary operators on naturals (comparisons and `and`/`or` give 0 or 1). @category model */
export type BinOp = 'add' | 'sub' | 'mul' | 'div' | 'mod' | 'min' | 'max' | 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge' | 'and' | 'or';

/**
 * An expression. Its value is a natural number ≤ 2^53 − 1. `div`/`mod` by 0 is refused;
 * `bit(a, i)` = ⌊a / 2^i⌋ mod 2; `pow2(a)` = 2^a; `log2ceil(a)` = ⌈log₂ a⌉ (a ≥ 1);
 * `not(a)` = 1 iff a = 0; `cond(c, a, b)` = a if c ≠ 0 else b (only the chosen side is evaluated).
 * @category model
 */
export type Expr =
  | { readonly op: 'const'; readonly value: number }
  | { readonly op: 'reg'; readonly name: string }
  | { readonly op: 'param'; readonly name: string }
  | { readonly op: 'len'; readonly tape: string }
  | { readonly op: 'read'; readonly tape: string; readonly index: Expr }
  | { readonly op: BinOp; readonly a: Expr; readonly b: Expr }
  | { readonly op: 'not' | 'pow2' | 'log2ceil'; readonly a: Expr }
  | { readonly op: 'bit'; readonly a: Expr; readonly i: Expr }
  | { readonly op: 'cond'; readonly c: Expr; readonly a: Expr; readonly b: Expr };

/**
 * A statement.
 * - `for`: if from < to, reg := from and the body runs; then, while reg + 1 < to (re-evaluated
 *   each time), reg := reg + 1 and the body runs again. The register is never written past its
 *   last value, so `for x in 0..B` fits a register of bound B.
 * - `call`: push a frame of `proc` (registers 0), write `args` into its parameters, run it, pop it,
 *   copying its `results` registers into the caller's `into` registers.
 * - `pipe`: like `call` (without results), but every record `proc` emits is not written to the
 *   output: its tag's index in {@link Program.tags} goes into the caller's register `tag`, its
 *   fields into `fields` (missing ones 0, extra ones refused), and `body` runs in the caller's
 *   frame while the callee's frame stays on the stack. Records the body emits go to the caller's
 *   output.
 * - `break` leaves the innermost `for`/`while`.
 * @category model
 */
export type Stmt =
  | { readonly op: 'set'; readonly reg: string; readonly value: Expr }
  | { readonly op: 'for'; readonly reg: string; readonly from: Expr; readonly to: Expr; readonly body: readonly Stmt[] }
  | { readonly op: 'while'; readonly cond: Expr; readonly body: readonly Stmt[] }
  | { readonly op: 'if'; readonly cond: Expr; readonly then: readonly Stmt[]; readonly else: readonly Stmt[] }
  | { readonly op: 'break' }
  | { readonly op: 'emit'; readonly tag: string; readonly fields: readonly Expr[] }
  | { readonly op: 'call'; readonly proc: string; readonly args: readonly Expr[]; readonly into: readonly string[] }
  | {
      readonly op: 'pipe';
      readonly proc: string;
      readonly args: readonly Expr[];
      readonly tag: string;
      readonly fields: readonly string[];
      readonly body: readonly Stmt[];
    };

/** A register: a name and its bound (values are in 0 … bound − 1). @category model */
export interface RegDecl {
  readonly name: string;
  /** A formula of constants, n, parameters and tape lengths only. */
  readonly bound: Expr;
}

/** A subprogram: its registers (parameters among them), the ones its arguments go to, and its results. @category model */
export interface Proc {
  readonly name: string;
  readonly regs: readonly RegDecl[];
  /** Registers the call's arguments are written to, in order. */
  readonly params: readonly string[];
  /** Registers copied back to the caller on return, in order. */
  readonly results: readonly string[];
  readonly body: readonly Stmt[];
}

/** A whole program: subprograms, the entry point, the output alphabet, the parameters and tapes it reads. @category model */
export interface Program {
  readonly procs: readonly Proc[];
  /** The entry subprogram (no parameters). */
  readonly main: string;
  /** The tags records may carry. */
  readonly tags: readonly string[];
  /** Read-only scalar parameters besides n (e.g. `m`, `k`). */
  readonly params: readonly string[];
  /** Read-only input tapes (arrays of naturals read by index). */
  readonly tapes: readonly string[];
}
