import { stringContent, type EditorToken } from './completionTokens';

/**
 * The brackets open at a point of a (possibly unfinished) PromQL expression, each with what it
 * is: a call's argument list, a `by (…)` list, a selector's `{…}`, a range's `[…]`. Completion
 * and signature help both start from this stack.
 */

/** The 14 aggregation operators of Prometheus (promql/parser/lex.go, `aggregators`). */
export const aggregationNames: ReadonlySet<string> = new Set([
  'sum',
  'avg',
  'count',
  'min',
  'max',
  'group',
  'stddev',
  'stdvar',
  'topk',
  'bottomk',
  'count_values',
  'quantile',
  'limitk',
  'limit_ratio',
]);

/**
 * Words that are keywords in expression context (case-insensitive): never a metric name nor a
 * function, and named as keywords in syntax errors.
 */
export const keywordWords: ReadonlySet<string> = new Set([
  'and',
  'or',
  'unless',
  'atan2',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'offset',
  'anchored',
  'smoothed',
  'fill',
  'fill_left',
  'fill_right',
]);

/** Keywords that are followed by a parenthesised list of label names. */
export const labelListKeywords: ReadonlySet<string> = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right']);

export type FrameKind = 'matchers' | 'range' | 'grouping' | 'matching' | 'fill' | 'call' | 'paren';

/** One open bracket. */
export interface Frame {
  kind: FrameKind;
  /** Token index of the opening bracket. */
  open: number;
  /** Function or aggregation name for calls; the keyword for grouping, matching and fill lists. */
  name?: string;
  isAggregation?: boolean;
  /** Commas seen so far at this level (the argument index of a call). */
  commas: number;
  /** Matchers: the metric named before `{` or as a quoted first item (`{"my.metric"}`). */
  metric?: string;
  /** Range: a `:` was seen, so this is a subquery and the cursor is in its step. */
  subquery?: boolean;
  /** Grouping: token indices of the `(`…`)` of the aggregation body when it came before `by`. */
  bodyBefore?: [number, number];
}

export interface FrameScan {
  /** Open frames, outermost first. */
  stack: Frame[];
  /** Closing-bracket token index -> the frame it closed. */
  closed: Map<number, Frame>;
}

const closerOf: Record<string, FrameKind[]> = {
  ')': ['call', 'paren', 'grouping', 'matching', 'fill'],
  '}': ['matchers'],
  ']': ['range'],
};

/** Scans tokens [0, end) and returns the frames still open at `end`. */
export function scanFrames(tokens: readonly EditorToken[], end: number): FrameScan {
  const stack: Frame[] = [];
  const closed = new Map<number, Frame>();
  for (let i = 0; i < end; i++) {
    const token = tokens[i];
    const top = stack[stack.length - 1];
    switch (token.kind) {
      case '{': {
        const prev = tokens[i - 1];
        const metric = prev?.kind === 'ident' && !keywordWords.has(prev.text.toLowerCase()) ? prev.text : undefined;
        stack.push({ kind: 'matchers', open: i, commas: 0, metric });
        break;
      }
      case '[':
        stack.push({ kind: 'range', open: i, commas: 0 });
        break;
      case '(':
        stack.push(openParen(tokens, i, closed));
        break;
      case ')':
      case '}':
      case ']': {
        const kinds = closerOf[token.kind];
        let at = stack.length - 1;
        while (at >= 0 && !kinds.includes(stack[at].kind)) at--;
        if (at >= 0) {
          closed.set(i, stack[at]);
          stack.length = at;
        }
        break;
      }
      case ',':
        if (top) top.commas++;
        break;
      case ':':
        if (top?.kind === 'range') top.subquery = true;
        break;
      case 'string':
        // `{"my.metric", …}`: a quoted name standing alone names the metric.
        if (top?.kind === 'matchers' && top.metric === undefined && isNamePosition(tokens, i)) {
          const next = tokens[i + 1];
          if (next === undefined || next.kind === ',' || next.kind === '}') top.metric = stringContent(token);
        }
        break;
    }
  }
  return { stack, closed };
}

