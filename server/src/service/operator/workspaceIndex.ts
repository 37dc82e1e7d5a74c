/**
 * The workspace's Prometheus Operator objects, kept current file by file. Objects are bucketed by
 * namespace and indexed by label so that a selector finds its matches without scanning the
 * workspace, and `affectedUris` says which files' diagnostics an edit can change.
 */
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
import { addTo, deleteFrom, LabelledBucket } from './labelledBucket';
import { labelsOf, selectorMatches } from './selector';

interface FileEntry {
  uri: string;
  folder: string;
  text: string;
  objects: OperatorObject[];
  problems: OperatorProblem[];
  lineStarts?: number[];
}

export type { NamespaceScope } from './labelledBucket';

export function folderOf(uri: string): string {
  const slash = uri.lastIndexOf('/');
  return slash >= 0 ? uri.slice(0, slash) : '';
}

export class OperatorIndex {
  private files = new Map<string, FileEntry>();
  private folders = new Map<string, Set<FileEntry>>();
  private kustomizeNamespaces = new Map<string, string>();
  readonly services = new LabelledBucket<ServiceObject>((service) => labelsOf(service.labels));
  readonly workloads = new LabelledBucket<WorkloadObject>((workload) => labelsOf(workload.podLabels));
  private monitors = new Set<MonitorObject>();
  /** Monitors by a namespace they watch (`any: true` ones apart), and by their first matchLabels pair. */
  private monitorsWatching = new Map<string, Set<MonitorObject>>();
  private monitorsWatchingAll = new Set<MonitorObject>();
  private monitorsByFirstLabel = new Map<string, Set<MonitorObject>>();
  private monitorsWithoutLabels = new Set<MonitorObject>();
  /** ServiceMonitors, PodMonitors, Probes and PrometheusRules: what a Prometheus selects. */
  private selectables = new Set<OperatorObject>();
  private prometheusSet = new Set<PrometheusObject>();
  private namespaceObjects = new Map<string, NamespaceObject>();
  private objectCounts = new Map<string, number>();

  constructor(private defaultNamespace = 'default') {}

  /** Indexes (or re-indexes) a file; returns the files whose diagnostics may have changed. */
  updateFile(uri: string, text: string): string[] {
    const previous = this.files.get(uri);
    if (previous?.text === text) return [uri];
    const { objects, problems } = extractObjects(uri, text);
    const before = previous ? this.detach(previous) : [];
    const entry: FileEntry = { uri, folder: folderOf(uri), text, objects, problems };
    if (previous) this.folders.get(previous.folder)?.delete(previous);
    this.files.set(uri, entry);
    addTo(this.folders, entry.folder, entry);
    const moved = this.refreshFolderNamespace(entry.folder, entry);
    this.attach(entry);
    return union(this.dependents([...before, ...objects], [uri]), moved);
  }

  /**
   * Indexes many files at once (the initial scan): like `updateFile` for each, without working
   * out affected files, since everything is about to be validated anyway.
   */
  loadFiles(files: Iterable<readonly [uri: string, text: string]>): void {
    for (const [uri, text] of files) {
      const previous = this.files.get(uri);
      if (previous?.text === text) continue;
      if (previous) {
        this.detach(previous);
        this.folders.get(previous.folder)?.delete(previous);
      }
      const { objects, problems } = extractObjects(uri, text);
      const entry: FileEntry = { uri, folder: folderOf(uri), text, objects, problems };
      this.files.set(uri, entry);
      addTo(this.folders, entry.folder, entry);
      this.refreshFolderNamespace(entry.folder, entry, false);
      this.attach(entry);
    }
  }

  removeFile(uri: string): string[] {
    const previous = this.files.get(uri);
    if (!previous) return [];
    const before = this.detach(previous);
    this.files.delete(uri);
    this.folders.get(previous.folder)?.delete(previous);
    const moved = this.refreshFolderNamespace(previous.folder);
    return union(this.dependents(before, []), moved);
  }

  /** Files whose diagnostics depend on the objects of `uri` (itself included). */
  affectedUris(uri: string): string[] {
    return this.dependents(this.files.get(uri)?.objects ?? [], this.files.has(uri) ? [uri] : []);
  }

