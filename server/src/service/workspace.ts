import type { RecordingRuleInfo } from './types';

/**
 * What the service knows about the rest of the workspace: recording rules defined in any
 * file. The server feeds it from disk and open documents; the CLI from the files it checks.
 */
export class WorkspaceModel {
  private readonly rulesByUri = new Map<string, readonly RecordingRuleInfo[]>();
  private flattened: readonly RecordingRuleInfo[] | undefined;

  setRecordingRules(uri: string, rules: readonly RecordingRuleInfo[]): void {
    const previous = this.rulesByUri.get(uri);
    if (rules.length === 0 && !previous) return;
    if (rules.length === 0) this.rulesByUri.delete(uri);
    else this.rulesByUri.set(uri, rules);
    this.flattened = undefined;
  }

  removeFile(uri: string): void {
    if (this.rulesByUri.delete(uri)) this.flattened = undefined;
  }

  recordingRules(): readonly RecordingRuleInfo[] {
    this.flattened ??= [...this.rulesByUri.values()].flat();
    return this.flattened;
  }

  /** Every file that defines a recording rule of this name. */
  recordingRule(name: string): RecordingRuleInfo | undefined {
    return this.recordingRules().find((rule) => rule.name === name);
  }
}
