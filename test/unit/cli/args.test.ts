import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseArgs } from '../../../server/src/cli/args';

const cases: Array<{ argv: string[]; expected: ReturnType<typeof parseArgs> | { command: 'error' } }> = [
  { argv: ['check', 'rules/'], expected: { command: 'check', options: { format: 'text', eachLine: false, paths: ['rules/'] } } },
  {
    argv: ['check', '--format', 'json', '--language', 'logql', '--each-line', '-'],
    expected: { command: 'check', options: { format: 'json', language: 'logql', eachLine: true, paths: ['-'] } },
  },
  {
    argv: ['check', '--format=json', 'a.yaml', 'b.yaml'],
    expected: { command: 'check', options: { format: 'json', eachLine: false, paths: ['a.yaml', 'b.yaml'] } },
  },
  {
    argv: ['check', '--prometheus', 'http://127.0.0.1:9090', 'x.promql'],
    expected: { command: 'check', options: { format: 'text', eachLine: false, prometheus: 'http://127.0.0.1:9090', paths: ['x.promql'] } },
  },
  {
    argv: ['check', '--', '--weird-name.yaml'],
    expected: { command: 'check', options: { format: 'text', eachLine: false, paths: ['--weird-name.yaml'] } },
  },
  { argv: ['format', 'rules/'], expected: { command: 'format', options: { check: false, paths: ['rules/'] } } },
  { argv: ['format', '--check', 'a.yaml', '-'], expected: { command: 'format', options: { check: true, paths: ['a.yaml', '-'] } } },
  { argv: ['format', '--', '--odd.yaml'], expected: { command: 'format', options: { check: false, paths: ['--odd.yaml'] } } },
  { argv: ['format'], expected: { command: 'error' } },
  { argv: ['format', '--write', 'a'], expected: { command: 'error' } },
  {
    argv: ['format', '--language', 'logql', '-'],
    expected: { command: 'format', options: { check: false, language: 'logql', paths: ['-'] } },
  },
  {
    argv: ['format', '--language=promql', 'q'],
    expected: { command: 'format', options: { check: false, language: 'promql', paths: ['q'] } },
  },
  { argv: ['format', '--language', 'sql', '-'], expected: { command: 'error' } },
  { argv: ['format', '--language'], expected: { command: 'error' } },
  { argv: ['lsp', '--stdio'], expected: { command: 'lsp' } },
  { argv: [], expected: { command: 'help' } },
  { argv: ['--version'], expected: { command: 'version' } },
  { argv: ['check'], expected: { command: 'error' } },
  { argv: ['check', '--format', 'xml', 'a'], expected: { command: 'error' } },
  { argv: ['check', '--language'], expected: { command: 'error' } },
  { argv: ['check', '--prometheus', 'localhost:9090', 'a'], expected: { command: 'error' } },
  { argv: ['check', '--colour', 'a'], expected: { command: 'error' } },
  { argv: ['lint', 'a'], expected: { command: 'error' } },
];

for (const { argv, expected } of cases) {
  test(`alertsmith ${argv.join(' ')}`, () => {
    const parsed = parseArgs(argv);
    if (expected.command === 'error') {
      assert.equal(parsed.command, 'error');
      assert.ok(parsed.command === 'error' && parsed.message.length > 0);
    } else {
      assert.deepEqual(parsed, expected);
    }
  });
}
