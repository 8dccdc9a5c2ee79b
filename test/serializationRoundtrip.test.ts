import { describe, expect, it } from 'vitest';
import { right } from 'fp-ts/lib/Either.js';
import { parseSerial, printSerial } from '../src/core/serialize.js';
import { verifySerializationRoundtrip } from '../src/proofs/serializationRoundtrip.js';
import type { VerifyContext } from '../src/proofs/lemma.js';

const ctx: VerifyContext = { seed: 11, full: false, progress: () => {} };

describe('serialization-roundtrip lemma', () => {
  it('holds with exhaustive and property tiers', async () => {
    const r = await verifySerializationRoundtrip(ctx);
    expect(r.verdict).toBe('holds');
    expect(r.tiers.map((t) => t.tier)).toEqual(['exhaustive', 'property']);
    expect(r.tiers[1]!.seed).toBe(11);
  });

  it('rejects a printer whose pointers are off by one, with a shrunk counterexample', async () => {
    // Broken: every pointer &1^j is printed as &1^(j+1) when j + 1 still names an earlier gate.
    const broken = {
      parse: parseSerial,
      print: (c: Parameters<typeof printSerial>[0]) => {
        const p = printSerial(c);
        if (p._tag === 'Left') return p;
        let gate = -1;
        const tokens = p.right.split(' ').map((t) => {
          if (!t.startsWith('&')) {
            if (!/^[01]+$/.test(t)) gate++;
            return t;
          }
          return t.length < gate ? `${t}1` : t;
        });
        return right(tokens.join(' '));
      },
    };
    const r = await verifySerializationRoundtrip(ctx, broken);
    expect(r.verdict).toBe('fails');
    const failing = r.tiers.find((t) => !t.holds)!;
    expect(failing.failure!.message).toMatch(/fails|differ|round trip/);
    const cex = failing.failure!.counterexample as { problem: string; text: string };
    expect(cex.problem).toBeTypeOf('string');
    expect(cex.text.length).toBeLessThan(60); // shrunk to a small circuit
  });

  it('rejects a parser that reads <= as >=', async () => {
    const broken = { print: printSerial, parse: (t: string, o?: { numOutputs?: number }) => parseSerial(t.replaceAll('<=', '>='), o) };
    const r = await verifySerializationRoundtrip(ctx, broken);
    expect(r.verdict).toBe('fails');
  });
});
