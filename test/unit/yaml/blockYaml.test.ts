import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusAvailable, corpusRoot, filesUnder } from '../../../bench/corpus';
import { generateRuleFile } from '../../../bench/generateRules';
import { generateLokiRuleFile } from '../../../bench/generateLokiRules';
import { generateOperatorWorkspace } from '../../../bench/generateOperatorWorkspace';
import { readBlockYaml } from '../../../server/src/service/yaml/blockYaml';
import { parseYamlFile } from '../../../server/src/service/yaml';
import { bothReadings } from './sameAsYaml';
import { random } from '../random';

/** Reads `text` with the block reader, which must take it, and compares with `yaml`. */
function assertReadAsYaml(text: string, message?: string): void {
  const both = bothReadings(text);
  assert.ok(both, `the block reader left this to yaml${message ? ` (${message})` : ''}:\n${text}`);
  assert.deepEqual(both.fast, both.yaml, message);
}

/** Where the reader takes the text, it reads what `yaml` reads; returns whether it took it. */
function readsAsYamlIfTaken(text: string, message: string): boolean {
  const both = bothReadings(text);
  if (both) assert.deepEqual(both.fast, both.yaml, `${message}\n${text}`);
  return both !== undefined;
}

describe('block YAML reader: reads what yaml reads', () => {
  const cases: { title: string; text: string }[] = [
    {
      title: 'rule file, every scalar style',
      text: "groups:\n  - name: g\n    interval: 30s\n    rules:\n      - record: a:b\n        expr: sum(rate(x[5m]))\n      - alert: A\n        expr: |\n          up\n            == 0\n        for: 5m\n        labels:\n          severity: \"page\"\n        annotations:\n          summary: '{{ $labels.job }} isn''t up'\n      - record: c\n        expr: >-\n          a\n          / b\n\n          + c\n      - record: d\n        expr: |-\n          x\n",
    },
    {
      title: 'resolved plain scalars: numbers, booleans, null, floats, hex, octal',
      text: 'r: :node_memory:sum\na: 1\nb: -2\nc: 0x1F\nd: 0o17\ne: 1.50\nf: 1e3\ng: .inf\nh: .nan\ni: true\nj: FALSE\nk: ~\nl: null\nm: yes\nn: 5m\n1: one\n',
    },
    {
      title: 'words: null and booleans in every casing, near misses stay strings, at keys too',
      text: 'a: Null\nb: NULL\nc: nULL\nd: True\ne: TRUE\nf: tRUE\ng: False\nh: falsey\ni: nullable\nj: _true\nk: t\nl: NaN\nm: Infinity\nn: y\nnull: 1\nTrue: 2\nfalse_key: 3\n',
    },
    { title: 'double-quoted escapes', text: 'a: "x\\"y\\\\z\\n\\t\\u00e9"\nb: "{{ $value | humanize }}"\n' },
    { title: 'hex, Unicode and other escapes', text: 'a: "\\x41\\u00e9\\U0001F600\\ \\/\\0\\_\\N"\nb: "\\\\\\"" # c\n' },
    {
      title: 'block scalars: leading empty lines, empty lines, more-indented lines',
      text: 'a: >\n\n  one\n  two\n\n\n    more\n    indented\n\n  three\n  four\nb: |-\n\n  x\n    y\n\n\n  z\nc: >-\n    deep\n     deeper\nd: >\n  p\n    q\n  r\n',
    },
    { title: 'multi-line quoted scalars fold', text: 'expr: \'sum(rate(x[5m]))\n  / on (job)\n\n  sum(y)\'\nb: "p\n   q\\\n   r"  # c\n' },
    {
      title: 'comments everywhere',
      text: '# head\ngroups: # after key\n  # before item\n  - name: a # trailing\n        # indented after value\n    rules: []\n    # at entry column\n# at root\nz: 1\n',
    },
    {
      title: 'trailing comment lines stay with the innermost collection they are indented into',
      text: 'a:\n  b:\n    c: 1\n    # c4\n  # c2\n\nd: 2\n',
    },
    {
      title: "sequence at its key's column, compact mappings in sequences",
      text: 'items:\n- a\n- name: b\n  value: c\n-   spaced: 1\nnext: 2\n',
    },
    { title: 'empty values: null at the end of their line', text: 'a:\nb:   \nc:\n  d:\n\ne:\n- \n-\n' },
    { title: 'empty flow collections', text: 'selector: {}\nports: []  # none\nnested:\n  - {}\n' },
    { title: 'several documents, a marker first', text: '# c\n---\nkind: A\n---\nkind: B\n# end\n' },
    { title: 'no final line break', text: 'a:\n  b: c' },
    { title: 'block scalar content that looks like YAML', text: 'expr: |\n  # not a comment\n  a: b\n  - c\nnext: 1\n' },
  ];
  for (const { title, text } of cases) it(title, () => assertReadAsYaml(text));
});

