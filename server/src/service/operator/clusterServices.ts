/**
 * Services that exist in a cluster without any manifest in a repository: the API server's
 * `kubernetes` Service, kube-dns, and the kubelet Service the operator maintains itself
 * (`--kubelet-service`). A selector that fits one of them is not a workspace mistake.
 */
import type { LabelSelector } from './model';
import { selectorMatches } from './selector';

const clusterServices: { name: string; labels: Record<string, string> }[] = [
  { name: 'the API server Service (default/kubernetes)', labels: { component: 'apiserver', provider: 'kubernetes' } },
  { name: 'the kube-dns Service (kube-system/kube-dns)', labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/name': 'CoreDNS' } },
  {
    name: 'the kubelet Service the operator maintains (kube-system/kubelet)',
    labels: { 'k8s-app': 'kubelet', 'app.kubernetes.io/name': 'kubelet', 'app.kubernetes.io/managed-by': 'prometheus-operator' },
  },
];

/** The description of a cluster-created Service the selector matches, if any. */
export function clusterServiceFor(selector: LabelSelector): string | undefined {
  if (selector.matchLabels.entries.length === 0 && selector.matchExpressions.length === 0) return undefined;
  return clusterServices.find((service) => selectorMatches(selector, new Map(Object.entries(service.labels))))?.name;
}
