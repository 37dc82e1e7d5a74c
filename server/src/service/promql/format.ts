import type { SyntaxNode, Tree } from '@lezer/common';
import { parsePromQL } from './parse';
import { childByName, childNodes, childrenByName, exprChildren, isExpr, topExpr, treeHasErrors } from './tree';

/**
 * Formats PromQL the way Prometheus' own formatter lays it out (the web UI's "Format
 * expression", `promtool promql format`), so a formatted rule reads the same in both:
 *
 * - an expression that fits in 100 characters (indentation not counted) stays on one line,
 *   with canonical spacing (`sum by (job) (rate(x[5m]))`, `a / on (job) b`, `{a="b", c="d"}`);
 * - a longer one is split at its outermost node: a binary operation puts the operator on its
 *   own line between its operands, indented one level deeper; aggregations, function calls
 *   and parentheses put each argument on its own line, one level deeper.
 *
 * Unlike Prometheus' formatter it keeps what the author wrote where the meaning is the same
 * either way: number, duration and string literals as written (`1e3`, `90s`, single quotes),
 * the case of keywords, `{}` after a metric name, `group_left` without labels. It moves
 * `by (…)`/`without (…)` in front of the aggregation's arguments, as Prometheus does.
 *
 * Comments before and after the expression are kept on their own lines; an expression with a
 * comment inside is left as written, since no layout can promise to keep the comment where it
 * explains something. So is one with syntax errors. Written here because no library formats
 * lezer-promql trees (Prometheus' formatter is Go, and its web UI asks the server).
 */

export const promqlLineWidth = 100;
const indentUnit = '  ';

export type FormatResult = { formatted: string } | { unformatted: string };

/** Longer texts are left as written: no rule is this long, and layout cost grows with size × depth. */
const maxFormattedLength = 50_000;

/**
 * Runs a formatter within the limits both query languages share; `noun` names the text in the
 * reasons ("expression", "query").
 */
export function formatWithinLimits(text: string, noun: string, format: (text: string) => FormatResult): FormatResult {
  if (text.length > maxFormattedLength) return { unformatted: `the ${noun} is longer than ${maxFormattedLength} characters` };
  try {
    return format(text);
  } catch (error) {
    // Layouts recurse over the tree: absurd nesting (thousands of levels) exhausts the stack.
    if (error instanceof RangeError) return { unformatted: `the ${noun} is nested too deeply` };
    throw error;
  }
}

export function formatPromQL(text: string, width = promqlLineWidth): FormatResult {
  return formatWithinLimits(text, 'expression', (source) => format(source, width));
}

