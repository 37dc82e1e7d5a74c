import type { SyntaxNode, Tree } from '@lezer/common';
import type { ExprProblem } from '../types';
import type { LexProblem, Token } from './lex';
import { keywordWords } from './completionFrames';
import { firstErrorNode } from './tree';

/**
 * Turns the first syntax error into one clear diagnostic. Prometheus reports only its first
 * parse error too (promql/parser/parse.go, ParseErrors.Error), and lezer's error recovery
 * often leaves several error nodes for one mistake, so reporting more would be noise.
 */
export function firstSyntaxError(
  tree: Tree,
  text: string,
  tokens: readonly Token[],
  lexFatal: LexProblem | undefined,
): ExprProblem | undefined {
  if (tokens.length === 0 && !lexFatal)
    return { from: 0, to: text.length, code: 'promql/syntax-error', message: 'no expression found in input' };
  const errorNode = firstErrorNode(tree);
  // The lexer's message is exact (unclosed brackets, bad characters); it wins unless lezer
  // stumbled on something earlier.
  if (lexFatal) {
    const lexAt = lexFatal.message.startsWith('unclosed') ? text.length : lexFatal.from;
    if (!errorNode || errorNode.from >= lexAt || errorNode.from >= lexFatal.from) return asProblem(lexFatal);
  }
  if (!errorNode) return undefined;
  return describeError(errorNode, text, tokens);
}

function asProblem(p: LexProblem): ExprProblem {
  return { from: p.from, to: p.to, code: p.code, message: p.message };
}

/** How Prometheus-style messages name a token: identifier "foo", number "5", "(". */
export function describeToken(text: string, token: Token): string {
  const value = text.slice(token.from, token.to);
  switch (token.kind) {
    case 'identifier':
      return keywordWords.has(value.toLowerCase()) ? `'${value}'` : `identifier "${value}"`;
    case 'number':
      return `number "${value}"`;
    case 'duration':
      return `duration "${value}"`;
    case 'string':
      return `string ${value.length > 40 ? value.slice(0, 37) + '…' : value}`;
    default:
      return `'${value}'`;
  }
}

const endsOperand = (t: Token | undefined) =>
  !!t && (['number', 'duration', 'string', ')', '}', ']'].includes(t.kind) || t.kind === 'identifier');
const startsOperand = (t: Token) => ['number', 'duration', 'string', '(', '{', 'identifier'].includes(t.kind);

function describeError(node: SyntaxNode, text: string, tokens: readonly Token[]): ExprProblem {
  const index = tokens.findIndex((t) => t.to > node.from);
  const token = index >= 0 ? tokens[index] : undefined;
  const previous = index > 0 ? tokens[index - 1] : index < 0 ? tokens[tokens.length - 1] : undefined;
  const context = contextOf(node);

  if (!token) {
    // Unexpected end of input: point at the last token, which is waiting for more.
    const at = previous ?? { from: 0, to: text.length, kind: 'identifier' as const };
    const last = text.slice(at.from, at.to);
    let expected = context.expectAtEnd;
    if (!expected && previous && (previous.kind === 'operator' || keywordWords.has(last.toLowerCase())))
      expected = `an expression after '${last}'`;
    if (!expected && previous?.kind === ',') expected = "an expression after ','";
    if (!expected && previous?.kind === '@') expected = "a timestamp, start() or end() after '@'";
    return {
      from: at.from,
      to: at.to,
      code: 'promql/syntax-error',
      message: `unexpected end of input${expected ? `: expected ${expected}` : ''}`,
    };
  }
  const value = text.slice(token.from, token.to);
  let message = `unexpected ${describeToken(text, token)}`;
  if (token.kind === ')' && previous?.kind === ',') {
    message = 'trailing commas not allowed in function call args';
    return { from: previous.from, to: previous.to, code: 'promql/syntax-error', message };
  }
  if (context.where) message += ` in ${context.where}`;
  if (token.inBraces && previous?.kind === 'operator') message += ', expected a quoted label value';
  else if (context.expected) message += `, expected ${context.expected}`;
  else if (endsOperand(previous) && startsOperand(token) && !token.inBraces && !token.inBrackets) {
    message += ': expected an operator (such as +, and, or) between two expressions';
  } else if (token.kind === 'operator' && previous?.kind === 'operator' && value !== '-' && value !== '+') {
    message += `: expected an expression after '${text.slice(previous.from, previous.to)}'`;
  }
  return { from: token.from, to: token.to, code: 'promql/syntax-error', message };
}

interface ErrorContext {
  where?: string;
  expected?: string;
  expectAtEnd?: string;
}

function contextOf(node: SyntaxNode): ErrorContext {
  for (let current = node.parent; current; current = current.parent) {
    switch (current.name) {
      case 'LabelMatchers':
      case 'UnquotedLabelMatcher':
      case 'QuotedLabelMatcher':
        return { where: 'label matching', expected: 'a label matcher such as job="api", "," or "}"' };
      case 'GroupingLabels':
        return { where: 'grouping labels', expected: 'a label name, "," or ")"', expectAtEnd: "')' after the label names" };
      case 'AggregateModifier':
      case 'MatchingModifierClause':
        return { where: 'grouping opts', expected: '"("', expectAtEnd: "'(' and label names" };
      case 'DurationExpr':
      case 'MatrixSelector':
      case 'SubqueryExpr':
        return { where: 'range or subquery', expected: "a duration such as 5m, ':' or ']'", expectAtEnd: "']'" };
      case 'OffsetExpr':
      case 'OffsetDurationExpr':
        return { where: 'offset', expected: 'a duration such as 5m', expectAtEnd: "a duration after 'offset'" };
      case 'StepInvariantExpr':
        return { where: '@', expected: 'a timestamp, start() or end()', expectAtEnd: "a timestamp, start() or end() after '@'" };
      case 'FunctionCallBody':
        return { where: 'argument list', expectAtEnd: "')'" };
      case 'AggregateExpr':
        return { where: 'aggregation' };
      case 'BinaryExpr':
      case 'UnaryExpr':
      case 'ParenExpr':
        return {};
    }
  }
  return {};
}
