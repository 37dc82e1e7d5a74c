import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CredentialHandoff } from '../../../client/src/connectionHandoff';

/** A handoff whose sends are recorded as the token (or null). */
function handoff(): { handoff: CredentialHandoff<string>; sent: Array<string | null> } {
  const sent: Array<string | null> = [];
  return {
    sent,
    handoff: new CredentialHandoff<string>(async (auth) => {
      sent.push(auth);
    }),
  };
}

describe('CredentialHandoff', () => {
  test('credentials set for the URL the server uses are sent at once', () => {
    const { handoff: h, sent } = handoff();
    h.serverUses('http://a:9090');
    h.offer('http://a:9090/', 'token-a');
    assert.deepEqual(sent, ['token-a']);
  });

  test('a URL change withdraws the old token first and hands the new one over only once the server uses the new URL', async () => {
    const { handoff: h, sent } = handoff();
    h.serverRestarted(true); // started with token-a for http://a
    h.serverUses('http://a:9090');
    await h.urlChanged();
    assert.deepEqual(sent, [null]);
    h.offer('http://b:9090', 'token-b');
    h.serverUses('http://a:9090'); // a late status of the old server
    assert.deepEqual(sent, [null]);
    h.serverUses('http://b:9090');
    assert.deepEqual(sent, [null, 'token-b']);
    h.serverUses('http://b:9090');
    assert.deepEqual(sent, [null, 'token-b'], 'sent once');
  });

  test('credentials read for a URL the setting has left are dropped by the next change', async () => {
    const { handoff: h, sent } = handoff();
    h.serverRestarted(false);
    h.offer('http://b:9090', 'token-b');
    await h.urlChanged(); // moved on to c before the server reported b
    h.serverUses('http://b:9090');
    h.serverUses('http://c:9090');
    assert.deepEqual(sent, []);
  });

  test('nothing to withdraw when the server holds no credentials', async () => {
    const { handoff: h, sent } = handoff();
    h.serverRestarted(false);
    await h.urlChanged();
    h.offer('http://b:9090', null);
    assert.deepEqual(sent, []);
  });

  test('clearing the credentials withdraws them', () => {
    const { handoff: h, sent } = handoff();
    h.serverUses('http://a:9090');
    h.offer('http://a:9090', 'token-a');
    h.offer('http://a:9090', null);
    assert.deepEqual(sent, ['token-a', null]);
  });

  test('a restarted server is not sent what was held for the previous one', () => {
    const { handoff: h, sent } = handoff();
    h.offer('http://a:9090', 'token-a');
    h.serverRestarted(true); // initializationOptions carried them
    h.serverUses('http://a:9090');
    assert.deepEqual(sent, []);
  });
});
