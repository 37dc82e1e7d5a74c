import { lexLogQL, type LexResult, type Token } from './lex';
import { stringValue } from './strings';
import { patternCaptures, regexGroupNames } from './stageArguments';
import { analyzeLokiTemplate } from './template';

/**
 * Which labels exist at each point of a query's pipelines: stream labels from selectors, and
 * labels the stages extract (`json`, `logfmt`, `regexp`, `pattern`, `label_format`, `unpack`).
 * Works on tokens, so it also serves half-typed queries during completion.
 */

export type StageKind =
  | 'json'
  | 'logfmt'
  | 'regexp'
  | 'pattern'
  | 'unpack'
  | 'label_format'
  | 'line_format'
  | 'drop'
  | 'keep'
  | 'decolorize'
  | 'unwrap'
  | 'label_filter'
  | 'line_filter';

export interface PipelineStage {
  kind: StageKind;
  /** Offsets of the stage in the query, from its `|` (or filter operator) to its last token. */
  from: number;
  to: number;
  /** Labels the stage adds, with where the name is written (a capture, a group, a key). */
  produces: { name: string; from: number; to: number }[];
  /** True when the stage adds labels that cannot be known from the query (`| json`, `| logfmt`, `| unpack`). */
  dynamic: boolean;
  /** Labels the stage reads (label filters, templates, unwrap). */
  reads: { name: string; from: number; to: number }[];
  /**
   * `drop a, b`: the labels it always removes (`drop a="x"` removes `a` only from some lines).
   * `keep a, b="x"`: the only labels left after it.
   */
  removes?: string[];
  keeps?: string[];
}

export interface Pipeline {
  /** Offsets of the stream selector `{…}`. */
  selectorFrom: number;
  selectorTo: number;
  matchers: { name: string; op: string; value: string; nameFrom: number; nameTo: number }[];
  stages: PipelineStage[];
  /** Offset where the pipeline ends (its range, a closing parenthesis, or the end of the query). */
  to: number;
}

