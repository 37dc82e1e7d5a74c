/**
 * The namespace kustomize gives objects: it replaces `metadata.namespace` where one is written
 * and sets it where none is (Namespace objects excepted). A kustomization's `namespace:` applies
 * to the files of its own folder and to the files and folders its `resources:` list below it.
 * When several apply, the outermost wins: kustomize runs the outer kustomization's
 * namespace transformer last. Resources outside the folder (`../base`) and remote ones are not
 * followed: a base shared by several overlays has no single namespace.
 */
import type { KustomizationObject, OperatorObject } from './model';
import { addTo, deleteFrom } from './labelledBucket';
import { folderOf } from './uriPaths';

/** What one kustomization file sets, and where. */
export interface KustomizeScope {
  /** The kustomization file. */
  uri: string;
  folder: string;
  namespace: string;
  /** The listed files and folders below `folder`, as URIs without a trailing slash. */
  targets: string[];
}

/** The scope of the kustomization objects of one file (the last one that sets a namespace). */
export function kustomizeScopeOf(uri: string, objects: readonly OperatorObject[]): KustomizeScope | undefined {
  const kustomization = objects
    .filter((object): object is KustomizationObject => object.kind === 'Kustomization' && !!object.setsNamespace)
    .pop();
  if (!kustomization?.setsNamespace) return undefined;
  const folder = folderOf(uri);
  const targets = kustomization.resources.flatMap((resource) => {
    const path = relativeTarget(resource);
    return path ? [`${folder}/${path}`] : [];
  });
  return { uri, folder, namespace: kustomization.setsNamespace, targets: [...new Set(targets)] };
}

/** `./app/` -> `app`; undefined for remote, absolute or upward paths. */
function relativeTarget(resource: string): string | undefined {
  if (resource.includes('://') || resource.startsWith('/') || resource.includes('?')) return undefined;
  const segments = resource.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.length === 0 || segments.includes('..')) return undefined;
  return segments.map((segment) => encodeURIComponent(segment)).join('/');
}

export function sameScope(a: KustomizeScope | undefined, b: KustomizeScope | undefined): boolean {
  if (!a || !b) return a === b;
  return a.namespace === b.namespace && a.targets.length === b.targets.length && a.targets.every((target, i) => target === b.targets[i]);
}

/** Whether the scope applies to the objects of file `uri`. */
export function scopeCovers(scope: KustomizeScope, uri: string): boolean {
  if (uri === scope.uri) return false;
  return folderOf(uri) === scope.folder || scope.targets.some((target) => uri === target || uri.startsWith(`${target}/`));
}

/** Every kustomization scope of the workspace, looked up by folder and by listed path. */
export class KustomizeNamespaces {
  private scopes = new Map<string, KustomizeScope>();
  private byFolder = new Map<string, Set<KustomizeScope>>();
  private byTarget = new Map<string, Set<KustomizeScope>>();

  get(uri: string): KustomizeScope | undefined {
    return this.scopes.get(uri);
  }

  /** Replaces the scope of kustomization file `uri`; returns the previous one. */
  set(uri: string, scope: KustomizeScope | undefined): KustomizeScope | undefined {
    const previous = this.scopes.get(uri);
    if (previous) {
      this.scopes.delete(uri);
      deleteFrom(this.byFolder, previous.folder, previous);
      for (const target of previous.targets) deleteFrom(this.byTarget, target, previous);
    }
    if (scope) {
      this.scopes.set(uri, scope);
      addTo(this.byFolder, scope.folder, scope);
      for (const target of scope.targets) addTo(this.byTarget, target, scope);
    }
    return previous;
  }

  /** The namespace a kustomization gives the objects of file `uri`, if one sets it. */
  namespaceOf(uri: string): string | undefined {
    let best: KustomizeScope | undefined;
    const consider = (scopes: ReadonlySet<KustomizeScope> | undefined) => {
      for (const scope of scopes ?? []) {
        if (scope.uri === uri) continue;
        if (!best || scope.folder.length < best.folder.length || (scope.folder.length === best.folder.length && scope.uri > best.uri)) {
          best = scope;
        }
      }
    };
    const folder = folderOf(uri);
    consider(this.byFolder.get(folder));
    consider(this.byTarget.get(uri));
    for (let at = folder; at.includes('/'); at = folderOf(at)) consider(this.byTarget.get(at));
    return best?.namespace;
  }
}
