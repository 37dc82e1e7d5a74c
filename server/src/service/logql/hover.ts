import { describeDuration } from '../promql/durationDescription';
import { logqlCatalog, logqlEntries, logqlTemplateFunctions, type LogQLEntry, type LogQLEntryKind } from '../catalog/logql';
import type { ExprHover } from '../types';
import { entryMarkdown, stageLabel } from './docs';
import { lexLogQL, lokiDurationMs, type Token } from './lex';
import { labelOrigin, pipelinesOf, type Pipeline, type PipelineStage } from './pipelineLabels';
import { stringValue } from './strings';
import { analyzeLokiTemplate } from './template';
import { lexTemplate } from '../rules/template/lexer';

/**
 * Hover for one LogQL query: functions, parsers, formatters, operators and flags from the
 * catalog; stream labels; extracted labels with the stage that produced them; durations,
 * sizes, and `.label`/function names inside templates.
 */
export function hoverLogQL(text: string, offset: number): ExprHover | undefined {
  try {
    return hover(text, offset);
  } catch {
    return undefined;
  }
}

const lineFilterOps = new Set(['|=', '!=', '|~', '!~', '|>', '!>']);

function hover(text: string, offset: number): ExprHover | undefined {
  const lex = lexLogQL(text);
  const { tokens } = lex;
  const index = tokens.findIndex((t) => t.from <= offset && offset < t.to);
  if (index < 0) return undefined;
  const token = tokens[index];
  const value = (t: Token | undefined) => (t ? text.slice(t.from, t.to) : '');
  const word = value(token);
  const lower = word.toLowerCase();
  const prev = tokens[index - 1];
  const next = tokens[index + 1];
  const pipelines = pipelinesOf(text, lex);
  const at = (markdown: string, t: { from: number; to: number } = token): ExprHover => ({ from: t.from, to: t.to, markdown });

  switch (token.kind) {
    case 'duration': {
      const described =
        describeDuration(word.replace(/^[-+]/, '')) ?? (lokiDurationMs(word) !== undefined ? `${lokiDurationMs(word)} ms` : undefined);
      return described ? at(`**${word}** — ${described}`) : undefined;
    }
    case 'bytes':
      return at(`**${word}** — a size: the label is read as bytes (\`${word}\` = ${bytesValue(word).toLocaleString('en-US')} bytes)`);
    case 'flag':
      return entryHover(logqlEntries(word, 'parser-flag'), token);
    case 'string':
      return stringHover(text, offset, token, index, tokens, pipelines);
    case 'operator': {
      if (lineFilterOps.has(word) && !(prev?.kind === 'identifier' && value(tokens[index - 2]) === '|'))
        return entryHover(logqlEntries(word, 'line-filter'), token);
      if (inLabelFilter(tokens, index, text)) return entryHover(logqlEntries(word, 'label-filter'), token);
      if (word === '|')
        return at('**|** — pipes the log lines into the next stage: a parser, formatter, label filter, `drop`/`keep` or `unwrap`.');
      return entryHover(logqlEntries(word, 'binary-operator'), token) ?? entryHover(logqlEntries(word, 'label-filter'), token);
    }
    case 'identifier':
      break;
    default:
      return undefined;
  }

  // Label names: in a selector, a label filter, grouping, unwrap, drop/keep, label_format.
  if (token.inBraces) {
    if (next && value(next).match(/^(=|!=|=~|!~)$/)) return at(streamLabelMarkdown(word, pipelines));
    return undefined;
  }
  if (['by', 'without', 'offset', 'bool', 'on', 'ignoring', 'group_left', 'group_right'].includes(lower) && !token.inBraces) {
    const keyword = entryHover(logqlEntries(lower, 'keyword'), token);
    if (keyword && value(prev) !== '|' && !value(next).match(/^(=|!=|=~|!~|>|<|>=|<=|==)$/)) return keyword;
  }
  const called = next?.kind === '(';
  const kinds: LogQLEntryKind[] = called
    ? ['range-aggregation', 'vector-aggregation', 'function', 'conversion']
    : ['parser', 'formatter', 'stage', 'keyword', 'vector-aggregation'];
  if (lower === 'or' || lower === 'and') {
    const kind = inLabelFilter(tokens, index, text) ? 'label-filter' : lineFilterChain(tokens, index) ? 'line-filter' : 'binary-operator';
    return entryHover(logqlEntries(lower, kind), token) ?? entryHover(logqlEntries(lower, 'binary-operator'), token);
  }
  const isLabel =
    !called &&
    (prev?.kind === 'operator' ||
      prev?.kind === ',' ||
      prev?.kind === '(' ||
      prev?.kind === 'identifier' ||
      prev?.kind === 'string' ||
      prev?.kind === 'number' ||
      prev?.kind === 'duration' ||
      prev?.kind === 'bytes' ||
      prev?.kind === ')');
  const entry = logqlCatalog.find((e) => e.name === lower && kinds.includes(e.kind));
  const stageWord =
    value(prev) === '|' || ['by', 'without', 'offset', 'bool', 'on', 'ignoring', 'group_left', 'group_right', 'unless'].includes(lower);
  if (entry && (called || stageWord || !isLabel)) return entryHover([entry], token);
  if (lower === 'unwrap') return entryHover(logqlEntries('unwrap'), token);
  return at(labelMarkdown(word, pipelines, offset));
}

