import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseAllDocuments, isMap, isPair, isScalar, type Node } from 'yaml';
import { findEmbeddedRegions, parseYamlFile, ruleFileShapes } from '../../../server/src/service/yaml';
import { decodeScalarNode } from '../../../server/src/service/yaml/scalarRegion';
import type { EmbeddedRegion } from '../../../server/src/service/types';

/** Every scalar style of YAML, as the value of `expr:` in a rule nested at some depth. */
const scalars: { title: string; value: string }[] = [
  { title: 'plain', value: 'rate(http_requests_total{job="api"}[5m]) > 0' },
  { title: 'plain, multi-line', value: 'sum by (job) (\n      rate(x[5m])\n    )   \n\n\n      > 1' },
  { title: 'single-quoted', value: `'up{job=''api''} == 0'` },
  { title: 'single-quoted, folded', value: `'rate(x[5m])  \n      \n      > 0\n      and  y'` },
  { title: 'double-quoted, escapes', value: `"up{job=\\"a\\\\b\\"} \\t\\x41\\u263A\\U0001F600 \\/ \\e\\N\\_\\L\\P\\0"` },
  { title: 'double-quoted, escaped line break', value: `"sum(rate(x[5m])) \\\n        by (job)"` },
  { title: 'double-quoted, folded', value: `"a  \n\n      b \t\n      c\\t  \n      d"` },
  { title: 'double-quoted, escaped space at a fold', value: `"a\\ \n   b"` },
  { title: 'literal', value: '|\n      sum(rate(x[5m]))\n        by (job)\n      > 0\n' },
  { title: 'literal, strip', value: '|-\n      up == 0\n\n' },
  { title: 'literal, keep', value: '|+\n      up == 0\n\n\n' },
  { title: 'literal, indentation indicator', value: '|2\n         leading spaces\n        x\n' },
  { title: 'literal, indicator and strip in either order', value: '|-2\n          a\n        b\n' },
  { title: 'literal, comment after header', value: '| # the query\n      up\n' },
  { title: 'literal, leading empty lines', value: '|\n\n   \n      up\n' },
  { title: 'folded', value: '>\n      sum(rate(x[5m]))\n      by (job)\n\n      > 0\n' },
  { title: 'folded, more-indented lines', value: '>\n      a\n        b\n\n        c\n      d\n' },
  { title: 'folded, strip', value: '>-\n      a\n      b\n' },
  { title: 'folded, keep with trailing spaces', value: '>+\n      a\n         \n' },
  { title: 'folded, tab-started line', value: '>\n      a\n      \tb\n      c\n' },
];

function wrap(value: string, eol: string): string {
  const text = `groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: ${value.replaceAll('\n      ', '\n          ')}\n        for: 5m\n`;
  return text.replaceAll('\n', eol);
}

/** The yaml package decodes the scalar with the failsafe schema: the text oracle. */
function oracleExpr(text: string): string {
  const [document] = parseAllDocuments(text, { schema: 'failsafe' }) as ReturnType<typeof parseAllDocuments> & unknown[];
  const root = document.contents as Node;
  const find = (node: unknown): string | undefined => {
    if (isMap(node)) {
      for (const item of node.items) {
        if (isPair(item) && isScalar(item.key) && item.key.value === 'expr' && isScalar(item.value)) return String(item.value.value);
        const inner = isPair(item) ? find(item.value) : undefined;
        if (inner !== undefined) return inner;
      }
    }
    if (node && typeof node === 'object' && 'items' in node)
      for (const item of (node as { items: unknown[] }).items) {
        const inner = find(item);
        if (inner !== undefined) return inner;
      }
    return undefined;
  };
  return find(root) ?? '';
}

/** The source character at `offset` can have produced `ch` of the decoded text. */
function produces(text: string, offset: number, ch: string): boolean {
  const source = text[offset];
  if (source === ch) return true;
  if (source === '\\') return true; // an escape sequence starts here
  if (ch === "'" && source === "'" && text[offset + 1] === "'") return true;
  return (ch === ' ' || ch === '\n') && (source === '\n' || source === '\r');
}

function onlyRegion(text: string): EmbeddedRegion {
  const regions = findEmbeddedRegions(parseYamlFile(text));
  assert.equal(regions.length, 1);
  return regions[0];
}

