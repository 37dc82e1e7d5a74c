import { isScalar } from 'yaml';
import type { AlertsmithDocument } from './document';
import { editSite, moveOffset, singleChange, type ScalarSite, type ScalarToken, type TextChange } from './incrementalEdit';
import type { EmbeddedRegion } from './types';
import type { DocumentProblem } from './yaml/types';

/**
 * The edit fast path. Parsing a 10,000-line rule file with the `yaml` package takes 100+ ms,
 * while a keystroke inside one expression changes nothing but that expression: the other
 * regions only move, and the file's structure problems (`yaml/…`, `rules/…`) only move. A
 * state is what validation needs of a YAML document; `applyChange` derives the next state
 * from the previous one when the edit provably stays inside one expression's scalar.
 *
 * A derived state is *provisional*: what depends on the edited expression outside it (template
 * `$labels` checks, language detection, recording rules) is stale until a full parse replaces
 * it (the server schedules one once typing pauses).
 */
export interface IncrementalState {
  text: string;
  /** The document's regions, equal to a full parse's (offset maps included). */
  regions: EmbeddedRegion[];
  /** Structure problems in document offsets of `text`: exact for a full parse, moved for a provisional one. */
  structureProblems: DocumentProblem[];
  provisional: boolean;
  entries: RegionEntry[];
}

/** A region as it was built, and how far it has moved since. */
interface RegionEntry {
  base: EmbeddedRegion;
  shift: number;
  /** Undefined when the token is unknown (e.g. a merged `expr`): such a region only moves. */
  site?: ScalarSite;
}

/** The state of a fully parsed YAML document, or undefined when the fast path must not start from it. */
export function fullState(text: string, parsed: AlertsmithDocument, structureProblems: DocumentProblem[]): IncrementalState | undefined {
  const yaml = parsed.yaml;
  // Broken YAML recovers in ways a local edit can change; Helm templates are pre-processed.
  if (parsed.kind !== 'yaml' || !yaml || yaml.helmTemplate || yaml.problems.length > 0) return undefined;
  let entries: RegionEntry[] | undefined;
  return {
    text,
    regions: parsed.regions,
    structureProblems,
    provisional: false,
    // Made when the first keystroke needs them: most files are opened and read, not edited.
    get entries() {
      return (entries ??= regionEntries(parsed));
    },
  };
}

/** Each region of a full parse with its expression's scalar token, when it has one. */
function regionEntries(parsed: AlertsmithDocument): RegionEntry[] {
  const tokens = new Map<number, { token: ScalarToken; flow: boolean }>();
  for (const shape of parsed.ruleFiles) {
    for (const group of shape.groups) {
      for (const rule of group.rules) {
        const expr = rule.fields?.get('expr');
        const token = (expr?.written as { srcToken?: ScalarToken } | null)?.srcToken;
        if (!expr || expr.merged || !isScalar(expr.written) || !token || typeof token.source !== 'string') continue;
        tokens.set(token.offset, { token, flow: rule.fields?.node.flow === true });
      }
    }
  }
  return parsed.regions.map((region): RegionEntry => {
    const found = tokens.get(region.sourceStart);
    return { base: region, shift: 0, site: found ? { region, token: found.token, flow: found.flow } : undefined };
  });
}

/** The state after `text` replaced `state.text`, or undefined when only a full parse can tell. */
export function applyChange(state: IncrementalState, text: string): IncrementalState | undefined {
  if (text === state.text) return state;
  const change = singleChange(state.text, text);
  const delta = change.newEnd - change.oldEnd;
  let edited = -1;
  for (let i = 0; i < state.entries.length; i++) {
    const { base, shift } = state.entries[i];
    const start = base.sourceStart + shift;
    const end = base.sourceEnd + shift;
    if (end < change.start || start >= change.oldEnd) continue;
    if (edited >= 0 || start > change.start || change.oldEnd > end) return undefined;
    edited = i;
  }
  if (edited < 0) return undefined;
  const entry = state.entries[edited];
  if (!entry.site) return undefined;
  const site = editSite(currentSite(entry), state.text, text, change);
  if (!site) return undefined;

  const entries = state.entries.map((e, i): RegionEntry => {
    if (i === edited) return { base: site.region, shift: 0, site };
    return e.base.sourceStart + e.shift >= change.oldEnd ? { ...e, shift: e.shift + delta } : e;
  });
  return {
    text,
    regions: entries.map(regionOf),
    structureProblems: state.structureProblems.map((problem) => moveProblem(problem, change)),
    provisional: true,
    entries,
  };
}

/** The site of an entry in current document offsets. */
function currentSite(entry: RegionEntry): ScalarSite {
  const site = entry.site!;
  if (entry.shift === 0) return site;
  return { region: regionOf(entry), token: { ...site.token, offset: site.token.offset + entry.shift }, flow: site.flow };
}

const moved = new WeakMap<RegionEntry, EmbeddedRegion>();

function regionOf(entry: RegionEntry): EmbeddedRegion {
  if (entry.shift === 0) return entry.base;
  const known = moved.get(entry);
  if (known) return known;
  const { base, shift } = entry;
  const region: EmbeddedRegion = {
    language: base.language,
    context: base.context,
    text: base.text,
    sourceStart: base.sourceStart + shift,
    sourceEnd: base.sourceEnd + shift,
    keyOffset: base.keyOffset === undefined ? undefined : base.keyOffset + shift,
    toDocumentOffset: (offset) => base.toDocumentOffset(offset) + shift,
    toRegionOffset: (documentOffset) => base.toRegionOffset(documentOffset - shift),
  };
  moved.set(entry, region);
  return region;
}

function moveProblem(problem: DocumentProblem, change: TextChange): DocumentProblem {
  const moved: DocumentProblem = { ...problem, from: moveOffset(problem.from, change), to: moveOffset(problem.to, change) };
  if (problem.related)
    moved.related = problem.related.map((r) => ({ ...r, from: moveOffset(r.from, change), to: moveOffset(r.to, change) }));
  return moved;
}

/**
 * Per-document states for the facade: `record` after a full validation, `current` to get the
 * state of a newer text (derived by the fast path when it can be, forgotten when it cannot).
 */
export class IncrementalDocuments {
  private readonly states = new Map<string, IncrementalState>();

  /** Editors have a few documents open; the CLI validates thousands once each. */
  constructor(private readonly limit = 64) {}

  record(uri: string, state: IncrementalState | undefined): void {
    this.states.delete(uri);
    if (state) this.states.set(uri, state);
    if (this.states.size > this.limit) this.states.delete(this.states.keys().next().value as string);
  }

  /** The state of `text`, or undefined when the document needs a full parse. */
  current(uri: string, text: string): IncrementalState | undefined {
    const state = this.states.get(uri);
    if (!state) return undefined;
    const next = applyChange(state, text);
    if (next) this.states.set(uri, next);
    else this.states.delete(uri);
    return next;
  }

  /** True when the document's latest state came from the fast path and a full parse is owed. */
  provisional(uri: string): boolean {
    return this.states.get(uri)?.provisional === true;
  }

  forget(uri: string): void {
    this.states.delete(uri);
  }

  clear(): void {
    this.states.clear();
  }
}
