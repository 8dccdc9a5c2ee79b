// Mutation-killing tests for the z3 lifetime in src/core/smt.ts (docs/trust.md, "Mutation
// testing"): `init` and `killThreads` of z3-solver are wrapped, so that an initialisation can be
// made to fail (or to fail late) and thread shutdowns can be counted.
import { describe, expect, it, vi } from 'vitest';
import type * as Z3 from 'z3-solver';

const control = vi.hoisted(() => ({ failures: [] as (() => Promise<never>)[] }));
vi.mock('z3-solver', async (importOriginal) => {
  const real = await importOriginal<typeof Z3>();
  return {
    ...real,
    init: vi.fn(() => control.failures.shift()?.() ?? real.init()),
    killThreads: vi.fn((em: unknown) => real.killThreads(em)),
  };
});

const { init, killThreads } = await import('z3-solver');
const { checkEquivalenceSmt, formatSmtFailure, getZ3, shutdownZ3 } = await import('../src/core/smt.js');
const { createBuilder } = await import('../src/core/circuit.js');

describe('z3 lifetime', () => {
  const b = createBuilder();
  const [x] = b.inputs(1) as [number];
  const c = b.build([b.not(x)]);

  it('shutdownZ3 with no module loaded does nothing', async () => {
    await shutdownZ3();
    await shutdownZ3();
    expect(killThreads).not.toHaveBeenCalled();
    expect(init).not.toHaveBeenCalled();
  });

  it('a failed initialisation is reported (Error or not) and not cached', async () => {
    control.failures.push(() => Promise.reject(new Error('no wasm')));
    control.failures.push(() => Promise.reject('no memory')); // a non-Error rejection
    const r1 = await checkEquivalenceSmt(c, ({ inputs }) => [inputs[0]!.not()]);
    expect(r1._tag === 'Left' && formatSmtFailure(r1.left)).toBe('Unknown: checkEquivalenceSmt: z3 initialisation failed: no wasm');
    await expect(getZ3()).rejects.toBe('no memory');
    expect(init).toHaveBeenCalledTimes(2);
    const api = await getZ3();
    expect(init).toHaveBeenCalledTimes(3);
    expect(await getZ3()).toBe(api);
    expect(init).toHaveBeenCalledTimes(3);
    await shutdownZ3();
    expect(killThreads).toHaveBeenCalledTimes(1);
    expect(vi.mocked(killThreads).mock.calls[0]![0]).toBe(api.em); // identity: em must not be deep-compared
    await shutdownZ3();
    expect(killThreads).toHaveBeenCalledTimes(1);
  });

  it('a late failure of a forgotten initialisation leaves the current module alone', async () => {
    let reject: (e: unknown) => void = () => undefined;
    control.failures.push(() => new Promise<never>((_, rj) => (reject = rj)));
    const first = getZ3(); // pending, will fail
    const stop = shutdownZ3(); // forgets it while it is pending
    const second = getZ3(); // a new initialisation
    reject(new Error('late'));
    await expect(first).rejects.toThrow('late');
    await stop; // the failure is swallowed, no threads to kill
    expect(killThreads).toHaveBeenCalledTimes(1);
    const api = await second;
    expect(await getZ3()).toBe(api);
    await shutdownZ3();
    expect(killThreads).toHaveBeenCalledTimes(2);
    expect(vi.mocked(killThreads).mock.calls[1]![0]).toBe(api.em);
  });
});
