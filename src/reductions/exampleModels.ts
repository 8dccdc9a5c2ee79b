/**
 * # The example models, as values
 *
 * The models of `examples/*.json` as TypeScript values, for the lemmas (the examples folder is
 * not part of the npm package); `test/exampleModels.test.ts` checks they are equal to the files.
 *
 * ## Main definitions
 * - {@link softmaxTwoLayerExample}: `examples/softmax-2layer.json`.
 * - `majorityTransformer` (in `majorityTransformer.ts`): `examples/majority.json`.
 *
 * @module
 */
import type { TransformerModel } from '../core/transformer.js';

/**
 * `examples/softmax-2layer.json`: Accept iff #a > #b > #c and 2·#b > #a + #c (the counts fall from a to b less than from b to c). Two layers of two uniform softmax heads (all scores 0, so exp_p(0) = 1 and every weight is 1 ⊘ fl(n)). Token features: x[0] = [a] − [b], x[1] = [b] − [c]. Layer 1: head 1 averages x[0] into x[2], head 2 averages x[1] into x[3]; the ffn replaces x[2] by min(x[2], x[3]) = x[2] − ReLU(x[2] − x[3]). Layer 2: head 1 averages 2[b] − [a] − [c] = x[1] − x[0] into x[3], head 2 recomputes the layer-1 average of x[1] (the same float) and subtracts it from x[3], which thus holds exactly the new average; the ffn again keeps the minimum in x[2]. Accept iff x[2] > 0 at the last position. Every average is an exact integer multiple of one positive weight, truncated once, so its sign is exact, and x − ReLU(x − y) has the sign of min(x, y) under truncation.
 * @category constructions
 */
export const softmaxTwoLayerExample = (): TransformerModel => ({
  "alphabet": [
    "a",
    "b",
    "c"
  ],
  "dModel": 4,
  "precision": {
    "c": 1
  },
  "causal": false,
  "tokenEmbedding": [
    [
      1,
      0,
      0,
      0
    ],
    [
      -1,
      1,
      0,
      0
    ],
    [
      0,
      -1,
      0,
      0
    ]
  ],
  "positional": {
    "kind": "none"
  },
  "layers": [
    {
      "heads": [
        {
          "attention": "softmax",
          "wq": [
            [
              0,
              0,
              0,
              0
            ]
          ],
          "wk": [
            [
              0,
              0,
              0,
              0
            ]
          ],
          "wv": [
            [
              1,
              0,
              0,
              0
            ]
          ],
          "wo": [
            [
              0
            ],
            [
              0
            ],
            [
              1
            ],
            [
              0
            ]
          ]
        },
        {
          "attention": "softmax",
          "wq": [
            [
              0,
              0,
              0,
              0
            ]
          ],
          "wk": [
            [
              0,
              0,
              0,
              0
            ]
          ],
          "wv": [
            [
              0,
              1,
              0,
              0
            ]
          ],
          "wo": [
            [
              0
            ],
            [
              0
            ],
            [
              0
            ],
            [
              1
            ]
          ]
        }
      ],
      "ffn": {
        "w1": [
          [
            0,
            0,
            1,
            -1
          ]
        ],
        "b1": [
          0
        ],
        "w2": [
          [
            0
          ],
          [
            0
          ],
          [
            -1
          ],
          [
            0
          ]
        ],
        "b2": [
          0,
          0,
          0,
          0
        ]
      }
    },
    {
      "heads": [
        {
          "attention": "softmax",
          "wq": [
            [
              0,
              0,
              0,
              0
            ]
          ],
          "wk": [
            [
              0,
              0,
              0,
              0
            ]
          ],
          "wv": [
            [
              -1,
              1,
              0,
              0
            ]
          ],
          "wo": [
            [
              0
            ],
            [
              0
            ],
            [
              0
            ],
            [
              1
            ]
          ]
        },
        {
          "attention": "softmax",
          "wq": [
            [
              0,
              0,
              0,
              0
            ]
          ],
          "wk": [
            [
              0,
              0,
              0,
              0
            ]
          ],
          "wv": [
            [
              0,
              1,
              0,
              0
            ]
          ],
          "wo": [
            [
              0
            ],
            [
              0
            ],
            [
              0
            ],
            [
              -1
            ]
          ]
        }
      ],
      "ffn": {
        "w1": [
          [
            0,
            0,
            1,
            -1
          ]
        ],
        "b1": [
          0
        ],
        "w2": [
          [
            0
          ],
          [
            0
          ],
          [
            -1
          ],
          [
            0
          ]
        ],
        "b2": [
          0,
          0,
          0,
          0
        ]
      }
    }
  ],
  "output": {
    "kind": "accept",
    "coordinate": 2
  }
} as const satisfies TransformerModel);

/**
 * A one-layer saturated-attention model with real scores (d_model = 2, W_Q = [1, 1/2],
 * W_K = [1/2, 1], a positional table that breaks ties, c = 1): accept iff coordinate 1 of the
 * last position is > 0. It computes nothing in particular; it is the depth sweep's model whose
 * scores do not fold to constants (unlike the two examples, whose heads attend uniformly).
 * @category constructions
 */
export const saturatedDenseExample = (): TransformerModel => ({
  alphabet: ['a', 'b'],
  dModel: 2,
  precision: { c: 1 },
  causal: false,
  tokenEmbedding: [
    [1, 0.5],
    [-0.5, 1],
  ],
  positional: { kind: 'affine', constant: [0, 0], index: [0, 0], fraction: [0.5, -0.25] },
  layers: [
    {
      heads: [{ attention: 'saturated', wq: [[1, 0.5]], wk: [[0.5, 1]], wv: [[1, -1]], wo: [[0], [1]] }],
      ffn: null,
    },
  ],
  output: { kind: 'accept', coordinate: 1 },
});
