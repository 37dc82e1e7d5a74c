import { analyzeTemplate, type TemplateAnalysis, type TemplateEnvironment } from './parser';

/** Functions of Go's text/template itself (golang/go src/text/template/funcs.go); LogQL's templates use them too. */
export const goTemplateBuiltins = [
  'and',
  'call',
  'html',
  'index',
  'slice',
  'js',
  'len',
  'not',
  'or',
  'print',
  'printf',
  'println',
  'urlquery',
  'eq',
  'ge',
  'gt',
  'le',
  'lt',
  'ne',
];

/**
 * Functions Prometheus adds for alert templates (prometheus/prometheus template/template.go,
 * `NewTemplateExpander`). `tmpl` exists only in HTML consoles, not in rule templates.
 */
export const prometheusTemplateFunctions = [
  'query',
  'first',
  'label',
  'value',
  'strvalue',
  'args',
  'reReplaceAll',
  'safeHtml',
  'match',
  'title',
  'toUpper',
  'toLower',
  'graphLink',
  'tableLink',
  'sortByLabel',
  'stripPort',
  'stripDomain',
  'humanize',
  'humanize1024',
  'humanizeDuration',
  'humanizePercentage',
  'humanizeTimestamp',
  'toTime',
  'toDuration',
  'now',
  'pathPrefix',
  'externalURL',
  'parseDuration',
  'urlQueryEscape',
];

/**
 * What an alerting rule's label and annotation templates see: Prometheus prepends
 * `{{$labels := .Labels}}{{$externalLabels := .ExternalLabels}}{{$externalURL := .ExternalURL}}{{$value := .Value}}`
 * (model/rulefmt/rulefmt.go `testTemplateParsing`) and executes on `AlertTemplateData`.
 */
export const alertTemplateEnvironment: TemplateEnvironment = {
  functions: new Set([...goTemplateBuiltins, ...prometheusTemplateFunctions]),
  variables: ['$labels', '$externalLabels', '$externalURL', '$value'],
  dataFields: ['Labels', 'ExternalLabels', 'ExternalURL', 'Value'],
  labelsField: 'Labels',
  labelsVariable: '$labels',
  valueVariable: '$value',
};

/** Parse-checks one label or annotation value of an alerting rule. */
export function analyzeAlertTemplate(text: string): TemplateAnalysis {
  if (!text.includes('{{')) return { unknownFields: [], labelReferences: [] };
  return analyzeTemplate(text, alertTemplateEnvironment);
}
