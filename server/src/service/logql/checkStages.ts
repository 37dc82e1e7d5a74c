import type { SyntaxNode } from '@lezer/common';
import { matchesEmpty, type Matcher } from '../promql/checkSelectors';
import { re2Error } from '../promql/re2';
import { childByName, childNodes, childrenByName, nodeText } from '../promql/tree';
import { report, reportInString, stringOf, type CheckContext, type NodeCheck } from './checkContext';
import {
  ipPatternProblem,
  jsonPathProblem,
  logfmtKeyProblem,
  patternProblem,
  regexGroupNames,
  type ArgumentProblem,
} from './stageArguments';
import { lokiTemplateError } from './template';

/**
 * Checks of stream selectors and pipeline stages, following what Loki rejects when it parses
 * a query (grafana/loki pkg/logql/syntax/ast.go, parser.go) and builds its pipeline
 * (pkg/logql/log: parser.go, fmt.go, ip.go, pattern/): the check of a node type, if it has one.
 */
export function stageCheck(nodeName: string): NodeCheck | undefined {
  return stageChecks.get(nodeName);
}

const stageChecks = new Map<string, NodeCheck>([
  ['Selector', checkSelector],
  ['Matcher', checkMatcherRegex],
  ['LineFilter', checkLineFilter],
  ['LabelParser', checkLabelParser],
  ['JsonExpressionParser', (node, ctx) => checkExtractionExpressions(node, ctx, jsonPathProblem)],
  ['LogfmtExpressionParser', (node, ctx) => checkExtractionExpressions(node, ctx, logfmtKeyProblem)],
  ['LineFormatExpr', checkLineFormat],
  ['LabelFormatExpr', checkLabelFormat],
  ['IpLabelFilter', checkIpLabelFilter],
]);

const matcherOps = new Map<string, Matcher['op']>([
  ['Eq', '='],
  ['Neq', '!='],
  ['Re', '=~'],
  ['Nre', '!~'],
]);

/** A matcher node's parts: `Identifier op String`. */
export function matcherParts(node: SyntaxNode, ctx: CheckContext): Matcher | undefined {
  // One pass over the children: every selector's matchers are read twice per query.
  let name: SyntaxNode | null = null;
  let op: Matcher['op'] | undefined;
  let valueNode: SyntaxNode | null = null;
  for (let child = node.firstChild; child; child = child.nextSibling) {
    const type = child.name;
    if (type === 'Identifier') name ??= child;
    else if (type === 'String') valueNode ??= child;
    else op ??= matcherOps.get(type);
  }
  if (!name || !op || !valueNode) return undefined;
  return { name: nodeText(ctx.text, name), op, value: stringOf(ctx, valueNode).value, node, valueNode };
}

/** `{…}` must hold a matcher that does not match the empty string (parser.go validateMatchers). */
function checkSelector(node: SyntaxNode, ctx: CheckContext): void {
  const list = childByName(node, 'Matchers');
  if (!list) return;
  // The walk stops at the first matcher that needs a non-empty value (usually the first).
  // A regex we cannot judge counts as non-empty: never flag a query Loki might accept.
  let matchers = 0;
  let allMatchEmpty = true;
  list.cursor().iterate((ref) => {
    if (!allMatchEmpty) return false;
    if (ref.name === 'Matcher') {
      const parts = matcherParts(ref.node, ctx);
      if (parts) {
        matchers++;
        allMatchEmpty = matchesEmpty(parts) === true;
      }
      return false;
    }
    return undefined;
  });
  if (matchers > 0 && allMatchEmpty) {
    report(
      ctx,
      node.from,
      node.to,
      'logql/empty-stream-selector',
      'queries require at least one regexp or equality matcher that does not have an empty-compatible value; app=~".*" does not meet this requirement, but app=~".+" will',
    );
  }
}

function checkMatcherRegex(node: SyntaxNode, ctx: CheckContext): void {
  const parts = matcherParts(node, ctx);
  if (!parts?.valueNode || (parts.op !== '=~' && parts.op !== '!~')) return;
  const error = re2Error(parts.value);
  if (error) report(ctx, parts.valueNode.from, parts.valueNode.to, 'logql/invalid-regex', `error parsing regexp: ${error}`);
}

