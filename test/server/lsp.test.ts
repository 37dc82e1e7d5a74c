import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { CompletionItem, CompletionList, Hover, SignatureHelp, Diagnostic, MarkupContent } from 'vscode-languageserver-protocol';
import { LspClient, withCursor } from './lspClient';

/** Squiggle text: what the diagnostic's range covers in `text`. */
function covered(text: string, diagnostic: Diagnostic): string {
  const lines = text.split('\n');
  const { start, end } = diagnostic.range;
  assert.equal(start.line, end.line, 'single-line range expected');
  return lines[start.line].slice(start.character, end.character);
}

function byCode(diagnostics: readonly Diagnostic[], code: string): Diagnostic {
  const found = diagnostics.find((d) => d.code === code);
  assert.ok(found, `expected ${code}, got ${JSON.stringify(diagnostics.map((d) => `${d.code}: ${d.message}`))}`);
  return found;
}

describe('alertsmith lsp --stdio', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start();
  });
  after(async () => {
    await client.stop();
  });

  // The same mistake (`rat` for `rate`) in every YAML scalar style must be squiggled exactly.
  const styles: Array<[string, string]> = [
    ['plain', 'expr: sum(rat(http_requests_total[5m]))'],
    ['single-quoted', "expr: 'sum(rat(http_requests_total{code=''500''}[5m]))'"],
    ['double-quoted with escapes', 'expr: "sum(rat(http_requests_total{code=\\"500\\"}[5m]))"'],
    ['literal block', 'expr: |\n          sum(\n            rat(http_requests_total[5m])\n          )'],
    ['folded block, strip', 'expr: >-\n          sum(\n            rat(http_requests_total[5m]))'],
  ];
  for (const [style, exprLine] of styles) {
    test(`unknown function is reported on the exact token in a ${style} scalar`, async () => {
      const text = `groups:\n  - name: example\n    rules:\n      - record: job:x:rate5m\n        ${exprLine}\n`;
      const uri = `file:///test/${style.replace(/\W+/g, '-')}.rules.yaml`;
      const { diagnostics } = await client.open(uri, 'yaml', text);
      const diagnostic = byCode(diagnostics, 'promql/unknown-function');
      assert.equal(covered(text, diagnostic), 'rat');
    });
  }

  // LogQL in a Loki rule file: a regexp parser without a named group, in every scalar style.
  const lokiStyles: Array<[string, string, string]> = [
    ['plain', 'expr: sum(rate({app="api"} | regexp `code=(\\d+)` [5m])) > 1', '`code=(\\d+)`'],
    ['single-quoted', "expr: 'sum(rate({app=''api''} | regexp `code=(\\d+)` [5m])) > 1'", '`code=(\\d+)`'],
    ['double-quoted with escapes', 'expr: "sum(rate({app=\\"api\\"} | regexp `code=(\\\\d+)` [5m])) > 1"', '`code=(\\\\d+)`'],
    [
      'literal block',
      'expr: |\n          sum(rate({app="api"}\n            | regexp `code=(\\d+)`\n            [5m])) > 1',
      '`code=(\\d+)`',
    ],
    [
      'folded block, strip',
      'expr: >-\n          sum(rate({app="api"}\n            | regexp `code=(\\d+)` [5m]))\n          > 1',
      '`code=(\\d+)`',
    ],
  ];
  for (const [style, exprLine, squiggled] of lokiStyles) {
    test(`a LogQL problem in a Loki rule file lands on the exact token in a ${style} scalar, with no PromQL diagnostics`, async () => {
      const text = `groups:\n  - name: logs\n    rules:\n      - alert: Declines\n        ${exprLine}\n`;
      const uri = `file:///test/loki-${style.replace(/\W+/g, '-')}.rules.yaml`;
      const { diagnostics } = await client.open(uri, 'yaml', text);
      assert.equal(covered(text, byCode(diagnostics, 'logql/invalid-parser-argument')), squiggled);
      assert.deepEqual(
        diagnostics.filter((d) => String(d.code).startsWith('promql/')),
        [],
      );
    });
  }

  test('a PrometheusRule in a multi-document file is checked; other kinds are not', async () => {
    const text = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: { name: web }',
      'spec:',
      '  template:',
      '    metadata: { annotations: { expr: "rate(" } }',
      '---',
      'apiVersion: monitoring.coreos.com/v1',
      'kind: PrometheusRule',
      'metadata: { name: web }',
      'spec:',
      '  groups:',
      '    - name: web',
      '      rules:',
      '        - alert: WebDown',
      '          expr: up{job="web"} == ',
      '          for: 5m',
    ].join('\n');
    const { diagnostics } = await client.open('file:///test/multi.yaml', 'yaml', text);
    assert.ok(diagnostics.length >= 1, 'the broken alert expr is reported');
    assert.ok(
      diagnostics.every((d) => d.range.start.line >= 7),
      `nothing reported in the Deployment: ${JSON.stringify(diagnostics)}`,
    );
  });

  test('a YAML file that is not a rule file gets no PromQL diagnostics', async () => {
    const { diagnostics } = await client.open('file:///test/values.yaml', 'yaml', 'expr: rate(\nrules:\n  - expr: sum(\n');
    assert.deepEqual(diagnostics, []);
  });

  test('a .promql file may hold a range vector; a rule expr may not', async () => {
    const query = await client.open('file:///test/q.promql', 'promql', '# CPU over 5 minutes\nnode_cpu_seconds_total{mode="idle"}[5m]\n');
    assert.deepEqual(query.diagnostics, []);
    const rule = await client.open(
      'file:///test/range.rules.yaml',
      'yaml',
      'groups:\n  - name: g\n    rules:\n      - record: x:y\n        expr: node_cpu_seconds_total[5m]\n',
    );
    assert.equal(rule.diagnostics.length, 1, JSON.stringify(rule.diagnostics));
    assert.equal(rule.diagnostics[0].range.start.line, 4);
  });

  test('diagnostics follow edits', async () => {
    const uri = 'file:///test/edit.promql';
    const first = await client.open(uri, 'promql', 'rate(http_requests_total[5m])');
    assert.deepEqual(first.diagnostics, []);
    const second = await client.change(uri, 'rate(http_requests_total[5m]');
    assert.ok(second.diagnostics.length > 0);
    const third = await client.change(uri, 'rate(http_requests_total[5m])');
    assert.deepEqual(third.diagnostics, []);
  });

  test('completion inside a block-scalar expr offers functions with documentation', async () => {
    const { text, position } = withCursor('groups:\n  - name: g\n    rules:\n      - record: x:y\n        expr: |\n          sum(ra‸)\n');
    const uri = 'file:///test/complete.rules.yaml';
    await client.open(uri, 'yaml', text);
    const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position });
    const rate = list.items.find((item) => item.label === 'rate');
    assert.ok(rate, 'rate is offered');
    assert.ok(rate.documentation, 'rate has documentation');
    const edit = rate.textEdit as { range: { start: { line: number; character: number } } } | undefined;
    assert.deepEqual(edit?.range.start, { line: 5, character: 14 }, 'the edit replaces the typed prefix `ra`');
  });

  test('a client that resolves items (VS Code) gets the list without documentation, and it on resolve', async () => {
    const resolving = await LspClient.start({
      capabilities: {
        workspace: { configuration: true },
        textDocument: { completion: { completionItem: { resolveSupport: { properties: ['documentation', 'detail'] } } } },
      },
    });
    try {
      const { text, position } = withCursor('rate(http_requests_total[5m]) / node_filesystem_av‸');
      const uri = 'file:///test/resolve.promql';
      await resolving.open(uri, 'promql', text);
      const list = await resolving.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position });
      assert.ok(list.items.length > 50);
      assert.ok(list.items.every((item) => item.documentation === undefined));
      // The same request from a client that does not resolve: the documentation it must get back.
      await client.open(uri, 'promql', text);
      const full = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position });
      for (const label of ['rate', 'node_filesystem_avail_bytes']) {
        const item = list.items.find((i) => i.label === label);
        assert.ok(item, `${label} is offered`);
        const resolved = await resolving.request<CompletionItem>('completionItem/resolve', item);
        assert.deepEqual(resolved.documentation, full.items.find((i) => i.label === label)?.documentation);
        assert.ok(resolved.documentation);
      }
    } finally {
      await resolving.stop();
    }
  });

  test('a client that takes list defaults gets the shared edit range once, and inserts the same text', async () => {
    const defaults = await LspClient.start({
      capabilities: {
        workspace: { configuration: true },
        textDocument: { completion: { completionList: { itemDefaults: ['editRange'] } } },
      },
    });
    try {
      const { text, position } = withCursor(
        'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: sum by (job) (rate(http_req‸',
      );
      const uri = 'file:///test/defaults.rules.yaml';
      await defaults.open(uri, 'yaml', text);
      await client.open(uri, 'yaml', text);
      const request = { textDocument: { uri }, position };
      const shared = await defaults.request<CompletionList>('textDocument/completion', request);
      const full = await client.request<CompletionList>('textDocument/completion', request);
      assert.ok(shared.itemDefaults?.editRange, 'a default range');
      assert.ok(shared.items.filter((item) => item.textEdit === undefined).length > 10, 'items without their own edit');
      const inserted = (list: CompletionList) =>
        list.items.map((item) =>
          item.textEdit && 'range' in item.textEdit
            ? [item.label, item.textEdit.range, item.textEdit.newText]
            : [item.label, list.itemDefaults?.editRange, item.textEditText ?? item.label],
        );
      assert.deepEqual(inserted(shared), inserted(full));
      // Documentation aside (VS Code resolves it), the answer is much smaller.
      const size = (list: CompletionList) =>
        JSON.stringify({ ...list, items: list.items.map(({ documentation: _doc, ...rest }) => rest) }).length;
      assert.ok(size(shared) < size(full) * 0.7, `${size(shared)} vs ${size(full)} bytes`);
    } finally {
      await defaults.stop();
    }
  });

  test('completion offers well-known metric names', async () => {
    const { text, position } = withCursor('node_filesystem_av‸');
    const uri = 'file:///test/metric.promql';
    await client.open(uri, 'promql', text);
    const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position });
    assert.ok(list.items.some((item) => item.label === 'node_filesystem_avail_bytes'));
  });

  test('hover on a function inside a double-quoted scalar shows its doc', async () => {
    const { text, position } = withCursor(
      'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: "histogram_qu‸antile(0.9, rate(x_bucket[5m])) > 1"\n',
    );
    const uri = 'file:///test/hover.rules.yaml';
    await client.open(uri, 'yaml', text);
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position });
    assert.ok(hover, 'a hover');
    assert.match((hover.contents as MarkupContent).value, /histogram_quantile/);
    assert.deepEqual(hover.range?.start, { line: 4, character: 15 });
    assert.deepEqual(hover.range?.end, { line: 4, character: 33 });
  });

  test('signature help inside histogram_quantile( marks the active parameter', async () => {
    const { text, position } = withCursor('histogram_quantile(0.99, ‸');
    const uri = 'file:///test/sig.promql';
    await client.open(uri, 'promql', text);
    const help = await client.request<SignatureHelp>('textDocument/signatureHelp', { textDocument: { uri }, position });
    assert.ok(help?.signatures.length);
    assert.match(help.signatures[0].label, /histogram_quantile/);
    assert.equal(help.activeParameter ?? help.signatures[0].activeParameter, 1);
  });

  test('signature help and completion after a trailing space at the end of a plain expr', async () => {
    // YAML drops trailing spaces from a plain scalar; the user is still typing the expression.
    const { text, position } = withCursor(
      'groups:\n  - name: g\n    rules:\n      - record: a:b\n        expr: histogram_quantile(0.99, ‸\n',
    );
    const uri = 'file:///test/trailing.rules.yaml';
    await client.open(uri, 'yaml', text);
    const help = await client.request<SignatureHelp>('textDocument/signatureHelp', { textDocument: { uri }, position });
    assert.equal(help?.activeParameter ?? help?.signatures[0].activeParameter, 1);
    const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position });
    const sum = list.items.find((item) => item.label === 'sum');
    assert.ok(sum, 'aggregations are offered');
    assert.deepEqual((sum.textEdit as { range: { start: unknown } }).range.start, position, 'inserted at the cursor, after the space');
  });

  test('a recording rule defined in another file is offered and hovered', async () => {
    await client.open(
      'file:///test/defs.rules.yaml',
      'yaml',
      'groups:\n  - name: g\n    rules:\n      - record: team:checkout_errors:ratio_rate5m\n        expr: sum(rate(errors_total[5m])) / sum(rate(requests_total[5m]))\n',
    );
    const { text, position } = withCursor('team:checkout_err‸');
    const uri = 'file:///test/uses.promql';
    await client.open(uri, 'promql', text);
    const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position });
    assert.ok(list.items.some((item) => item.label === 'team:checkout_errors:ratio_rate5m'));
    const used = withCursor('team:checkout_‸errors:ratio_rate5m > 0.01');
    await client.change(uri, used.text);
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: used.position });
    assert.ok(hover, 'a hover on the recording rule');
    assert.match((hover.contents as MarkupContent).value, /errors_total/);
    assert.match((hover.contents as MarkupContent).value, /defs\.rules\.yaml/);
  });

  test('settings from workspace/configuration are honoured (severity off)', async () => {
    const quiet = await LspClient.start({ settings: { diagnostics: { severity: { 'promql/unknown-function': 'off' } } } });
    try {
      const { diagnostics } = await quiet.open('file:///test/quiet.promql', 'promql', 'rat(x[5m])');
      assert.ok(!diagnostics.some((d) => d.code === 'promql/unknown-function'), JSON.stringify(diagnostics));
    } finally {
      await quiet.stop();
    }
  });

  test('a client that asks is told which query languages a YAML file holds, once per change', async () => {
    const told: Array<{ uri: string; languages: string[] }> = [];
    const asking = await LspClient.start({
      initializationOptions: { documentLanguages: true },
      settings: { prometheus: { url: '' }, loki: { enabled: false } },
    });
    asking.connection.onNotification(
      'alertsmith/documentLanguages',
      (params: { uri: string; languages: string[] }) => void told.push(params),
    );
    try {
      const loki =
        'groups:\n  - name: logs\n    rules:\n      - alert: Panics\n        expr: sum(count_over_time({app="api"} |= "panic" [5m])) > 0\n';
      await asking.open('file:///test/loki.rules.yaml', 'yaml', loki);
      await asking.change('file:///test/loki.rules.yaml', loki.replace('panic', 'fatal'));
      await asking.open(
        'file:///test/prom.rules.yaml',
        'yaml',
        'groups:\n  - name: g\n    rules:\n      - alert: Down\n        expr: up == 0\n',
      );
      assert.deepEqual(told, [
        { uri: 'file:///test/loki.rules.yaml', languages: ['logql'] },
        { uri: 'file:///test/prom.rules.yaml', languages: ['promql'] },
      ]);
      // Other clients are not sent what they did not ask for.
      const quiet: unknown[] = [];
      client.connection.onNotification('alertsmith/documentLanguages', (params) => void quiet.push(params));
      await client.open('file:///test/loki-quiet.rules.yaml', 'yaml', loki);
      assert.deepEqual(quiet, []);
    } finally {
      await asking.stop();
    }
  });

  test('semantic tokens colour the LogQL of a Loki rule file (the TextMate injection takes it for PromQL)', async () => {
    const legend = (client.initializeResult?.capabilities.semanticTokensProvider as { legend: { tokenTypes: string[] } }).legend;
    const uri = 'file:///test/loki-tokens.rules.yaml';
    const text =
      'groups:\n  - name: logs\n    rules:\n      - alert: Panics\n        expr: |\n          sum(count_over_time({app="api"} | json [5m])) > 0\n';
    await client.open(uri, 'yaml', text);
    const { data } = await client.request<{ data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri } });
    const lines = text.split('\n');
    const tokens: string[] = [];
    for (let i = 0, line = 0, character = 0; i < data.length; i += 5) {
      character = data[i] === 0 ? character + data[i + 1] : data[i + 1];
      line += data[i];
      tokens.push(`${legend.tokenTypes[data[i + 3]]} ${lines[line].slice(character, character + data[i + 2])}`);
    }
    assert.deepEqual(tokens.slice(0, 3), ['function sum', 'function count_over_time', 'property app']);
    assert.ok(tokens.includes('keyword json'), tokens.join(', '));
    const prometheus = 'file:///test/prom-tokens.rules.yaml';
    await client.open(prometheus, 'yaml', 'groups:\n  - name: g\n    rules:\n      - alert: Down\n        expr: up == 0\n');
    assert.deepEqual(
      (await client.request<{ data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri: prometheus } })).data,
      [],
    );
  });

  test('no Prometheus listening: the open file is checked once, not again when the server turns out unreachable', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const offline = await LspClient.start({ settings: { prometheus: { url: `http://127.0.0.1:${closedPort}` }, loki: { url: '' } } });
    const unreachable = new Promise<void>((resolve) =>
      offline.connection.onNotification('alertsmith/prometheusStatus', (status: { state: string }) => {
        if (status.state === 'unreachable') resolve();
      }),
    );
    try {
      const uri = 'file:///test/offline.rules.yaml';
      await offline.open(uri, 'yaml', 'groups:\n  - name: g\n    rules:\n      - alert: Down\n        expr: up == 0\n');
      await unreachable;
      await new Promise((resolve) => setTimeout(resolve, 300));
      // A server that never answered adds nothing to diagnostics: checking again would be wasted.
      assert.equal(offline.pushCount(uri), 1);
    } finally {
      await offline.stop();
    }
  });

  test('the server survives junk and keeps answering', async () => {
    const junk = '\u0000\uffff{{{[[[(((' + '('.repeat(10_000) + '\n\t- ]: "';
    const { diagnostics } = await client.open('file:///test/junk.promql', 'promql', junk);
    assert.ok(Array.isArray(diagnostics));
    await client.open('file:///test/junk.yaml', 'yaml', 'groups:\n  - rules: [ {expr: ' + junk);
    const after = await client.open('file:///test/after-junk.promql', 'promql', 'up');
    assert.deepEqual(after.diagnostics, []);
  });
});
