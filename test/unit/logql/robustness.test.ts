import { test } from 'node:test';
import assert from 'node:assert/strict';
import { completeLogQL } from '../../../server/src/service/logql/completion';
import { formatLogQL } from '../../../server/src/service/logql/format';
import { hoverLogQL } from '../../../server/src/service/logql/hover';
import { signatureHelpLogQL } from '../../../server/src/service/logql/signatureHelp';
import { validateLogQL } from '../../../server/src/service/logql/validate';

const queries = [
  'sum by (app) (rate({namespace="prod", app=~"api|web"} |= "error" != "timeout" [5m])) / sum by (app) (rate({namespace="prod"}[5m]))',
  'quantile_over_time(0.99, {app="api"} | json latency="resp.latency" | unwrap duration(latency) | __error__="" [5m] offset 1h) by (route)',
  '{app="nginx"} | pattern "<ip> - - <_> \\"<method> <path> <_>\\" <status> <_>" | status >= 500 | line_format "{{.ip}} {{.path | ToUpper}}"',
  '{app="api"} | logfmt --strict | label_format lvl=level, svc="{{.app}}" | drop trace_id | keep lvl, svc',
  'topk(5, label_replace(sum by (app) (bytes_rate({a="b"} |~ `\\d+` |> "<_> x" [1m])), "s", "$1", "app", "(.*)")) or vector(0)',
];

test('every feature at every offset of real queries and their truncations never throws', () => {
  for (const query of queries) {
    for (let cut = 0; cut <= query.length; cut += 3) {
      const text = query.slice(0, cut);
      assert.doesNotThrow(() => validateLogQL(text, { context: 'alert' }), text);
      assert.doesNotThrow(() => formatLogQL(text, 40), text);
      for (const offset of [0, text.length >> 1, text.length]) {
        assert.doesNotThrow(() => completeLogQL(text, offset), text);
        assert.doesNotThrow(() => hoverLogQL(text, offset), text);
        assert.doesNotThrow(() => signatureHelpLogQL(text, offset), text);
      }
    }
    for (let offset = 0; offset <= query.length; offset++) {
      completeLogQL(query, offset);
      hoverLogQL(query, offset);
      signatureHelpLogQL(query, offset);
    }
  }
});

test('long chains Loki accepts are never reported as syntax errors', () => {
  const chains = [
    '{a="b"}' + ' |= "x"'.repeat(2000),
    'sum(rate({a="b"}[5m]))' + ' + sum(rate({a="b"}[5m]))'.repeat(300),
    '{a="b"} | json' + ' | a="b"'.repeat(1000),
  ];
  for (const text of chains) {
    // The formatter answers too, formatted or left as written, without throwing.
    assert.doesNotThrow(() => formatLogQL(text));
    const codes = validateLogQL(text, { context: 'query' }).problems.map((p) => p.code);
    assert.ok(
      codes.every((code) => code === 'logql/too-deeply-nested'),
      codes.join(', '),
    );
  }
});
