/**
 * # The CLI's error for bad usage or bad input
 *
 * ## Main definitions
 * - {@link UsageError}: thrown by a command when its arguments or its input files are wrong;
 *   `src/cli/main.ts` prints the message (no stack trace) and exits with code 2.
 *
 * ## Implementation notes
 * A class of its own (not a plain Error) so that `main.ts` can tell it from a bug, which it
 * rethrows with its stack.
 *
 * @module
 */

/** Bad usage or bad input: exit code 2 with the message. */
export class UsageError extends Error {}