interface LineFilterItem {
  op: string;
  ip: boolean;
  value: SyntaxNode;
}

/** A line filter and its `or` alternatives: each string with the operator that applies to it. */
export function lineFilterItems(node: SyntaxNode, ctx: CheckContext, inherited?: string): LineFilterItem[] {
  const filter = childByName(node, 'Filter');
  let op = filter ? nodeText(ctx.text, filter) : (inherited ?? '|=');
  // A repaired `or` chain (see parseWithRepairs) reads "or" in the query: it continues the chain.
  if (op === 'or') op = inherited ?? '|=';
  const items: LineFilterItem[] = [];
  let ip = false;
  for (const child of childNodes(node)) {
    if (child.name === 'FilterOp') ip = true;
    if (child.name === 'String') {
      items.push({ op, ip, value: child });
      ip = false;
    }
    if (child.name === 'OrFilter') items.push(...lineFilterItems(child, ctx, op));
  }
  return items;
}

/** The operator of the line filter before this one (a repaired `or` continues its chain). */
function previousFilterOp(node: SyntaxNode, ctx: CheckContext): string | undefined {
  const list = node.parent?.name === 'LineFilters' ? node.parent.firstChild : null;
  if (!list || list.from === node.from) return undefined;
  const previous = list.name === 'LineFilter' ? list : list.lastChild;
  if (!previous || previous.name !== 'LineFilter') return undefined;
  const filter = childByName(previous, 'Filter');
  const op = filter ? nodeText(ctx.text, filter) : undefined;
  return op === 'or' ? previousFilterOp(previous, ctx) : op;
}

function checkLineFilter(node: SyntaxNode, ctx: CheckContext): void {
  for (const item of lineFilterItems(node, ctx, previousFilterOp(node, ctx))) {
    const string = stringOf(ctx, item.value);
    if (item.ip) {
      if (item.op !== '|=' && item.op !== '!=') {
        report(
          ctx,
          item.value.from,
          item.value.to,
          'logql/invalid-line-filter',
          `ip: invalid operation: ip() filters lines with |= or != only, not ${item.op}`,
        );
      } else checkIpArgument(item.value, ctx);
      continue;
    }
    if (item.op === '|~' || item.op === '!~') {
      const error = re2Error(string.value);
      if (error) report(ctx, item.value.from, item.value.to, 'logql/invalid-regex', `error parsing regexp: ${error}`);
    } else if (item.op === '|>' || item.op === '!>') {
      const problem = patternProblem(string.value, 'filter');
      if (problem) reportInString(ctx, item.value, string, problem.from, problem.to, 'logql/invalid-pattern', problem.message);
    }
  }
}

function checkIpArgument(node: SyntaxNode | null, ctx: CheckContext): void {
  if (!node) return;
  const problem = ipPatternProblem(stringOf(ctx, node).value);
  if (problem) report(ctx, node.from, node.to, 'logql/invalid-parser-argument', problem);
}

/**
 * `| addr = ip("…")`: Loki rejects a bad pattern only where the ip filter is a stage of its own
 * (LabelFilterExpr.Stage in ast.go). Combined with `and`/`or`/`,`, or after `unwrap`, it
 * accepts the query and the filter, having no pattern, matches no line (log/ip.go).
 */
function checkIpLabelFilter(node: SyntaxNode, ctx: CheckContext): void {
  const argument = childByName(node, 'String');
  if (!argument) return;
  const problem = ipPatternProblem(stringOf(ctx, argument).value);
  if (!problem) return;
  if (isWholeStage(node)) return report(ctx, argument.from, argument.to, 'logql/invalid-parser-argument', problem);
  report(
    ctx,
    argument.from,
    argument.to,
    'logql/ip-filter-never-matches',
    `${problem}; Loki accepts it combined with other filters or after unwrap, and then this filter matches no line`,
  );
}

