import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseAlertsmithDocument } from '../../../server/src/service/document';
import { applyChange, fullState, IncrementalDocuments, type IncrementalState } from '../../../server/src/service/incremental';
import { singleChange } from '../../../server/src/service/incrementalEdit';
import { validateRuleFile } from '../../../server/src/service/rules/validateRules';
import type { EmbeddedRegion } from '../../../server/src/service/types';
import type { DocumentProblem } from '../../../server/src/service/yaml/types';
import { generateRuleFile } from '../../../bench/generateRules';
import { random } from '../random';

/** Every scalar style the generator does not write: multi-line plain and quoted, `''`, comments, CRLF. */
const handWritten = [
  'groups:',
  '  - name: styles',
  '    rules:',
  '      - alert: PlainTwoLines',
  '        expr: sum by (job) (rate(errors_total[5m]))',
  '          > on (job) group_left sum by (job) (rate(x_total[5m])) # trailing comment',
  '        annotations:',
  '          summary: "{{ $labels.job }} has {{ $labels.instance }}"',
  '      - alert: DoubleTwoLines',
  '        expr: "up{job=\\"a\\\\b\\"}',
  '          == 0 and on() vector(1) \\',
  '          > 0"',
  '      - record: single:quoted',
  '        expr: \'label_replace(up, "x", \'\'$1\'\', "job", "(.*)")\'',
  '      - record: folded:keep',
  '        expr: >+',
  '          rate(a_total[5m])',
  '',
  '            * 2',
  '',
  '      - alert: Literal',
  '        expr: |2',
  '            absent(up{job="x"}) # not a YAML comment',
  '        for: 5m',
  '      - { record: "flow:rule", expr: "rate(b_total[1m])" }',
  '      - { record: flow:plain, expr: up == 1 }',
  '',
].join('\n');

const alphabet = [
  'a',
  'Z',
  '0',
  '_',
  ' ',
  ' ',
  '\t',
  '"',
  "'",
  '\\',
  '#',
  ':',
  '{',
  '}',
  '(',
  ')',
  '[',
  ',',
  '-',
  '|',
  '>',
  '\n',
  '=',
  '~',
  '*',
  '&',
  '!',
  'é',
  '😀',
];

function parse(text: string) {
  const parsed = parseAlertsmithDocument({ uri: 'file:///r.yaml', languageId: 'yaml', text });
  const problems = parsed.yaml ? validateRuleFile(parsed.yaml, {}) : [];
  return { parsed, problems, state: fullState(text, parsed, problems) };
}

/** A random one-character insertion, deletion or replacement somewhere in (or just around) an expression. */
function randomEdit(text: string, regions: readonly EmbeddedRegion[], next: () => number): string {
  const region = regions[Math.floor(next() * regions.length)];
  const at = region.sourceStart - 1 + Math.floor(next() * (region.sourceEnd - region.sourceStart + 3));
  const ch = alphabet[Math.floor(next() * alphabet.length)];
  const op = next();
  if (op < 0.5) return text.slice(0, at) + ch + text.slice(at);
  if (op < 0.8) return text.slice(0, at) + text.slice(at + 1);
  return text.slice(0, at) + ch + text.slice(at + 1);
}

function assertSameRegion(actual: EmbeddedRegion, expected: EmbeddedRegion, text: string, label: string): void {
  const shape = (r: EmbeddedRegion) => ({
    language: r.language,
    context: r.context,
    text: r.text,
    sourceStart: r.sourceStart,
    sourceEnd: r.sourceEnd,
  });
  assert.deepEqual(shape(actual), shape(expected), label);
  for (let offset = 0; offset <= expected.text.length; offset++) {
    assert.equal(actual.toDocumentOffset(offset), expected.toDocumentOffset(offset), `${label}: toDocumentOffset(${offset})`);
  }
  for (let offset = Math.max(0, expected.sourceStart - 2); offset <= Math.min(text.length, expected.sourceEnd + 2); offset++) {
    assert.equal(actual.toRegionOffset(offset), expected.toRegionOffset(offset), `${label}: toRegionOffset(${offset})`);
  }
}

/** The document range of the rule (list item) holding `offset` in a full parse. */
function ruleSpanAt(parsed: ReturnType<typeof parse>['parsed'], offset: number): [number, number] {
  for (const shape of parsed.ruleFiles) {
    for (const group of shape.groups) {
      for (const rule of group.rules) {
        const range = rule.node?.range;
        if (range && range[0] <= offset && offset <= range[2]) return [range[0], range[2]];
      }
    }
  }
  return [offset, offset];
}

const outside =
  ([from, to]: [number, number]) =>
  (p: DocumentProblem) =>
    p.to < from || p.from > to;

/**
 * Chains random edits; whenever the fast path accepts one, its state must equal a full parse of
 * the new text: every region with its offset maps, no YAML problem, and the same structure
 * problems outside the edited rule (those inside it wait for the full parse the server owes).
 */