function entryHover(entries: LogQLEntry[], token: Token): ExprHover | undefined {
  if (entries.length === 0) return undefined;
  return { from: token.from, to: token.to, markdown: entries.map(entryMarkdown).join('\n\n---\n\n') };
}

function streamLabelMarkdown(name: string, pipelines: readonly Pipeline[]): string {
  const values = [
    ...new Set(
      pipelines
        .flatMap((p) => p.matchers)
        .filter((m) => m.name === name)
        .map((m) => `\`${m.op}"${m.value}"\``),
    ),
  ];
  return `**${name}** — stream label: it is indexed and selects which log streams are read.${values.length ? `\n\nUsed here: ${values.join(', ')}` : ''}`;
}

/** Where a label used outside the selector comes from. */
function labelMarkdown(name: string, pipelines: readonly Pipeline[], offset: number): string {
  const origin = labelOrigin(pipelines, name, offset);
  switch (origin.kind) {
    case 'extracted':
      return `**${name}** — extracted label, produced by ${stageLabel(origin.stage!.kind)} (stage ${stageNumber(pipelines, origin.stage!)} of its pipeline).`;
    case 'maybe-extracted':
      return `**${name}** — not a stream label of this query; probably extracted by ${stageLabel(origin.stage!.kind)}${origin.stage!.kind === 'json' ? ' (nested JSON keys are joined with `_`)' : ''}.`;
    case 'dropped':
      return `**${name}** — no longer a label here: removed by \`${origin.stage!.kind}\` (stage ${stageNumber(pipelines, origin.stage!)} of its pipeline).`;
    case 'stream':
      return streamLabelMarkdown(name, pipelines);
    case 'error':
      return `**${name}** — set by Loki when a parser, \`unwrap\` or a label filter fails on a line (${name === '__error__' ? 'e.g. `JSONParserErr`, `LogfmtParserErr`, `SampleExtractionErr`' : 'the details of the error'}). Filter with \`${name}=""\` to drop such lines.`;
    default:
      return `**${name}** — label (neither in the stream selector nor extracted by a stage of this query).`;
  }
}

function stageNumber(pipelines: readonly Pipeline[], stage: PipelineStage): number {
  return (pipelines.find((p) => p.stages.includes(stage))?.stages.indexOf(stage) ?? 0) + 1;
}