export function pipelinesOf(text: string, lex: LexResult = lexLogQL(text)): Pipeline[] {
  const { tokens } = lex;
  const pipelines: Pipeline[] = [];
  const value = (t: Token | undefined) => (t ? text.slice(t.from, t.to) : '');
  let current: Pipeline | undefined;
  let stage: PipelineStage | undefined;
  let selectorDepth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.kind === '{') {
      current = { selectorFrom: token.from, selectorTo: token.to, matchers: [], stages: [], to: text.length };
      selectorDepth = token.depth;
      pipelines.push(current);
      stage = undefined;
      let j = i + 1;
      for (; j < tokens.length && tokens[j].kind !== '}'; j++) {
        if (tokens[j].kind === 'identifier' && tokens[j + 1]?.kind === 'operator' && tokens[j + 2]?.kind === 'string') {
          current.matchers.push({
            name: value(tokens[j]),
            op: value(tokens[j + 1]),
            value: stringValue(text, tokens[j + 2].from, tokens[j + 2].to).value,
            nameFrom: tokens[j].from,
            nameTo: tokens[j].to,
          });
        }
      }
      current.selectorTo = tokens[j]?.to ?? text.length;
      i = j;
      continue;
    }
    if (!current) continue;
    // A range, or a `)` closing a parenthesis opened before the selector, ends the pipeline.
    if (token.kind === '[' || token.kind === ']' || (token.kind === ')' && token.depth <= selectorDepth)) {
      current.to = token.from;
      current = undefined;
      continue;
    }
    const word = value(token);
    if (
      token.kind === 'operator' &&
      ['|=', '!=', '|~', '!~', '|>', '!>'].includes(word) &&
      !(stage?.kind === 'label_filter' && tokens[i - 1]?.kind === 'identifier')
    ) {
      stage = { kind: 'line_filter', from: token.from, to: token.to, produces: [], dynamic: false, reads: [] };
      current.stages.push(stage);
      continue;
    }
    if (word === '|') {
      const next = tokens[i + 1];
      const name = value(next).toLowerCase();
      const kind: StageKind =
        (
          ['json', 'logfmt', 'regexp', 'pattern', 'unpack', 'label_format', 'line_format', 'drop', 'keep', 'decolorize', 'unwrap'] as const
        ).find((k) => k === name) ?? 'label_filter';
      stage = { kind, from: token.from, to: next?.to ?? token.to, produces: [], dynamic: false, reads: [] };
      current.stages.push(stage);
      if (kind !== 'label_filter') i++;
      if (kind === 'json' || kind === 'logfmt' || kind === 'unpack') stage.dynamic = true;
      continue;
    }
    if (!stage) continue;
    stage.to = token.to;
    const next = tokens[i + 1];
    switch (stage.kind) {
      case 'json':
      case 'logfmt':
        if (
          token.kind === 'identifier' &&
          (value(tokens[i - 1]) === ',' ||
            tokens[i - 1]?.kind === 'flag' ||
            ['json', 'logfmt'].includes(value(tokens[i - 1]).toLowerCase()))
        ) {
          stage.produces.push({ name: word, from: token.from, to: token.to });
          stage.dynamic = false;
        }
        break;
      case 'regexp':
      case 'pattern':
        if (token.kind === 'string' && stage.produces.length === 0) {
          const string = stringValue(text, token.from, token.to);
          const names =
            stage.kind === 'regexp'
              ? regexGroupNames(string.value)
              : patternCaptures(string.value)
                  .filter((c) => c.name !== '_')
                  .map((c) => ({ name: c.name, from: c.from + 1, to: c.to - 1 }));
          for (const n of names)
            stage.produces.push({
              name: n.name,
              from: string.sourceOffset[n.from] ?? token.from,
              to: (string.sourceOffset[n.to - 1] ?? token.from) + 1,
            });
        }
        break;
      case 'label_format':
        if (
          token.kind === 'identifier' &&
          value(next) === '=' &&
          (i === 0 || value(tokens[i - 1]) === ',' || value(tokens[i - 1]).toLowerCase() === 'label_format')
        ) {
          stage.produces.push({ name: word, from: token.from, to: token.to });
        } else if (token.kind === 'identifier' && value(tokens[i - 1]) === '=')
          stage.reads.push({ name: word, from: token.from, to: token.to });
        else if (token.kind === 'string') addTemplateReads(stage, text, token);
        break;
      case 'line_format':
        if (token.kind === 'string') addTemplateReads(stage, text, token);
        break;
      case 'unwrap':
        if (token.kind === 'identifier' && !['bytes', 'duration', 'duration_seconds'].includes(word.toLowerCase()))
          stage.reads.push({ name: word, from: token.from, to: token.to });
        break;
      case 'drop':
      case 'keep':
        if (token.kind === 'identifier' && (i === 0 || value(tokens[i - 1]) === ',' || value(tokens[i - 1]).toLowerCase() === stage.kind)) {
          stage.reads.push({ name: word, from: token.from, to: token.to });
          if (stage.kind === 'keep') (stage.keeps ??= []).push(word);
          else if (!['=', '!=', '=~', '!~'].includes(value(next))) (stage.removes ??= []).push(word);
        }
        break;
      case 'label_filter':
        if (token.kind === 'identifier' && !['and', 'or', 'ip'].includes(word.toLowerCase()))
          stage.reads.push({ name: word, from: token.from, to: token.to });
        break;
    }
  }
  return pipelines;
}

function addTemplateReads(stage: PipelineStage, text: string, token: Token): void {
  const string = stringValue(text, token.from, token.to);
  for (const read of analyzeLokiTemplate(string.value).labelReads) {
    stage.reads.push({
      name: read.name,
      from: string.sourceOffset[read.from] ?? token.from,
      to: (string.sourceOffset[read.to - 1] ?? token.from) + 1,
    });
  }
}

/** Where a label visible at `offset` comes from: the stage that extracted it, or the stream. */
export interface LabelOrigin {
  kind: 'stream' | 'extracted' | 'maybe-extracted' | 'error' | 'dropped' | 'unknown';
  /** The stage that extracted the label, or the `drop`/`keep` that removed it. */
  stage?: PipelineStage;
}