function format(text: string, width: number): FormatResult {
  const tree = parsePromQL(text);
  const top = topExpr(tree);
  if (!top && text.replace(/#.*/g, '').trim() === '') return { unformatted: 'there is no expression to format' };
  if (!top || treeHasErrors(tree)) return { unformatted: 'the expression has syntax errors' };
  const comments = lineComments(tree, text);
  if (comments.some((comment) => comment.from > top.from && comment.from < top.to)) {
    return { unformatted: 'a comment inside the expression would lose its place' };
  }
  const layout = new Layout(text, width);
  const body = layout.pretty(top, 0);
  const before = comments.filter((comment) => comment.from < top.from).map((comment) => comment.text);
  const after = comments.filter((comment) => comment.from >= top.to).map((comment) => comment.text);
  const formatted = [...before, body, ...after].join('\n');
  // The layout only moves whitespace (and `by (…)`): the result must read back as the same
  // expression. Checked every time, so a formatter bug can never change what a rule means.
  const rereadTree = parsePromQL(formatted);
  const reread = topExpr(rereadTree);
  if (!reread || treeHasErrors(rereadTree) || new Layout(formatted, width).flat(reread) !== layout.flat(top)) {
    return { unformatted: 'Alertsmith could not format this expression without changing it' };
  }
  return { formatted };
}

interface Comment {
  from: number;
  text: string;
}

function lineComments(tree: Tree, text: string): Comment[] {
  const comments: Comment[] = [];
  tree.iterate({
    enter(ref) {
      if (ref.name === 'LineComment') comments.push({ from: ref.from, text: text.slice(ref.from, ref.to).trimEnd() });
    },
  });
  return comments;
}

/** Nodes that print their only operand followed by a modifier (`offset 5m`, `@ end()`, `smoothed`). */
const modifierNodes = new Set(['OffsetExpr', 'StepInvariantExpr', 'SmoothedExpr', 'AnchoredExpr']);

class Layout {
  constructor(
    private readonly source: string,
    private readonly width: number,
  ) {}

  /** The node on one line, spaced canonically. */
  flat(node: SyntaxNode): string {
    switch (node.name) {
      case 'ParenExpr':
        return `(${this.flatChildren(node)[0] ?? ''})`;
      case 'BinaryExpr': {
        const [lhs, rhs] = this.flatChildren(node);
        return `${lhs} ${this.operator(node)} ${rhs}`;
      }
      case 'AggregateExpr':
        return `${this.aggregateHead(node)}(${this.flatArguments(node).join(', ')})`;
      case 'FunctionCall':
        return `${this.text(childByName(node, 'FunctionIdentifier'))}(${this.flatArguments(node).join(', ')})`;
      case 'UnaryExpr':
        return `${this.text(childByName(node, 'UnaryOp'))}${this.flatChildren(node)[0] ?? ''}`;
      case 'MatrixSelector':
      case 'SubqueryExpr':
        return `${this.flatChildren(node)[0] ?? ''}${this.rangeSuffix(node)}`;
      case 'VectorSelector':
        return this.vectorSelector(node);
      case 'NumberDurationLiteral':
        // lezer reads a sign and the number as one token: `- 2` is `-2`.
        return this.text(node).replace(/\s+/g, '');
      case 'StringLiteral':
        return this.text(node);
      default:
        if (modifierNodes.has(node.name)) return `${this.flatChildren(node)[0] ?? ''} ${this.modifier(node)}`;
        return collapseSpaces(this.text(node));
    }
  }

  /** The node laid out at `level`, split over lines where one line would exceed the width. */
  pretty(node: SyntaxNode, level: number): string {
    const indent = indentUnit.repeat(level);
    const flat = this.flat(node);
    if (flat.length <= this.width) return indent + flat;
    const [first, second] = exprChildren(node);
    switch (node.name) {
      case 'BinaryExpr':
        return `${this.pretty(first, level + 1)}\n${indent}${this.operator(node)}\n${this.pretty(second, level + 1)}`;
      case 'AggregateExpr':
        return `${indent}${this.aggregateHead(node)}(\n${this.prettyArguments(node, level + 1)}\n${indent})`;
      case 'FunctionCall':
        return `${indent}${this.text(childByName(node, 'FunctionIdentifier'))}(\n${this.prettyArguments(node, level + 1)}\n${indent})`;
      case 'ParenExpr':
        return `${indent}(\n${this.pretty(first, level + 1)}\n${indent})`;
      case 'UnaryExpr':
        return `${indent}${this.text(childByName(node, 'UnaryOp'))}${this.pretty(first, level).trimStart()}`;
      case 'MatrixSelector':
      case 'SubqueryExpr':
        return `${this.pretty(first, level)}${this.rangeSuffix(node)}`;
      default:
        if (modifierNodes.has(node.name)) return `${this.pretty(first, level)} ${this.modifier(node)}`;
        return indent + flat;
    }
  }

  private flatChildren(node: SyntaxNode): string[] {
    return exprChildren(node).map((child) => this.flat(child));
  }

  private callArguments(node: SyntaxNode): SyntaxNode[] {
    const body = childByName(node, 'FunctionCallBody');
    return body ? exprChildren(body) : [];
  }

  private flatArguments(node: SyntaxNode): string[] {
    return this.callArguments(node).map((argument) => this.flat(argument));
  }

  private prettyArguments(node: SyntaxNode, level: number): string {
    return this.callArguments(node)
      .map((argument) => this.pretty(argument, level))
      .join(',\n');
  }

  /** `sum`, or `sum by (job) ` with the grouping moved in front of the arguments. */
  private aggregateHead(node: SyntaxNode): string {
    const name = this.text(childByName(node, 'AggregateOp'));
    const modifier = childByName(node, 'AggregateModifier');
    if (!modifier) return name;
    const keyword = this.text(childByName(modifier, 'By', 'Without'));
    return `${name} ${keyword} ${this.groupingLabels(childByName(modifier, 'GroupingLabels')) ?? '()'} `;
  }

  /** The operator of a binary expression with `bool` and its matching clause. */
  private operator(node: SyntaxNode): string {
    return childNodes(node)
      .filter((child) => !isExpr(child))
      .map((child) =>
        child.name === 'BoolModifier'
          ? collapseSpaces(this.text(child))
          : child.name === 'MatchingModifierClause'
            ? this.matching(child)
            : this.text(child),
      )
      .join(' ');
  }

  /** `on (a, b) group_left (c)`: each keyword with its label list, if one is written. */
  private matching(clause: SyntaxNode): string {
    return childNodes(clause)
      .map((child) => (child.name === 'GroupingLabels' ? (this.groupingLabels(child) ?? '()') : this.text(child)))
      .join(' ');
  }

  private groupingLabels(node: SyntaxNode | null): string | undefined {
    if (!node) return undefined;
    return `(${childNodes(node)
      .map((child) => this.text(child))
      .join(', ')})`;
  }

  private vectorSelector(node: SyntaxNode): string {
    const name = childByName(node, 'Identifier');
    const matchers = childByName(node, 'LabelMatchers');
    if (!matchers) return this.text(name);
    const written = childNodes(matchers).map((matcher) => collapseSpaces(this.text(matcher), ''));
    return `${this.text(name)}{${written.join(', ')}}`;
  }

  /** `[5m]`, `[1h:1m]` or `[1h:]`. */
  private rangeSuffix(node: SyntaxNode): string {
    const [range, step] = childrenByName(node, 'DurationExpr').map((duration) => collapseSpaces(this.text(duration)));
    return node.name === 'SubqueryExpr' ? `[${range ?? ''}:${step ?? ''}]` : `[${range ?? ''}]`;
  }

  /** What follows the operand of an `offset`, `@`, `smoothed` or `anchored` node. */
  private modifier(node: SyntaxNode): string {
    const operand = exprChildren(node)[0];
    const keyword = operand?.nextSibling;
    if (!operand || !keyword) return collapseSpaces(this.source.slice(operand?.to ?? node.from, node.to).trim());
    const rest = collapseSpaces(this.source.slice(keyword.to, node.to).trim());
    return rest ? `${this.text(keyword)} ${rest}` : this.text(keyword);
  }

  private text(node: SyntaxNode | null): string {
    return node ? this.source.slice(node.from, node.to) : '';
  }
}

/** Runs of whitespace outside string literals become `space`. */
function collapseSpaces(text: string, space = ' '): string {
  let out = '';
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quote) {
      out += char;
      if (char === '\\' && quote !== '`' && i + 1 < text.length) out += text[++i];
      else if (char === quote) quote = undefined;
    } else if (/\s/.test(char)) {
      while (i + 1 < text.length && /\s/.test(text[i + 1])) i++;
      out += space;
    } else {
      if (char === '"' || char === "'" || char === '`') quote = char;
      out += char;
    }
  }
  return out;
}
