import type { ValueType } from '../types';
import { aggregationsByName } from '../catalog/aggregations';
import { functionsByName } from '../catalog/functions';
import { aggregationNames, findClose, isNamePosition, keywordWords, metricNamesIn, scanFrames, type Frame } from './completionFrames';
import { lastTokenBefore, stringContent, tokenize, tokenTouching, type EditorToken } from './completionTokens';

/**
 * What may go at the cursor of a PromQL expression: the first of the two completion steps
 * (the second, completionItems.ts, turns targets into items). Modelled on `analyzeCompletion`
 * of codemirror-promql (https://github.com/prometheus/prometheus/blob/main/web/ui/module/codemirror-promql/src/complete/hybrid.ts),
 * but read from tokens and the brackets open before the cursor rather than from lezer's error
 * recovery: on unfinished input (`rate(foo[`, `sum by (`, `foo{job="`) the tree's shape varies
 * with what follows, while the open brackets say exactly where the cursor is.
 */

/** One kind of thing that may be inserted at the cursor. */
export type CompletionTarget =
  /** `expected`: the value type the slot wants (function argument), to rank metrics. `quoted`: inside a string. */
  | { kind: 'metricName'; expected?: ValueType; quoted: boolean }
  | { kind: 'function'; expected?: ValueType }
  /** Duration-expression functions (`step()`, `range()`, …) inside `[…]` or after `offset`. */
  | { kind: 'durationFunction' }
  | { kind: 'aggregation' }
  /** Keywords and modifiers valid here (`by`, `offset`, `bool`, `group_left`, …). */
  | { kind: 'keyword'; names: string[] }
  | { kind: 'binaryOperator' }
  /** `metrics`: metrics whose labels are most relevant; `used`: labels already in the list. */
  | { kind: 'labelName'; metrics: string[]; used: string[]; quoted: boolean }
  | { kind: 'labelValue'; labelName: string; metric?: string; quoted: boolean }
  | { kind: 'matchOperator' }
  /** A whole duration: `[|`, `[5m:|`, `offset |`. */
  | { kind: 'duration'; slot: 'range' | 'step' | 'offset' }
  /** A unit for a number being typed in a duration slot: `[5|` -> `5m`. `smallerThan`: the last unit of `1h3|`. */
  | { kind: 'durationUnit'; number: string; smallerThan?: string };

/** The text range a completion replaces, and what may go there. */
export interface CompletionContext {
  from: number;
  to: number;
  targets: CompletionTarget[];
}

const comparisonOps = new Set(['==', '!=', '>', '<', '>=', '<=']);
const matchOps = new Set(['=', '!=', '=~', '!~']);
const setOperators = new Set(['and', 'or', 'unless']);

/** Says what may be completed at `offset` of `text`. Pass `tokens` when already tokenized. */
export function analyzeCompletionContext(text: string, offset: number, tokens: readonly EditorToken[] = tokenize(text)): CompletionContext {
  const none = { from: offset, to: offset, targets: [] };
  const touching = tokenTouching(tokens, offset);
  const token = touching >= 0 ? tokens[touching] : undefined;

  if (token?.kind === 'string' && (offset < token.to || !token.terminated)) return inString(tokens, touching, offset);
  if (token?.kind === 'number') return inNumber(tokens, touching, offset);
  if (token?.kind === 'other' && token.text === '!') {
    const { stack } = scanFrames(tokens, touching);
    const top = stack[stack.length - 1];
    return top?.kind === 'matchers' ? { from: token.from, to: token.to, targets: [{ kind: 'matchOperator' }] } : none;
  }
  const word = token?.kind === 'ident' ? token : undefined;
  const prevIndex = word ? touching - 1 : lastTokenBefore(tokens, offset);
  if (inComment(text, tokens[prevIndex]?.to ?? 0, word ? word.from : offset)) return none;

  const from = word ? word.from : offset;
  const to = word ? word.to : offset;
  const { stack, closed } = scanFrames(tokens, prevIndex + 1);
  const top = stack[stack.length - 1];
  const targets = (() => {
    switch (top?.kind) {
      case 'matchers':
        return inMatchers(tokens, top, prevIndex, word !== undefined);
      case 'range':
        return inRange(tokens, top, prevIndex, word !== undefined);
      case 'grouping':
      case 'matching':
        return isNamePosition(tokens, prevIndex + 1) ? [labelNamesFor(tokens, stack, top, false, prevIndex + 1)] : [];
      case 'fill':
        return [];
      default:
        return inExpression(tokens, top, prevIndex, closed, word !== undefined);
    }
  })();
  return { from, to, targets };
}