/** Whether `stage`, a finished `drop` or `keep`, leaves no label `name` behind it. */
function removesLabel(stage: PipelineStage, name: string): boolean {
  if (stage.kind === 'drop') return stage.removes?.includes(name) ?? false;
  return stage.kind === 'keep' && !(stage.keeps?.includes(name) ?? true);
}

/** The last `drop`/`keep` before `offset` that removed `name` when no later stage adds it again. */
function removedBy(pipeline: Pipeline, name: string, offset: number): PipelineStage | undefined {
  let removal: PipelineStage | undefined;
  for (const stage of pipeline.stages) {
    if (stage.to >= offset) break;
    if (removesLabel(stage, name)) removal = stage;
    else if (stage.produces.some((p) => p.name === name) || stage.dynamic) removal = undefined;
  }
  return removal;
}

/** The pipeline that `offset` is in, or undefined when it is outside every pipeline. */
export function pipelineAt(pipelines: readonly Pipeline[], offset: number): Pipeline | undefined {
  return pipelines.find((p) => offset >= p.selectorFrom && offset <= p.to);
}

/** The origin of `name` as seen at `offset` (all pipelines count when `offset` is outside them, e.g. in `by (…)`). */
export function labelOrigin(pipelines: readonly Pipeline[], name: string, offset: number): LabelOrigin {
  const inside = pipelineAt(pipelines, offset);
  const candidates = inside ? [inside] : pipelines;
  const removal = inside && removedBy(inside, name, offset);
  if (removal) return { kind: 'dropped', stage: removal };
  for (const pipeline of candidates) {
    const before = pipeline.stages.filter((s) => !inside || s.from < offset);
    const exact = [...before].reverse().find((s) => s.produces.some((p) => p.name === name));
    if (exact) return { kind: 'extracted', stage: exact };
  }
  if (name === '__error__' || name === '__error_details__') return { kind: 'error' };
  if (candidates.some((p) => p.matchers.some((m) => m.name === name))) return { kind: 'stream' };
  for (const pipeline of candidates) {
    const dynamic = [...pipeline.stages.filter((s) => !inside || s.from < offset)].reverse().find((s) => s.dynamic);
    if (dynamic) return { kind: 'maybe-extracted', stage: dynamic };
  }
  return { kind: 'unknown' };
}

/** Label names known at `offset`: stream labels first, then extracted ones. */
export function labelsAt(
  pipelines: readonly Pipeline[],
  offset: number,
): { stream: string[]; extracted: { name: string; stage: PipelineStage }[] } {
  const inside = pipelineAt(pipelines, offset);
  const candidates = inside ? [inside] : pipelines;
  const stream = [...new Set(candidates.flatMap((p) => p.matchers.map((m) => m.name)))];
  const extracted: { name: string; stage: PipelineStage }[] = [];
  for (const pipeline of candidates) {
    const firstDynamic = pipeline.stages.find((s) => s.dynamic);
    for (const stage of pipeline.stages) {
      if (inside && stage.from >= offset) continue;
      for (const produced of stage.produces)
        if (!extracted.some((e) => e.name === produced.name)) extracted.push({ name: produced.name, stage });
      // Labels filtered on after a json/logfmt stage were extracted by it.
      const dynamic = firstDynamic && firstDynamic.from < stage.from ? firstDynamic : undefined;
      if (dynamic)
        for (const read of stage.reads)
          if (!(read.from < offset && offset <= read.to) && !stream.includes(read.name) && !extracted.some((e) => e.name === read.name))
            extracted.push({ name: read.name, stage: dynamic });
    }
  }
  // Inside a pipeline, what a finished `drop` or `keep` removed is gone (unless added again).
  if (!inside) return { stream, extracted };
  const present = (name: string) => removedBy(inside, name, offset) === undefined;
  return { stream: stream.filter(present), extracted: extracted.filter((e) => present(e.name)) };
}
