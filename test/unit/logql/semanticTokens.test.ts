import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService } from '../../../server/src/service/languageService';
import { regionTokens, semanticTokenTypes } from '../../../server/src/service/logql/semanticTokens';

/** `text` as `type:word` pairs, in order. */
function classified(text: string): string[] {
  return regionTokens(text).map((t) => `${t.type}:${text.slice(t.from, t.to)}`);
}

/** Decodes LSP's relative encoding back to `line:character type word` for a document. */
function decoded(text: string, data: readonly number[]): string[] {
  const lines = text.split('\n');
  const out: string[] = [];
  let line = 0;
  let character = 0;
  for (let i = 0; i < data.length; i += 5) {
    line += data[i];
    character = data[i] === 0 ? character + data[i + 1] : data[i + 1];
    out.push(`${line}:${character} ${semanticTokenTypes[data[i + 3]]} ${lines[line].slice(character, character + data[i + 2])}`);
  }
  return out;
}

describe('LogQL semantic tokens', () => {
  it('classify what LogQL words are where they stand', () => {
    assert.deepEqual(
      classified(
        'sum by (app) (count_over_time({app="api", level=~"err"} |= "x" | json | drop json | unwrap bytes(size) [5m] offset 1h)) > bool 1',
      ),
      [
        'function:sum',
        'keyword:by',
        'property:app',
        'function:count_over_time',
        'property:app',
        'operator:=',
        'string:"api"',
        'property:level',
        'operator:=~',
        'regexp:"err"',
        'operator:|=',
        'string:"x"',
        'operator:|',
        'keyword:json',
        'operator:|',
        'keyword:drop',
        'property:json', // a label named like a parser
        'operator:|',
        'keyword:unwrap',
        'function:bytes',
        'property:size',
        'number:5m',
        'keyword:offset',
        'number:1h',
        'operator:>',
        'keyword:bool',
        'number:1',
      ],
    );
    assert.deepEqual(classified('{app="a"} | logfmt --strict # why'), [
      'property:app',
      'operator:=',
      'string:"a"',
      'operator:|',
      'keyword:logfmt',
      'parameter:--strict',
      'comment:# why',
    ]);
  });

  const service = getLanguageService();
  const tokensOf = (text: string) => {
    const document = TextDocument.create('file:///rules.yaml', 'yaml', 1, text);
    return decoded(text, service.doSemanticTokens(document).data);
  };

  it('cover the LogQL expressions of a Loki rule file in every scalar style, and nothing else', () => {
    const text = [
      'groups:',
      '  - name: logs',
      '    rules:',
      '      - alert: Panics',
      '        expr: |',
      '          sum by (app) (',
      '            count_over_time({app="api"} | json [5m])',
      '          ) > 0',
      "      - record: 'errors:rate5m'",
      '        expr: \'sum(rate({app="api"} |= "error" [5m]))\'',
      '',
    ].join('\n');
    const tokens = tokensOf(text);
    assert.ok(tokens.includes('5:10 function sum'), tokens.join('\n'));
    assert.ok(tokens.includes('6:42 keyword json'), tokens.join('\n'));
    assert.ok(tokens.includes('7:12 operator >'), tokens.join('\n'));
    assert.ok(tokens.includes('9:39 string "error"'), tokens.join('\n'));
    assert.ok(!tokens.some((t) => t.includes('Panics') || t.includes('groups')), 'YAML keys and values are left alone');
  });

  it('split a token that a folded block carries across lines', () => {
    const text =
      'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: >-\n          count_over_time({app="api"} |= `multi\n          line` [5m]) > 0\n';
    assert.deepEqual(
      tokensOf(text).filter((t) => t.includes('`')),
      ['5:41 string `multi', '6:10 string line`'],
    );
  });

  it('leave PromQL rule files and .logql files to their grammars', () => {
    assert.deepEqual(tokensOf('groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: sum(rate(x[5m])) > 0\n'), []);
    const logql = TextDocument.create('file:///q.logql', 'logql', 1, '{app="api"} |= "x"');
    assert.deepEqual(service.doSemanticTokens(logql).data, []);
  });
});
