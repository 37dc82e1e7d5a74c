import type { SyntaxNode, Tree } from '@lezer/common';
import { logqlFunctions, logqlRangeAggregations, logqlVectorAggregations } from '../catalog/logql';
import type { ExprProblem } from '../types';
import type { LexResult, Token } from './lex';
import { firstErrorNode } from '../promql/tree';

/**
 * Turns the first syntax error into one clear diagnostic, as Loki reports only its first
 * (pkg/logql/syntax/parser.go). Where the shape of the mistake is known, the message says
 * what LogQL expects there (a metric query inside `sum(…)`, a range after a selector, …).
 */
export function firstSyntaxError(tree: Tree, text: string, lex: LexResult, treeIsClean = false): ExprProblem | undefined {
  const { tokens } = lex;
  if (tokens.length === 0 && lex.problems.length === 0)
    return {
      from: 0,
      to: text.length,
      code: 'logql/syntax-error',
      message: 'empty query: expected a stream selector such as {app="api"} or a metric query',
    };
  const errorNode = treeIsClean ? undefined : firstErrorNode(tree);
  const lexFatal = lex.problems.find((p) => p.code === 'logql/syntax-error');
  if (lexFatal && (!errorNode || errorNode.from >= lexFatal.from)) return { ...lexFatal };
  if (!errorNode) return undefined;
  return describeError(errorNode, text, tokens);
}

const functionNames = new Set([...logqlRangeAggregations, ...logqlVectorAggregations, ...logqlFunctions].map((f) => f.name));
const rangeNames = new Set(logqlRangeAggregations.map((f) => f.name));
const vectorNames = new Set(logqlVectorAggregations.map((f) => f.name));
const stageWords = ['json', 'logfmt', 'regexp', 'pattern', 'unpack', 'line_format', 'label_format', 'drop', 'keep', 'decolorize', 'unwrap'];

