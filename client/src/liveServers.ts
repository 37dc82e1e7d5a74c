import type { NotificationType, RequestType } from 'vscode-languageclient/node';
import {
  CheckConnectionRequest,
  LokiCheckConnectionRequest,
  LokiCredentialsNotification,
  LokiStatusNotification,
  LokiStatusRequest,
  PrometheusCredentialsNotification,
  PrometheusStatusNotification,
  PrometheusStatusRequest,
  type PrometheusAuth,
  type PrometheusStatus,
} from '../../server/src/protocol';
import type { LiveServerId } from './connectionKeys';
import type { ServerTitle } from './connectionView';
import { lokiRanking, prometheusRanking, type ServiceRanking } from './portForwardTargets';

/** What differs between the live Prometheus and the live Loki on the VS Code side. */
export interface LiveServerProfile {
  id: LiveServerId;
  title: ServerTitle;
  /** Settings section with `url` (and the rest the server reads). */
  section: `alertsmith.${LiveServerId}`;
  credentialsNotification: NotificationType<{ auth: PrometheusAuth | null }>;
  statusNotification: NotificationType<PrometheusStatus>;
  statusRequest: RequestType<void, PrometheusStatus, void>;
  checkRequest: RequestType<void, CheckConnectionRequest.Result, void>;
  commands: { check: string; portForward: string; stopPortForward: string };
  ranking: ServiceRanking;
  /** Status bar priority of the connection item; its port-forward item sits just right of it. */
  priority: number;
  /** workspaceState key of the last local port, so a new forward keeps the same URL. */
  lastPortKey: string;
}

export const prometheusServer: LiveServerProfile = {
  id: 'prometheus',
  title: 'Prometheus',
  section: 'alertsmith.prometheus',
  credentialsNotification: PrometheusCredentialsNotification.type,
  statusNotification: PrometheusStatusNotification.type,
  statusRequest: PrometheusStatusRequest.type,
  checkRequest: CheckConnectionRequest.type,
  commands: {
    check: 'alertsmith.checkConnection',
    portForward: 'alertsmith.portForwardPrometheus',
    stopPortForward: 'alertsmith.stopPortForward',
  },
  ranking: prometheusRanking,
  priority: 100,
  lastPortKey: 'alertsmith.portForward.lastLocalPort',
};

export const lokiServer: LiveServerProfile = {
  id: 'loki',
  title: 'Loki',
  section: 'alertsmith.loki',
  credentialsNotification: LokiCredentialsNotification.type,
  statusNotification: LokiStatusNotification.type,
  statusRequest: LokiStatusRequest.type,
  checkRequest: LokiCheckConnectionRequest.type,
  commands: {
    check: 'alertsmith.checkLokiConnection',
    portForward: 'alertsmith.portForwardLoki',
    stopPortForward: 'alertsmith.stopLokiPortForward',
  },
  ranking: lokiRanking,
  priority: 98,
  lastPortKey: 'alertsmith.portForward.loki.lastLocalPort',
};
