/**
 * The workspace's Prometheus Operator objects, kept current file by file. Objects are bucketed by
 * namespace and indexed by label so that a selector finds its matches without scanning the
 * workspace, and every update says which files' diagnostics it can change (dependents.ts).
 */
import type { Document } from 'yaml';
import { extractObjects } from './extract';
import {
  isMonitor,
  isPrometheusLike,
  isWorkload,
  selectableKindOf,
  type MonitorObject,
  type NamespaceObject,
  type OperatorObject,
  type PrometheusObject,
  type ServiceObject,
  type WorkloadObject,
} from './model';
import type { OperatorProblem } from './problem';
import type { NamespaceScope } from './labelledBucket';
import { addDependents } from './dependents';
import { KustomizeNamespaces, kustomizeScopeOf, sameScope, scopeCovers, type KustomizeScope } from './kustomize';
import { addTo, deleteFrom, LabelledBucket } from './labelledBucket';
import { labelsOf } from './selector';
import { folderOf } from './uriPaths';

interface FileEntry {
  uri: string;
  folder: string;
  text: string;
  objects: OperatorObject[];
  problems: OperatorProblem[];
  lineStarts?: number[];
}

export type { NamespaceScope } from './labelledBucket';
export { folderOf } from './uriPaths';

export class OperatorIndex {
  private files = new Map<string, FileEntry>();
  private kustomize = new KustomizeNamespaces();
  readonly services = new LabelledBucket<ServiceObject>((service) => labelsOf(service.labels));
  readonly workloads = new LabelledBucket<WorkloadObject>((workload) => labelsOf(workload.podLabels));
  private monitors = new Set<MonitorObject>();
  /** Monitors by a namespace they watch (`any: true` ones apart), and by their first matchLabels pair. */
  private monitorsWatchingNamespace = new Map<string, Set<MonitorObject>>();
  private monitorsWatchingAll = new Set<MonitorObject>();
  private monitorsByFirstLabel = new Map<string, Set<MonitorObject>>();
  private monitorsWithoutLabels = new Set<MonitorObject>();
  /** ServiceMonitors, PodMonitors, Probes and PrometheusRules: what a Prometheus selects. */
  private selectables = new Set<OperatorObject>();
  private prometheusSet = new Set<PrometheusObject>();
  private namespaceObjects = new Map<string, NamespaceObject>();
  private objectCounts = new Map<string, number>();

  constructor(private defaultNamespace = 'default') {}

  /**
   * Indexes (or re-indexes) a file; returns the files whose diagnostics may have changed.
   * `parsed`: its documents, when the caller parsed this text already (saves a second parse).
   */
  updateFile(uri: string, text: string, parsed?: readonly Document.Parsed[]): string[] {
    const previous = this.files.get(uri);
    if (previous?.text === text) return [uri];
    const { objects, problems } = extractObjects(uri, text, parsed);
    const entry: FileEntry = { uri, folder: folderOf(uri), text, objects, problems };
    return this.replace(uri, previous, entry);
  }

  removeFile(uri: string): string[] {
    const previous = this.files.get(uri);
    return previous ? this.replace(uri, previous, undefined) : [];
  }

  /**
   * Indexes many files at once (the initial scan): like `updateFile` for each, without working
   * out affected files, since everything is about to be validated anyway.
   */
  loadFiles(files: Iterable<readonly [uri: string, text: string, parsed?: readonly Document.Parsed[]]>): void {
    const pending = new Set<FileEntry>();
    const changedScopes: (KustomizeScope | undefined)[] = [];
    for (const [uri, text, parsed] of files) {
      const previous = this.files.get(uri);
      if (previous?.text === text) continue;
      if (previous && !pending.delete(previous)) this.detach(previous);
      const { objects, problems } = extractObjects(uri, text, parsed);
      const entry: FileEntry = { uri, folder: folderOf(uri), text, objects, problems };
      this.files.set(uri, entry);
      pending.add(entry);
      const before = this.kustomize.get(uri);
      const after = kustomizeScopeOf(uri, objects);
      if (sameScope(before, after)) continue;
      this.kustomize.set(uri, after);
      changedScopes.push(before, after);
    }
    // Files indexed before this batch that a changed kustomization moves (none on the first scan).
    const moved = this.coveredFiles(changedScopes, (entry) => !pending.has(entry));
    for (const entry of moved) this.detach(entry);
    for (const entry of [...moved, ...pending]) this.attach(entry);
  }

