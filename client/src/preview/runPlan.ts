import type { RunQueryRequest } from '../../../server/src/protocol';
import { firingIntervals } from './firing';
import type { PreviewQuery, PreviewResult, RunOptions } from './previewMessaging';
import { defaultLineLimit } from './timeRange';

/**
 * The request for one run of the preview. An alert with a threshold is graphed by its value
 * side (`rate(errors[5m])` of `rate(errors[5m]) > 0.05`) so the threshold line has something
 * to cross; the Table view runs the expression as written (which series fire or pend now).
 * LogQL goes to Loki (`language: 'logql'`) with a line limit; "load more" asks for the lines
 * before the webview's exclusive `endNs`, over the same range start.
 */
export function buildRunParams(
  query: PreviewQuery,
  options: Pick<RunOptions, 'kind' | 'rangeMs' | 'stepMs' | 'width' | 'limit' | 'more'>,
  now: number,
): RunQueryRequest.Params {
  const threshold = query.alert?.threshold;
  const logql = query.language === 'logql';
  const language = logql ? ({ language: 'logql' } as const) : {};
  if (options.kind === 'instant') return { expr: query.expr, ...language, kind: 'instant', time: now };
  const params: RunQueryRequest.Params = {
    expr: threshold ? threshold.valueExpr : query.expr,
    ...language,
    kind: 'range',
    start: now - options.rangeMs,
    end: now,
    stepMs: options.stepMs ?? undefined,
    // About one point per two pixels, as Prometheus' own graph does.
    targetPoints: Math.round(options.width / 2) || undefined,
  };
  if (!logql) return params;
  params.limit = options.limit ?? defaultLineLimit;
  if (options.more) {
    params.start = options.more.start;
    params.endNs = options.more.endNs;
    // The same end in ms, rounded up: lines at the oldest shown millisecond are still asked for.
    params.end = Number((BigInt(options.more.endNs) + 999_999n) / 1_000_000n);
  }
  return params;
}

/** The webview's result: the server's answer plus, for alerts, when the rule would have fired. */
export function buildPreviewResult(
  query: PreviewQuery,
  params: RunQueryRequest.Params,
  answer: RunQueryRequest.Result & { ok: true },
): PreviewResult {
  const { ok: _ok, ...rest } = answer;
  const result: PreviewResult = { kind: params.kind, expr: params.expr, ...rest };
  const alert = query.alert;
  if (alert && params.kind === 'range' && answer.data.resultType === 'matrix' && answer.stepMs) {
    result.firing = firingIntervals(answer.data.series, {
      stepMs: answer.stepMs,
      forMs: alert.forMs,
      keepFiringForMs: alert.keepFiringForMs,
      // The threshold applies only when the value side was run; otherwise presence is the condition.
      threshold: params.expr === query.expr ? undefined : alert.threshold,
    });
  }
  return result;
}
