import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isRenameRefusal, prepareRecordingRuleRename, renameRecordingRule } from '../../../server/src/service/navigation';
import { parseAlertsmithDocument } from '../../../server/src/service/document';
import { applyEdits, covered, indexFiles, withCursor, type Files } from './helpers';

const rules = [
  'groups:',
  '  - name: g',
  '    rules:',
  '      - record: job:req:rate5m',
  '        expr: sum by (job) (rate(requests_total[5m]))',
  "      - record: 'job:req:rate5m'",
  '        expr: sum by (job) (rate(other_requests_total[5m]))',
  '      - alert: Plain',
  '        expr: job:req:rate5m > 10',
  '      - alert: DoubleQuoted',
  '        expr: "{__name__=\\"job:req:rate5m\\", job=\\"a\\"} > 10"',
  '      - alert: Block',
  '        expr: |',
  '          rate(job:req:rate5m[1h])',
  '            > on(job) group_left',
  '          {"job:req:rate5m"} and job:req:rate5m_other',
  '',
].join('\n');

/** Renames at the cursor and returns every file's new text. */
function rename(files: Files, uri: string, position: { line: number; character: number }, newName: string): Files {
  const edit = renameRecordingRule(indexFiles(files), uri, position, newName);
  if (isRenameRefusal(edit)) assert.fail(edit.error);
  const out: Files = { ...files };
  for (const [target, edits] of Object.entries(edit.changes ?? {})) out[target] = applyEdits(files[target], edits);
  return out;
}

describe('renameRecordingRule', () => {
  test('replaces every record value and every use, whatever the quoting', () => {
    const { text, position } = withCursor("sum(job:req:‸rate5m) / ignoring(x) {__name__='job:req:rate5m'}");
    const result = rename({ 'file:///rules.yaml': rules, 'file:///q.promql': text }, 'file:///q.promql', position, 'job:requests:rate5m');
    assert.equal(result['file:///q.promql'], "sum(job:requests:rate5m) / ignoring(x) {__name__='job:requests:rate5m'}");
    assert.equal(
      result['file:///rules.yaml'],
      rules.replaceAll('job:req:rate5m\\"', 'job:requests:rate5m\\"').replace(/job:req:rate5m(?!_)/g, 'job:requests:rate5m'),
    );
    // The YAML still decodes to the renamed expressions.
    const parsed = parseAlertsmithDocument({ uri: 'file:///rules.yaml', languageId: 'yaml', text: result['file:///rules.yaml'] });
    assert.deepEqual(
      parsed.regions.map((r) => r.text),
      [
        'sum by (job) (rate(requests_total[5m]))',
        'sum by (job) (rate(other_requests_total[5m]))',
        'job:requests:rate5m > 10',
        '{__name__="job:requests:rate5m", job="a"} > 10',
        'rate(job:requests:rate5m[1h])\n  > on(job) group_left\n{"job:requests:rate5m"} and job:req:rate5m_other\n',
      ],
    );
  });

  test('edits are exact: each covers the old name only', () => {
    const edit = renameRecordingRule(indexFiles({ 'file:///rules.yaml': rules }), 'file:///rules.yaml', { line: 3, character: 18 }, 'x');
    assert.ok(!isRenameRefusal(edit));
    const edits = edit.changes?.['file:///rules.yaml'] ?? [];
    assert.equal(edits.length, 6);
    for (const e of edits) assert.equal(covered(rules, e.range), 'job:req:rate5m');
  });

  test('a name written once at an anchor and used by an alias is edited once', () => {
    const text =
      'groups:\n  - name: g\n    rules:\n      - record: &n a:b\n        expr: sum(x)\n      - record: *n\n        expr: sum(y)\n      - alert: A\n        expr: a:b > 0\n';
    const result = rename({ 'file:///r.yaml': text }, 'file:///r.yaml', { line: 8, character: 15 }, 'a:c');
    assert.equal(result['file:///r.yaml'], text.replace('&n a:b', '&n a:c').replace('expr: a:b', 'expr: a:c'));
  });

  const refusals: Array<[string, string, RegExp]> = [
    ['an invalid new name', 'job.req', /not a valid metric name/],
    ['a new name starting with a digit', '5m_rate', /not a valid metric name/],
    ['an empty new name', '', /not a valid metric name/],
    ['a name another recording rule has', 'job:other', /already exists/],
    ['a name ending with a colon', 'job:req:', /ends with ":"/],
    ['a keyword', 'offset', /keyword or number/],
    ['a keyword in capitals', 'BOOL', /keyword or number/],
    ['a number', 'Inf', /keyword or number/],
  ];
  for (const [title, newName, message] of refusals) {
    test(`refuses ${title}`, () => {
      const files = { 'file:///rules.yaml': rules + '      - record: job:other\n        expr: sum(x)\n' };
      const edit = renameRecordingRule(indexFiles(files), 'file:///rules.yaml', { line: 3, character: 18 }, newName);
      assert.ok(isRenameRefusal(edit), JSON.stringify(edit));
      assert.match(edit.error, message);
    });
  }

  test('refuses a metric that no rule records', () => {
    const { text, position } = withCursor('rate(requests_‸total[5m])');
    const edit = renameRecordingRule(
      indexFiles({ 'file:///rules.yaml': rules, 'file:///q.promql': text }),
      'file:///q.promql',
      position,
      'x',
    );
    assert.ok(isRenameRefusal(edit));
    assert.match(edit.error, /"requests_total" is not a recording rule/);
  });
});

describe('prepareRecordingRuleRename', () => {
  const cases: Array<[string, string, 'ok' | 'refused' | 'null']> = [
    ['a use of a recording rule', 'job:req:‸rate5m * 2', 'ok'],
    ['a quoted use', '{"job:req:‸rate5m"}', 'ok'],
    ['a metric no rule records', 'requests_‸total * 2', 'refused'],
    ['no name at all', 'sum(x) ‸ ', 'null'],
  ];
  for (const [title, marked, expected] of cases) {
    test(title, () => {
      const { text, position } = withCursor(marked);
      const result = prepareRecordingRuleRename(
        indexFiles({ 'file:///rules.yaml': rules, 'file:///q.promql': text }),
        'file:///q.promql',
        position,
      );
      const outcome = result === null ? 'null' : isRenameRefusal(result) ? 'refused' : 'ok';
      assert.equal(outcome, expected);
      if (result && !isRenameRefusal(result)) {
        assert.equal(result.placeholder, 'job:req:rate5m');
        assert.equal(covered(text, result.range), 'job:req:rate5m');
      }
    });
  }
});
