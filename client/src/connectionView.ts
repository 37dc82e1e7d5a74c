import type { CheckConnectionRequest } from '../../server/src/protocol';

/** What the Prometheus status bar item shows for a connection state. Pure, for tests. */
export interface ConnectionView {
  text: string;
  tooltip: string;
  /** `warning` paints the item with the warning background. */
  tone: 'normal' | 'warning';
  visible: boolean;
}

export function connectionView(status: CheckConnectionRequest.Result | undefined, portForward?: string): ConnectionView {
  const via = portForward ? `\nPort-forward: ${portForward}` : '';
  const refresh = '\n\nClick to check again.';
  if (!status)
    return { text: '$(sync~spin) Prometheus', tooltip: `Checking the Prometheus connection…${via}`, tone: 'normal', visible: true };
  switch (status.state) {
    case 'disabled':
      return {
        text: '$(circle-slash) Prometheus',
        tooltip: 'No Prometheus connection: alertsmith.prometheus.url is empty, or the workspace is not trusted.',
        tone: 'normal',
        visible: true,
      };
    case 'connecting':
      return { text: '$(sync~spin) Prometheus', tooltip: `Connecting to ${status.url}…${via}`, tone: 'normal', visible: true };
    case 'connected': {
      const version = status.version ? ` ${status.version}` : '';
      const metrics = status.metricCount !== undefined ? `\n${status.metricCount.toLocaleString('en-US')} metric names` : '';
      return {
        text: `$(pulse) Prometheus${version}`,
        tooltip: `Connected to ${status.url}${version ? ` (Prometheus${version})` : ''}${metrics}${via}${refresh}`,
        tone: 'normal',
        visible: true,
      };
    }
    case 'unreachable':
      return {
        text: '$(debug-disconnect) Prometheus unreachable',
        tooltip: `${status.url} is unreachable${status.message ? `:\n${status.message}` : ''}${via}${refresh}`,
        tone: 'warning',
        visible: true,
      };
  }
}
