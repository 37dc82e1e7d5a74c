import { LSPErrorCodes, ResponseError, type CancellationToken, type Connection } from 'vscode-languageserver';
import { CheckConnectionRequest, LokiCheckConnectionRequest, RunQueryRequest } from '../protocol';
import type { HttpConnection } from '../sources/http/connection';
import { HttpLokiClient } from '../sources/loki/httpClient';
import { HttpPrometheusClient } from '../sources/prometheus/httpClient';
import { instantQuery, rangeQuery } from '../sources/prometheus/queryApi';
import type { PrometheusConnection } from '../sources/prometheus/types';
import { abortSignalFor, failedAnswer, planRangeQuery, seriesAnswer, type RangePlan } from './queryResults';
import { runLogQLQuery } from './runLogQL';

export { planRangeQuery, toWireData, wireValue, type RangePlan } from './queryResults';

/** Preview queries may take longer than metadata lookups, but not forever. */
const queryTimeoutMs = 60_000;
/** Bigger answers are refused with a clear message; a chart cannot use them anyway. */
const maxQueryResponseBytes = 24 << 20;

/**
 * Serves the query preview: `alertsmith/runQuery` (instant and range queries, cancellable with
 * `$/cancelRequest`; PromQL against Prometheus, LogQL against Loki) and the check-connection
 * requests (build info for the status items). `prometheus()` and `loki()` return the current
 * connections (settings + credentials), or undefined when that server is off or the
 * workspace is untrusted.
 */
export function registerRunQuery(
  connection: Connection,
  prometheus: () => PrometheusConnection | undefined,
  now: () => number = Date.now,
  loki: () => HttpConnection | undefined = () => undefined,
): void {
  connection.onRequest(RunQueryRequest.type, async (params, token) => {
    const logql = params.language === 'logql';
    const target = logql ? loki() : prometheus();
    if (!target)
      return {
        ok: false,
        kind: 'disabled',
        message: logql
          ? 'No Loki is configured (alertsmith.loki.url, alertsmith.loki.enabled), or the workspace is not trusted.'
          : 'No Prometheus is configured (alertsmith.prometheus.url), or the workspace is not trusted.',
      };
    try {
      const result = logql
        ? await runLogQLQuery(new HttpLokiClient(previewConnection(target)), params, now, token)
        : await runQuery(new HttpPrometheusClient(previewConnection(target)), params, now, token);
      // LSP: a cancelled request answers with RequestCancelled, not a result.
      if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'The query was cancelled.');
      return result;
    } catch (error) {
      if (error instanceof ResponseError) throw error;
      connection.console.error(`runQuery failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return { ok: false, kind: 'internal', message: `The query could not be run: ${String(error)}` };
    }
  });

  connection.onRequest(CheckConnectionRequest.type, async (_params, token) => {
    const target = prometheus();
    if (!target) return { url: '', state: 'disabled' };
    const client = new HttpPrometheusClient(checkConnection(target));
    const result = await client.call<unknown>('GET', 'api/v1/status/buildinfo', {}, abortSignalFor(token));
    if (!result.ok) return { url: target.url, state: 'unreachable', message: result.error.message };
    const version =
      typeof result.value === 'object' && result.value !== null ? (result.value as Record<string, unknown>).version : undefined;
    return { url: target.url, state: 'connected', version: typeof version === 'string' ? version : undefined };
  });

  connection.onRequest(LokiCheckConnectionRequest.type, async (_params, token) => {
    const target = loki();
    if (!target) return { url: '', state: 'disabled' };
    const result = await new HttpLokiClient(checkConnection(target)).buildInfo({ signal: abortSignalFor(token) });
    if (!result.ok) return { url: target.url, state: 'unreachable', message: result.error.message };
    return { url: target.url, state: 'connected', version: result.value.version };
  });
}

function previewConnection(target: HttpConnection): HttpConnection {
  return {
    ...target,
    timeoutMs: Math.max(target.timeoutMs ?? 0, queryTimeoutMs),
    maxResponseBytes: Math.min(target.maxResponseBytes ?? Infinity, maxQueryResponseBytes),
  };
}

function checkConnection(target: HttpConnection): HttpConnection {
  return { ...target, timeoutMs: Math.min(target.timeoutMs ?? 5000, 10_000) };
}

/** Runs one PromQL preview query; every failure is an `ok: false` answer, never an exception. */
export async function runQuery(
  client: HttpPrometheusClient,
  params: RunQueryRequest.Params,
  now: () => number,
  token?: CancellationToken,
): Promise<RunQueryRequest.Result> {
  const started = Date.now();
  const signal = abortSignalFor(token);
  const notices: string[] = [];
  let plan: RangePlan | undefined;
  let result;
  if (params.kind === 'range') {
    plan = planRangeQuery(params, now());
    notices.push(...plan.notices);
    result = await rangeQuery(client, { expr: params.expr, start: plan.start, end: plan.end, step: plan.stepMs }, { signal });
  } else {
    result = await instantQuery(client, params.expr, params.time ?? now(), { signal });
  }
  if (!result.ok) return failedAnswer(result.error);
  return seriesAnswer(result.value, params, plan, result.warnings, notices, started);
}
