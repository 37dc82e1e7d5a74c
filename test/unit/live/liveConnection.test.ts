import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Connection } from 'vscode-languageserver';
import { LiveConnection, type LiveServerKind, type LiveServerSource } from '../../../server/src/handlers/liveConnection';
import {
  PrometheusCredentialsNotification,
  PrometheusStatusNotification,
  PrometheusStatusRequest,
  type PrometheusStatus,
} from '../../../server/src/protocol';

/** A source whose state the test sets, recording its warm-ups. */
class FakeSource implements LiveServerSource {
  state: PrometheusStatus['state'] = 'connecting';
  warmed = 0;
  private listener: (() => void) | undefined;
  status(): PrometheusStatus {
    return { url: 'http://127.0.0.1:9', state: this.state };
  }
  onDidChange(listener: () => void) {
    this.listener = listener;
    return { dispose: () => (this.listener = undefined) };
  }
  warm(): void {
    this.warmed++;
  }
  dispose(): void {
    this.listener = undefined;
  }
  /** The source's fetches settled in `state`. */
  settle(state: PrometheusStatus['state']): void {
    this.state = state;
    this.listener?.();
  }
}

function setUp() {
  const sources: FakeSource[] = [];
  const idle: Array<() => void> = [];
  let dataChanges = 0;
  let credentials: ((params: { auth: null }) => void) | undefined;
  const connection = {
    onNotification: (_type: unknown, handler: typeof credentials) => (credentials = handler),
    onRequest: () => undefined,
    sendNotification: async () => undefined,
  } as unknown as Connection;
  const kind: LiveServerKind<FakeSource> = {
    authOption: 'prometheusAuth',
    credentials: PrometheusCredentialsNotification.type,
    statusNotification: PrometheusStatusNotification.type,
    statusRequest: PrometheusStatusRequest.type,
    readConnection: (section) => ((section as { url?: string }).url ? { url: (section as { url: string }).url } : undefined),
    create: () => {
      const source = new FakeSource();
      sources.push(source);
      return source;
    },
    plug: () => undefined,
  };
  const live = new LiveConnection(
    connection,
    kind,
    () => dataChanges++,
    true,
    undefined,
    (work) => idle.push(work),
  );
  return {
    live,
    sources,
    dataChanges: () => dataChanges,
    runIdleWork: () => idle.splice(0).forEach((work) => work()),
    newCredentials: () => credentials?.({ auth: null }),
  };
}

describe('LiveConnection', () => {
  it('starts the first lookups only when the scheduler is idle (after the first diagnostics)', () => {
    const { live, sources, runIdleWork } = setUp();
    live.configure({ url: 'http://127.0.0.1:9' });
    assert.equal(sources.length, 1);
    assert.equal(sources[0].warmed, 0);
    runIdleWork();
    assert.equal(sources[0].warmed, 1);
  });

  it('does not warm a source that was replaced before the scheduler was idle', () => {
    const { live, sources, runIdleWork } = setUp();
    live.configure({ url: 'http://127.0.0.1:9' });
    live.configure({ url: 'http://127.0.0.1:10' });
    runIdleWork();
    assert.deepEqual(
      sources.map((s) => s.warmed),
      [0, 1],
    );
  });

  it('re-checks documents only when what a server answered can change diagnostics', () => {
    const { live, sources, dataChanges, newCredentials } = setUp();
    live.configure({ url: 'http://127.0.0.1:9' });
    assert.equal(dataChanges(), 0, 'a new source has answered nothing');
    sources[0].settle('unreachable');
    assert.equal(dataChanges(), 0, 'never answered: nothing to re-check');
    sources[0].settle('connected');
    assert.equal(dataChanges(), 1, 'it answered');
    sources[0].settle('connected');
    assert.equal(dataChanges(), 2, 'more data arrived');
    sources[0].settle('unreachable');
    assert.equal(dataChanges(), 3, 'what it answered is gone');
    sources[0].settle('connected');
    newCredentials();
    assert.equal(dataChanges(), 5, 'replacing a source that had answered drops its findings');
    newCredentials();
    assert.equal(dataChanges(), 5, 'replacing one that had not changes nothing');
    live.configure({ url: '' });
    assert.equal(dataChanges(), 5);
  });
});