function runProperty(base: string, seed: number, rounds: number, chain: number): { accepted: number; rejected: number } {
  const next = random(seed);
  let accepted = 0;
  let rejected = 0;
  for (let round = 0; round < rounds; round++) {
    let text = base;
    let state: IncrementalState | undefined = parse(base).state;
    assert.ok(state, 'the base file parses cleanly');
    const editedRegions = new Set<number>();
    for (let step = 0; step < chain && state; step++) {
      const edited = randomEdit(text, state.regions, next);
      if (edited === text) continue;
      const fast: IncrementalState | undefined = applyChange(state, edited);
      if (!fast) {
        rejected++;
        break;
      }
      accepted++;
      const label = `seed ${seed} round ${round} step ${step}: ${JSON.stringify(singleChange(text, edited))} in ${JSON.stringify(edited.slice(singleChange(text, edited).start - 30, singleChange(text, edited).newEnd + 10))}`;
      const full = parse(edited);
      assert.deepEqual(full.parsed.yaml?.problems ?? [], [], `${label}: the edit broke the YAML`);
      assert.equal(fast.regions.length, full.parsed.regions.length, label);
      fast.regions.forEach((region, i) => assertSameRegion(region, full.parsed.regions[i], edited, `${label} region ${i}`));
      const at = singleChange(text, edited).start;
      const editedIndex = fast.regions.findIndex((r) => r.sourceStart <= at && at <= r.sourceEnd);
      assert.ok(editedIndex >= 0, `${label}: edited region not found`);
      editedRegions.add(editedIndex);
      const spans = [...editedRegions].map((i) => ruleSpanAt(full.parsed, full.parsed.regions[i].sourceStart));
      const outsideEdited = (p: DocumentProblem) => spans.every((span) => outside(span)(p));
      assert.deepEqual(fast.structureProblems.filter(outsideEdited), full.problems.filter(outsideEdited), label);
      text = edited;
      state = fast;
    }
  }
  return { accepted, rejected };
}

describe('edit fast path equals a full parse', () => {
  it('random edits in a generated rule file (plain, quoted, | and > scalars)', () => {
    const result = runProperty(generateRuleFile(120), 1, 150, 6);
    // Both outcomes must occur, or the property says nothing.
    assert.ok(result.accepted > 150, `accepted ${result.accepted}`);
    assert.ok(result.rejected > 20, `rejected ${result.rejected}`);
  });
  it('random edits in hand-written styles (multi-line plain and quoted, escapes, comments, flow maps)', () => {
    const result = runProperty(handWritten, 7, 300, 4);
    assert.ok(result.accepted > 100, `accepted ${result.accepted}`);
  });
  it('random edits in a CRLF file', () => {
    const result = runProperty(handWritten.replace(/\n/g, '\r\n'), 11, 200, 4);
    assert.ok(result.accepted > 50, `accepted ${result.accepted}`);
  });
  it('structure problems move with the edit', () => {
    const text =
      'groups:\n  - name: g\n    rules:\n      - record: a:b\n        expr: up\n      - record: x\n        expr: down\n        bogus: 1\n';
    const before = parse(text);
    const edited = text.replace('expr: up', 'expr: upp');
    const after = applyChange(before.state!, edited);
    assert.ok(after?.provisional);
    assert.deepEqual(after.structureProblems, parse(edited).problems);
    assert.ok(after.structureProblems.length > 0);
  });
});

describe('edits the fast path leaves to a full parse', () => {
  const cases: { title: string; line: string; from: string; to: string }[] = [
    { title: 'a quote in a double-quoted scalar', line: 'expr: "up == 1"', from: 'up ', to: 'up" ' },
    { title: 'a character after a backslash', line: 'expr: "up{a=\\"b\\"}"', from: '\\"}', to: '\\x"}' },
    { title: 'a quote in a single-quoted scalar', line: "expr: 'up == 1'", from: 'up ', to: "up' " },
    { title: '`: ` in a plain scalar', line: 'expr: up == 1', from: 'up ', to: 'up: ' },
    { title: '` #` in a plain scalar', line: 'expr: up#1', from: 'up#', to: 'up #' },
    { title: 'white space appended to a plain scalar', line: 'expr: up', from: 'up\n', to: 'up \n' },
    { title: 'a line break', line: 'expr: up == 1', from: 'up ', to: 'up\n' },
    { title: 'an edit before the scalar', line: 'expr: up == 1', from: ': up', to: ':  up' },
    { title: 'an edit outside every expression', line: 'expr: up == 1\n        for: 5m', from: '5m', to: '6m' },
    { title: 'a plain scalar becoming null', line: 'expr: nul', from: 'nul\n', to: 'null\n' },
    { title: 'a plain scalar in a flow map', line: '- { record: s, expr: up == 1 }', from: 'up ', to: 'upx ' },
    { title: 'an edit that makes a PromQL expression look like LogQL', line: 'expr: \'{a="b"}\'', from: '}', to: '} |= "x"' },
  ];
  for (const { title, line, from, to } of cases) {
    it(title, () => {
      const rule = line.startsWith('- ') ? line : `- record: r\n        ${line}`;
      const text = `groups:\n  - name: g\n    rules:\n      ${rule}\n`;
      const { state } = parse(text);
      assert.ok(state);
      const edited = text.replace(from, to);
      assert.notEqual(edited, text);
      assert.equal(applyChange(state, edited), undefined);
    });
  }
});

describe('IncrementalDocuments', () => {
  const text = 'groups:\n  - name: g\n    rules:\n      - record: r\n        expr: up\n';
  it('derives, marks provisional, forgets on a structural edit, and keeps a bounded number of documents', () => {
    const documents = new IncrementalDocuments(2);
    const { state } = parse(text);
    documents.record('a', state);
    assert.equal(documents.provisional('a'), false);
    assert.ok(documents.current('a', text.replace('expr: up', 'expr: upx')));
    assert.equal(documents.provisional('a'), true);
    assert.equal(documents.current('a', text.replace('expr: up', 'expr: up\nx')), undefined);
    assert.equal(documents.current('a', text), undefined, 'forgotten after a full parse was needed');
    for (const uri of ['a', 'b', 'c']) documents.record(uri, state);
    assert.equal(documents.current('a', text), undefined);
    assert.ok(documents.current('c', text));
  });
});
