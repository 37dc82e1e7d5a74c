import type { Connection } from 'vscode-languageserver';
import {
  parsePrometheusAuth,
  PrometheusCredentialsNotification,
  PrometheusStatusNotification,
  PrometheusStatusRequest,
  type PrometheusAuth,
  type PrometheusStatus,
} from '../protocol';
import type { LanguageService } from '../service/languageService';
import type { AlertsmithSettings } from '../service/settings';
import { createLiveSource, readPrometheusSettings, type LiveSource } from '../sources/prometheus/liveSource';
import type { PrometheusConnection } from '../sources/prometheus/types';

/**
 * Owns the connection to the live Prometheus: (re)created when settings or credentials
 * change, never created in an untrusted workspace, and its state sent to the client.
 */
export class LiveConnection {
  private source: LiveSource | undefined;
  private auth: PrometheusAuth | undefined;
  private settings: AlertsmithSettings['prometheus'] | undefined;
  private lastStatus = '';

  constructor(
    private readonly connection: Connection,
    private readonly service: LanguageService,
    private readonly onDataChanged: () => void,
    private readonly trusted: boolean,
    initializationOptions: unknown,
  ) {
    this.auth = parsePrometheusAuth((initializationOptions as { prometheusAuth?: unknown } | undefined)?.prometheusAuth);
    connection.onNotification(PrometheusCredentialsNotification.type, ({ auth }) => {
      this.auth = parsePrometheusAuth(auth);
      this.restart();
    });
    connection.onRequest(PrometheusStatusRequest.type, () => this.status());
  }

  configure(settings: AlertsmithSettings['prometheus']): void {
    if (this.settings && JSON.stringify(this.settings) === JSON.stringify(settings)) return;
    this.settings = settings;
    this.restart();
  }

  status(): PrometheusStatus {
    if (!this.trusted)
      return { url: this.settings?.url ?? '', state: 'disabled', message: 'live features are off in an untrusted workspace' };
    return this.source?.status() ?? { url: this.settings?.url ?? '', state: 'disabled' };
  }

  /** The connection queries run on (the preview), or undefined when live features are off. */
  prometheusConnection(): PrometheusConnection | undefined {
    return this.trusted && this.settings ? readPrometheusSettings(this.settings, this.auth) : undefined;
  }

  dispose(): void {
    this.source?.dispose();
    this.source = undefined;
  }

  private restart(): void {
    this.dispose();
    if (this.trusted && this.settings) this.source = createLiveSource(this.settings, this.auth);
    const source = this.source;
    this.service.setLiveSnapshot(source ? () => source : undefined);
    source?.onDidChange(() => {
      this.publishStatus();
      this.onDataChanged();
    });
    source?.warm();
    this.publishStatus();
    this.onDataChanged();
  }

  private publishStatus(): void {
    const status = this.status();
    const key = JSON.stringify(status);
    if (key === this.lastStatus) return;
    this.lastStatus = key;
    void this.connection.sendNotification(PrometheusStatusNotification.type, status).catch(() => undefined);
  }
}
