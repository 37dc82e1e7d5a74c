import type { PrometheusStatus } from '../../protocol';
import type { Result } from './result';

/**
 * What a live source knows about its server's reachability, and who to tell when that or its
 * data changes. Shared by the Prometheus and Loki live sources: the name lookup decides
 * reachability, any other lookup only brings data; listeners hear one debounced call per burst.
 */
export class Reachability {
  private readonly listeners = new Set<() => void>();
  private changeTimer: NodeJS.Timeout | undefined;
  private lastError: { message: string } | undefined;
  private answered: boolean | undefined;

  constructor(private readonly url: string) {}

  get reachable(): boolean {
    return this.answered === true;
  }

  /** Runs `listener` (debounced) when background fetches brought data or reachability changed. */
  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** A background lookup finished; `decidesReachability` for the name list. */
  settled(decidesReachability: boolean, result: Result<unknown>): void {
    if (decidesReachability) {
      const before = this.answered;
      this.answered = result.ok;
      this.lastError = result.ok ? undefined : result.error;
      if (before === this.answered && !result.ok) return;
    } else if (!result.ok) {
      return;
    }
    clearTimeout(this.changeTimer);
    this.changeTimer = setTimeout(() => {
      for (const listener of this.listeners) listener();
    }, 50);
    this.changeTimer.unref?.();
  }

  /** The status item's view; `count` is how many names the server answered with. */
  status(count: number | undefined): PrometheusStatus {
    if (this.answered === undefined) return { url: this.url, state: 'connecting' };
    if (!this.answered) return { url: this.url, state: 'unreachable', message: this.lastError?.message };
    return { url: this.url, state: 'connected', metricCount: count };
  }

  dispose(): void {
    clearTimeout(this.changeTimer);
    this.listeners.clear();
  }
}