function openParen(tokens: readonly EditorToken[], i: number, closed: Map<number, Frame>): Frame {
  const prev = tokens[i - 1];
  if (prev?.kind === 'ident') {
    const word = prev.text.toLowerCase();
    if (word === 'by' || word === 'without') {
      const before = tokens[i - 2];
      const body = before?.kind === ')' ? closed.get(i - 2) : undefined;
      const frame: Frame = { kind: 'grouping', open: i, commas: 0, name: word };
      if (body?.isAggregation) frame.bodyBefore = [body.open, i - 2];
      return frame;
    }
    if (labelListKeywords.has(word)) return { kind: 'matching', open: i, commas: 0, name: word };
    if (word.startsWith('fill')) return { kind: 'fill', open: i, commas: 0, name: word };
    if (aggregationNames.has(word)) return { kind: 'call', open: i, commas: 0, name: word, isAggregation: true };
    if (!keywordWords.has(word)) return { kind: 'call', open: i, commas: 0, name: prev.text };
  }
  if (prev?.kind === ')') {
    // `sum by (job) (` opens the body of the aggregation that the grouping belongs to.
    const grouping = closed.get(i - 1);
    if (grouping?.kind === 'grouping' && !grouping.bodyBefore) {
      const op = tokens[grouping.open - 2];
      if (op?.kind === 'ident') return { kind: 'call', open: i, commas: 0, name: op.text.toLowerCase(), isAggregation: true };
    }
  }
  return { kind: 'paren', open: i, commas: 0 };
}

/** True when token i starts an item of a `{…}` or `(…)` list (it follows the opener or a comma). */
export function isNamePosition(tokens: readonly EditorToken[], i: number): boolean {
  const prev = tokens[i - 1];
  return prev !== undefined && (prev.kind === '{' || prev.kind === ',' || prev.kind === '(');
}

/** Index of the bracket closing the one at `open`, or tokens.length when it is never closed. */
export function findClose(tokens: readonly EditorToken[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    const kind = tokens[i].kind;
    if (kind === '(' || kind === '{' || kind === '[') depth++;
    else if (kind === ')' || kind === '}' || kind === ']') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return tokens.length;
}

/**
 * Metric names selected by the expression in tokens [from, to): bare identifiers that are not
 * keywords or calls, `{"name"}` and `{__name__="name"}`. Label lists and durations are skipped.
 */
export function metricNamesIn(tokens: readonly EditorToken[], from: number, to: number): string[] {
  const names = new Set<string>();
  const inside: string[] = [];
  for (let i = Math.max(0, from); i < Math.min(to, tokens.length); i++) {
    const token = tokens[i];
    const where = inside[inside.length - 1];
    if (token.kind === '(') {
      const prev = tokens[i - 1];
      inside.push(prev?.kind === 'ident' && labelListKeywords.has(prev.text.toLowerCase()) ? 'labels' : '(');
    } else if (token.kind === '{' || token.kind === '[') {
      inside.push(token.kind);
    } else if (token.kind === ')' || token.kind === '}' || token.kind === ']') {
      inside.pop();
    } else if (where === '{') {
      if (token.kind === 'string' && isNamePosition(tokens, i) && tokens[i + 1]?.kind !== 'op') names.add(stringContent(token));
      if (token.kind === 'string' && tokens[i - 1]?.text === '=' && tokens[i - 2]?.text === '__name__') names.add(stringContent(token));
    } else if (where === 'labels' || where === '[') {
      continue;
    } else if (token.kind === 'ident' && tokens[i + 1]?.kind !== '(' && !keywordWords.has(token.text.toLowerCase())) {
      const prev = tokens[i - 1];
      if (prev?.kind === 'op' && prev.text === '@') continue; // `@ start()`
      if (/^(inf|nan)$/i.test(token.text)) continue;
      names.add(token.text);
    }
  }
  return [...names];
}