/** A `#` between the previous token and the cursor means the cursor is in a comment. */
function inComment(text: string, from: number, to: number): boolean {
  return text.slice(from, to).includes('#');
}

function inExpression(
  tokens: readonly EditorToken[],
  top: Frame | undefined,
  prevIndex: number,
  closed: Map<number, Frame>,
  typing: boolean,
): CompletionTarget[] {
  const prev = tokens[prevIndex];
  const prevWord = prev?.kind === 'ident' ? prev.text.toLowerCase() : '';
  const expressionStart = (expected: ValueType | undefined, keywords: string[]): CompletionTarget[] => {
    if (expected === 'string') return [];
    const targets: CompletionTarget[] = [
      { kind: 'metricName', expected, quoted: false },
      { kind: 'function', expected },
      { kind: 'aggregation' },
    ];
    if (keywords.length > 0) targets.push({ kind: 'keyword', names: keywords });
    return targets;
  };

  if (!prev || prev.kind === '(' || prev.kind === ',') return expressionStart(expectedArgType(top), []);
  if (prevWord === 'offset' || (prev.text === '-' && tokens[prevIndex - 1]?.text.toLowerCase() === 'offset')) {
    return typing ? [{ kind: 'durationFunction' }] : [{ kind: 'duration', slot: 'offset' }];
  }
  if (prev.kind === 'op' && prev.text === '@') return [{ kind: 'keyword', names: ['start()', 'end()'] }];
  if (prev.kind === 'op') {
    const binary = endsExpression(tokens, prevIndex - 1, closed);
    if (!binary) return expressionStart(undefined, []);
    return expressionStart(
      undefined,
      comparisonOps.has(prev.text) ? ['bool', 'on', 'ignoring'] : ['on', 'ignoring', 'fill', 'fill_left', 'fill_right'],
    );
  }
  if (setOperators.has(prevWord)) return expressionStart(undefined, ['on', 'ignoring']);
  if (prevWord === 'atan2' || prevWord === 'bool') return expressionStart(undefined, ['on', 'ignoring']);
  if (prevWord === 'group_left' || prevWord === 'group_right') return expressionStart(undefined, []);
  if (prev.kind === ')') {
    const frame = closed.get(prevIndex);
    if (frame?.kind === 'matching') {
      const keywords =
        frame.name === 'on' || frame.name === 'ignoring'
          ? ['group_left', 'group_right', 'fill', 'fill_left', 'fill_right']
          : ['fill', 'fill_left', 'fill_right'];
      return expressionStart(undefined, keywords);
    }
    if (frame?.kind === 'fill') return expressionStart(undefined, []);
    if (frame?.kind === 'grouping' && !frame.bodyBefore) return []; // `sum by (job) |` wants `(`
  }
  if (prev.kind === 'string' || !endsExpression(tokens, prevIndex, closed)) return [];
  return [{ kind: 'binaryOperator' }, ...modifiersAfter(tokens, prevIndex, closed)];
}

/** True when the token at `index` can be the last token of a complete expression. */
function endsExpression(tokens: readonly EditorToken[], index: number, closed: Map<number, Frame>): boolean {
  const token = tokens[index];
  if (!token) return false;
  switch (token.kind) {
    case 'number':
    case 'string':
    case '}':
    case ']':
      return true;
    case ')': {
      const frame = closed.get(index);
      return (
        frame === undefined ||
        frame.kind === 'call' ||
        frame.kind === 'paren' ||
        (frame.kind === 'grouping' && frame.bodyBefore !== undefined)
      );
    }
    case 'ident': {
      const word = token.text.toLowerCase();
      return !keywordWords.has(word) || word === 'anchored' || word === 'smoothed';
    }
    default:
      return false;
  }
}