  /** Files whose diagnostics depend on the objects of `uri` (itself included). */
  affectedUris(uri: string): string[] {
    const entry = this.files.get(uri);
    if (!entry) return [];
    const out = new Set<string>([uri]);
    addDependents(this, entry.objects, out);
    return this.known(out, []);
  }

  /** Changing the default namespace can move any object: everything is affected. */
  setDefaultNamespace(namespace: string): string[] {
    if (namespace === this.defaultNamespace) return [];
    this.defaultNamespace = namespace;
    const entries = [...this.files.values()];
    for (const entry of entries) this.detach(entry);
    for (const entry of entries) this.attach(entry);
    return [...this.files.keys()];
  }

  file(uri: string): { text: string; objects: readonly OperatorObject[]; problems: readonly OperatorProblem[] } | undefined {
    return this.files.get(uri);
  }

  uris(): string[] {
    return [...this.files.keys()];
  }

  text(uri: string): string | undefined {
    return this.files.get(uri)?.text;
  }

  /** 0-based line of an offset of an indexed file. */
  lineOf(uri: string, offset: number): number {
    const entry = this.files.get(uri);
    if (!entry) return 0;
    entry.lineStarts ??= lineStartsOf(entry.text);
    let low = 0;
    let high = entry.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (entry.lineStarts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  objectsIn(namespace: string): OperatorObject[] {
    return [...this.files.values()].flatMap((entry) =>
      entry.objects.filter((object) => object.kind !== 'Kustomization' && object.namespace === namespace),
    );
  }

  /** How many indexed objects (of any kind) count as in the namespace. */
  objectCount(namespace: string): number {
    return this.objectCounts.get(namespace) ?? 0;
  }

  prometheuses(): readonly PrometheusObject[] {
    return [...this.prometheusSet];
  }

  namespaceObject(name: string): NamespaceObject | undefined {
    return this.namespaceObjects.get(name);
  }

  allMonitors(): readonly MonitorObject[] {
    return [...this.monitors];
  }

  allSelectables(): readonly OperatorObject[] {
    return [...this.selectables];
  }

  /** The namespaces a monitor watches: `any: true`, `matchNames`, or its own. */
  scopeOf(monitor: MonitorObject): NamespaceScope {
    const selector = monitor.namespaceSelector;
    if (selector?.any) return { any: true };
    if (selector && selector.matchNames.length > 0) return { any: false, names: selector.matchNames.map((name) => name.value) };
    return { any: false, names: [monitor.namespace] };
  }

  /** Monitors whose selector may match `labels`: by their first matchLabels pair, or without one. */
  monitorsThatMayMatch(labels: ReadonlyMap<string, string>): MonitorObject[] {
    const out = [...this.monitorsWithoutLabels];
    for (const [key, value] of labels) out.push(...(this.monitorsByFirstLabel.get(`${key}\0${value}`) ?? []));
    return out;
  }

  /** Monitors whose namespace scope includes `namespace`. */
  monitorsWatching(namespace: string): MonitorObject[] {
    return [...this.monitorsWatchingAll, ...(this.monitorsWatchingNamespace.get(namespace) ?? [])];
  }

  /**
   * Swaps a file's entry (`next` undefined removes it) and works out the files affected: those
   * that depended on the old objects before, and on the new ones after, plus what a changed
   * kustomization moves.
   */
  private replace(uri: string, previous: FileEntry | undefined, next: FileEntry | undefined): string[] {
    const out = new Set<string>([uri]);
    const basis = this.selectionBasis();
    if (previous) {
      addDependents(this, previous.objects, out);
      this.detach(previous);
    }
    if (next) this.files.set(uri, next);
    else this.files.delete(uri);
    this.refreshKustomization(uri, next, out);
    if (next) {
      this.attach(next);
      addDependents(this, next.objects, out);
    }
    // Monitors and rules are checked against expectedLabels when no Prometheus is in the workspace.
    if (basis !== this.selectionBasis()) for (const selectable of this.selectables) out.add(selectable.uri);
    return this.known(out, next ? [uri] : []);
  }

  /** Which kinds of Prometheus CR exist: the checks fall back to settings without them. */
  private selectionBasis(): string {
    const prometheuses = [...this.prometheusSet];
    return `${prometheuses.some((p) => p.kind === 'Prometheus')}/${prometheuses.length > 0}`;
  }

  /** Re-reads the kustomization of `uri`; re-places the objects whose namespace it changes. */
  private refreshKustomization(uri: string, next: FileEntry | undefined, out: Set<string>): void {
    const before = this.kustomize.get(uri);
    const after = next && kustomizeScopeOf(uri, next.objects);
    if (sameScope(before, after)) return;
    this.kustomize.set(uri, after);
    const moved = this.coveredFiles([before, after], (entry) => entry !== next);
    const movedObjects = moved.flatMap((entry) => entry.objects);
    addDependents(this, movedObjects, out);
    for (const entry of moved) this.detach(entry);
    for (const entry of moved) this.attach(entry);
    addDependents(this, movedObjects, out);
  }

  /** Indexed files (attached or not) whose objects `scopes` may give a namespace. */
  private coveredFiles(scopes: (KustomizeScope | undefined)[], include: (entry: FileEntry) => boolean): FileEntry[] {
    const present = scopes.filter((scope): scope is KustomizeScope => scope !== undefined);
    if (present.length === 0) return [];
    const out: FileEntry[] = [];
    for (const entry of this.files.values()) {
      if (!include(entry)) continue;
      if (present.some((scope) => scopeCovers(scope, entry.uri))) out.push(entry);
    }
    return out;
  }

  private attach(entry: FileEntry): void {
    const kustomized = this.kustomize.namespaceOf(entry.uri);
    for (const object of entry.objects) {
      // kustomize's namespace transformer overrides a written namespace too (cluster-scoped kinds keep none).
      object.namespace = (object.kind !== 'Namespace' ? kustomized : undefined) ?? object.declaredNamespace ?? this.defaultNamespace;
      if (object.kind === 'Kustomization') continue;
      this.objectCounts.set(object.namespace, this.objectCount(object.namespace) + 1);
      if (object.kind === 'Service') this.services.add(object);
      if (isWorkload(object)) this.workloads.add(object);
      if (isMonitor(object)) this.addMonitor(object);
      if (selectableKindOf(object)) this.selectables.add(object);
      if (isPrometheusLike(object)) this.prometheusSet.add(object);
      if (object.kind === 'Namespace' && object.name) this.namespaceObjects.set(object.name, object);
    }
  }

  /** Takes a file's objects out of the buckets (not out of the file table). */
  private detach(entry: FileEntry): void {
    for (const object of entry.objects) {
      if (object.kind === 'Kustomization') continue;
      const count = this.objectCount(object.namespace) - 1;
      if (count > 0) this.objectCounts.set(object.namespace, count);
      else this.objectCounts.delete(object.namespace);
      if (object.kind === 'Service') this.services.delete(object);
      if (isWorkload(object)) this.workloads.delete(object);
      if (isMonitor(object)) this.deleteMonitor(object);
      this.selectables.delete(object);
      if (isPrometheusLike(object)) this.prometheusSet.delete(object);
      if (object.kind === 'Namespace' && object.name && this.namespaceObjects.get(object.name) === object) {
        this.namespaceObjects.delete(object.name);
      }
    }
  }

  private addMonitor(monitor: MonitorObject): void {
    this.monitors.add(monitor);
    const scope = this.scopeOf(monitor);
    if (scope.any) this.monitorsWatchingAll.add(monitor);
    else for (const name of scope.names) addTo(this.monitorsWatchingNamespace, name, monitor);
    const first = monitor.selector?.matchLabels.entries[0];
    if (first) addTo(this.monitorsByFirstLabel, `${first.key}\0${first.value}`, monitor);
    else this.monitorsWithoutLabels.add(monitor);
  }

  private deleteMonitor(monitor: MonitorObject): void {
    this.monitors.delete(monitor);
    const scope = this.scopeOf(monitor);
    if (scope.any) this.monitorsWatchingAll.delete(monitor);
    else for (const name of scope.names) deleteFrom(this.monitorsWatchingNamespace, name, monitor);
    const first = monitor.selector?.matchLabels.entries[0];
    if (first) deleteFrom(this.monitorsByFirstLabel, `${first.key}\0${first.value}`, monitor);
    else this.monitorsWithoutLabels.delete(monitor);
  }

  /** The affected URIs that are indexed (or `keep`, e.g. a file just removed), sorted. */
  private known(out: Set<string>, keep: string[]): string[] {
    return [...out].filter((uri) => this.files.has(uri) || keep.includes(uri)).sort();
  }
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}
