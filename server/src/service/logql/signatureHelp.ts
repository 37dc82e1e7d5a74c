import type { SignatureHelp } from 'vscode-languageserver-types';

export function signatureHelpLogQL(_text: string, _offset: number): SignatureHelp | undefined {
  return undefined;
}