describe('block YAML reader: leaves the rest to yaml', () => {
  const cases: { title: string; text: string }[] = [
    { title: 'flow collections with content', text: 'a: {b: 1}\n' },
    { title: 'anchors and aliases', text: 'a: &x 1\nb: *x\n' },
    { title: 'tags', text: 'a: !!str 1\n' },
    { title: 'merge keys', text: 'a:\n  <<: {}\n' },
    { title: 'duplicate keys (an error)', text: 'a: 1\na: 2\n' },
    { title: 'multi-line plain scalars', text: 'a: one\n  two\n' },
    { title: 'keep chomping', text: 'a: |+\n  x\n\n' },
    { title: 'indentation indicators', text: 'a: |2\n   x\n' },
    { title: 'a comment after a block scalar header', text: 'a: | # c\n  x\n' },
    { title: 'a comment after an empty value', text: 'a: # c\nb: 1\n' },
    { title: 'a comment before an empty sequence item', text: '- a\n# c\n-\n- b\n' },
    { title: 'tabs', text: 'a:\n\tb: 1\n' },
    { title: 'CRLF line breaks', text: 'a: 1\r\nb: 2\r\n' },
    { title: 'quoted keys', text: '"a": 1\n' },
    { title: 'a scalar document', text: 'just text\n' },
    { title: 'an empty document', text: 'a: 1\n---\n' },
    { title: 'a comment-only stream', text: '# nothing\n' },
    { title: 'directives', text: '%YAML 1.2\n---\na: 1\n' },
    { title: 'a mapping in a compact value (an error)', text: 'a: b: c\n' },
    { title: 'bad indentation (an error)', text: 'a:\n  b: 1\n   c: 2\n' },
    { title: 'an unterminated quote', text: "a: 'x\n" },
    { title: 'white space only lines in a block scalar', text: 'a: |\n  x\n   \n  y\n' },
    { title: 'an escape yaml rejects (an error)', text: 'a: "x\\qy"\n' },
    { title: 'a short hex escape (an error)', text: 'a: "\\x4"\n' },
    { title: 'a code point past Unicode (an error)', text: 'a: "\\UFFFFFFFF"\n' },
    { title: 'an escape yaml rejects in a multi-line scalar (an error)', text: 'a: "x\n  \\q"\n' },
  ];
  for (const { title, text } of cases) it(title, () => assert.equal(readBlockYaml(text), undefined));

  it('parseYamlFile reads plain block YAML with the block reader (whose nodes carry no comments)', () => {
    const [document] = parseYamlFile('# about a\na: 1\n').documents;
    const [pair] = (document.contents as { items: { key: { commentBefore?: string } }[] }).items;
    assert.equal(pair.key.commentBefore, undefined);
    // yaml attaches it, as it does here where the reader gives up (a flow mapping).
    const [viaYaml] = (
      parseYamlFile('# about a\na: {b: 1}\n').documents[0].contents as typeof document.contents & {
        items: { key: { commentBefore?: string } }[];
      }
    ).items;
    assert.equal(viaYaml.key.commentBefore, ' about a');
  });

  it('parseYamlFile still reports the errors yaml finds', () => {
    const file = parseYamlFile('a: 1\na: 2\n');
    assert.deepEqual(
      file.problems.map((p) => p.code),
      ['yaml/duplicate-key'],
    );
  });

  it('parseYamlFile reports an escape yaml rejects, on its characters', () => {
    const file = parseYamlFile('expr: "up{job=\\"a\\q\\"}"\n');
    assert.deepEqual(
      file.problems.map((p) => [p.code, p.from, p.to]),
      [['yaml/syntax-error', 17, 18]],
    );
  });
});

describe('block YAML reader: generated bench files', () => {
  it('the 10,000-line rule file', () => assertReadAsYaml(generateRuleFile(10_000)));
  it('the 10,000-line Loki rule file', () => assertReadAsYaml(generateLokiRuleFile(10_000)));
  it('the operator workspace', () => {
    for (const file of generateOperatorWorkspace(4, 4).files) assertReadAsYaml(file.text, file.uri);
  });
});

