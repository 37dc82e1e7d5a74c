import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildCsp, createNonce, previewHtml } from '../../../client/src/preview/html';

const state = { source: 'q-1', query: { expr: 'up{job="a"} > 0', title: '<HighErrors> & "friends"' } };

describe('buildCsp', () => {
  test('nothing by default, scripts by nonce, everything else from the extension only', () => {
    const directives = buildCsp('https://file+.vscode-resource.vscode-cdn.net', 'abc').split('; ');
    assert.equal(directives[0], "default-src 'none'");
    assert.ok(directives.includes("script-src 'nonce-abc'"));
    for (const directive of directives.slice(1)) {
      assert.doesNotMatch(directive, /unsafe-inline|unsafe-eval|\*|https?:\/\/(?!file\+)/, directive);
    }
    assert.ok(!directives.some((directive) => directive.startsWith('connect-src')), 'the webview makes no network requests');
  });
});

describe('previewHtml', () => {
  const html = previewHtml({ cspSource: 'vscode-resource:', nonce: 'n0nce', scriptUri: 'webview.js', styleUri: 'webview.css', state });

  test('the only script carries the nonce; there is no inline script', () => {
    const scripts = html.match(/<script[^>]*>/g) ?? [];
    assert.deepEqual(scripts, ['<script nonce="n0nce" src="webview.js">']);
    assert.match(html, /<script[^>]*><\/script>/);
  });

  test('the initial state round-trips through the data attribute, escaped', () => {
    const attribute = /data-state="([^"]*)"/.exec(html)?.[1] ?? '';
    assert.doesNotMatch(attribute, /[<>"]/);
    const decoded = attribute
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
    assert.deepEqual(JSON.parse(decoded), state);
  });

  test('the title is escaped', () => assert.match(html, /<title>&lt;HighErrors&gt; &amp; "friends"<\/title>/));

  test('nonces are fresh and long enough', () => {
    const nonces = new Set(Array.from({ length: 20 }, createNonce));
    assert.equal(nonces.size, 20);
    for (const nonce of nonces) assert.match(nonce, /^[A-Za-z0-9+/]{22}==$/);
  });
});
