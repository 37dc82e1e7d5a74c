import { isMap, type Node } from 'yaml';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SymbolKind, type DocumentSymbol, type Range } from 'vscode-languageserver-types';
import type { AlertsmithDocument } from '../document';
import { scalarString, spanOf, valueSpan } from '../rules/fieldValues';
import { valueOf, type DocumentKindInfo } from '../yaml/documentKind';
import type { RuleFileShape, RuleGroupShape, RuleShape } from '../yaml/ruleShape';

interface Span {
  from: number;
  to: number;
}

/**
 * The outline of a YAML file (Outline view, breadcrumbs, Go to Symbol in Editor): its
 * manifests by name and kind, their rule groups, and each group's alerts and recording rules,
 * the same kinds workspace symbols use (Event, Variable).
 *
 * Only files Alertsmith understands get one (rule files, and files with a Prometheus
 * Operator or Loki operator object): VS Code shows each provider's outline beside the
 * others', and a second outline of every other YAML file would only repeat the YAML
 * extension's. In such a file every manifest is listed, since a chart file mixes them.
 */
export function documentSymbols(text: string, parsed: AlertsmithDocument): DocumentSymbol[] {
  const yaml = parsed.yaml;
  if (!yaml || !parsed.documentKinds.some(isAlertsmithDocument)) return [];
  const lines = TextDocument.create('file:///outline', 'yaml', 0, text);
  const range = (span: Span): Range => ({ start: lines.positionAt(span.from), end: lines.positionAt(span.to) });
  const symbol = (
    name: string,
    detail: string,
    kind: SymbolKind,
    whole: Span,
    selection: Span,
    children: DocumentSymbol[],
  ): DocumentSymbol => {
    // A block collection's range runs to the next line; the outline highlights the entry's own lines.
    const span = { from: whole.from, to: whole.to };
    while (span.to > span.from && /\s/.test(text[span.to - 1])) span.to--;
    // The editor requires the selection inside the range; a merged (`<<: *x`) name lives elsewhere.
    const inside = selection.from >= span.from && selection.to <= span.to;
    return {
      name,
      ...(detail ? { detail } : {}),
      kind,
      range: range(span),
      selectionRange: range(inside ? selection : { from: span.from, to: span.from }),
      children,
    };
  };

  const groupSymbols = (shape: RuleFileShape | undefined): DocumentSymbol[] =>
    (shape?.groups ?? []).flatMap((group) => {
      const span = nodeSpan(group.node);
      // A list item that is no mapping yet (`- ` being typed) is no group to show.
      if (!span || !group.fields) return [];
      const name = fieldString(text, group, 'name');
      const rules = group.rules.flatMap((rule) => ruleSymbol(text, rule, symbol));
      const count = `${rules.length} ${rules.length === 1 ? 'rule' : 'rules'}`;
      return [symbol(name || '(unnamed group)', count, SymbolKind.Namespace, span, fieldSpan(group, 'name') ?? span, rules)];
    });

  const shapes = new Map(parsed.ruleFiles.map((shape) => [shape.documentIndex, shape]));
  return parsed.documentKinds.flatMap((info): DocumentSymbol[] => {
    const document = yaml.documents[info.index];
    const shape = shapes.get(info.index);
    if (info.kind === 'rule-file') return groupSymbols(shape);
    if (info.kind === 'empty' || info.kind === 'other') return [];
    const root = document.contents;
    const span = nodeSpan(root);
    if (!span || !isMap(root)) return [];
    const metadata = valueOf(root, 'metadata');
    const nameNode = isMap(metadata) ? valueOf(metadata, 'name') : undefined;
    const namespace = isMap(metadata) ? scalarString(text, valueOf(metadata, 'namespace') ?? null) : undefined;
    const name = scalarString(text, nameNode ?? null) || '(unnamed)';
    const detail = [info.manifestKind, namespace].filter(Boolean).join(' · ');
    const selection = nodeSpan(nameNode) ?? nodeSpan(valueOf(root, 'kind')) ?? span;
    return [symbol(name, detail, SymbolKind.Module, span, selection, groupSymbols(shape))];
  });
}

type MakeSymbol = (
  name: string,
  detail: string,
  kind: SymbolKind,
  span: Span,
  selection: Span,
  children: DocumentSymbol[],
) => DocumentSymbol;

function ruleSymbol(text: string, rule: RuleShape, symbol: MakeSymbol): DocumentSymbol[] {
  const span = nodeSpan(rule.node);
  if (!span || !rule.fields) return [];
  // A rule with both keys is an alert to Prometheus' loader (extractRecordingRules agrees).
  const key = rule.fields.get('alert') ? 'alert' : rule.fields.get('record') ? 'record' : undefined;
  const name = key ? fieldString(text, rule, key) : '';
  const severity = severityOf(text, rule);
  const kind = key === 'alert' ? SymbolKind.Event : key === 'record' ? SymbolKind.Variable : SymbolKind.Object;
  return [symbol(name || '(unnamed rule)', key === 'alert' ? severity : '', kind, span, (key && fieldSpan(rule, key)) || span, [])];
}

/** An alert's `labels.severity`: what on-call reads first, shown beside its name. */
function severityOf(text: string, rule: RuleShape): string {
  const map = rule.fields?.get('labels')?.value;
  if (!isMap(map)) return '';
  return scalarString(text, rule.fields?.resolve(valueOf(map, 'severity')) ?? null) ?? '';
}

function fieldString(text: string, shape: RuleGroupShape | RuleShape, key: string): string {
  return scalarString(text, shape.fields?.get(key)?.value ?? null) ?? '';
}

function fieldSpan(shape: RuleGroupShape | RuleShape, key: string): Span | undefined {
  const entry = shape.fields?.get(key);
  return entry ? valueSpan(entry) : undefined;
}

function nodeSpan(node: Node | null | undefined): Span | undefined {
  return node?.range ? spanOf(node) : undefined;
}

/** Rule files, and objects of the Prometheus Operator (monitoring.coreos.com) or Loki operator. */
function isAlertsmithDocument(info: DocumentKindInfo): boolean {
  if (info.kind === 'rule-file' || info.kind === 'prometheus-rule' || info.kind === 'loki-rule') return true;
  const group = info.apiVersion?.split('/')[0];
  return group === 'monitoring.coreos.com' || group === 'loki.grafana.com';
}
