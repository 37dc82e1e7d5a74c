/** A set of Services or workloads, bucketed by namespace and indexed by label. */
import type { LabelSelector, OperatorObject } from './model';
import { selectorMatches } from './selector';

/** Which namespaces a monitor looks in: all of them, or a list. */
export type NamespaceScope = { any: true } | { any: false; names: string[] };

export class LabelledBucket<T extends OperatorObject> {
  private byNamespace = new Map<string, Set<T>>();
  private byLabel = new Map<string, Set<T>>();
  constructor(private labelsOfObject: (object: T) => ReadonlyMap<string, string>) {}

  add(object: T): void {
    addTo(this.byNamespace, object.namespace, object);
    for (const [key, value] of this.labelsOfObject(object)) addTo(this.byLabel, `${key}\0${value}`, object);
  }

  delete(object: T): void {
    deleteFrom(this.byNamespace, object.namespace, object);
    for (const [key, value] of this.labelsOfObject(object)) deleteFrom(this.byLabel, `${key}\0${value}`, object);
  }

  in(namespace: string): ReadonlySet<T> {
    return this.byNamespace.get(namespace) ?? emptySet;
  }

  namespaces(): Iterable<string> {
    return this.byNamespace.keys();
  }

  all(): T[] {
    return [...this.byNamespace.values()].flatMap((set) => [...set]);
  }

  /** Objects in `scope` whose labels the selector matches. */
  matching(selector: LabelSelector, scope: NamespaceScope): T[] {
    const inScope = (object: T) => scope.any || scope.names.includes(object.namespace);
    let candidates: Iterable<T>;
    if (selector.matchLabels.entries.length > 0) {
      const sets = selector.matchLabels.entries.map((entry) => this.byLabel.get(`${entry.key}\0${entry.value}`) ?? emptySet);
      candidates = sets.reduce((smallest, set) => (set.size < smallest.size ? set : smallest));
    } else {
      candidates = scope.any ? this.all() : scope.names.flatMap((name) => [...this.in(name)]);
    }
    const out: T[] = [];
    for (const object of candidates) {
      if (inScope(object) && selectorMatches(selector, this.labelsOfObject(object))) out.push(object);
    }
    return out;
  }
}

const emptySet: ReadonlySet<never> = new Set();

export function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}

export function deleteFrom<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  set?.delete(value);
  if (set?.size === 0) map.delete(key);
}
