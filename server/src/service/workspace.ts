import type { RecordingRuleInfo } from './types';

/**
 * What the service knows about the rest of the workspace: recording rules defined in any
 * file. The server feeds it from disk and open documents; the CLI from the files it checks.
 */
export class WorkspaceModel {
  private readonly rulesByUri = new Map<string, readonly RecordingRuleInfo[]>();
  private flattened: readonly RecordingRuleInfo[] | undefined;
  private rulesRevision = 0;

  /**
   * Bumped when a recording rule's name, expression or labels change anywhere (not when one
   * only moves): other files' diagnostics may depend on them, so adapters re-check open files.
   */
  get revision(): number {
    return this.rulesRevision;
  }

  setRecordingRules(uri: string, rules: readonly RecordingRuleInfo[]): void {
    const previous = this.rulesByUri.get(uri);
    if (rules.length === 0 && !previous) return;
    if (!sameMeaning(previous ?? [], rules)) this.rulesRevision++;
    if (rules.length === 0) this.rulesByUri.delete(uri);
    else this.rulesByUri.set(uri, rules);
    this.flattened = undefined;
  }

  removeFile(uri: string): void {
    if (!this.rulesByUri.delete(uri)) return;
    this.flattened = undefined;
    this.rulesRevision++;
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

function sameMeaning(a: readonly RecordingRuleInfo[], b: readonly RecordingRuleInfo[]): boolean {
  const meaning = (rules: readonly RecordingRuleInfo[]) =>
    JSON.stringify(rules.map(({ name, expr, labels }) => [name, expr, labels ?? {}]));
  return a.length === b.length && meaning(a) === meaning(b);
}