/** The label filter is all of its pipeline stage: no `and`/`or`/`,` around it, and not after `unwrap`. */
function isWholeStage(filter: SyntaxNode): boolean {
  let node = filter;
  for (let parent = node.parent; parent?.name === 'LabelFilter'; node = parent, parent = parent.parent) {
    if (childrenByName(parent, 'LabelFilter').length > 1) return false;
  }
  return node.parent?.name === 'PipelineStage';
}

/** `regexp` needs a valid RE2 pattern with named groups; `pattern` a valid pattern (ast.go newLabelParserExpr). */
function checkLabelParser(node: SyntaxNode, ctx: CheckContext): void {
  const argument = childByName(node, 'String');
  if (!argument) return;
  const string = stringOf(ctx, argument);
  if (childByName(node, 'Regexp')) {
    const error = re2Error(string.value);
    if (error)
      return report(ctx, argument.from, argument.to, 'logql/invalid-regex', `invalid regexp parser: error parsing regexp: ${error}`);
    const names = regexGroupNames(string.value);
    if (names.length === 0) {
      return report(
        ctx,
        argument.from,
        argument.to,
        'logql/invalid-parser-argument',
        'invalid regexp parser: at least one named capture must be supplied, such as (?P<name>…)',
      );
    }
    const seen = new Set<string>();
    for (const group of names) {
      if (seen.has(group.name)) {
        return reportInString(
          ctx,
          argument,
          string,
          group.from,
          group.to,
          'logql/invalid-parser-argument',
          `invalid regexp parser: duplicate extracted label name '${group.name}'`,
        );
      }
      seen.add(group.name);
    }
  } else if (childByName(node, 'Pattern')) {
    const problem = patternProblem(string.value, 'parser');
    if (problem)
      reportInString(
        ctx,
        argument,
        string,
        problem.from,
        problem.to,
        'logql/invalid-pattern',
        `invalid pattern parser: ${problem.message}`,
      );
  }
}

/** The `label="expression"` arguments of `| json …` and `| logfmt …` (log/parser.go builds them). */
function checkExtractionExpressions(
  node: SyntaxNode,
  ctx: CheckContext,
  expressionProblem: (expression: string) => ArgumentProblem | undefined,
): void {
  node.cursor().iterate((ref) => {
    if (ref.name !== 'LabelExtractionExpression') return undefined;
    const path = childByName(ref.node, 'String');
    if (path) {
      const string = stringOf(ctx, path);
      const problem = expressionProblem(string.value);
      if (problem) reportInString(ctx, path, string, problem.from, problem.to, 'logql/invalid-parser-argument', problem.message);
    }
    return false;
  });
}

function checkLineFormat(node: SyntaxNode, ctx: CheckContext): void {
  const template = childByName(node, 'String');
  if (!template) return;
  const string = stringOf(ctx, template);
  const error = lokiTemplateError(string.value);
  if (error)
    reportInString(ctx, template, string, error.from, error.to, 'logql/invalid-template', `invalid line template: ${error.message}`);
}

/** `label_format`: each label once, never `__error__`, templates that parse (log/fmt.go validate). */
function checkLabelFormat(node: SyntaxNode, ctx: CheckContext): void {
  const seen = new Set<string>();
  node.cursor().iterate((ref) => {
    if (ref.name !== 'LabelFormatMatcher') return undefined;
    const [target, , source] = childrenByName(ref.node, 'Identifier', 'Eq', 'String');
    if (!target) return false;
    const name = nodeText(ctx.text, target);
    if (name === '__error__') report(ctx, target.from, target.to, 'logql/invalid-label-format', '__error__ cannot be formatted');
    else if (seen.has(name))
      report(
        ctx,
        target.from,
        target.to,
        'logql/invalid-label-format',
        `multiple label name '${name}' not allowed in a single format operation`,
      );
    seen.add(name);
    if (source?.name === 'String') {
      const string = stringOf(ctx, source);
      const error = lokiTemplateError(string.value);
      if (error)
        reportInString(
          ctx,
          source,
          string,
          error.from,
          error.to,
          'logql/invalid-template',
          `invalid template for label '${name}': ${error.message}`,
        );
    }
    return false;
  });
}