describe('expr regions: every scalar style maps every character to its source', () => {
  for (const eol of ['\n', '\r\n']) {
    for (const { title, value } of scalars) {
      it(`${title}${eol === '\r\n' ? ' (CRLF)' : ''}`, () => {
        const text = wrap(value, eol);
        const region = onlyRegion(text);
        assert.equal(region.text, oracleExpr(text));
        // Our own decoding, not the fallback that borrows the package's text.
        const file = parseYamlFile(text);
        const exprNode = ruleFileShapes(file)[0].groups[0].rules[0].fields?.get('expr')?.written;
        assert.ok(isScalar(exprNode));
        assert.equal(decodeScalarNode(text, exprNode)?.text, region.text);
        assert.ok(region.text.length > 0);
        let previous = -1;
        for (let i = 0; i < region.text.length; i++) {
          const offset = region.toDocumentOffset(i);
          assert.ok(
            produces(text, offset, region.text[i]),
            `char ${i} ${JSON.stringify(region.text[i])} mapped to ${JSON.stringify(text[offset])}`,
          );
          assert.ok(offset >= previous, 'offsets never go backwards');
          previous = offset;
          const back = region.toRegionOffset(offset);
          const sameEscape = back !== undefined && back < i && region.toDocumentOffset(back) === offset;
          assert.ok(back === i || sameEscape, `round trip of ${i} gave ${back}`);
        }
        const end = region.toDocumentOffset(region.text.length);
        assert.ok(end >= previous && end <= region.sourceEnd);
        // A value ending in a line break ends on its last line: the cursor there is before the break.
        const endsWithBreak = region.text.endsWith('\n') && /[\r\n]/.test(text[end]);
        assert.equal(region.toRegionOffset(end), region.text.length - (endsWithBreak ? 1 : 0));
        assert.equal(region.toRegionOffset(region.sourceStart - 1), undefined);
      });
    }
  }
});

describe('expr regions: exact positions', () => {
  const cases: { title: string; yaml: string; char: string; at: [line: number, column: number] }[] = [
    { title: 'plain', yaml: '- expr: rate(x[5m])', char: 'x', at: [0, 13] },
    { title: 'single-quoted doubled quote', yaml: "- expr: 'a{b=''c''}'", char: "'", at: [0, 13] },
    { title: 'double-quoted \\x escape', yaml: '- expr: "a\\x41b"', char: 'A', at: [0, 10] },
    { title: 'double-quoted surrogate escape', yaml: '- expr: "\\U0001F600z"', char: 'z', at: [0, 19] },
    { title: 'literal block, second line', yaml: '- expr: |\n    up\n      == 0', char: '=', at: [2, 6] },
    { title: 'folded block, fold becomes space', yaml: '- expr: >-\n    a\n    b', char: ' ', at: [1, 5] },
    { title: 'plain multi-line', yaml: '- expr: sum(x)\n    > 0', char: '>', at: [1, 4] },
    { title: 'CRLF literal', yaml: '- expr: |\r\n    up\r\n    > 0', char: '>', at: [2, 4] },
  ];
  for (const { title, yaml, char, at } of cases) {
    it(title, () => {
      const text = `groups:\n- name: g\n  rules:\n  ${yaml.replaceAll(/\r?\n/g, (eol) => `${eol}  `)}\n`;
      const region = onlyRegion(text);
      const index = region.text.indexOf(char);
      assert.ok(index >= 0, `${char} in ${JSON.stringify(region.text)}`);
      const offset = region.toDocumentOffset(index);
      const lines = text.slice(0, offset).split(/\r?\n/);
      assert.deepEqual([lines.length - 4, lines[lines.length - 1].length - 2], at);
    });
  }
});

describe('expr regions: cursor positions', () => {
  it('maps the end of a plain value, the empty value and offsets outside', () => {
    const text = 'groups:\n- name: g\n  rules:\n  - record: r\n    expr: rate(\n  - alert: A\n    expr: \n';
    const [typing, empty] = findEmbeddedRegions(parseYamlFile(text));
    const typingEnd = text.indexOf('rate(') + 5;
    assert.equal(typing.toRegionOffset(typingEnd), 5);
    assert.equal(typing.context, 'record');
    assert.equal(empty.text, '');
    assert.equal(empty.context, 'alert');
    assert.equal(empty.toDocumentOffset(0), text.lastIndexOf('expr: ') + 6);
    assert.equal(empty.toRegionOffset(text.lastIndexOf('expr: ') + 6), 0);
    assert.equal(typing.toRegionOffset(text.indexOf('record')), undefined);
  });

  it('maps a cursor in the indentation of a block line to the start of that line', () => {
    const text = 'groups:\n- name: g\n  rules:\n  - record: r\n    expr: |\n      a\n      b\n';
    const region = onlyRegion(text);
    assert.equal(region.toRegionOffset(text.indexOf('      b') + 2), region.text.indexOf('b'));
  });

  it('ends a clipped block on the line of its last character', () => {
    const text = 'groups:\n- name: g\n  rules:\n  - record: r\n    expr: |\n      up\n';
    const region = onlyRegion(text);
    assert.equal(region.toDocumentOffset(region.text.length), text.indexOf('up\n') + 2);
  });
});
