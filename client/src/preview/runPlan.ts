import type { RunQueryRequest } from '../../../server/src/protocol';
import { firingIntervals } from './firing';
import type { PreviewQuery, PreviewResult, RunOptions } from './previewMessaging';

/**
 * The request for one run of the preview. An alert with a threshold is graphed by its value
 * side (`rate(errors[5m])` of `rate(errors[5m]) > 0.05`) so the threshold line has something
 * to cross; the Table view runs the expression as written (which series fire or pend now).
 */
export function buildRunParams(
  query: PreviewQuery,
  options: Pick<RunOptions, 'kind' | 'rangeMs' | 'stepMs' | 'width'>,
  now: number,
): RunQueryRequest.Params {
  const threshold = query.alert?.threshold;
  if (options.kind === 'instant') return { expr: query.expr, kind: 'instant', time: now };
  return {
    expr: threshold ? threshold.valueExpr : query.expr,
    kind: 'range',
    start: now - options.rangeMs,
    end: now,
    stepMs: options.stepMs ?? undefined,
    // About one point per two pixels, as Prometheus' own graph does.
    targetPoints: Math.round(options.width / 2) || undefined,
  };
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