function describeError(node: SyntaxNode, text: string, tokens: readonly Token[]): ExprProblem {
  const index = tokens.findIndex((t) => t.to > node.from);
  const token = index >= 0 ? tokens[index] : undefined;
  const previous = index > 0 ? tokens[index - 1] : index < 0 ? tokens[tokens.length - 1] : undefined;
  const value = (t: Token | undefined) => (t ? text.slice(t.from, t.to) : '');
  const problem = (at: Token | { from: number; to: number }, message: string, code = 'logql/syntax-error'): ExprProblem => ({
    from: at.from,
    to: Math.max(at.to, at.from + 1),
    code,
    message,
  });

  // An unknown name called like a function: `rates(…)`.
  const callee = [token, previous].find((t, i) => t?.kind === 'identifier' && tokens[(i === 0 ? index : index - 1) + 1]?.kind === '(');
  const calleeIndex = callee === token ? index : index - 1;
  const inGrouping =
    callee &&
    tokens[calleeIndex - 1]?.kind === '(' &&
    ['by', 'without', 'on', 'ignoring', 'group_left', 'group_right'].includes(value(tokens[calleeIndex - 2]).toLowerCase());
  if (
    callee &&
    !inGrouping &&
    !functionNames.has(value(callee).toLowerCase()) &&
    ![
      'ip',
      'bytes',
      'duration',
      'duration_seconds',
      'by',
      'without',
      'on',
      'ignoring',
      'group_left',
      'group_right',
      'bool',
      'and',
      'or',
      'unless',
    ].includes(value(callee).toLowerCase())
  ) {
    const suggestion = suggest(value(callee).toLowerCase());
    return problem(
      callee,
      `unknown function "${value(callee)}"${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
      'logql/unknown-function',
    );
  }
  // `| unwrap` where no range aggregation encloses it.
  const unwrapAt = tokens.findIndex(
    (t, i) =>
      i >= Math.max(0, index - 2) &&
      i <= (index < 0 ? tokens.length : index + 1) &&
      value(t).toLowerCase() === 'unwrap' &&
      value(tokens[i - 1]) === '|',
  );
  if (unwrapAt >= 0 && !enclosingCall(tokens, unwrapAt, text, rangeNames)) {
    return problem(
      tokens[unwrapAt],
      'unwrap is only allowed inside a range aggregation such as sum_over_time({…} | unwrap label [5m])',
      'logql/unwrap-outside-range-aggregation',
    );
  }
  const call = enclosingCall(tokens, index < 0 ? tokens.length : index, text);
  if (call) {
    const name = value(tokens[call.nameIndex]).toLowerCase();
    const first = tokens[call.openIndex + 1];
    const argumentStart = first?.kind === 'number' && value(tokens[call.openIndex + 2]) === ',' ? tokens[call.openIndex + 3] : first;
    if (vectorNames.has(name) && argumentStart?.kind === '{') {
      return problem(
        argumentStart,
        `${name} expects a metric query, got a log query; aggregate over a range first, e.g. ${name}(rate({…}[5m]))`,
        'logql/wrong-argument-type',
      );
    }
    if (rangeNames.has(name)) {
      const inner = tokens.slice(call.openIndex + 1, index < 0 ? tokens.length : index);
      if (argumentStart?.kind === 'identifier' && functionNames.has(value(argumentStart).toLowerCase())) {
        return problem(
          argumentStart,
          `${name} expects a log query with a range such as {app="api"}[5m], got a metric query`,
          'logql/wrong-argument-type',
        );
      }
      if (argumentStart?.kind === '{' && !inner.some((t) => t.kind === '[') && (token?.kind === ')' || !token)) {
        return problem(
          token ?? previous ?? argumentStart,
          `${name} needs a log range: add a range such as [5m] after the log query`,
          'logql/wrong-argument-type',
        );
      }
    }
    if (name === 'vector' && token && token.kind !== 'number')
      return problem(token, 'vector expects a number, e.g. vector(0)', 'logql/wrong-argument-type');
  }

  if (!token) {
    const at = previous ?? { from: 0, to: text.length };
    const last = value(previous).toLowerCase();
    let expected = '';
    if (last === '|') expected = ': expected a parser, formatter, label filter or unwrap after "|"';
    else if (['|=', '!=', '|~', '!~', '|>', '!>'].includes(last)) expected = `: expected a quoted string after "${last}"`;
    else if (last === 'or' || last === 'and' || previous?.kind === 'operator') expected = `: expected an expression after "${last}"`;
    else if (previous?.kind === 'identifier' && value(tokens[tokens.length - 2]) === '|' && !stageWords.includes(last))
      expected = `: "${value(previous)}" is not a parser or formatter; a label filter needs a comparison, e.g. ${value(previous)}="value"`;
    else if (['line_format', 'regexp', 'pattern'].includes(last))
      expected = `: expected a quoted ${last === 'line_format' ? 'template' : last === 'regexp' ? 'regular expression' : 'pattern'} after "${last}"`;
    else if (last === 'drop' || last === 'keep') expected = `: expected label names after "${last}"`;
    else if (unclosed(tokens)) expected = `: expected "${unclosed(tokens)}"`;
    return problem(at, `unexpected end of query${expected}`);
  }
  let message = `unexpected ${describeToken(text, token)}`;
  const before = value(previous).toLowerCase();
  if (token.kind === '[' && !enclosingCall(tokens, index, text, rangeNames)) {
    return problem(token, 'a range needs a range aggregation around it, e.g. count_over_time({…}[5m]) or rate({…}[5m])');
  }
  if (value(token) === '|' && previous?.kind === ')' && !token.inBraces) {
    return problem(token, 'pipeline stages go inside the range aggregation, before the range: rate({…} | json [5m])');
  }
  if (value(token).toLowerCase() === 'offset' && previous?.kind !== ']') {
    return problem(token, 'offset goes right after a range: rate({…}[5m] offset 1h)');
  }
  if (token.kind === 'duration' && previous?.kind === '[') {
    return problem(token, `not a valid duration string: ${JSON.stringify(value(token))}`, 'logql/invalid-duration');
  }
  if ((before === 'drop' || before === 'keep') && previous && value(tokens[index - 2]) === '|') {
    return problem(token, `${message}: expected label names after "${before}", e.g. ${before} pod, level="debug"`);
  }
  if (value(token).toLowerCase() === 'ip' && previous?.kind === 'operator' && tokens[index - 2]?.kind === 'identifier') {
    return problem(previous, `label filters with ip() take = or != only, not ${before}`, 'logql/invalid-label-filter');
  }
  if (token.kind === 'string' && ['==', '>', '>=', '<', '<='].includes(before) && tokens[index - 2]?.kind === 'identifier') {
    return problem(
      previous!,
      `${before} compares numbers, durations or sizes; compare strings with =, !=, =~ or !~`,
      'logql/invalid-label-filter',
    );
  }
  if (
    before === '-' &&
    token.kind === 'identifier' &&
    (index < 2 || tokens[index - 2].kind === '(' || tokens[index - 2].kind === 'operator')
  ) {
    return problem(previous!, 'unary minus applies to numbers only in LogQL; write 0 - <expression> or -1 * <expression>');
  }
  if (
    value(previous) === '|' &&
    token.kind === 'identifier' &&
    !stageWords.includes(value(token).toLowerCase()) &&
    tokens[index + 1]?.kind !== 'operator'
  ) {
    message +=
      ': after "|" comes a parser (json, logfmt, regexp, pattern, unpack), a formatter (line_format, label_format), drop, keep, decolorize or a label filter such as level="error"';
  } else if (value(token).toLowerCase() === 'bool') {
    message += ': bool goes after the comparison operator, e.g. a > bool b';
  } else if (token.inBraces) {
    message += ' in stream selector: expected matchers such as app="api", separated by ","';
  } else if (
    previous &&
    ['string', 'number', 'duration', ')', '}', ']'].includes(previous.kind) &&
    ['{', '(', 'identifier', 'number'].includes(token.kind) &&
    !['by', 'without', 'offset', 'or', 'and', 'unless', 'bool', 'on', 'ignoring', 'group_left', 'group_right'].includes(
      value(token).toLowerCase(),
    )
  ) {
    message += ': expected an operator or "|" between the two';
  }
  return problem(token, message);
}

function describeToken(text: string, token: Token): string {
  const value = text.slice(token.from, token.to);
  switch (token.kind) {
    case 'identifier':
      return `identifier "${value}"`;
    case 'string':
      return `string ${value.length > 40 ? value.slice(0, 37) + '…' : value}`;
    case 'number':
    case 'duration':
    case 'bytes':
      return `${token.kind} "${value}"`;
    default:
      return `"${value}"`;
  }
}

/** The call whose `(` is still open at token `at`: indices of its name and its `(`. */
function enclosingCall(
  tokens: readonly Token[],
  at: number,
  text: string,
  names?: ReadonlySet<string>,
): { nameIndex: number; openIndex: number } | undefined {
  let depth = 0;
  for (let i = Math.min(at, tokens.length) - 1; i >= 0; i--) {
    if (tokens[i].kind === ')') depth++;
    if (tokens[i].kind === '(') {
      if (depth > 0) {
        depth--;
        continue;
      }
      // `sum by (a) (` — the call name sits before the grouping.
      let nameIndex = i - 1;
      if (tokens[nameIndex]?.kind === ')') {
        let inner = 0;
        for (let j = nameIndex; j >= 0; j--) {
          if (tokens[j].kind === ')') inner++;
          if (tokens[j].kind === '(' && --inner === 0) {
            nameIndex = j - 2;
            break;
          }
        }
      }
      const name = tokens[nameIndex];
      if (name?.kind === 'identifier' && (!names || names.has(text.slice(name.from, name.to).toLowerCase())))
        return { nameIndex, openIndex: i };
      if (names) continue;
      return undefined;
    }
  }
  return undefined;
}

function unclosed(tokens: readonly Token[]): string | undefined {
  const stack: string[] = [];
  for (const t of tokens) {
    if (t.kind === '(' || t.kind === '{' || t.kind === '[') stack.push(t.kind);
    else if (t.kind === ')' || t.kind === '}' || t.kind === ']') stack.pop();
  }
  const open = stack.pop();
  return open === '(' ? ')' : open === '{' ? '}' : open === '[' ? ']' : undefined;
}

function suggest(name: string): string | undefined {
  let best: string | undefined;
  let bestDistance = name.length <= 4 ? 1 : 2;
  for (const candidate of functionNames) {
    const d = editDistance(name, candidate);
    if (d <= bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length];
}