/** Keywords that may follow the expression ending at `index` besides binary operators. */
function modifiersAfter(tokens: readonly EditorToken[], index: number, closed: Map<number, Frame>): CompletionTarget[] {
  const token = tokens[index];
  const keywords = (names: string[]): CompletionTarget[] => [{ kind: 'keyword', names }];
  if (token.kind === '}') return keywords(['offset', '@']);
  if (token.kind === ']') {
    const frame = closed.get(index);
    return keywords(frame?.subquery ? ['offset', '@'] : ['offset', '@', 'anchored', 'smoothed']);
  }
  if (token.kind === ')') {
    const frame = closed.get(index);
    if (frame?.kind === 'call' && frame.isAggregation && tokens[frame.open - 1]?.kind === 'ident') return keywords(['by', 'without']);
    return [];
  }
  if (token.kind === 'ident' && !keywordWords.has(token.text.toLowerCase())) {
    return keywords(aggregationNames.has(token.text.toLowerCase()) ? ['by', 'without', 'offset', '@'] : ['offset', '@']);
  }
  return [];
}

/** The value type a call's current argument wants, from the catalog. */
function expectedArgType(frame: Frame | undefined): ValueType | undefined {
  if (frame?.kind !== 'call' || !frame.name) return undefined;
  if (frame.isAggregation) {
    const param = aggregationsByName.get(frame.name)?.param;
    if (param && frame.commas === 0) return param.type;
    return 'vector';
  }
  const spec = functionsByName.get(frame.name);
  if (!spec) return undefined;
  if (frame.commas < spec.argTypes.length) return spec.argTypes[frame.commas];
  return spec.variadic !== 0 ? spec.argTypes[spec.argTypes.length - 1] : undefined;
}

function inMatchers(tokens: readonly EditorToken[], frame: Frame, prevIndex: number, typing: boolean): CompletionTarget[] {
  const prev = tokens[prevIndex];
  if (prev.kind === '{' || prev.kind === ',') {
    return [
      { kind: 'labelName', metrics: frame.metric ? [frame.metric] : [], used: usedLabels(tokens, frame, prevIndex + 1), quoted: false },
    ];
  }
  if (typing) return [];
  if ((prev.kind === 'ident' || prev.kind === 'string') && isNamePosition(tokens, prevIndex)) return [{ kind: 'matchOperator' }];
  if (prev.kind === 'op' && matchOps.has(prev.text)) {
    const label = tokens[prevIndex - 1];
    const labelName = label?.kind === 'string' ? stringContent(label) : (label?.text ?? '');
    return [{ kind: 'labelValue', labelName, metric: frame.metric, quoted: false }];
  }
  return [];
}

function inRange(tokens: readonly EditorToken[], frame: Frame, prevIndex: number, typing: boolean): CompletionTarget[] {
  const prev = tokens[prevIndex];
  if (typing) return [{ kind: 'durationFunction' }];
  if (prev.kind === '[') return [{ kind: 'duration', slot: 'range' }];
  if (prev.kind === ':' && frame.subquery) return [{ kind: 'duration', slot: 'step' }];
  return [];
}

/** Label names already written in a `{…}` or `(…)` list, before or after the cursor (`skip`: the word being typed). */
function usedLabels(tokens: readonly EditorToken[], frame: Frame, skip: number): string[] {
  if (frame.kind === 'call') return [];
  const close = findClose(tokens, frame.open);
  const used: string[] = [];
  for (let i = frame.open + 1; i < close; i++) {
    const token = tokens[i];
    if (i === skip || !isNamePosition(tokens, i)) continue;
    if (token.kind === 'ident') used.push(token.text);
    else if (token.kind === 'string' && tokens[i + 1]?.kind === 'op') used.push(stringContent(token));
  }
  return used;
}

