import type { SyntaxNode, Tree } from '@lezer/common';
import { childNodes } from '../promql/tree';
import { formatWithinLimits, type FormatResult } from '../promql/format';
import { lexLogQL, type Token } from './lex';
import { parseWithRepairs } from './parse';
import { validateLogQL } from './validate';

/**
 * LogQL formatting in the layout of Loki's own formatter (pkg/logql/syntax/prettier.go): a query
 * that fits in `width` characters stays on one line, spaced canonically; a longer one breaks
 * at its outermost node, one indentation level (two spaces) deeper per level — the operands of
 * a binary operation around their operator, the arguments of an aggregation between its
 * parentheses, and a log query's pipeline one stage (and one line filter) per line.
 *
 * Written here: Loki's formatter is Go and prints its own AST, and we found no npm package that
 * formats LogQL. This one only changes the white space between tokens — every token keeps its
 * text and its place (`by (…)` stays where it was written) — and a result whose tokens or
 * comments differ from the query's is never returned. Comments inside a query split the nodes
 * around them and stay next to the stage, argument or operand they follow or precede
 * (withComments); Loki's formatter drops them.
 */
export const logqlLineWidth = 100;
const indentUnit = '  ';
export function formatLogQL(text: string, width = logqlLineWidth): FormatResult {
  return formatWithinLimits(text, 'query', (source) => format(source, width));
}

function format(text: string, width: number): FormatResult {
  const lex = lexLogQL(text);
  if (lex.tokens.length === 0) return { unformatted: 'there is no query to format' };
  const first = lex.tokens[0].from;
  const last = lex.tokens[lex.tokens.length - 1].to;
  const inside = lex.comments.filter((comment) => comment.from > first && comment.from < last);
  // A repaired parse (parse.ts: syntax the grammar lags Loki in) has the query's offsets; where
  // it blanked a token no node holds it, and the token check below refuses the result.
  const { tree, clean } = parseWithRepairs(text, lex);
  if (!clean || validateLogQL(text, { context: 'query' }).problems.some((p) => p.code === 'logql/syntax-error')) {
    return { unformatted: 'the query has syntax errors' };
  }
  const top = queryNode(tree);
  if (!top) return { unformatted: 'there is no query to format' };
  const layout = new Layout(text, lex.tokens, tree, width, inside);
  const comment = (c: { from: number; to: number }) => text.slice(c.from, c.to).trimEnd();
  const body = withComments(layout.pretty(top, 0), inside, text, lex.tokens, comment);
  if (body === undefined) return { unformatted: 'a comment inside a selector, a stage or a range would lose its place' };
  const before = lex.comments.filter((c) => c.from < first).map(comment);
  const after = lex.comments.filter((c) => c.from >= last).map(comment);
  const formatted = [...before, body, ...after].join('\n');
  // Only white space may change: the tokens must read back the same, in the same order, and
  // so must the comments.
  const rereadLex = lexLogQL(formatted);
  const original = lex.tokens.map((t) => text.slice(t.from, t.to));
  const reread = rereadLex.tokens.map((t) => formatted.slice(t.from, t.to));
  const commentsOf = (source: string, comments: readonly { from: number; to: number }[]) =>
    comments.map((c) => source.slice(c.from, c.to).trimEnd()).join('\n');
  if (
    reread.length !== original.length ||
    reread.some((token, i) => token !== original[i]) ||
    commentsOf(formatted, rereadLex.comments) !== commentsOf(text, lex.comments) ||
    !parseWithRepairs(formatted, rereadLex).clean
  ) {
    return { unformatted: 'Alertsmith could not format this query without changing it' };
  }
  return { formatted };
}

/**
 * The laid-out lines with the comments inside the query put back: one the source has at the
 * end of a token's line goes at the end of the line that token ends, one on a line of its own
 * on a line before the line its next token begins. Nodes holding a comment are laid out split
 * (Layout.pretty), so these are usually line ends; undefined when a comment's tokens share a
 * line (a comment inside a selector or a stage).
 */
