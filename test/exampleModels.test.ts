import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeModelText } from '../src/core/modelCodec.js';
import { softmaxTwoLayerExample } from '../src/reductions/exampleModels.js';
import { majorityTransformer } from '../src/reductions/majorityTransformer.js';

const load = (name: string): unknown => {
  const r = decodeModelText(readFileSync(new URL(`../examples/${name}`, import.meta.url), 'utf8'));
  if (r._tag === 'Left') throw new Error(JSON.stringify(r.left));
  return r.right;
};

describe('the example models as values equal examples/*.json', () => {
  it('majority.json', () => expect(load('majority.json')).toEqual(majorityTransformer()));
  it('softmax-2layer.json', () => expect(load('softmax-2layer.json')).toEqual(softmaxTwoLayerExample()));
});

describe('bench/models/saturated-dense-1layer.json', () => {
  it('equals saturatedDenseExample()', async () => {
    const { saturatedDenseExample } = await import('../src/reductions/exampleModels.js');
    const r = decodeModelText(readFileSync(new URL('../bench/models/saturated-dense-1layer.json', import.meta.url), 'utf8'));
    expect(r._tag === 'Right' ? r.right : r.left).toEqual(saturatedDenseExample());
  });
});
