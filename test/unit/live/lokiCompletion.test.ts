import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { MarkupContent } from 'vscode-languageserver-types';
import { staticLokiSnapshot } from '../../../server/src/service/live/lokiSnapshot';
import { getLanguageService } from '../../../server/src/service/languageService';
import { completeLogQL } from '../../../server/src/service/logql/completion';
import { liveLogQLCompletion, liveLogQLHover } from '../../../server/src/service/logql/liveLoki';

const snapshot = staticLokiSnapshot({
  streams: [
    { app: 'api', namespace: 'prod', level: 'error' },
    { app: 'api', namespace: 'staging', level: 'info' },
    { app: 'web', namespace: 'prod', level: 'info' },
    { app: 'say "hi"', namespace: 'demo', level: 'info' },
    { app: 'worker', namespace: 'batch', __stream_shard__: '1' },
  ],
});

/** `|` marks the cursor; `live` is the live items offered first, in order (undefined: no live items). */
const cases: Array<{ title: string; input: string; live: string[] | undefined; insert?: string }> = [
  { title: 'label names in an empty selector', input: '{|}', live: ['app', 'level', 'namespace'] },
  { title: 'label names scoped by the matchers typed', input: '{app="worker", |}', live: ['app', 'namespace'] },
  { title: 'values of a label', input: '{app="|"}', live: ['api', 'say "hi"', 'web', 'worker'] },
  { title: 'values scoped by the other matchers', input: '{namespace="prod", app="|"}', live: ['api', 'web'] },
  { title: 'scoped by matchers after the cursor, and partial values', input: '{app="a|", level=~"err.*"}', live: ['api'] },
  {
    title: 'a regex matching "" scopes nothing (Loki would refuse it)',
    input: '{namespace=~".*", app="|"}',
    live: ['api', 'say "hi"', 'web', 'worker'],
  },
  { title: 'an unquoted value gets quotes', input: '{app=|}', live: ['api', 'say "hi"', 'web', 'worker'], insert: '"say \\"hi\\""' },
  { title: 'a quoted value is escaped', input: '{app="|"}', live: ['api', 'say "hi"', 'web', 'worker'], insert: 'say \\"hi\\"' },
  { title: 'a raw string is not', input: '{app=`|`}', live: ['api', 'say "hi"', 'web', 'worker'], insert: 'say "hi"' },
  {
    title: 'grouping labels scoped by the only selector',
    input: 'sum by (|) (rate({namespace="prod"}[5m]))',
    live: ['app', 'level', 'namespace'],
  },
  { title: 'in a metric query too', input: 'sum(rate({app="api", namespace="|"}[5m]))', live: ['prod', 'staging'] },
  { title: 'not for a label filter after a parser', input: '{app="api"} | logfmt | level="|"', live: undefined },
  { title: 'not after the selector', input: '{app="api"} |= "|"', live: undefined },
];