function withComments(
  lines: readonly string[],
  comments: readonly { from: number; to: number }[],
  source: string,
  tokens: readonly Token[],
  commentText: (comment: { from: number; to: number }) => string,
): string | undefined {
  if (comments.length === 0) return lines.join('\n');
  // The lines hold the query's tokens in order: the i-th token laid out is the source's i-th.
  const laidOut = lines.join('\n');
  const laidOutTokens = lexLogQL(laidOut).tokens;
  if (laidOutTokens.length !== tokens.length) return undefined;
  const lineStarts = [0];
  for (const line of lines) lineStarts.push(lineStarts[lineStarts.length - 1] + line.length + 1);
  const lineOf = (offset: number) => {
    let line = 0;
    while (lineStarts[line + 1] <= offset) line++;
    return line;
  };
  const trailing = lines.map(() => '');
  const leading = lines.map((): string[] => []);
  for (const comment of comments) {
    const next = tokens.findIndex((token) => token.from >= comment.to);
    if (next <= 0) return undefined;
    const previousLine = lineOf(laidOutTokens[next - 1].from);
    const nextLine = lineOf(laidOutTokens[next].from);
    if (previousLine === nextLine) return undefined;
    const ownLine =
      source.slice(tokens[next - 1].to, comment.from).includes('\n') || trailing[previousLine] !== '' || leading[nextLine].length > 0;
    if (ownLine) leading[nextLine].push(/^ */.exec(lines[nextLine])![0] + commentText(comment));
    else trailing[previousLine] = ` ${commentText(comment)}`;
  }
  return lines.flatMap((line, i) => [...leading[i], line + trailing[i]]).join('\n');
}

/** The query's node below the wrappers (`LogQL`, `Expr`); comments are the top node's other children. */
function queryNode(tree: Tree): SyntaxNode | null {
  const expr = tree.topNode.getChild('Expr');
  return expr ? unwrap(expr) : null;
}

/** A node without the wrappers lezer puts around it (`Expr`, `MetricExpr`, `LogExpr` spanning one child). */
function unwrap(node: SyntaxNode): SyntaxNode {
  let current = node;
  for (
    let child = current.firstChild;
    child && !child.nextSibling && child.from === current.from && child.to === current.to;
    child = current.firstChild
  ) {
    current = child;
  }
  return current;
}

/** Words before `(` that are no call: a grouping's or a matching clause's label list follows. */
const keywordsBeforeParen = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'and', 'or', 'unless', 'bool']);
/** Where `=`, `!=`, `=~`, `!~` bind a name to a value, written without spaces as in Loki's docs. */
const bindingNodes = new Set(['Matcher', 'LabelFormatMatcher', 'LabelExtractionExpression']);

class Layout {
  constructor(
    private readonly source: string,
    private readonly tokens: readonly Token[],
    private readonly tree: Tree,
    private readonly width: number,
    /** Comments inside the query: a node holding one is split, as a long one is. */
    private readonly comments: readonly { from: number }[] = [],
  ) {}

  /** The node's lines at `level`: one line when it fits (and holds no comment), else broken as its kind is. */
  pretty(node: SyntaxNode, level: number): string[] {
    const indent = indentUnit.repeat(level);
    const flat = this.flat(node.from, node.to);
    const holdsComment = this.comments.some((comment) => comment.from > node.from && comment.from < node.to);
    if (indent.length + flat.length <= this.width && !holdsComment) return [indent + flat];
    switch (node.name) {
      case 'BinOpExpr':
        return this.binary(node, level);
      case 'VectorAggregationExpr':
      case 'RangeAggregationExpr':
      case 'LabelReplaceExpr':
        return this.call(node, level);
      case 'LogRangeExpr':
        return this.logRange(node, level);
      case 'LogExpr':
        return this.logQuery(node, level);
      case 'MetricExpr':
        return this.parenthesised(node, level);
      default:
        return [indent + flat];
    }
  }

  /**
   * The operands of a chain of binary operations one level deeper, each operator (with `bool`,
   * `on (…)`, `group_left (…)`) on a line of its own between them. The chain is laid out flat:
   * lezer-logql nests it without Loki's precedences (`a / b > 1` as `a / (b > 1)`), and an
   * indentation that followed its tree would tell a reader the wrong grouping.
   */
  private binary(node: SyntaxNode, level: number): string[] {
    const operands: SyntaxNode[] = [];
    const collect = (current: SyntaxNode) => {
      const children = childNodes(current).filter((child) => child.name !== 'LineComment');
      const lhs = children[0];
      const rhs = children[children.length - 1];
      if (!lhs || !rhs || lhs === rhs) return operands.push(current);
      for (const side of [lhs, rhs]) {
        const operand = unwrap(side);
        if (operand.name === 'BinOpExpr') collect(operand);
        else operands.push(operand);
      }
    };
    collect(node);
    const lines: string[] = [];
    operands.forEach((operand, i) => {
      if (i > 0) lines.push(indentUnit.repeat(level) + this.flat(operands[i - 1].to, operand.from));
      lines.push(...this.pretty(operand, level + 1));
    });
    return lines;
  }