  /** Changing the default namespace can move any object: everything is affected. */
  setDefaultNamespace(namespace: string): string[] {
    if (namespace === this.defaultNamespace) return [];
    this.defaultNamespace = namespace;
    this.reattach([...this.files.values()]);
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

  private resolveNamespace(object: OperatorObject, folder: string): string {
    return object.declaredNamespace ?? this.kustomizeNamespaces.get(folder) ?? this.defaultNamespace;
  }

  private attach(entry: FileEntry): void {
    for (const object of entry.objects) {
      object.namespace = this.resolveNamespace(object, entry.folder);
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

  /** Takes a file's objects out of the buckets (not out of the file table) and returns them. */
  private detach(entry: FileEntry): OperatorObject[] {
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
    return entry.objects;
  }

  private addMonitor(monitor: MonitorObject): void {
    this.monitors.add(monitor);
    const scope = this.scopeOf(monitor);
    if (scope.any) this.monitorsWatchingAll.add(monitor);
    else for (const name of scope.names) addTo(this.monitorsWatching, name, monitor);
    const first = monitor.selector?.matchLabels.entries[0];
    if (first) addTo(this.monitorsByFirstLabel, `${first.key}\0${first.value}`, monitor);
    else this.monitorsWithoutLabels.add(monitor);
  }

  private deleteMonitor(monitor: MonitorObject): void {
    this.monitors.delete(monitor);
    const scope = this.scopeOf(monitor);
    if (scope.any) this.monitorsWatchingAll.delete(monitor);
    else for (const name of scope.names) deleteFrom(this.monitorsWatching, name, monitor);
    const first = monitor.selector?.matchLabels.entries[0];
    if (first) deleteFrom(this.monitorsByFirstLabel, `${first.key}\0${first.value}`, monitor);
    else this.monitorsWithoutLabels.delete(monitor);
  }

  private reattach(entries: FileEntry[]): void {
    for (const entry of entries) this.detach(entry);
    for (const entry of entries) this.attach(entry);
  }

  /**
   * Re-reads the namespace a folder's kustomization sets; when it changed, re-resolves the
   * folder's attached files (all but `pending`) and returns the files affected before and after.
   */
  private refreshFolderNamespace(folder: string, pending?: FileEntry, report = true): string[] {
    let next: string | undefined;
    for (const entry of this.folders.get(folder) ?? []) {
      for (const object of entry.objects) if (object.kind === 'Kustomization' && object.setsNamespace) next = object.setsNamespace;
    }
    if (next === this.kustomizeNamespaces.get(folder)) return [];
    const others = [...(this.folders.get(folder) ?? [])].filter((entry) => entry !== pending);
    const objects = others.flatMap((entry) => entry.objects);
    const before = report ? this.dependents(objects, []) : [];
    for (const entry of others) this.detach(entry);
    if (next === undefined) this.kustomizeNamespaces.delete(folder);
    else this.kustomizeNamespaces.set(folder, next);
    for (const entry of others) this.attach(entry);
    return report ? union(before, this.dependents(objects, [])) : [];
  }

  /** The files whose diagnostics may change when `objects` appear, change or disappear. */
  private dependents(objects: readonly OperatorObject[], start: string[]): string[] {
    const out = new Set(start);
    for (const object of objects) out.add(object.uri);
    const namespaces = new Set<string>();
    const labelSets: ReadonlyMap<string, string>[] = [];
    let allSelectables = false;
    for (const object of objects) {
      if (object.kind === 'Service') {
        namespaces.add(object.namespace);
        labelSets.push(labelsOf(object.labels));
      }
      if (isWorkload(object)) {
        namespaces.add(object.namespace);
        labelSets.push(labelsOf(object.podLabels));
      }
      if (isPrometheusLike(object) || object.kind === 'Namespace') allSelectables = true;
    }
    if (allSelectables) for (const selectable of this.selectables) out.add(selectable.uri);
    if (namespaces.size > 0) {
      const add = (monitor: MonitorObject) => out.add(monitor.uri);
      this.monitorsWatchingAll.forEach(add);
      for (const namespace of namespaces) this.monitorsWatching.get(namespace)?.forEach(add);
      // Monitors elsewhere whose selector fits: their namespace-excluded notice may change.
      const fits = (monitor: MonitorObject) => {
        const selector = monitor.selector;
        if (selector && !out.has(monitor.uri) && labelSets.some((labels) => selectorMatches(selector, labels))) add(monitor);
      };
      this.monitorsWithoutLabels.forEach(fits);
      for (const labels of labelSets) {
        for (const [key, value] of labels) this.monitorsByFirstLabel.get(`${key}\0${value}`)?.forEach(fits);
      }
    }
    return [...out].filter((uri) => this.files.has(uri) || start.includes(uri)).sort();
  }
}

function union(a: string[], b: string[]): string[] {
  return b.length === 0 ? a : [...new Set([...a, ...b])].sort();
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}
