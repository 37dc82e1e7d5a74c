import { isMap, isPair, isScalar } from 'yaml';
import type { RecordingRuleInfo } from '../types';
import { ruleFileShapes } from '../yaml/ruleShape';
import type { YamlFile } from '../yaml/types';
import { scalarString } from './fieldValues';

/** The recording rules a file defines (rule files and PrometheusRule manifests), for workspace completion and hover. */
export function extractRecordingRules(uri: string, file: YamlFile): RecordingRuleInfo[] {
  const rules: RecordingRuleInfo[] = [];
  const lineOf = lineFinder(file.text);
  for (const shape of ruleFileShapes(file)) {
    if (shape.kind === 'loki-rule') continue;
    for (const group of shape.groups) {
      for (const rule of group.rules) {
        const record = rule.fields?.get('record');
        const name = record ? scalarString(file.text, record.value) : undefined;
        if (!record || !name || rule.fields?.get('alert')) continue;
        const exprEntry = rule.fields?.get('expr');
        const expr = exprEntry ? (scalarString(file.text, exprEntry.value) ?? '') : '';
        const info: RecordingRuleInfo = { name, expr, uri, line: lineOf(record.keyNode.range?.[0] ?? 0) };
        const labels = rule.fields?.get('labels')?.value;
        if (isMap(labels)) {
          info.labels = {};
          for (const item of labels.items) {
            if (isPair(item) && isScalar(item.key))
              info.labels[String(item.key.value)] = scalarString(file.text, rule.fields!.resolve(item.value as never)) ?? '';
          }
        }
        rules.push(info);
      }
    }
  }
  return rules;
}

/** 0-based line of an offset, by binary search over line starts (files can hold thousands of rules). */
function lineFinder(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
}
