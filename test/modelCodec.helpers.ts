/** Unwrap model-codec results in tests: `ok` the Right (else throw the formatted errors), `errs` the formatted Left. */
import { isLeft, isRight, type Either } from 'fp-ts/lib/Either.js';
import { formatModelErrors, type ModelError } from '../src/core/modelCodec.js';

export const ok = <A>(r: Either<readonly ModelError[], A>): A => {
  if (isLeft(r)) throw new Error(formatModelErrors(r.left));
  return r.right;
};

export const errs = (r: Either<readonly ModelError[], unknown>): string => {
  if (isRight(r)) throw new Error('expected a Left');
  return formatModelErrors(r.left, 100);
};
