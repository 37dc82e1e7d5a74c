import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parsePrometheusAuth } from '../../../../server/src/protocol';
import { readPrometheusSettings } from '../../../../server/src/sources/prometheus/liveSource';
import { chooseStep, parseQueryData } from '../../../../server/src/sources/prometheus/queryApi';

describe('readPrometheusSettings', () => {
  const cases: Array<[string, unknown, unknown]> = [
    ['defaults', undefined, { url: 'http://localhost:9090', auth: undefined, headers: {}, tlsSkipVerify: false, timeoutMs: undefined }],
    ['empty url turns live features off', { url: '' }, undefined],
    ['not http', { url: 'ftp://x' }, undefined],
    [
      'headers, tls and timeout',
      { url: 'https://p', headers: { 'X-Scope-OrgID': 'team', 'bad header': 'x', n: 1 }, tlsSkipVerify: true, timeoutMs: 500 },
      { url: 'https://p', auth: undefined, headers: { 'X-Scope-OrgID': 'team' }, tlsSkipVerify: true, timeoutMs: 500 },
    ],
  ];
  for (const [title, input, expected] of cases) it(title, () => assert.deepEqual(readPrometheusSettings(input), expected));
});

describe('parsePrometheusAuth', () => {
  it('accepts bearer and basic, ignores junk', () => {
    assert.deepEqual(parsePrometheusAuth({ kind: 'bearer', token: 't' }), { kind: 'bearer', token: 't' });
    assert.deepEqual(parsePrometheusAuth({ kind: 'basic', username: 'u', password: 'p', extra: 1 }), {
      kind: 'basic',
      username: 'u',
      password: 'p',
    });
    for (const junk of [null, 'x', { kind: 'bearer', token: '' }, { kind: 'basic', username: 'u' }])
      assert.equal(parsePrometheusAuth(junk), undefined);
  });
});

describe('parseQueryData', () => {
  const cases: Array<[string, unknown, unknown]> = [
    [
      'vector with special values',
      {
        resultType: 'vector',
        result: [
          { metric: { a: 'b' }, value: [1.5, '+Inf'] },
          { metric: {}, value: [1, 'NaN'] },
        ],
      },
      {
        resultType: 'vector',
        series: [
          { metric: { a: 'b' }, samples: [[1500, Infinity]] },
          { metric: {}, samples: [[1000, NaN]] },
        ],
      },
    ],
    [
      'matrix',
      {
        resultType: 'matrix',
        result: [
          {
            metric: {},
            values: [
              [1, '2'],
              [2, '-Inf'],
            ],
          },
        ],
      },
      {
        resultType: 'matrix',
        series: [
          {
            metric: {},
            samples: [
              [1000, 2],
              [2000, -Infinity],
            ],
          },
        ],
      },
    ],
    ['scalar', { resultType: 'scalar', result: [3, '4'] }, { resultType: 'scalar', sample: [3000, 4] }],
    ['bad value', { resultType: 'scalar', result: [3, 'four'] }, 'invalid-response'],
    ['unknown type', { resultType: 'table', result: [] }, 'invalid-response'],
    ['not an object', [1], 'invalid-response'],
  ];
  for (const [title, input, expected] of cases) {
    it(title, () => {
      const parsed = parseQueryData(input);
      assert.deepEqual('kind' in parsed ? parsed.kind : parsed, expected);
    });
  }
});

describe('chooseStep', () => {
  const cases: Array<[string, number, number | undefined, number]> = [
    ['1h -> 15s', 3600_000, undefined, 15_000],
    ['1d -> 6m rounded to 10m', 86_400_000, undefined, 600_000],
    ['requested step kept', 3600_000, 5000, 5000],
    ['requested step raised to stay under 11,000 points', 30 * 86_400_000, 1000, Math.ceil((30 * 86_400_000) / 10_999)],
    ['tiny range -> 1s floor', 10_000, undefined, 1000],
  ];
  for (const [title, range, requestedMs, expected] of cases) it(title, () => assert.equal(chooseStep(0, range, { requestedMs }), expected));
});