  /** `name(` (with a grouping written before it), each argument on its own lines, then `)` and what follows. */
  private call(node: SyntaxNode, level: number): string[] {
    const indent = indentUnit.repeat(level);
    const grouping = node.getChild('Grouping');
    let open = this.firstArgumentParen(node, node.from);
    if (grouping && open >= 0 && this.tokens[open].from >= grouping.from && this.tokens[open].to <= grouping.to) {
      open = this.firstArgumentParen(node, grouping.to);
    }
    const close = this.closingParen(open);
    if (open < 0 || close < 0) return [indent + this.flat(node.from, node.to)];
    const openToken = this.tokens[open];
    const closeToken = this.tokens[close];
    const args: SyntaxNode[] = [];
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.from >= openToken.to && child.to <= closeToken.from && child.name !== 'LineComment') args.push(child);
    }
    const lines = [indent + this.flat(node.from, openToken.to)];
    args.forEach((argument, i) => {
      const argumentLines = this.pretty(unwrap(argument), level + 1);
      if (i < args.length - 1) argumentLines[argumentLines.length - 1] += ',';
      // Tokens no node holds (an `offset` parse.ts masked for the grammar) stay with the last argument.
      else if (argument.to < closeToken.from && this.flat(argument.to, closeToken.from) !== '') {
        argumentLines[argumentLines.length - 1] +=
          this.separator(this.tokenEndingAt(argument.to), this.tokenStartingAt(argument.to)) + this.flat(argument.to, closeToken.from);
      }
      lines.push(...argumentLines);
    });
    lines.push(indent + this.flat(closeToken.from, node.to));
    return lines;
  }

  /** `{…}` and its pipeline, each stage on a line one level deeper (a log query). */
  private logQuery(node: SyntaxNode, level: number): string[] {
    return this.logLines(node, level) ?? [indentUnit.repeat(level) + this.flat(node.from, node.to)];
  }

  /** A log query with its range: the pipeline and `| unwrap …` stage by stage; `[5m]` (and `offset`) joins the line before it. */
  private logRange(node: SyntaxNode, level: number): string[] {
    return this.logLines(node, level) ?? [indentUnit.repeat(level) + this.flat(node.from, node.to)];
  }

  /**
   * The selector on the first line, each stage and `| unwrap` part on a line one level deeper,
   * the range where it is written (Loki takes `{…}[5m] | json` as well as `{…} | json [5m]`),
   * on the line before it. Undefined for a parenthesised query, kept on one line.
   */
  private logLines(node: SyntaxNode, level: number): string[] | undefined {
    const selector = node.getChild('Selector');
    if (!selector || this.hasOwnParens(node)) return undefined;
    const starts = [{ from: selector.from, newLine: true }];
    const pipeline = node.getChild('PipelineExpr');
    if (pipeline) for (const stage of this.stages(pipeline)) starts.push({ from: stage.from, newLine: true });
    const unwrapExpr = node.getChild('UnwrapExpr');
    if (unwrapExpr) for (const from of this.unwrapStarts(unwrapExpr)) starts.push({ from, newLine: true });
    const range = node.getChild('Range');
    if (range) starts.push({ from: range.from, newLine: false });
    starts.sort((a, b) => a.from - b.from);
    const lines: string[] = [];
    starts.forEach((start, i) => {
      const segment = this.flat(start.from, starts[i + 1]?.from ?? node.to);
      if (start.newLine || lines.length === 0) lines.push(indentUnit.repeat(i === 0 ? level : level + 1) + segment);
      else lines[lines.length - 1] += this.separator(this.tokenEndingAt(start.from), this.tokenStartingAt(start.from)) + segment;
    });
    return lines;
  }

  /** The pipeline's stages, a line filter of a chain (`|= "a" != "b"`) each on its own. */
  private stages(pipeline: SyntaxNode): SyntaxNode[] {
    const stages: SyntaxNode[] = [];
    const collect = (node: SyntaxNode) => {
      for (let child = node.firstChild; child; child = child.nextSibling) {
        if (child.name === 'PipelineExpr' || child.name === 'LineFilters') collect(child);
        else if (child.name === 'PipelineStage' && child.firstChild?.name === 'LineFilters') collect(child.firstChild);
        else if (child.name !== 'LineComment') stages.push(child);
      }
    };
    collect(pipeline);
    return stages;
  }

  /** Where `| unwrap x` and each `| filter` after it begin. */
  private unwrapStarts(node: SyntaxNode): number[] {
    const inner = node.getChild('UnwrapExpr');
    if (!inner) return [node.from];
    return [...this.unwrapStarts(inner), this.tokenStartingAt(inner.to)?.from ?? inner.to];
  }

  /** `( … )` around a metric query: the inside one level deeper. */
  private parenthesised(node: SyntaxNode, level: number): string[] {
    const inner = node.getChild('MetricExpr');
    const indent = indentUnit.repeat(level);
    if (!inner || this.source[node.from] !== '(' || this.source[node.to - 1] !== ')') return [indent + this.flat(node.from, node.to)];
    return [indent + '(', ...this.pretty(unwrap(inner), level + 1), indent + ')'];
  }

  /** A grouping's parentheses come first when it is written before the arguments (`sum by (a) (…)`). */
  private firstArgumentParen(node: SyntaxNode, from: number): number {
    return this.tokens.findIndex((t) => t.kind === '(' && t.from >= from && t.to <= node.to);
  }

  private closingParen(open: number): number {
    if (open < 0) return -1;
    for (let i = open, depth = 0; i < this.tokens.length; i++) {
      if (this.tokens[i].kind === '(') depth++;
      else if (this.tokens[i].kind === ')' && --depth === 0) return i;
    }
    return -1;
  }

  /** Parentheses of the node's own (`({…} | json)[5m]`): such a node stays on one line. */
  private hasOwnParens(node: SyntaxNode): boolean {
    return this.source[node.from] === '(';
  }

  private tokenStartingAt(offset: number): Token | undefined {
    return this.tokens[this.firstTokenFrom(offset)];
  }

  private tokenEndingAt(offset: number): Token | undefined {
    for (let i = this.tokens.length - 1; i >= 0; i--) if (this.tokens[i].to <= offset) return this.tokens[i];
    return undefined;
  }

  /** The tokens in [from, to) on one line, spaced canonically. */
  flat(from: number, to: number): string {
    let out = '';
    let previous: Token | undefined;
    for (let i = this.firstTokenFrom(from); i < this.tokens.length && this.tokens[i].to <= to; i++) {
      const token = this.tokens[i];
      if (previous) out += this.separator(previous, token);
      out += this.source.slice(token.from, token.to);
      previous = token;
    }
    return out;
  }

  /** The index of the first token starting at or after `offset` (tokens are in order; long pipelines ask often). */
  private firstTokenFrom(offset: number): number {
    let low = 0;
    let high = this.tokens.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.tokens[middle].from < offset) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** The space between two neighbouring tokens: none where LogQL is written tight, one elsewhere. */
  separator(a: Token | undefined, b: Token | undefined): string {
    if (!a || !b) return '';
    const text = (t: Token) => this.source.slice(t.from, t.to);
    if (b.kind === ',' || b.kind === '}' || b.kind === ')' || b.kind === ']') return '';
    if (a.kind === '{' || a.kind === '(' || a.kind === '[') return '';
    if (a.kind === ',') return ' ';
    // `{…}[5m]` and `({…} | json)[5m]` are written tight; after a pipeline stage comes a space.
    if (b.kind === '[') return a.kind === '}' || (a.kind === ')' && this.closesLogQuery(a)) ? '' : ' ';
    if (b.kind === '(') return a.kind === 'identifier' && !keywordsBeforeParen.has(text(a).toLowerCase()) ? '' : ' ';
    if (a.kind === 'operator' && a.inBraces) return '';
    if (b.kind === 'operator' && b.inBraces) return '';
    if ((a.kind === 'operator' && this.binds(a)) || (b.kind === 'operator' && this.binds(b))) return '';
    // A sign written against its number (`-1`, `> -5m`) stays there.
    if (a.kind === 'operator' && /^[+-]$/.test(text(a)) && b.from === a.to && this.isSign(a)) return '';
    return ' ';
  }

  /** Whether a `)` closes a parenthesised log query (`({…} | json)`), not a call such as `duration(x)`. */
  private closesLogQuery(close: Token): boolean {
    for (let i = this.tokens.indexOf(close), depth = 0; i >= 0; i--) {
      if (this.tokens[i].kind === ')') depth++;
      else if (this.tokens[i].kind === '(' && --depth === 0) return this.tokens[i + 1]?.kind === '{' || this.tokens[i + 1]?.kind === '(';
    }
    return false;
  }

  /** `=`, `!=`, `=~`, `!~` binding a name to a value in a label filter, `label_format` or `json`/`logfmt` argument. */
  private binds(operator: Token): boolean {
    const node = this.tree.resolveInner(operator.from, 1);
    return !!node.parent && bindingNodes.has(node.parent.name);
  }

  /** A `+`/`-` after another operator, `(`, `,` or nothing: a sign, not an operation. */
  private isSign(operator: Token): boolean {
    const index = this.tokens.indexOf(operator);
    const before = this.tokens[index - 1];
    if (!before) return true;
    if (before.kind === 'operator' || before.kind === '(' || before.kind === ',') return true;
    return before.kind === 'identifier' && ['bool', 'offset'].includes(this.source.slice(before.from, before.to).toLowerCase());
  }
}
