import type { ExprFeatureDeps, MetricInfo, MetricLookup, RecordingRuleInfo, ValueType } from '../types';
import { isCounterLike, seriesNames, type ResolvedMetric } from './metricFamilies';

/** A metric-slot candidate: cheap to list by the thousand; made into an item only if returned. */
export interface MetricCandidate {
  name: string;
  sortText: string;
  rule?: RecordingRuleInfo;
  /** The family's type and the series suffix: enough to rank without a lookup. */
  ranked?: ResolvedMetric;
}

interface Listed extends MetricCandidate {
  lower: string;
}

/** The candidates of one metric list and rule list for one expected type, in three orders. */
interface CandidateList {
  listed: Listed[];
  sorted?: Listed[];
  /** By lower-case name: the ones starting with the typed text are a run found by binary search. */
  byName?: Listed[];
}

/**
 * What a metric lookup listed last time, and the candidate lists built from it. A live server
 * can list 20,000 names: they are ranked and sorted once, not on every keystroke. A list is
 * reused only while the lookup yields the very same entries and the rules are the same array.
 */
interface LookupMemo {
  /** What `all()` answered: a lookup that answers with the same array again (the live list) has not changed. */
  source: Iterable<MetricInfo>;
  infos: readonly MetricInfo[];
  rules: readonly RecordingRuleInfo[];
  lists: Map<string, CandidateList>;
}

const memos = new WeakMap<MetricLookup, LookupMemo>();

/**
 * The metric-slot candidates to offer: all of them in listing order (recording rules, then
 * each metric's series names) when there are at most `limit`; else the best `limit` for the
 * typed text, as VS Code would filter them (those starting with it first, then the fuzzy
 * matches, each by sortText), and `capped`.
 */
export function metricCandidates(
  expected: ValueType | undefined,
  deps: ExprFeatureDeps,
  typed: string,
  limit: number,
): { candidates: readonly MetricCandidate[]; capped: boolean } {
  const list = candidateList(expected, deps);
  if (list.listed.length <= limit) return { candidates: list.listed, capped: false };
  const sorted = (list.sorted ??= [...list.listed].sort(bySortText));
  const prefix = typed.toLowerCase();
  if (prefix === '') return { candidates: sorted.slice(0, limit), capped: true };
  // Those starting with the typed text come first, in sortText order.
  const byName = (list.byName ??= [...list.listed].sort((a, b) => (a.lower < b.lower ? -1 : a.lower > b.lower ? 1 : 0)));
  const starting: Listed[] = [];
  for (let i = firstAtOrAfter(byName, prefix); i < byName.length && byName[i].lower.startsWith(prefix); i++) starting.push(byName[i]);
  starting.sort(bySortText);
  if (starting.length >= limit) return { candidates: starting.slice(0, limit), capped: true };
  // Then the fuzzy matches, only when those are too few.
  const others: Listed[] = [];
  for (const candidate of sorted) {
    if (others.length + starting.length >= limit) break;
    if (!candidate.lower.startsWith(prefix) && fuzzyMatch(prefix, candidate.lower)) others.push(candidate);
  }
  return { candidates: [...starting, ...others], capped: true };
}

function bySortText(a: Listed, b: Listed): number {
  return a.sortText < b.sortText ? -1 : a.sortText > b.sortText ? 1 : 0;
}

/** The index of the first name at or after `prefix` in a list sorted by lower-case name. */
function firstAtOrAfter(byName: readonly Listed[], prefix: string): number {
  let low = 0;
  let high = byName.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (byName[middle].lower < prefix) low = middle + 1;
    else high = middle;
  }
  return low;
}

function candidateList(expected: ValueType | undefined, deps: ExprFeatureDeps): CandidateList {
  const source = deps.metrics.all();
  let memo = memos.get(deps.metrics);
  if (!memo || memo.rules !== deps.recordingRules) {
    memo = { source, infos: [...source], rules: deps.recordingRules, lists: new Map() };
    memos.set(deps.metrics, memo);
  } else if (memo.source !== source) {
    const infos = [...source];
    if (!sameEntries(memo.infos, infos)) memo = { source, infos, rules: deps.recordingRules, lists: new Map() };
    else memo.source = source;
    memos.set(deps.metrics, memo);
  }
  const key = expected ?? 'none';
  let list = memo.lists.get(key);
  if (!list) memo.lists.set(key, (list = { listed: listCandidates(expected, memo.infos, deps.recordingRules) }));
  return list;
}

function sameEntries(a: readonly MetricInfo[], b: readonly MetricInfo[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function listCandidates(expected: ValueType | undefined, infos: readonly MetricInfo[], rules: readonly RecordingRuleInfo[]): Listed[] {
  const candidates: Listed[] = [];
  const seen = new Set<string>();
  for (const rule of rules) {
    if (seen.has(rule.name)) continue;
    seen.add(rule.name);
    candidates.push({ name: rule.name, lower: rule.name.toLowerCase(), sortText: sortKey(expected === 'matrix' ? 1 : 0, rule.name), rule });
  }
  for (const info of infos) {
    for (const name of seriesNames(info)) {
      if (seen.has(name)) continue;
      seen.add(name);
      // Ranking needs only the family's type; the full lookup (a live server may hold 20,000
      // names) waits until an item is actually built.
      const ranked: ResolvedMetric = name === info.name ? { info } : { info, suffix: name.slice(info.name.length) };
      const group = expected === 'matrix' ? (isCounterLike(ranked) ? 0 : 1) : expected === 'vector' || expected === undefined ? 0 : 2;
      // Bucket series first where a histogram is wanted (`histogram_quantile(0.9, |`).
      const boost = expected === 'vector' && name.endsWith('_bucket') ? 'a' : 'b';
      candidates.push({ name, lower: name.toLowerCase(), sortText: sortKey(group, `${boost}${name}`), ranked });
    }
  }
  return candidates;
}

/** `<group>_<rank>`: lower groups (what fits the slot best) come first. */
export function sortKey(group: number, rank: number | string): string {
  return `${group}_${typeof rank === 'number' ? String(rank).padStart(4, '0') : rank}`;
}

/** VS Code-like fuzzy test on lower-case text: the typed characters appear in order. */
function fuzzyMatch(typed: string, candidate: string): boolean {
  let at = 0;
  for (const c of typed) {
    at = candidate.indexOf(c, at);
    if (at < 0) return false;
    at++;
  }
  return true;
}
