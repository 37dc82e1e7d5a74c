import { logqlStageNames } from '../catalog/logql';
import { lexLogQL, type LexResult, type Token } from './lex';
import { stringValue } from './strings';

/**
 * What goes at the cursor, decided from the tokens before it (the query is usually half
 * typed, so the tree is not to be trusted). The second step, completion.ts, fills items.
 */
export type CompletionKind =
  | { kind: 'expression'; afterComparison?: boolean }
  | { kind: 'label-name'; where: 'selector' | 'grouping' | 'drop-keep' | 'filter' }
  | { kind: 'label-value'; label: string; quoted: boolean }
  | { kind: 'after-selector'; inRange: boolean; after?: 'line-filter' | 'label-filter' }
  | { kind: 'label-filter-value'; label: string; op: string }
  | { kind: 'label-format-value' }
  | { kind: 'after-range' }
  | { kind: 'after-pipe'; inRange: boolean }
  | { kind: 'line-filter-value' }
  | { kind: 'label-filter-operator'; label: string }
  | { kind: 'unwrap-target' }
  | { kind: 'parser-options'; parser: 'logfmt' | 'json'; typed: string[] }
  | { kind: 'template'; templateFrom: number }
  | { kind: 'duration' }
  | { kind: 'after-aggregation' }
  | { kind: 'none' };

export interface CompletionContext {
  /** The range the chosen item replaces. */
  from: number;
  to: number;
  what: CompletionKind;
  lex: LexResult;
}

const lineFilterOps = ['|=', '!=', '|~', '!~', '|>', '!>'];
const comparisonOps = ['=', '!=', '=~', '!~', '==', '>', '>=', '<', '<='];
const rangeFunctions = new Set([
  'rate',
  'count_over_time',
  'bytes_rate',
  'bytes_over_time',
  'absent_over_time',
  'rate_counter',
  'sum_over_time',
  'avg_over_time',
  'max_over_time',
  'min_over_time',
  'stddev_over_time',
  'stdvar_over_time',
  'quantile_over_time',
  'first_over_time',
  'last_over_time',
]);

