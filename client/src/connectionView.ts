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

/** The query languages the active editor holds. */
export interface EditorLanguages {
  promql: boolean;
  logql: boolean;
}

/**
 * What the active editor holds: a `.promql` or `.logql` file by its language; a YAML file matching
 * `alertsmith.logql.ruleFiles` is LogQL; other YAML holds what the language server found in its
 * expressions (`announced`, unknown until the server has checked it).
 */
export function editorLanguages(
  languageId: string | undefined,
  lokiRuleFile: boolean,
  announced?: readonly string[],
  previous: EditorLanguages = { promql: false, logql: false },
): EditorLanguages {
  if (languageId === 'promql') return { promql: true, logql: false };
  if (languageId === 'logql' || (languageId === 'yaml' && lokiRuleFile)) return { promql: false, logql: true };
  if (languageId !== 'yaml') return { promql: false, logql: false };
  // Until the server has checked the file, the items stay as they were (`previous`, what the
  // last editor held): guessing would show the Prometheus item for a moment in a Loki rule file.
  if (!announced) return previous;
  return { promql: announced.includes('promql'), logql: announced.includes('logql') };
}

/** What decides whether a live server's item is worth its place in the status bar. */
export interface ItemRelevance {
  editor: EditorLanguages;
  /** The user chose a server: see `urlChosen`. */
  urlChosen: boolean;
  /** A port-forward to the server is running or failed. */
  portForward: boolean;
  state: CheckConnectionRequest.Result['state'] | undefined;
}

/** A `url` setting as `WorkspaceConfiguration.inspect` gives it. */
export interface InspectedUrl {
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
}

/**
 * Whether the user chose a server: the most specific `url` they set (folder, workspace, user)
 * holds a URL. Only the default, or a URL emptied to turn the live features off, is no choice.
 */
export function urlChosen(inspected: InspectedUrl | undefined): boolean {
  const value = inspected?.workspaceFolderValue ?? inspected?.workspaceValue ?? inspected?.globalValue;
  return typeof value === 'string' && value.trim() !== '';
}

/**
 * Loki has a default URL, so "configured" says little: most people who write PromQL never run a
 * Loki on localhost:3100, and an "unreachable" warning they did not ask about is clutter. The item
 * shows while LogQL is being edited, when the user chose a Loki, or when one answers.
 */
export function lokiItemVisible(relevance: ItemRelevance): boolean {
  return relevance.editor.logql || relevance.urlChosen || relevance.portForward || relevance.state === 'connected';
}

/**
 * The Prometheus item is the extension's main one, shown everywhere but in editors that hold
 * LogQL and no PromQL (a `.logql` file, a Loki rule file): there a Prometheus at the default URL
 * that does not answer says nothing about the file at hand (a Loki-only workspace would carry a
 * warning forever). It stays when the user chose a Prometheus or one answers.
 */
export function prometheusItemVisible(relevance: ItemRelevance): boolean {
  return (
    !relevance.editor.logql || relevance.editor.promql || relevance.urlChosen || relevance.portForward || relevance.state === 'connected'
  );
}
