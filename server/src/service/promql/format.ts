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
 * Comments are kept where they explain something: before and after the expression on their own
 * lines, and inside it next to the operand, operator or argument they follow (at the end of its
 * line) or precede (on the line before), which splits the nodes around them as a long line would.
 * Prometheus' formatter drops them. An expression with a comment elsewhere (inside a selector, a
 * grouping, a range or a modifier) is left as written, as is one with syntax errors. Written
 * here because no library formats lezer-promql trees (Prometheus' formatter is Go, and its web
 * UI asks the server).
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
  const inside = comments.filter((comment) => comment.from > top.from && comment.from < top.to);
  const layout = new Layout(text, width, inside);
  const body = layout.pretty(top, 0);
  if (layout.placed.size !== inside.length) {
    return { unformatted: 'a comment inside a selector, grouping, range or modifier would lose its place' };
  }
  const before = comments.filter((comment) => comment.from < top.from).map((comment) => comment.text);
  const after = comments.filter((comment) => comment.from >= top.to).map((comment) => comment.text);
  const formatted = [...before, body, ...after].join('\n');
  // The layout only moves whitespace (and `by (…)`): the result must read back as the same
  // expression, with the same comments in the same order. Checked every time, so a formatter
  // bug can never change what a rule means.
  const rereadTree = parsePromQL(formatted);
  const reread = topExpr(rereadTree);
  const sameComments = (tree: Tree, source: string) => lineComments(tree, source).map((comment) => comment.text);
  if (
    !reread ||
    treeHasErrors(rereadTree) ||
    new Layout(formatted, width, []).flat(reread) !== layout.flat(top) ||
    sameComments(rereadTree, formatted).join('\n') !== sameComments(tree, text).join('\n')
  ) {
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

/**
 * One piece of a split node's layout, its lines as laid out and the source span it stands for;
 * the comments written between two pieces go with them (see Layout.joinPieces).
 */
interface Piece {
  text: string;
  from: number;
  to: number;
  /** Indentation of the piece's first line, for a comment placed on a line before it. */
  indent: string;
  /** Printed after the piece and before a comment at the end of its line (`,` between arguments). */
  separator?: string;
  /** The next piece follows on the same line, unless a comment comes between them. */
  glued?: boolean;
}

/** Nodes that print their only operand followed by a modifier (`offset 5m`, `@ end()`, `smoothed`). */
const modifierNodes = new Set(['OffsetExpr', 'StepInvariantExpr', 'SmoothedExpr', 'AnchoredExpr']);

class Layout {
  /** The comments inside the expression that the layout has put somewhere. */
  readonly placed = new Set<Comment>();

  constructor(
    private readonly source: string,
    private readonly width: number,
    /** Comments inside the expression, in source order. */
    private readonly comments: readonly Comment[],
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
    // A comment runs to the end of its line: a node holding one is split like a long one.
    if (flat.length <= this.width && !this.comments.some((comment) => comment.from > node.from && comment.from < node.to)) {
      return indent + flat;
    }
    const [first, second] = exprChildren(node);
    switch (node.name) {
      case 'BinaryExpr': {
        const operatorTokens = childNodes(node).filter((child) => !isExpr(child) && child.name !== 'LineComment');
        const operatorFrom = operatorTokens[0]?.from ?? first.to;
        const operatorTo = operatorTokens[operatorTokens.length - 1]?.to ?? second.from;
        // Short enough for one line, split only for comments inside the operands: the operator
        // stays between them, as in `sum(\n  x # why\n) > 1`.
        const commentAroundOperator = this.comments.some((comment) => comment.from > first.to && comment.from < second.from);
        if (flat.length <= this.width && !commentAroundOperator) {
          return `${this.pretty(first, level)} ${this.operator(node)} ${this.pretty(second, level).trimStart()}`;
        }
        // Short enough, split for a comment around the operator: the operator begins the line
        // of the right operand, at the same level (`a # why\n/ b`).
        if (flat.length <= this.width) {
          return this.joinPieces([
            this.piece(first, level),
            { text: indent + this.operator(node), from: operatorFrom, to: operatorTo, indent, glued: true },
            this.piece(second, level),
          ]);
        }
        return this.joinPieces([
          this.piece(first, level + 1),
          { text: indent + this.operator(node), from: operatorFrom, to: operatorTo, indent },
          this.piece(second, level + 1),
        ]);
      }
      case 'AggregateExpr':
        return this.callLayout(node, `${indent}${this.aggregateHead(node)}(`, level);
      case 'FunctionCall':
        return this.callLayout(node, `${indent}${this.text(childByName(node, 'FunctionIdentifier'))}(`, level);
      case 'ParenExpr':
        return this.joinPieces([
          { text: `${indent}(`, from: node.from, to: node.from + 1, indent },
          this.piece(first, level + 1),
          { text: `${indent})`, from: node.to - 1, to: node.to, indent },
        ]);
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

  /** `head(`, each argument on its own line one level deeper, then `)` on a line of its own. */
  private callLayout(node: SyntaxNode, head: string, level: number): string {
    const indent = indentUnit.repeat(level);
    const body = childByName(node, 'FunctionCallBody');
    if (!body) return head + ')';
    const args = this.callArguments(node).map((argument) => this.piece(argument, level + 1));
    args.forEach((argument, i) => {
      if (i < args.length - 1) argument.separator = ',';
    });
    return this.joinPieces([
      { text: head, from: body.from, to: body.from + 1, indent },
      ...args,
      { text: `${indent})`, from: body.to - 1, to: body.to, indent },
    ]);
  }

  private piece(node: SyntaxNode, level: number): Piece {
    return { text: this.pretty(node, level), from: node.from, to: node.to, indent: indentUnit.repeat(level) };
  }

  /**
   * The pieces one per line, with the comments written between two of them: at the end of the
   * first one's line when the source has it on that line, else on a line of its own before the
   * next piece.
   */
  private joinPieces(pieces: readonly Piece[]): string {
    const lines: string[] = [];
    let glued: string | undefined;
    pieces.forEach((piece, i) => {
      let text = (glued === undefined ? piece.text : `${glued} ${piece.text.trimStart()}`) + (piece.separator ?? '');
      glued = undefined;
      const next = pieces[i + 1];
      if (!next) return lines.push(text);
      const between = this.comments.filter((comment) => comment.from >= piece.to && comment.from < next.from);
      if (piece.glued && between.length === 0) {
        glued = text;
        return;
      }
      const leading: string[] = [];
      for (const comment of between) {
        this.placed.add(comment);
        const sameLine = leading.length === 0 && !this.source.slice(piece.to, comment.from).includes('\n');
        if (sameLine) text += ` ${comment.text}`;
        else leading.push(next.indent + comment.text);
      }
      lines.push(text, ...leading);
    });
    return lines.join('\n');
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
      .filter((child) => !isExpr(child) && child.name !== 'LineComment')
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
