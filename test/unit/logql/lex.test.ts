import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lexLogQL } from '../../../server/src/service/logql/lex';
import { stringValue, valueRange } from '../../../server/src/service/logql/strings';

/** Each token as `kind:text`, problems as `code@from-to`. */
function lex(text: string): { tokens: string[]; problems: string[] } {
  const result = lexLogQL(text);
  return {
    tokens: result.tokens.map((t) => `${t.kind}:${text.slice(t.from, t.to)}`),
    problems: result.problems.map((p) => `${p.code}@${p.from}-${p.to}`),
  };
}

const cases: Array<{ text: string; tokens: string[]; problems?: string[] }> = [
  {
    text: '{app="api"} |= "error" != `x` |~ "a" !~ "b" |> "<_>" !> "c"',
    tokens: [
      '{:{',
      'identifier:app',
      'operator:=',
      'string:"api"',
      '}:}',
      'operator:|=',
      'string:"error"',
      'operator:!=',
      'string:`x`',
      'operator:|~',
      'string:"a"',
      'operator:!~',
      'string:"b"',
      'operator:|>',
      'string:"<_>"',
      'operator:!>',
      'string:"c"',
    ],
  },
  {
    text: 'sum by (app) (rate({a=~"x"}[ 5m ])) >= 2 == 1 <= 3 ^ 4 % 5',
    tokens: [
      'identifier:sum',
      'identifier:by',
      '(:(',
      'identifier:app',
      '):)',
      '(:(',
      'identifier:rate',
      '(:(',
      '{:{',
      'identifier:a',
      'operator:=~',
      'string:"x"',
      '}:}',
      '[:[',
      'duration:5m',
      ']:]',
      '):)',
      '):)',
      'operator:>=',
      'number:2',
      'operator:==',
      'number:1',
      'operator:<=',
      'number:3',
      'operator:^',
      'number:4',
      'operator:%',
      'number:5',
    ],
  },
  // Durations, sizes, signed durations and a minus that stays an operator.
  {
    text: '| d > -5s | b < 1.5MiB | n > 2 - 1 | x = 0x1p3',
    tokens: [
      'operator:|',
      'identifier:d',
      'operator:>',
      'duration:-5s',
      'operator:|',
      'identifier:b',
      'operator:<',
      'bytes:1.5MiB',
      'operator:|',
      'identifier:n',
      'operator:>',
      'number:2',
      'operator:-',
      'number:1',
      'operator:|',
      'identifier:x',
      'operator:=',
      'number:0x1p3',
    ],
  },
  // Letters beyond ASCII, alone or after ASCII ones; `²` is a number (\p{N}) only inside a name.
  {
    text: 'é_1 abcΩ x² _ ẞ',
    tokens: ['identifier:é_1', 'identifier:abcΩ', 'identifier:x²', 'identifier:_', 'identifier:ẞ'],
  },
  // Unicode white space separates tokens as JavaScript's \s does; a lone `!` is not an operator.
  {
    text: 'a\u00a0b\u2028c ! d',
    tokens: ['identifier:a', 'identifier:b', 'identifier:c', 'identifier:d'],
    problems: ['logql/syntax-error@6-7'],
  },
  // Parser flags, known and unknown; `--` before a non-letter is two minus operators.
  {
    text: '| logfmt --strict --keep-empty --Fast-x -- 1',
    tokens: [
      'operator:|',
      'identifier:logfmt',
      'flag:--strict',
      'flag:--keep-empty',
      'flag:--Fast-x',
      'operator:-',
      'operator:-',
      'number:1',
    ],
    problems: ['logql/syntax-error@31-39'],
  },
  // Comments, an unterminated range, escapes Go rejects.
  {
    text: '{a="\\q\\x41"} # note\n[5m',
    tokens: ['{:{', 'identifier:a', 'operator:=', 'string:"\\q\\x41"', '}:}', '[:[', 'duration:5m'],
    problems: ['logql/invalid-string@4-6', 'logql/syntax-error@20-21'],
  },
  { text: '@ "open', tokens: ['string:"open'], problems: ['logql/syntax-error@0-1', 'logql/syntax-error@2-7'] },
];

test('lexLogQL splits queries into Loki tokens', () => {
  for (const { text, tokens, problems = [] } of cases) {
    assert.deepEqual(lex(text), { tokens, problems }, text);
  }
});

test('lexLogQL tracks nesting and stream selector braces', () => {
  const result = lexLogQL('sum(rate(({a="b"} | json)[1m]))');
  assert.equal(result.maxDepth, 3);
  assert.deepEqual(
    result.tokens.filter((t) => t.inBraces).map((t) => t.kind),
    ['identifier', 'operator', 'string'],
  );
  assert.equal(result.tokens.find((t) => t.kind === 'identifier' && t.from === 11)?.depth, 3);
});

test('string values map back to the query, with and without escapes', () => {
  const query = 'x "a\\tb\\u00e9c" `r\\n` "plain"';
  const escaped = stringValue(query, 2, 15);
  assert.equal(escaped.value, 'a\tbéc');
  assert.deepEqual(escaped.sourceOffset, [3, 4, 6, 7, 13, 14]);
  assert.deepEqual(valueRange(escaped, 3, 5), { from: 7, to: 14 });

  const raw = stringValue(query, 16, 21);
  assert.equal(raw.value, 'r\\n');
  assert.deepEqual(raw.sourceOffset, [17, 18, 19, 20]);

  const plain = stringValue(query, 22, 29);
  assert.equal(plain.value, 'plain');
  assert.deepEqual(valueRange(plain, 1, 3), { from: 24, to: 26 });
  assert.deepEqual(plain.sourceOffset, [23, 24, 25, 26, 27, 28]);

  const unterminated = stringValue('"ab', 0, 3);
  assert.equal(unterminated.value, 'ab');
  assert.deepEqual(unterminated.sourceOffset, [1, 2, 3]);
});