export function completionContext(text: string, offset: number): CompletionContext {
  const lex = lexLogQL(text);
  const value = (t: Token | undefined) => (t ? text.slice(t.from, t.to) : '');
  // The word or string the cursor is in (punctuation right before the cursor is not "in").
  const at = lex.tokens.find(
    (t) => t.from < offset && offset <= t.to && ['identifier', 'string', 'flag', 'duration', 'number', 'bytes'].includes(t.kind),
  );
  const before = lex.tokens.filter((t) => t.to <= (at && at.kind !== 'string' ? at.from : offset) && t.from < offset && t !== at);
  const prev = before[before.length - 1];
  const prev2 = before[before.length - 2];
  const result = (what: CompletionKind, from = offset, to = offset): CompletionContext => ({ from, to, what, lex });

  if (lex.comments.some((c) => offset > c.from && offset <= c.to)) return result({ kind: 'none' });

  // Inside a string: label values and templates.
  if (at?.kind === 'string' && offset < at.to + (isClosed(text, at) ? 0 : 1) && offset > at.from) {
    const bodyTo = isClosed(text, at) ? at.to - 1 : at.to;
    const stage = stageBefore(before, text);
    if (stage === 'line_format' || (stage === 'label_format' && value(prev) === '=')) {
      const string = stringValue(text, at.from, at.to);
      const index = string.sourceOffset.findIndex((o) => o >= offset);
      const local = index < 0 ? string.value.length : index;
      const open = string.value.lastIndexOf('{{', local);
      if (open >= 0 && string.value.lastIndexOf('}}', local - 2) < open) {
        const word = /[.\w]*$/.exec(string.value.slice(0, local))?.[0] ?? '';
        return result({ kind: 'template', templateFrom: at.from }, offset - word.length, offset);
      }
      return result({ kind: 'none' });
    }
    if (prev?.kind === 'operator' && comparisonOps.includes(value(prev)) && prev2?.kind === 'identifier') {
      return result({ kind: 'label-value', label: value(prev2), quoted: true }, at.from + 1, bodyTo);
    }
    return result({ kind: 'none' });
  }
  const wordFrom =
    at && (at.kind === 'identifier' || at.kind === 'flag' || at.kind === 'duration' || at.kind === 'number') ? at.from : offset;
  const wordTo = at && wordFrom === at.from ? at.to : offset;
  const open = unclosed(before);
  const inRange = enclosingRangeFunction(before, text);

  if (open === '[') return result({ kind: 'duration' }, wordFrom, wordTo);
  if (open === '{') {
    if (prev?.kind === 'operator' && comparisonOps.includes(value(prev)) && prev2?.kind === 'identifier')
      return result({ kind: 'label-value', label: value(prev2), quoted: false }, wordFrom, wordTo);
    if (!prev || prev.kind === '{' || prev.kind === ',') return result({ kind: 'label-name', where: 'selector' }, wordFrom, wordTo);
    return result({ kind: 'none' });
  }
  const word = value(prev).toLowerCase();
  const stage = stageBefore(before, text);
  const inLabelFilter = stage !== undefined && stage !== '' && !logqlStageNames.has(stage);
  if (prev?.kind === '(' && ['by', 'without', 'on', 'ignoring', 'group_left', 'group_right'].includes(value(prev2).toLowerCase()))
    return result({ kind: 'label-name', where: 'grouping' }, wordFrom, wordTo);
  if (prev?.kind === ',' && insideGrouping(before, text)) return result({ kind: 'label-name', where: 'grouping' }, wordFrom, wordTo);
  // `!=` is also a label filter's: `| level != ‸`, `| a="b" and level != ‸`.
  const labelBeforeOperator =
    prev2?.kind === 'identifier' &&
    !logqlStageNames.has(value(prev2).toLowerCase()) &&
    (value(before[before.length - 3]) === '|' || (inLabelFilter && isFilterJoin(before[before.length - 3], text)));
  // `sum(…) != ‸`: after a metric expression, `!=` compares (a line filter follows a selector,
  // a string, a stage or an ip() filter).
  const afterMetric =
    prev2 &&
    (prev2.kind === ']' ||
      prev2.kind === 'number' ||
      prev2.kind === 'duration' ||
      (prev2.kind === ')' && !closesIpCall(before, before.length - 2, text)));
  if (prev && lineFilterOps.includes(value(prev)) && !labelBeforeOperator && !afterMetric)
    return result({ kind: 'line-filter-value' }, wordFrom, wordTo);
  if (word === '|') return result({ kind: 'after-pipe', inRange }, wordFrom, wordTo);
  if (word === 'unwrap') return result({ kind: 'unwrap-target' }, wordFrom, wordTo);
  if (
    (word === 'drop' || word === 'keep' || (prev?.kind === ',' && ['drop', 'keep'].includes(stageBefore(before, text) ?? ''))) &&
    value(before[before.length - 2]) !== '('
  ) {
    return result({ kind: 'label-name', where: 'drop-keep' }, wordFrom, wordTo);
  }
  // `| logfmt --strict ‸`, `| json ‸`, `| json a="b", ‸`: parameters, or the next stage.
  if (word === 'logfmt' || (prev?.kind === 'flag' && stage === 'logfmt'))
    return result({ kind: 'parser-options', parser: 'logfmt', typed: typedFlags(before, text) }, wordFrom, wordTo);
  if (word === 'json' || (prev?.kind === ',' && stage === 'json'))
    return result({ kind: 'parser-options', parser: 'json', typed: [] }, wordFrom, wordTo);
  // `| level="error" and ‸`, `| a="b", ‸`: the next label filter.
  if (inLabelFilter && isFilterJoin(prev, text)) return result({ kind: 'label-name', where: 'filter' }, wordFrom, wordTo);
  if (prev?.kind === 'identifier' && (value(prev2) === '|' || (inLabelFilter && isFilterJoin(prev2, text))) && !logqlStageNames.has(word))
    return result({ kind: 'label-filter-operator', label: value(prev) }, wordFrom, wordTo);
  // `| status >= ‸`, `| level="error" or level=‸`: the value of a label filter.
  if (prev?.kind === 'operator' && comparisonOps.includes(value(prev)) && prev2?.kind === 'identifier' && inLabelFilter)
    return result({ kind: 'label-filter-value', label: value(prev2), op: value(prev) }, wordFrom, wordTo);
  // `| label_format dst=‸`: a label to rename, or a template.
  if (value(prev) === '=' && prev2?.kind === 'identifier' && stage === 'label_format')
    return result({ kind: 'label-format-value' }, wordFrom, wordTo);
  // `|= "x" ‸` follows a line filter; `| level != "x" ‸` a label filter.
  const filterLabel = before[before.length - 3];
  const labelFilterBefore =
    filterLabel?.kind === 'identifier' && (value(before[before.length - 4]) === '|' || isFilterJoin(before[before.length - 4], text));
  const afterLineFilter =
    prev?.kind === 'string' && lineFilterOps.includes(value(prev2)) && !labelFilterBefore ? ('line-filter' as const) : undefined;
  if (
    prev &&
    (prev.kind === '}' ||
      (prev.kind === 'string' && pipelineContinues(before, text)) ||
      (prev.kind === ')' && closesIpCall(before, before.length - 1, text)) ||
      (prev.kind === 'identifier' && logqlStageNames.has(word) && word !== 'unwrap' && word !== 'drop' && word !== 'keep'))
  ) {
    return result(
      { kind: 'after-selector', inRange, after: afterLineFilter ?? (inLabelFilter && prev.kind !== '}' ? 'label-filter' : undefined) },
      wordFrom,
      wordTo,
    );
  }
  if (prev && ['number', 'duration', 'bytes'].includes(prev.kind) && stage !== undefined)
    return result({ kind: 'after-selector', inRange, after: inLabelFilter ? 'label-filter' : undefined }, wordFrom, wordTo);
  // `rate({…}[5m] ‸`: still inside the range aggregation's parentheses.
  if (prev?.kind === ']' && insideRangeCall(before, text)) return result({ kind: 'after-range' }, wordFrom, wordTo);
  if (prev && (prev.kind === ')' || prev.kind === ']')) return result({ kind: 'after-aggregation' }, wordFrom, wordTo);
  if (prev?.kind === 'operator' && metricComparisons.includes(value(prev)))
    return result({ kind: 'expression', afterComparison: true }, wordFrom, wordTo);
  if (!prev || prev.kind === '(' || prev.kind === ',' || prev.kind === 'operator' || ['and', 'or', 'unless', 'bool'].includes(word))
    return result({ kind: 'expression' }, wordFrom, wordTo);
  return result({ kind: 'none' });
}

