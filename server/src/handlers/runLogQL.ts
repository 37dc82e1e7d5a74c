import type { CancellationToken } from 'vscode-languageserver';
import type { RunQueryRequest, WireLogEntry, WireStream } from '../protocol';
import { validateLogQL } from '../service/logql/validate';
import type { HttpLokiClient } from '../sources/loki/httpClient';
import { logRangeQuery, metricInstantQuery, metricRangeQuery, type LogStream } from '../sources/loki/queryApi';
import { abortSignalFor, failedAnswer, finite, planRangeQuery, queryWindow, seriesAnswer } from './queryResults';

const defaultLimit = 500;

/**
 * Runs one LogQL preview query against Loki. Log queries (`{…} |= "x"`) read the newest
 * `limit` lines of the range (`direction=backward`; "load more" passes an exclusive `endNs`
 * one past the oldest line shown, see client/webview/logRows.ts); metric queries are graphed like
 * PromQL: a range with the same step choice, or one instant. Failures are answers, not throws.
 */
export async function runLogQLQuery(
  client: HttpLokiClient,
  params: RunQueryRequest.Params,
  now: () => number,
  token?: CancellationToken,
): Promise<RunQueryRequest.Result> {
  const started = Date.now();
  const signal = abortSignalFor(token);
  const notices: string[] = [];
  if (logqlQueryKind(params.expr) === 'log') {
    // Loki has no instant log query: an instant's time ends a range like any other.
    const { start, end } = queryWindow(params.start, finite(params.end) ?? finite(params.time) ?? now());
    const limit = params.limit !== undefined && params.limit > 0 ? Math.floor(params.limit) : defaultLimit;
    const endNs = params.endNs !== undefined && /^\d{1,25}$/.test(params.endNs) ? params.endNs : undefined;
    if (params.endNs !== undefined && endNs === undefined) notices.push(`Ignored an invalid endNs (${JSON.stringify(params.endNs)}).`);
    const result = await logRangeQuery(client, { expr: params.expr, start, end, endNs, limit }, { signal });
    if (!result.ok) return failedAnswer(result.error);
    if (result.value.resultType !== 'streams')
      return failedAnswer({ kind: 'invalid-response', message: `expected log lines, got a ${result.value.resultType}` });
    const streams = result.value.streams.map(toWireStream);
    const lines = streams.reduce((sum, stream) => sum + stream.entries.length, 0);
    return {
      ok: true,
      data: { resultType: 'streams', streams },
      start,
      end,
      warnings: result.warnings ?? [],
      notices,
      limitReached: lines >= limit,
      tookMs: Date.now() - started,
    };
  }

  let plan: ReturnType<typeof planRangeQuery> | undefined;
  let result;
  if (params.kind === 'range') {
    plan = planRangeQuery(params, now(), 'Loki');
    notices.push(...plan.notices);
    result = await metricRangeQuery(client, { expr: params.expr, start: plan.start, end: plan.end, step: plan.stepMs }, { signal });
  } else {
    result = await metricInstantQuery(client, params.expr, finite(params.time) ?? now(), { signal });
  }
  if (!result.ok) return failedAnswer(result.error);
  if (result.value.resultType === 'streams') return failedAnswer({ kind: 'invalid-response', message: 'expected samples, got log lines' });
  return seriesAnswer(result.value, params, plan, result.warnings, notices, started);
}

/** Log or metric query; a query that does not parse goes by its first character (Loki will say what is wrong). */
export function logqlQueryKind(expr: string): 'log' | 'metric' {
  return validateLogQL(expr, { context: 'query' }).kind ?? (expr.trimStart().startsWith('{') ? 'log' : 'metric');
}

function toWireStream(stream: LogStream): WireStream {
  const entries = stream.entries
    .map((entry): WireLogEntry => {
      const wire: WireLogEntry = { time: Number(BigInt(entry.timeNs) / 1_000_000n), timeNs: entry.timeNs, line: entry.line };
      if (entry.metadata) wire.metadata = entry.metadata;
      return wire;
    })
    // Newest first, whatever order the server used; ns strings compare by length, then digits.
    .sort((a, b) => b.timeNs.length - a.timeNs.length || (a.timeNs < b.timeNs ? 1 : a.timeNs > b.timeNs ? -1 : 0));
  return { labels: stream.labels, entries };
}
