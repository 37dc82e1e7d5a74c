import { sameServer } from './connectionKeys';

/**
 * When the language server may be given credentials. A URL change first takes the old
 * server's credentials away (before the server hears of the new URL: `LiveServer.noteUrl` runs
 * ahead of the settings notification); the new server's credentials are held back until the
 * server reports that it uses the URL they belong to. So no request to one URL carries
 * another's token. Pure: `send` does the sending.
 */
export class CredentialHandoff<Auth> {
  /** The URL the server last said it uses. */
  private serverUrl: string | undefined;
  private pending: { url: string; auth: Auth } | undefined;
  /** False once the server is known to hold no credentials (nothing to withdraw). */
  private serverHasAuth = true;

  constructor(private readonly send: (auth: Auth | null) => Promise<void>) {}

  /** The URL setting changed: the server must drop the credentials it holds. */
  urlChanged(): Promise<void> {
    this.pending = undefined;
    return this.withdraw();
  }

  /** The credentials for `url` (null: none). Sent now if the server uses `url`, else held. */
  offer(url: string, auth: Auth | null): void {
    this.pending = undefined;
    if (auth === null) void this.withdraw();
    else {
      this.pending = { url, auth };
      this.flush();
    }
  }

  /** The server said which URL it uses (a status notification or a check's answer). */
  serverUses(url: string): void {
    this.serverUrl = url;
    this.flush();
  }

  /** A new server process starts with `initializationOptions` and knows nothing else yet. */
  serverRestarted(hasAuth: boolean): void {
    this.serverUrl = undefined;
    this.pending = undefined;
    this.serverHasAuth = hasAuth;
  }

  private withdraw(): Promise<void> {
    if (!this.serverHasAuth) return Promise.resolve();
    this.serverHasAuth = false;
    return this.send(null);
  }

  private flush(): void {
    if (!this.pending || this.serverUrl === undefined || !sameServer(this.serverUrl, this.pending.url)) return;
    const { auth } = this.pending;
    this.pending = undefined;
    this.serverHasAuth = true;
    void this.send(auth);
  }
}
