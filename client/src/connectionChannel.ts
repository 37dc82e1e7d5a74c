import type * as vscode from 'vscode';
import type { NotificationType, RequestType } from 'vscode-languageclient/node';

/**
 * The part of the language client the live features use: custom requests and notifications
 * from server/src/protocol.ts. AlertsmithClient implements it; tests can fake it.
 */
export interface ServerChannel {
  sendRequest<P, R>(type: RequestType<P, R, void>, params: P, token?: vscode.CancellationToken): Promise<R>;
  sendNotification<P>(type: NotificationType<P>, params: P): Promise<void>;
  onNotification<P>(type: NotificationType<P>, handler: (params: P) => void): vscode.Disposable;
}