describe('live LogQL completion', () => {
  for (const { title, input, live, insert } of cases) {
    it(title, () => {
      const offset = input.indexOf('|');
      const text = input.slice(0, offset) + input.slice(offset + 1);
      const base = completeLogQL(text, offset);
      const result = liveLogQLCompletion(text, offset, snapshot, base);
      const liveItems = result.items.filter((item) => item.detail?.endsWith('in Loki'));
      assert.deepEqual(liveItems.length ? liveItems.map((item) => item.label) : undefined, live);
      assert.equal(result.from, base.from);
      assert.equal(result.to, base.to);
      if (live) {
        // Live items rank before the static ones, which stay (without duplicates).
        const sorted = [...result.items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
        assert.deepEqual(
          sorted.slice(0, live.length).map((item) => item.label),
          live,
        );
        assert.equal(new Set(result.items.map((item) => item.label)).size, result.items.length);
      }
      if (insert) assert.equal(result.items.find((item) => item.label === 'say "hi"')?.insertText, insert);
    });
  }

  it('values not fetched yet: the static items, marked incomplete', () => {
    const empty = staticLokiSnapshot({ streams: undefined });
    const text = '{app=""}';
    const base = completeLogQL(text, 6);
    assert.deepEqual(liveLogQLCompletion(text, 6, empty, base), { ...base, isIncomplete: true });
  });

  it('an unreachable Loki changes nothing', () => {
    const down = staticLokiSnapshot({ reachable: false, streams: [{ app: 'x' }] });
    const base = completeLogQL('{app=""}', 6);
    assert.equal(liveLogQLCompletion('{app=""}', 6, down, base), base);
  });
});

describe('live LogQL hover', () => {
  it('a stream label: values known overall and among the streams the rest of the selector picks', () => {
    const text = '{namespace="prod", app="api"}';
    const hover = liveLogQLHover(text, text.indexOf('app') + 1, snapshot);
    assert.deepEqual(hover && { from: hover.from, to: hover.to }, { from: 19, to: 22 });
    assert.match(
      hover?.markdown ?? '',
      /\*\*4\*\* values of `app` in the last 6h, \*\*2\*\* among streams matching `\{namespace="prod"\}`/,
    );
    assert.match(hover?.markdown ?? '', /e\.g\. `api`, `web`/);
  });
  it('nothing elsewhere', () => {
    assert.equal(liveLogQLHover('{app="api"} |= "x"', 15, snapshot), undefined);
  });
  it("a selector's braces: the streams it selects (Loki's /series), what tells them apart, a few of them", () => {
    const text = 'sum(count_over_time({level="info"} |= "x" [5m]))';
    for (const offset of [text.indexOf('{'), text.indexOf('}')]) {
      const hover = liveLogQLHover(text, offset, snapshot);
      assert.deepEqual(hover && { from: hover.from, to: hover.to }, { from: offset, to: offset + 1 });
      const markdown = hover?.markdown ?? '';
      assert.match(markdown, /\*\*3\*\* streams match `\{level="info"\}` in the last 6h/);
      assert.match(markdown, /tell them apart: `app` \(3\), `namespace` \(3\)/);
      assert.doesNotMatch(markdown, /`level` \(/, 'the same in every stream');
      assert.match(markdown, /\{app="web", namespace="prod", level="info"\}/);
    }
    // A selector that scopes nothing is not asked about (Loki would refuse it).
    assert.equal(liveLogQLHover('{app=~".*"}', 0, snapshot), undefined);
  });
});

describe('the facade with a live Loki', () => {
  const service = getLanguageService({ loki: () => snapshot });
  it('completes stream values in a .logql file and in a Loki rule file', () => {
    const logql = TextDocument.create('file:///q.logql', 'logql', 1, '{namespace="staging", app=""}');
    assert.deepEqual(
      service
        .doComplete(logql, { line: 0, character: 27 })
        .items.filter((i) => i.detail === 'app in Loki')
        .map((i) => i.label),
      ['api'],
    );
    const rules =
      'groups:\n  - name: g\n    rules:\n      - alert: Errors\n        expr: sum(count_over_time({app="worker", namespace=""}[5m])) > 0\n';
    const yaml = TextDocument.create('file:///rules.yaml', 'yaml', 1, rules);
    const line = rules.split('\n')[4];
    const items = service.doComplete(yaml, { line: 4, character: line.indexOf('namespace=""') + 11 }).items;
    assert.deepEqual(
      items.filter((i) => i.detail === 'namespace in Loki').map((i) => i.label),
      ['batch'],
    );
  });
  it('adds the live count under the static hover', () => {
    const logql = TextDocument.create('file:///h.logql', 'logql', 1, '{app="api"}');
    const hover = service.doHover(logql, { line: 0, character: 2 });
    const value = (hover?.contents as MarkupContent).value;
    assert.match(value, /stream label/);
    assert.match(value, /Loki: \*\*4\*\* values of `app`/);
  });
});
