import type { SyntaxNode, Tree } from '@lezer/common';
import type { ExprProblem } from '../types';
import type { CheckContext } from './checkAst';
import { unquoteString } from './literals';
import { re2Error } from './re2';
import { childByName, exprChildren, nodeText } from './tree';

/** One label matcher of a selector, with its value unquoted. */
export interface Matcher {
  name: string;
  op: '=' | '!=' | '=~' | '!~';
  value: string;
  node: SyntaxNode;
  valueNode: SyntaxNode | null;
}

/** The matchers of a VectorSelector; a bare quoted name (`{"my.metric"}`) is `__name__="…"`. */
export function selectorMatchers(text: string, selector: SyntaxNode): Matcher[] {
  const list = childByName(selector, 'LabelMatchers');
  if (!list) return [];
  const out: Matcher[] = [];
  for (let child = list.firstChild; child; child = child.nextSibling) {
    if (child.name === 'QuotedLabelName') {
      out.push({ name: '__name__', op: '=', value: unquoteString(nodeText(text, child)), node: child, valueNode: child });
      continue;
    }
    if (child.name !== 'UnquotedLabelMatcher' && child.name !== 'QuotedLabelMatcher') continue;
    const label = childByName(child, 'LabelName', 'QuotedLabelName');
    const op = childByName(child, 'MatchOp');
    const value = childByName(child, 'StringLiteral');
    if (!label || !op) continue;
    out.push({
      name: label.name === 'LabelName' ? nodeText(text, label) : unquoteString(nodeText(text, label)),
      op: nodeText(text, op) as Matcher['op'],
      value: value ? unquoteString(nodeText(text, value)) : '',
      node: child,
      valueNode: value,
    });
  }
  return out;
}

/**
 * The selector checks of checkAST (parse.go, VectorSelector case): the metric name at most
 * once, and at least one matcher that does not match the empty string.
 */
export function checkVectorSelector(node: SyntaxNode, ctx: CheckContext): void {
  const matchers = selectorMatchers(ctx.text, node);
  const name = childByName(node, 'Identifier');
  if (name) {
    for (const m of matchers) {
      if (m.name === '__name__') {
        ctx.report(
          m.node.from,
          m.node.to,
          'promql/duplicate-metric-name',
          `metric name must not be set twice: "${nodeText(ctx.text, name)}" or "${m.value}"`,
        );
      }
    }
    return;
  }
  if (isInfoDataSelector(node)) return;
  if (matchers.every((m) => matchesEmpty(m) !== false)) {
    ctx.report(
      node.from,
      node.to,
      'promql/empty-selector',
      'vector selector must contain at least one non-empty matcher (a metric name, or a matcher such as job=~".+")',
    );
  }
}

/** The second argument of info(), which Prometheus exempts from the empty-matcher check. */
function isInfoDataSelector(node: SyntaxNode): boolean {
  const body = node.parent;
  const call = body?.parent;
  if (body?.name !== 'FunctionCallBody' || call?.name !== 'FunctionCall') return false;
  if (call.firstChild?.firstChild?.name !== 'Info') return false;
  return exprChildren(body)[1]?.from === node.from;
}

/** Whether a matcher accepts the empty string; undefined when the regex cannot be judged here. */
export function matchesEmpty(m: Matcher): boolean | undefined {
  switch (m.op) {
    case '=':
      return m.value === '';
    case '!=':
      return m.value !== '';
    case '=~':
    case '!~': {
      const matches = regexMatchesEmpty(m.value);
      if (matches === undefined) return undefined;
      return m.op === '=~' ? matches : !matches;
    }
  }
}

function regexMatchesEmpty(pattern: string): boolean | undefined {
  if (re2Error(pattern)) return undefined;
  const js = pattern
    .replace(/\(\?P</g, '(?<')
    .replace(/\\z/g, '$')
    .replace(/\\A/g, '^');
  try {
    return new RegExp(`^(?:${js})$`, 's').test('');
  } catch {
    return undefined;
  }
}

const regexOperator = /[=!]~/;

/**
 * Regexes of `=~`/`!~` matchers must compile as RE2 (labels.NewMatcher); this runs even when
 * the expression has syntax errors, since it only needs the matcher itself.
 */
export function checkMatcherRegexes(tree: Tree, text: string, problems: ExprProblem[]): void {
  if (!regexOperator.test(text)) return; // no `=~`/`!~` anywhere: nothing to walk for
  tree.iterate({
    enter(ref) {
      if (ref.name !== 'UnquotedLabelMatcher' && ref.name !== 'QuotedLabelMatcher') return;
      const node = ref.node;
      const op = childByName(node, 'MatchOp');
      const value = childByName(node, 'StringLiteral');
      if (!op || !value) return false;
      const opText = nodeText(text, op);
      if (opText !== '=~' && opText !== '!~') return false;
      const error = re2Error(unquoteString(nodeText(text, value)));
      if (error) problems.push({ from: value.from, to: value.to, code: 'promql/invalid-regex', message: `error parsing regexp: ${error}` });
      return false;
    },
  });
}
