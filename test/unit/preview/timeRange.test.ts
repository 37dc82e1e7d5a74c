import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatDuration, parseStep, rangePresets } from '../../../client/src/preview/timeRange';

describe('parseStep', () => {
  const cases: Array<[string, number | undefined]> = [
    ['15', 15_000],
    ['0.5', 500],
    ['30s', 30_000],
    ['1m30s', 90_000],
    ['2h', 7_200_000],
    ['250ms', 250],
    [' 5m ', 300_000],
    ['0', undefined],
    ['0s', undefined],
    ['', undefined],
    ['30s1m', undefined],
    ['-5s', undefined],
    ['abc', undefined],
  ];
  for (const [text, expected] of cases) test(JSON.stringify(text), () => assert.equal(parseStep(text), expected));
});

describe('formatDuration', () => {
  for (const ms of [250, 15_000, 90_000, 3_600_000, 93_784_000])
    test(`${ms} survives a round trip`, () => assert.equal(parseStep(formatDuration(ms)), ms));
  test('presets run from 5m to 7d', () => assert.deepEqual([rangePresets[0].label, rangePresets.at(-1)?.label], ['5m', '7d']));
  test('preset labels say their length', () => {
    for (const preset of rangePresets) assert.equal(parseStep(preset.label), preset.ms);
  });
});