function stringHover(
  text: string,
  offset: number,
  token: Token,
  index: number,
  tokens: readonly Token[],
  pipelines: readonly Pipeline[],
): ExprHover | undefined {
  const keyword = text.slice(tokens[index - 1]?.from ?? 0, tokens[index - 1]?.to ?? 0).toLowerCase();
  const string = stringValue(text, token.from, token.to);
  const local = string.sourceOffset.findIndex((o) => o >= offset);
  const templateStage = keyword === 'line_format' || (keyword === '=' && stageOf(tokens, index, text) === 'label_format');
  if (templateStage) {
    const read = analyzeLokiTemplate(string.value).labelReads.find((r) => local >= r.from - 1 && local < r.to);
    if (read) {
      const from = string.sourceOffset[read.from - 1];
      return { from, to: string.sourceOffset[read.to - 1] + 1, markdown: labelMarkdown(read.name, pipelines, token.from) };
    }
    const fn = lexTemplate(string.value).find((t) => t.type === 'identifier' && local >= t.from && local < t.to);
    const doc = fn && logqlTemplateFunctions.find((f) => f.name === fn.value);
    if (fn && doc)
      return {
        from: string.sourceOffset[fn.from],
        to: string.sourceOffset[fn.to - 1] + 1,
        markdown: entryMarkdown({ ...doc, kind: 'function' }),
      };
    return undefined;
  }
  if (keyword === 'regexp' || keyword === 'pattern') {
    const stage = pipelines.flatMap((p) => p.stages).find((s) => s.from <= token.from && token.to <= s.to);
    const names = stage?.produces.map((p) => `\`${p.name}\``).join(', ');
    return {
      from: token.from,
      to: token.to,
      markdown: `${keyword === 'regexp' ? 'RE2 regular expression' : 'Pattern'} of \`| ${keyword}\`; extracts ${names || 'no labels'}.`,
    };
  }
  return undefined;
}

function stageOf(tokens: readonly Token[], index: number, text: string): string | undefined {
  for (let i = index; i >= 0; i--) {
    if (text.slice(tokens[i].from, tokens[i].to) === '|') return text.slice(tokens[i + 1]?.from ?? 0, tokens[i + 1]?.to ?? 0).toLowerCase();
    if (tokens[i].kind === '{') return undefined;
  }
  return undefined;
}

/** Whether the token at `index` is part of a `| label op value …` filter. */
function inLabelFilter(tokens: readonly Token[], index: number, text: string): boolean {
  for (let i = index; i >= 0; i--) {
    const value = text.slice(tokens[i].from, tokens[i].to);
    if (value === '|') return tokens[i + 1]?.kind === 'identifier' && tokens[i + 2]?.kind === 'operator';
    if (
      tokens[i].kind === '{' ||
      tokens[i].kind === '}' ||
      tokens[i].kind === '[' ||
      (lineFilterOps.has(value) && tokens[i - 1]?.kind !== 'identifier')
    )
      return false;
  }
  return false;
}

function lineFilterChain(tokens: readonly Token[], index: number): boolean {
  return tokens[index - 1]?.kind === 'string' || (tokens[index - 1]?.kind === ')' && tokens[index + 1]?.kind !== '(');
}

function bytesValue(text: string): number {
  const match = /^([\d.]+)(.*)$/.exec(text);
  if (!match) return 0;
  const unit = match[2].toLowerCase();
  const powers: Record<string, number> = {
    b: 1,
    k: 1e3,
    kb: 1e3,
    ki: 1024,
    kib: 1024,
    m: 1e6,
    mb: 1e6,
    mi: 1024 ** 2,
    mib: 1024 ** 2,
    g: 1e9,
    gb: 1e9,
    gi: 1024 ** 3,
    gib: 1024 ** 3,
    t: 1e12,
    tb: 1e12,
    ti: 1024 ** 4,
    tib: 1024 ** 4,
    p: 1e15,
    pb: 1e15,
    pi: 1024 ** 5,
    pib: 1024 ** 5,
  };
  return Math.round(Number(match[1]) * (powers[unit] ?? 1));
}
