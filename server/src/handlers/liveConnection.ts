import type { Connection, NotificationType, RequestType } from 'vscode-languageserver';
import {
  LokiCredentialsNotification,
  LokiStatusNotification,
  LokiStatusRequest,
  parsePrometheusAuth,
  PrometheusCredentialsNotification,
  PrometheusStatusNotification,
  PrometheusStatusRequest,
  type PrometheusAuth,
  type PrometheusStatus,
} from '../protocol';
import type { LanguageService } from '../service/languageService';
import type { HttpConnection } from '../sources/http/connection';
import { LokiLiveSource, readLokiSettings } from '../sources/loki/liveSource';
import { LiveSource, readPrometheusSettings } from '../sources/prometheus/liveSource';

/** What a live source offers its connection owner (sources/prometheus and sources/loki liveSource.ts). */
export interface LiveServerSource {
  status(): PrometheusStatus;
  onDidChange(listener: () => void): { dispose(): void };
  warm(): void;
  dispose(): void;
}

/** What differs between the Prometheus and the Loki connection. */
export interface LiveServerKind<S extends LiveServerSource> {
  /** The `initializationOptions` member with the credentials. */
  authOption: 'prometheusAuth' | 'lokiAuth';
  credentials: NotificationType<{ auth: PrometheusAuth | null }>;
  statusNotification: NotificationType<PrometheusStatus>;
  statusRequest: RequestType<void, PrometheusStatus, void>;
  readConnection(section: unknown, auth?: PrometheusAuth): HttpConnection | undefined;
  create(connection: HttpConnection): S;
  /** Plugs the source into the language service, or removes it. */
  plug(source: S | undefined): void;
}

/**
 * Owns the connection to one live server: (re)created when its settings or credentials
 * change, never created in an untrusted workspace, and its state sent to the client.
 */
export class LiveConnection<S extends LiveServerSource = LiveServerSource> {
  private current: S | undefined;
  private auth: PrometheusAuth | undefined;
  private settings: unknown;
  private lastStatus = '';
  /** Whether the current source has answered: live checks report nothing from one that has not. */
  private answered = false;

  constructor(
    private readonly connection: Connection,
    private readonly kind: LiveServerKind<S>,
    private readonly onDataChanged: () => void,
    private readonly trusted: boolean,
    initializationOptions: unknown,
    /** Runs the first lookups of a new source once the open documents have their diagnostics. */
    private readonly whenIdle: (work: () => void) => void = (work) => setImmediate(work),
  ) {
    this.auth = parsePrometheusAuth((initializationOptions as Record<string, unknown> | undefined)?.[kind.authOption]);
    connection.onNotification(kind.credentials, ({ auth }) => {
      this.auth = parsePrometheusAuth(auth);
      this.restart();
    });
    connection.onRequest(kind.statusRequest, () => this.status());
  }

  /** The live source, when one is configured and allowed. */
  get source(): S | undefined {
    return this.current;
  }

  configure(settings: unknown): void {
    if (this.settings !== undefined && JSON.stringify(this.settings) === JSON.stringify(settings)) return;
    this.settings = settings;
    this.restart();
  }

  status(): PrometheusStatus {
    const url = (this.settings as { url?: string } | undefined)?.url ?? '';
    if (!this.trusted) return { url, state: 'disabled', message: 'live features are off in an untrusted workspace' };
    return this.current?.status() ?? { url, state: 'disabled' };
  }

  /** The connection queries run on (the preview), or undefined when the server is off. */
  httpConnection(): HttpConnection | undefined {
    return this.trusted && this.settings !== undefined ? this.kind.readConnection(this.settings, this.auth) : undefined;
  }

  dispose(): void {
    this.current?.dispose();
    this.current = undefined;
  }

  private restart(): void {
    const answered = this.answered;
    this.dispose();
    const target = this.httpConnection();
    const source = target ? this.kind.create(target) : undefined;
    this.current = source;
    this.answered = false;
    this.kind.plug(source);
    source?.onDidChange(() => {
      this.publishStatus();
      this.dataChanged(source);
    });
    // Loading the HTTP client and opening the first connections took ~20 ms of a cold start,
    // ahead of the first diagnostics; the lookups are not needed before them.
    if (source) this.whenIdle(() => this.current === source && source.warm());
    this.publishStatus();
    // A new source has answered nothing yet: only losing one that had answered changes diagnostics.
    if (answered) this.onDataChanged();
  }

  /**
   * The source brought data or its reachability changed. A server that never answered adds
   * nothing to diagnostics, so "connecting" → "unreachable" (no Prometheus running, the usual
   * case) re-checks no open document.
   */
  private dataChanged(source: S): void {
    const answered = source.status().state === 'connected';
    if (answered || this.answered) this.onDataChanged();
    this.answered = answered;
  }

  private publishStatus(): void {
    const status = this.status();
    const key = JSON.stringify(status);
    if (key === this.lastStatus) return;
    this.lastStatus = key;
    void this.connection.sendNotification(this.kind.statusNotification, status).catch(() => undefined);
  }
}

/** The live Prometheus: metric names, metadata and series for completion, hover and live checks. */
export function prometheusConnection(
  connection: Connection,
  service: LanguageService,
  onDataChanged: () => void,
  trusted: boolean,
  initializationOptions: unknown,
  whenIdle?: (work: () => void) => void,
): LiveConnection<LiveSource> {
  const kind: LiveServerKind<LiveSource> = {
    authOption: 'prometheusAuth',
    credentials: PrometheusCredentialsNotification.type,
    statusNotification: PrometheusStatusNotification.type,
    statusRequest: PrometheusStatusRequest.type,
    readConnection: readPrometheusSettings,
    create: (target) => new LiveSource(target),
    plug: (source) => service.setLiveSnapshot(source ? () => source : undefined),
  };
  return new LiveConnection(connection, kind, onDataChanged, trusted, initializationOptions, whenIdle);
}

/** The live Loki: stream labels and values for LogQL completion and hover (no diagnostics depend on it). */
export function lokiConnection(
  connection: Connection,
  service: LanguageService,
  trusted: boolean,
  initializationOptions: unknown,
  whenIdle?: (work: () => void) => void,
): LiveConnection<LokiLiveSource> {
  const kind: LiveServerKind<LokiLiveSource> = {
    authOption: 'lokiAuth',
    credentials: LokiCredentialsNotification.type,
    statusNotification: LokiStatusNotification.type,
    statusRequest: LokiStatusRequest.type,
    readConnection: readLokiSettings,
    create: (target) => new LokiLiveSource(target),
    plug: (source) => service.setLokiSnapshot(source ? () => source : undefined),
  };
  return new LiveConnection(connection, kind, () => undefined, trusted, initializationOptions, whenIdle);
}
