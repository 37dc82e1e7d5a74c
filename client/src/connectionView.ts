import type { CheckConnectionRequest } from '../../server/src/protocol';

/** What a server's status bar item shows for a connection state. Pure, for tests. */
export interface ConnectionView {
  text: string;
  tooltip: string;
  /** `warning` paints the item with the warning background. */
  tone: 'normal' | 'warning';
  visible: boolean;
}

export type ServerTitle = 'Prometheus' | 'Loki';

/** What each server counts in `metricCount`. */
const countNoun: Record<ServerTitle, string> = { Prometheus: 'metric names', Loki: 'label names' };

export function connectionView(
  status: CheckConnectionRequest.Result | undefined,
  portForward?: string,
  server: ServerTitle = 'Prometheus',
): ConnectionView {
  const via = portForward ? `\nPort-forward: ${portForward}` : '';
  const refresh = '\n\nClick to check again.';
  if (!status)
    return { text: `$(sync~spin) ${server}`, tooltip: `Checking the ${server} connection…${via}`, tone: 'normal', visible: true };
  switch (status.state) {
    case 'disabled': {
      const section = `alertsmith.${server.toLowerCase()}`;
      const why =
        status.message ??
        `${section}.url is empty${server === 'Loki' ? `, ${section}.enabled is off,` : ''} or the workspace is not trusted`;
      return { text: `$(circle-slash) ${server}`, tooltip: `No ${server} connection: ${why}.`, tone: 'normal', visible: true };
    }
    case 'connecting':
      return { text: `$(sync~spin) ${server}`, tooltip: `Connecting to ${status.url}…${via}`, tone: 'normal', visible: true };
    case 'connected': {
      const version = status.version ? ` ${status.version}` : '';
      const count = status.metricCount !== undefined ? `\n${status.metricCount.toLocaleString('en-US')} ${countNoun[server]}` : '';
      return {
        text: `$(pulse) ${server}${version}`,
        tooltip: `Connected to ${status.url}${version ? ` (${server}${version})` : ''}${count}${via}${refresh}`,
        tone: 'normal',
        visible: true,
      };
    }
    case 'unreachable':
      return {
        text: `$(debug-disconnect) ${server} unreachable`,
        tooltip: `${status.url} is unreachable${status.message ? `:\n${status.message}` : ''}${via}${refresh}`,
        tone: 'warning',
        visible: true,
      };
  }
}

/** What decides whether the Loki item is worth its place in the status bar. */
export interface LokiRelevance {
  /** The active editor holds LogQL: a `.logql` file or a file matching `alertsmith.logql.ruleFiles`. */
  logqlEditor: boolean;
  /** `alertsmith.loki.url` is set in user, workspace or folder settings (not just the default). */
  urlConfigured: boolean;
  /** A Loki port-forward is running or failed. */
  portForward: boolean;
  state: CheckConnectionRequest.Result['state'] | undefined;
}

/**
 * Loki has a default URL, so "configured" says little: most people who write PromQL never run a
 * Loki on localhost:3100, and an "unreachable" warning they did not ask about is clutter. The item
 * shows while LogQL is being edited, when the user chose a Loki, or when one answers.
 */
export function lokiItemVisible(relevance: LokiRelevance): boolean {
  return relevance.logqlEditor || relevance.urlConfigured || relevance.portForward || relevance.state === 'connected';
}
