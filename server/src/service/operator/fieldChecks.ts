/**
 * Checks that need nothing but the object itself: unknown `spec` fields, durations, timeout ≤
 * interval, and paths. They run once per file edit, at extraction.
 */
import { isPair, isScalar, type YAMLMap } from 'yaml';
import { formatDuration, parseDuration } from '../duration';
import { OperatorCode } from './codes';
import { didYouMean, knownFields } from './fields';
import { problemAt, type OperatorProblem } from './problem';
import { asMap, asSeq, locatedString, mapPath, pairOf, scalarText, spanOf, valueOf } from './yamlNodes';

/** Runs every local check for an object of `kind` whose document root is `root`. */
export function checkFields(kind: string, root: YAMLMap, uri: string): OperatorProblem[] {
  const problems: OperatorProblem[] = [];
  const spec = mapPath(root, 'spec');
  if (!spec) return problems;
  checkUnknown(spec, `${kind}.spec`, problems, uri);
  switch (kind) {
    case 'ServiceMonitor':
    case 'PodMonitor': {
      const listKey = kind === 'ServiceMonitor' ? 'endpoints' : 'podMetricsEndpoints';
      checkUnknown(mapPath(spec, 'namespaceSelector'), `${kind}.spec.namespaceSelector`, problems, uri);
      for (const item of asSeq(valueOf(spec, listKey))?.items ?? []) {
        const endpoint = asMap(item);
        checkUnknown(endpoint, `${kind}.spec.${listKey}[]`, problems, uri);
        checkScrapeTimes(endpoint, problems, uri);
        checkPath(endpoint, problems, uri);
      }
      break;
    }
    case 'Probe':
      checkUnknown(mapPath(spec, 'prober'), 'Probe.spec.prober', problems, uri);
      checkUnknown(mapPath(spec, 'targets'), 'Probe.spec.targets', problems, uri);
      checkScrapeTimes(spec, problems, uri);
      checkPath(mapPath(spec, 'prober'), problems, uri);
      break;
    case 'Prometheus':
      checkScrapeTimes(spec, problems, uri, 'scrapeInterval');
      checkDuration(spec, 'evaluationInterval', problems);
      break;
    case 'PrometheusRule':
      for (const group of asSeq(valueOf(spec, 'groups'))?.items ?? []) {
        checkUnknown(asMap(group), 'PrometheusRule.spec.groups[]', problems, uri);
      }
      break;
  }
  return problems;
}

function checkUnknown(map: YAMLMap | undefined, where: string, problems: OperatorProblem[], uri: string): void {
  const known = knownFields[where];
  if (!map || !known) return;
  for (const item of map.items) {
    if (!isPair(item) || !isScalar(item.key)) continue;
    const name = scalarText(item.key) ?? '';
    const span = spanOf(item.key);
    // `<<` merges another mapping in (YAML 1.1 merge key): no field of its own.
    if (known.includes(name) || name === '<<' || !span) continue;
    const suggestion = didYouMean(name, known);
    const message = suggestion
      ? `Unknown field '${name}' in ${where}; did you mean '${suggestion}'?`
      : `Unknown field '${name}' in ${where}.`;
    const fixes = suggestion
      ? [{ title: `Change to '${suggestion}'`, actions: [{ kind: 'replace' as const, uri, span, newText: suggestion }] }]
      : undefined;
    problems.push(problemAt(span, OperatorCode.unknownField, 'warning', message, [], fixes));
  }
}

/** Validates one duration field and returns its milliseconds when valid. */
function checkDuration(map: YAMLMap, key: string, problems: OperatorProblem[]): number | undefined {
  const value = locatedString(valueOf(map, key));
  if (!value) return undefined;
  const ms = parseDuration(value.value);
  if (ms === undefined) {
    problems.push(
      problemAt(
        value.span,
        OperatorCode.invalidDuration,
        'error',
        `'${value.value}' is not a valid duration for ${key}: use a number and a unit (ms, s, m, h, d, w, y), largest unit first, such as 30s or 1m30s.`,
      ),
    );
  }
  return ms;
}

function checkScrapeTimes(map: YAMLMap | undefined, problems: OperatorProblem[], uri: string, intervalKey = 'interval'): void {
  if (!map) return;
  const interval = checkDuration(map, intervalKey, problems);
  const timeout = checkDuration(map, 'scrapeTimeout', problems);
  const timeoutNode = valueOf(map, 'scrapeTimeout');
  const span = spanOf(timeoutNode ?? undefined);
  if (interval === undefined || timeout === undefined || !span || timeout <= interval) return;
  const intervalSpan = spanOf(valueOf(map, intervalKey) ?? undefined);
  problems.push(
    problemAt(
      span,
      OperatorCode.timeoutExceedsInterval,
      'error',
      `scrapeTimeout (${formatDuration(timeout)}) is longer than ${intervalKey} (${formatDuration(interval)}); Prometheus rejects a timeout longer than the interval.`,
      intervalSpan ? [{ uri, ...intervalSpan, message: `${intervalKey} is ${formatDuration(interval)}` }] : [],
      [
        {
          title: `Set scrapeTimeout to ${formatDuration(interval)}`,
          actions: [{ kind: 'replace', uri, span, newText: formatDuration(interval) }],
        },
      ],
    ),
  );
}

function checkPath(map: YAMLMap | undefined, problems: OperatorProblem[], uri: string): void {
  const path = locatedString(pairOf(map, 'path')?.value);
  if (!path || path.value.startsWith('/')) return;
  problems.push(
    problemAt(
      path.span,
      OperatorCode.invalidPath,
      'error',
      `path '${path.value}' must start with '/'.`,
      [],
      [{ title: `Change to '/${path.value}'`, actions: [{ kind: 'replace', uri, span: path.span, newText: `/${path.value}` }] }],
    ),
  );
}