const metricComparisons = ['==', '!=', '>', '>=', '<', '<='];

/** Whether the `)` at `index` closes an `ip("…")` call (a filter, not a metric expression). */
function closesIpCall(tokens: readonly Token[], index: number, text: string): boolean {
  const name = tokens[index - 3];
  return name !== undefined && tokens[index - 2]?.kind === '(' && text.slice(name.from, name.to).toLowerCase() === 'ip';
}

/** `,`, `and` or `or` between label filters. */
function isFilterJoin(token: Token | undefined, text: string): boolean {
  if (!token) return false;
  const word = text.slice(token.from, token.to).toLowerCase();
  return word === ',' || word === 'and' || word === 'or';
}

/** The flags already written in the logfmt stage the cursor is in. */
function typedFlags(tokens: readonly Token[], text: string): string[] {
  const flags: string[] = [];
  for (let i = tokens.length - 1; i >= 0 && text.slice(tokens[i].from, tokens[i].to) !== '|'; i--)
    if (tokens[i].kind === 'flag') flags.push(text.slice(tokens[i].from, tokens[i].to));
  return flags;
}

/** Whether the innermost open parenthesis is a range aggregation's (`rate(… [5m] ‸`). */
function insideRangeCall(tokens: readonly Token[], text: string): boolean {
  let depth = 0;
  for (let i = tokens.length - 1; i >= 0; i--) {
    if (tokens[i].kind === ')') depth++;
    if (tokens[i].kind === '(' && depth-- === 0) {
      return rangeFunctions.has(text.slice(tokens[i - 1]?.from ?? 0, tokens[i - 1]?.to ?? 0).toLowerCase());
    }
  }
  return false;
}

function isClosed(text: string, token: Token): boolean {
  return token.to - token.from >= 2 && text[token.to - 1] === text[token.from];
}

/** The innermost bracket still open before the cursor. */
function unclosed(tokens: readonly Token[]): '(' | '{' | '[' | undefined {
  const stack: ('(' | '{' | '[')[] = [];
  for (const t of tokens) {
    if (t.kind === '(' || t.kind === '{' || t.kind === '[') stack.push(t.kind);
    else if (t.kind === ')' || t.kind === '}' || t.kind === ']') stack.pop();
  }
  return stack[stack.length - 1];
}

/** The kind of the pipeline stage the cursor is in (`line_format`, `drop`, …). */
function stageBefore(tokens: readonly Token[], text: string): string | undefined {
  for (let i = tokens.length - 1; i >= 0; i--) {
    const value = text.slice(tokens[i].from, tokens[i].to);
    if (value === '|') return text.slice(tokens[i + 1]?.from ?? 0, tokens[i + 1]?.to ?? 0).toLowerCase();
    if (tokens[i].kind === '{' || tokens[i].kind === '[') return undefined;
  }
  return undefined;
}

/** After a string the pipeline goes on unless the string closed a parser or filter that ends it. */
function pipelineContinues(tokens: readonly Token[], text: string): boolean {
  return tokens.some((t) => t.kind === '}') && unclosed(tokens) !== '{' && stageBefore(tokens, text) !== 'label_format';
}

function insideGrouping(tokens: readonly Token[], text: string): boolean {
  let depth = 0;
  for (let i = tokens.length - 1; i >= 0; i--) {
    if (tokens[i].kind === ')') depth++;
    if (tokens[i].kind === '(') {
      if (depth-- > 0) continue;
      return ['by', 'without', 'on', 'ignoring', 'group_left', 'group_right'].includes(
        text.slice(tokens[i - 1]?.from ?? 0, tokens[i - 1]?.to ?? 0).toLowerCase(),
      );
    }
  }
  return false;
}

/** Whether the cursor is inside the argument of a range aggregation (where `unwrap` and `[range]` belong). */
function enclosingRangeFunction(tokens: readonly Token[], text: string): boolean {
  let depth = 0;
  for (let i = tokens.length - 1; i >= 0; i--) {
    if (tokens[i].kind === ')') depth++;
    if (tokens[i].kind === '[') return false;
    if (tokens[i].kind === '(') {
      if (depth-- > 0) continue;
      const name = text.slice(tokens[i - 1]?.from ?? 0, tokens[i - 1]?.to ?? 0).toLowerCase();
      if (rangeFunctions.has(name)) return !tokens.slice(i).some((t) => t.kind === ']');
      if (name === '' && tokens[i - 1]?.kind === '(') continue;
      return false;
    }
  }
  return false;
}
