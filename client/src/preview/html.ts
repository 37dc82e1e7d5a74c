import type { InitialState } from './previewMessaging';

/** Resources the page may load; all local (the extension's dist folder). */
export interface PreviewHtmlOptions {
  /** `webview.cspSource`: the origin that serves the extension's local resources. */
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
  state: InitialState;
}

/**
 * The Content-Security-Policy of the preview: nothing by default, scripts only with the
 * page's nonce, styles/images/fonts only from the extension. No network, no inline script.
 */
export function buildCsp(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
  ].join('; ');
}

/** A fresh nonce per page: 128 random bits, base64. */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/** The preview page. The initial state travels in a `data-` attribute, HTML-escaped. */
export function previewHtml(options: PreviewHtmlOptions): string {
  const { cspSource, nonce, scriptUri, styleUri, state } = options;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(buildCsp(cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${escapeAttribute(styleUri)}">
<title>${escapeText(state.query.title)}</title>
</head>
<body data-state="${escapeAttribute(JSON.stringify(state))}">
<div id="app"></div>
<script nonce="${escapeAttribute(nonce)}" src="${escapeAttribute(scriptUri)}"></script>
</body>
</html>
`;
}

export function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
