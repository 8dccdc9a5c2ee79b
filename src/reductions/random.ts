/**
 * # Seeded randomness for constructions
 *
 * Reproducible random choices (random Boolean functions, random circuits) from a seed, with
 * pure-rand's xoroshiro128+ generator: the same seed gives the same object on every machine.
 *
 * @module
 */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformInt } from 'pure-rand/distribution/uniformInt';

/** A stateful draw of integers in [min, max] from a seed. @category model */
export type IntDraw = (min: number, max: number) => number;

/**
 * A seeded integer source. Each call of the returned function advances the generator.
 * @example
 * ```ts
 * const draw = seededInts(42);
 * draw(0, 1); // a bit, the same on every run
 * ```
 * @category constructors
 */
export const seededInts = (seed: number): IntDraw => {
  const rng = xoroshiro128plus(seed);
  return (min, max) => uniformInt(rng, min, max);
};