describe('block YAML reader: corpus', { skip: corpusAvailable ? false : 'corpus not found' }, () => {
  const files = [...filesUnder(corpusRoot), ...filesUnder(join(__dirname, '../../../../examples'))];
  const texts = files.map((file) => ({ file, text: readFileSync(file, 'utf8') }));

  it('reads most real files, each as yaml does', () => {
    let taken = 0;
    for (const { file, text } of texts) if (readsAsYamlIfTaken(text, file)) taken++;
    // 133 of 135 when written; the other two use anchors and a flow mapping with content.
    assert.ok(taken >= texts.length * 0.9, `took ${taken} of ${texts.length}`);
  });

  it('reads mutated real files as yaml does (comments, blank lines, indentation, truncation)', () => {
    const next = random(7);
    const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
    const inserts = [
      '',
      '   ',
      '#',
      '# c',
      '  # c',
      '    # c',
      '      # c',
      '---',
      '- x',
      '  - x',
      'k: v',
      '  k: v',
      '   k:',
      '  - |',
      'a: |-',
      '  x: >',
      '      z',
      "  'a''b'",
      '  k: "a\\"b" # c',
      '  k: {}',
      "  k: 'a",
      "  b'",
      '  k: ~',
    ];
    let taken = 0;
    const count = 1500;
    for (let n = 0; n < count; n++) {
      const lines = pick(texts).text.split('\n');
      for (let edits = 1 + Math.floor(next() * 3); edits > 0 && lines.length > 0; edits--) {
        const i = Math.floor(next() * lines.length);
        const op = next();
        if (op < 0.35) lines.splice(i, 0, pick(inserts));
        else if (op < 0.55) lines.splice(i, 1);
        else if (op < 0.75) lines[i] = ' '.repeat(Math.floor(next() * 3)) + lines[i];
        else if (op < 0.85) lines[i] = lines[i].replace(/^ {1,2}/, '');
        else if (op < 0.95) lines[i] += pick([' # t', ' ', ':', ' x', '"']);
        else lines.length = i;
      }
      if (readsAsYamlIfTaken(lines.join('\n'), `mutant ${n}`)) taken++;
    }
    // Most mutants break the YAML or leave the subset; enough must remain to mean something.
    assert.ok(taken >= count * 0.2, `took ${taken} of ${count}`);
  });
});

describe('block YAML reader: generated nesting', () => {
  it('reads random nestings of mappings, sequences, scalars, comments and blank lines as yaml does', () => {
    const next = random(11);
    const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
    const scalars = [
      ':x',
      '?y',
      ':',
      '-z',
      'x',
      '1',
      '0x1F',
      'true',
      '~',
      '"a b"',
      '"e\\"s"',
      '"\\x41\\u00e9"',
      '"b\\qd"',
      "'s''q'",
      '5m',
      '-1',
      'up == 0',
      '1.50',
      '{}',
      '[]',
      "'m\n   l'",
      '"d\n\n    e\\\n  f"',
    ];
    const noise = (out: string[], column: number) => {
      const r = next();
      if (r < 0.15) out.push('');
      else if (r < 0.3) out.push(`${' '.repeat(Math.max(0, column + Math.floor(next() * 5) - 2))}# c`);
    };
    const node = (out: string[], column: number, depth: number, prefix: string): void => {
      if (depth > 3 || next() < 0.45) {
        const r = next();
        if (r < 0.2) {
          out.push(`${prefix} ${pick(['|', '|-', '>', '>-'])}`);
          const indent = column + 2 + Math.floor(next() * 2);
          for (let lines = 1 + Math.floor(next() * 3); lines > 0; lines--) {
            out.push(' '.repeat(indent + (next() < 0.2 ? 2 : 0)) + pick(['a', 'b c', '# text', 'x: y']));
            if (next() < 0.2) out.push('');
          }
        } else if (r < 0.3) out.push(prefix);
        else out.push(`${prefix} ${pick(scalars)}${next() < 0.15 ? ' # t' : ''}`);
        return;
      }
      const sequence = next() < 0.4;
      if (!sequence && prefix.trimStart() === '-' && next() < 0.5) {
        for (let i = 0, n = 1 + Math.floor(next() * 3); i < n; i++) {
          node(out, column + 2, depth + 1, `${i === 0 ? `${' '.repeat(column)}- ` : ' '.repeat(column + 2)}k${i}:`);
          noise(out, column + 2);
        }
        return;
      }
      out.push(prefix);
      const inner = column + 2 - (sequence && !prefix.trimStart().startsWith('-') && next() < 0.3 ? 2 : 0);
      for (let i = 0, n = 1 + Math.floor(next() * 3); i < n; i++) {
        noise(out, inner);
        node(out, inner, depth + 1, sequence ? `${' '.repeat(inner)}-` : `${' '.repeat(inner)}k${i}:`);
      }
    };
    let taken = 0;
    const count = 1500;
    for (let n = 0; n < count; n++) {
      const out: string[] = [];
      for (let d = 0, documents = 1 + Math.floor(next() * 2); d < documents; d++) {
        if (d > 0 || next() < 0.2) out.push('---');
        noise(out, 0);
        const sequence = next() < 0.3;
        for (let i = 0, n = 1 + Math.floor(next() * 3); i < n; i++) {
          node(out, 0, 0, sequence ? '-' : `r${i}:`);
          noise(out, 0);
        }
      }
      if (readsAsYamlIfTaken(out.join('\n') + (next() < 0.5 ? '\n' : ''), `document ${n}`)) taken++;
    }
    assert.ok(taken >= count * 0.2, `took ${taken} of ${count}`);
  });
});
