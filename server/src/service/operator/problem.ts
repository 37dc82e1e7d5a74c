import type { Severity } from '../types';
import type { CollectionSpan, MapSite, Span } from './model';

/** A place in another (or the same) file that explains a problem: LSP related information. */
export interface RelatedLocation {
  uri: string;
  from: number;
  to: number;
  message: string;
}

/** One text edit in document offsets of `uri`. */
export interface OffsetEdit {
  uri: string;
  from: number;
  to: number;
  newText: string;
}

/**
 * One step of a quick fix, recorded by validation and turned into text edits by quickFixes.ts
 * (which reads the file text for indentation). Plain JSON, so it survives a round trip through
 * an LSP diagnostic's `data`.
 */
export type FixAction =
  | { kind: 'replace'; uri: string; span: Span; newText: string }
  /** Adds `key: value` lines to a label map, creating the map (and its parents) when missing. */
  | { kind: 'addLabels'; uri: string; site: MapSite; indentStep: number; labels: Record<string, string> }
  /** Adds a namespace to `namespaceSelector.matchNames`, creating what is missing. */
  | { kind: 'addMatchName'; uri: string; matchNames?: CollectionSpan; site: MapSite; indentStep: number; namespace: string }
  /** Appends a scalar to a sequence (a matchExpressions `values` list). */
  | { kind: 'addSeqItem'; uri: string; seq: CollectionSpan; value: string }
  /** Removes one item (a value, or a whole requirement) from a sequence, with its line or comma. */
  | { kind: 'removeSeqItem'; uri: string; seq: CollectionSpan; item: Span };

/** A quick fix on offer for a problem. */
export interface OperatorFix {
  title: string;
  actions: FixAction[];
}

/** A Prometheus Operator diagnostic in document offsets of the file it was found in. */
export interface OperatorProblem {
  from: number;
  to: number;
  code: string;
  message: string;
  severity: Severity;
  related: RelatedLocation[];
  /** Quick fixes on offer, best first. */
  fixes?: OperatorFix[];
}

export function problemAt(
  span: Span,
  code: string,
  severity: Severity,
  message: string,
  related: RelatedLocation[] = [],
  fixes?: OperatorFix[],
): OperatorProblem {
  return { from: span.from, to: span.to, code, message, severity, related, ...(fixes?.length ? { fixes } : {}) };
}
