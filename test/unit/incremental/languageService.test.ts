import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { getLanguageService } from '../../../server/src/service/languageService';
import { generateRuleFile } from '../../../bench/generateRules';

const uri = 'file:///rules.yaml';
const structural = (d: Diagnostic) => /^(rules|yaml)\//.test(String(d.code));
const key = (d: Diagnostic) =>
  `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.code} ${d.message}`;
const sorted = (ds: Diagnostic[]) => ds.map(key).sort();

function fullDiagnostics(text: string): Diagnostic[] {
  const service = getLanguageService();
  service.indexFile(uri, 'yaml', text);
  return service.doValidation(TextDocument.create(uri, 'yaml', 1, text));
}

/** Types `typed` one character at a time at `at`, as an editor sends keystrokes. */
function typeInto(text: string, at: number, typed: string): string[] {
  return Array.from(typed, (_, i) => text.slice(0, at) + typed.slice(0, i + 1) + text.slice(at));
}

describe('facade: diagnostics while typing inside an expression', () => {
  const base = generateRuleFile(150);
  const cases: { title: string; anchor: string; typed: string }[] = [
    { title: 'plain scalar', anchor: 'expr: sum by (job, namespace) (rate(', typed: 'abs(' },
    { title: 'literal block', anchor: 'sum by (job) (rate(http_requests_total{job="', typed: '", x=~"(' },
    { title: 'folded block', anchor: 'histogram_quantile(0.99', typed: ', 1' },
    { title: 'single-quoted', anchor: "expr: 'sum by (namespace, pod) (rate(", typed: 'foo(' },
    { title: 'double-quoted with escapes', anchor: 'max_over_time(kube_pod_container_status_waiting_reason{namespace=', typed: '!~ !' },
  ];
  for (const { title, anchor, typed } of cases) {
    it(`${title}: expression diagnostics equal a full validation at every keystroke; settle() equals it all`, () => {
      const at = base.indexOf(anchor, base.length / 3) + anchor.length;
      assert.ok(at > anchor.length, `anchor ${anchor} not found`);
      const service = getLanguageService();
      service.indexFile(uri, 'yaml', base);
      service.doValidation(TextDocument.create(uri, 'yaml', 1, base));
      let version = 1;
      let sawProblem = false;
      for (const text of typeInto(base, at, typed)) {
        const document = TextDocument.create(uri, 'yaml', ++version, text);
        service.indexFile(uri, 'yaml', text);
        const fast = service.doValidation(document);
        const full = fullDiagnostics(text);
        sawProblem ||= full.some((d) => !structural(d));
        assert.deepEqual(
          sorted(fast.filter((d) => !structural(d))),
          sorted(full.filter((d) => !structural(d))),
          JSON.stringify(text.slice(at - 20, at + 20)),
        );
        assert.equal(service.settle(document), true, 'the fast path was taken, so a full parse is owed');
        assert.deepEqual(sorted(service.doValidation(document)), sorted(full));
        assert.equal(service.settle(document), false);
      }
      assert.ok(sawProblem, 'the typed text should produce at least one problem');
    });
  }

  it('completion and hover use the moved regions after fast edits', () => {
    const service = getLanguageService();
    service.indexFile(uri, 'yaml', base);
    service.doValidation(TextDocument.create(uri, 'yaml', 1, base));
    const at = base.indexOf('expr: sum by (job, namespace) (rate(') + 'expr: '.length;
    const edited = base.slice(0, at) + ' ' + base.slice(at);
    service.indexFile(uri, 'yaml', edited);
    const document = TextDocument.create(uri, 'yaml', 2, edited);
    service.doValidation(document);
    const later = edited.lastIndexOf('histogram_quantile(') + 3;
    const hover = service.doHover(document, document.positionAt(later));
    const reference = getLanguageService().doHover(document, document.positionAt(later));
    assert.ok(hover);
    assert.deepEqual(hover, reference);
    const completionAt = document.positionAt(edited.lastIndexOf('rate(') + 'rate('.length);
    assert.deepEqual(service.doComplete(document, completionAt), getLanguageService().doComplete(document, completionAt));
  });
});

describe('facade: settings and cached parses', () => {
  it('keeps parses when settings other than `logql` change, drops them when `logql` does', () => {
    const service = getLanguageService();
    const document = TextDocument.create(uri, 'yaml', 1, generateRuleFile(60));
    const first = service.parse(document);
    service.configure({ ...service.settings, promql: { ...service.settings.promql, experimentalFeaturesEnabled: true } });
    assert.equal(service.parse(document), first);
    service.configure({ ...service.settings, logql: { ruleFiles: ['**/*.yaml'] } });
    const reparsed = service.parse(document);
    assert.notEqual(reparsed, first);
    assert.ok(reparsed.regions.every((region) => region.language === 'logql'));
  });
});