/** Label names for a `by (…)`/`on (…)` list: labels of the metrics the clause applies to. */
function labelNamesFor(tokens: readonly EditorToken[], stack: Frame[], frame: Frame, quoted: boolean, skip: number): CompletionTarget {
  let metrics: string[] = [];
  if (frame.kind === 'grouping') {
    if (frame.bodyBefore) {
      metrics = metricNamesIn(tokens, frame.bodyBefore[0] + 1, frame.bodyBefore[1]);
    } else {
      const close = findClose(tokens, frame.open);
      if (tokens[close + 1]?.kind === '(') metrics = metricNamesIn(tokens, close + 2, findClose(tokens, close + 1));
    }
  } else if (frame.kind === 'matching') {
    const enclosing = stack[stack.indexOf(frame) - 1];
    metrics = enclosing
      ? metricNamesIn(tokens, enclosing.open + 1, findClose(tokens, enclosing.open))
      : metricNamesIn(tokens, 0, tokens.length);
  } else if (frame.kind === 'call') {
    metrics = metricNamesIn(tokens, frame.open + 1, findClose(tokens, frame.open));
  }
  return { kind: 'labelName', metrics, used: usedLabels(tokens, frame, skip), quoted };
}

/** Arguments of label-manipulating functions that name an existing label (0-based). */
function isSourceLabelArgument(name: string, index: number): boolean {
  if (name === 'label_replace') return index === 3;
  if (name === 'label_join') return index >= 3;
  if (name === 'sort_by_label' || name === 'sort_by_label_desc') return index >= 1;
  return false;
}

function inString(tokens: readonly EditorToken[], index: number, offset: number): CompletionContext {
  const token = tokens[index];
  const from = token.from + 1;
  const to = token.terminated ? token.to - 1 : Math.max(offset, token.to);
  const { stack } = scanFrames(tokens, index);
  const top = stack[stack.length - 1];
  const prev = tokens[index - 1];
  const result = (targets: CompletionTarget[]) => ({ from, to, targets });
  if (top?.kind === 'matchers') {
    if (prev?.kind === 'op' && matchOps.has(prev.text)) {
      const label = tokens[index - 2];
      const labelName = label?.kind === 'string' ? stringContent(label) : (label?.text ?? '');
      return result([{ kind: 'labelValue', labelName, metric: top.metric, quoted: true }]);
    }
    if (isNamePosition(tokens, index)) {
      const targets: CompletionTarget[] = [
        { kind: 'labelName', metrics: top.metric ? [top.metric] : [], used: usedLabels(tokens, top, index), quoted: true },
      ];
      if (prev?.kind === '{' && tokens[index - 2]?.kind !== 'ident') targets.unshift({ kind: 'metricName', quoted: true });
      return result(targets);
    }
    return result([]);
  }
  if ((top?.kind === 'grouping' || top?.kind === 'matching') && isNamePosition(tokens, index))
    return result([labelNamesFor(tokens, stack, top, true, index)]);
  if (top?.kind === 'call' && top.name && isSourceLabelArgument(top.name, top.commas) && isNamePosition(tokens, index)) {
    return result([labelNamesFor(tokens, stack, top, true, index)]);
  }
  return result([]);
}

const durationShape = /^((?:\d+(?:ms|[smhdwy]))*)(\d+)$/;

function inNumber(tokens: readonly EditorToken[], index: number, offset: number): CompletionContext {
  const token = tokens[index];
  const none = { from: offset, to: offset, targets: [] };
  if (offset < token.to) return none; // halfway through a number: nothing fits
  const shape = durationShape.exec(token.text);
  if (!shape) return none;
  const { stack } = scanFrames(tokens, index);
  const top = stack[stack.length - 1];
  const prev = tokens[index - 1];
  const afterOffset = prev?.text.toLowerCase() === 'offset' || (prev?.text === '-' && tokens[index - 2]?.text.toLowerCase() === 'offset');
  const inRangeSlot = top?.kind === 'range' && (prev?.kind === '[' || prev?.kind === ':');
  if (!afterOffset && !inRangeSlot) return none;
  const lastUnit = /(ms|[smhdwy])$/.exec(shape[1])?.[1];
  return { from: token.from, to: token.to, targets: [{ kind: 'durationUnit', number: token.text, smallerThan: lastUnit }] };
}
