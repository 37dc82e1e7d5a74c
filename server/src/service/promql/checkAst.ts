import type { SyntaxNode, Tree } from '@lezer/common';
import { aggregationsByName } from '../catalog/aggregations';
import { functionsByName } from '../catalog/functions';
import type { ExprProblem, ValueType } from '../types';
import { checkBinaryExpr } from './checkBinary';
import { checkDurationExpr, checkOffsetDuration } from './checkDurations';
import { checkVectorSelector } from './checkSelectors';
import { literalValue } from './literals';
import { childByName, exprChildren, nodeText } from './tree';

/** More node types than any PromQL grammar has (lezer-promql: ~200). */
const nodeTypeLimit = 1024;

/** A value type, or `any` where an earlier problem makes the type unknowable (no cascades). */
export type Ty = ValueType | 'any';

export interface CheckContext {
  text: string;
  /** Offsets of function names the grammar does not know (masked before parsing) -> name. */
  unknownCalls: ReadonlyMap<number, string>;
  /** Calls masked because the grammar lacks them (grammarCompat.ts `callsTheGrammarLacks`), by offset. */
  lackedCalls?: ReadonlyMap<number, string>;
  experimentalFeaturesEnabled: boolean;
  problems: ExprProblem[];
  typeOf(node: SyntaxNode): Ty;
  report(from: number, to: number, code: string, message: string): void;
}

/** How Prometheus names value types in messages (DocumentedType in promql/parser/value.go). */
export function typeName(type: Ty): string {
  return type === 'vector' ? 'instant vector' : type === 'matrix' ? 'range vector' : type;
}

// Aggregations taking a parameter, in case the catalog is not loaded (promql/parser/lex.go).
const aggregationParams: Record<string, 'scalar' | 'string'> = {
  topk: 'scalar',
  bottomk: 'scalar',
  quantile: 'scalar',
  limitk: 'scalar',
  limit_ratio: 'scalar',
  count_values: 'string',
};
const experimentalAggregations = new Set(['limitk', 'limit_ratio']);

/**
 * Type-checks a parsed expression the way checkAST in Prometheus' parser does
 * (https://github.com/prometheus/prometheus/blob/main/promql/parser/parse.go), plus the
 * checks its grammar actions make (generated_parser.y: ranges, offsets, `@`, durations).
 * Walks the tree bottom-up without recursion, so deep input cannot overflow the stack.
 */
export function checkTree(tree: Tree, base: Omit<CheckContext, 'typeOf' | 'report'>): Ty | undefined {
  // A node is its (from, to, type): packed into one number while that stays exact, as string
  // keys cost more than the checks themselves on short queries.
  const width = base.text.length + 1;
  const packed = width * width * nodeTypeLimit <= Number.MAX_SAFE_INTEGER;
  const types = new Map<number | string, Ty>();
  const key = (n: { from: number; to: number; type: { id: number } }) =>
    packed && n.type.id < nodeTypeLimit ? (n.from * width + n.to) * nodeTypeLimit + n.type.id : `${n.from}:${n.to}:${n.type.id}`;
  const ctx: CheckContext = {
    ...base,
    typeOf: (node) => types.get(key(node)) ?? 'any',
    report: (from, to, code, message) => base.problems.push({ from, to, code, message }),
  };
  let top: Ty | undefined;
  tree.iterate({
    enter: () => undefined,
    leave(ref) {
      if (ref.type.isError || !ref.type.is('Expr')) return;
      const type = checkNode(ref.node, ctx);
      types.set(key(ref), type);
      if (ref.node.parent?.type.isTop) top = type;
    },
  });
  return top;
}

function checkNode(node: SyntaxNode, ctx: CheckContext): Ty {
  switch (node.name) {
    case 'NumberDurationLiteral':
      return 'scalar';
    case 'StringLiteral':
      return 'string';
    case 'VectorSelector':
      checkVectorSelector(node, ctx);
      return 'vector';
    case 'ParenExpr':
      return inner(node, ctx);
    case 'UnaryExpr': {
      const type = inner(node, ctx);
      if (type !== 'any' && type !== 'scalar' && type !== 'vector') {
        ctx.report(
          node.from,
          node.to,
          'promql/operand-type',
          `unary expression only allowed on expressions of type scalar or instant vector, got ${typeName(type)}`,
        );
        return 'any';
      }
      return type;
    }
    case 'BinaryExpr':
      return checkBinaryExpr(node, ctx);
    case 'FunctionCall':
      return checkCall(node, ctx);
    case 'AggregateExpr':
      return checkAggregation(node, ctx);
    case 'MatrixSelector':
      return checkMatrixSelector(node, ctx);
    case 'SubqueryExpr':
      return checkSubquery(node, ctx);
    case 'OffsetExpr':
    case 'StepInvariantExpr':
    case 'AnchoredExpr':
    case 'SmoothedExpr':
      return checkModifier(node, ctx);
    default:
      return 'any';
  }
}

function inner(node: SyntaxNode, ctx: CheckContext): Ty {
  const child = exprChildren(node)[0];
  return child ? ctx.typeOf(child) : 'any';
}

function expectType(arg: SyntaxNode, want: Ty, what: string, ctx: CheckContext, code = 'promql/wrong-argument-type'): void {
  const got = ctx.typeOf(arg);
  if (got === 'any' || got === want) return;
  let hint = '';
  if (want === 'matrix' && got === 'vector' && arg.name === 'VectorSelector') hint = `; add a range, e.g. ${nodeText(ctx.text, arg)}[5m]`;
  else if (want === 'matrix' && got === 'vector') hint = '; a subquery such as (…)[30m:1m] turns an expression into a range vector';
  ctx.report(arg.from, arg.to, code, `expected type ${typeName(want)} in ${what}, got ${typeName(got)}${hint}`);
}

function checkCall(node: SyntaxNode, ctx: CheckContext): Ty {
  const ident = childByName(node, 'FunctionIdentifier');
  const body = childByName(node, 'FunctionCallBody');
  if (!ident || !body) return 'any';
  const args = exprChildren(body);
  const unknown = ctx.unknownCalls.get(ident.from);
  const lacked = ctx.lackedCalls?.get(ident.from);
  const name = unknown ?? lacked ?? nodeText(ctx.text, ident);
  const identTo = ident.from + name.length;
  const spec = unknown === undefined ? functionsByName.get(name) : undefined;
  if (!spec) return 'any'; // validate.ts reports unknown names
  if (spec.experimental && !ctx.experimentalFeaturesEnabled) {
    const flag = spec.featureFlag ?? 'promql-experimental-functions';
    ctx.report(
      ident.from,
      identTo,
      'promql/experimental-function',
      `\`${name}\` is experimental: Prometheus needs --enable-feature=${flag}`,
    );
  }
  // Argument count, with FunctionSpec.variadic as in parse.go's checkAST.
  const nargs = spec.argTypes.length;
  let countError: string | undefined;
  if (spec.variadic === 0) {
    if (args.length !== nargs) countError = `expected ${nargs} argument(s) in call to "${name}", got ${args.length}`;
  } else if (nargs - 1 > args.length) {
    countError = `expected at least ${nargs - 1} argument(s) in call to "${name}", got ${args.length}`;
  } else if (spec.variadic > 0 && nargs - 1 + spec.variadic < args.length) {
    countError = `expected at most ${nargs - 1 + spec.variadic} argument(s) in call to "${name}", got ${args.length}`;
  }
  if (countError) {
    const max = spec.variadic === 0 ? nargs : spec.variadic < 0 ? Infinity : nargs - 1 + spec.variadic;
    const extra = args.slice(max);
    if (extra.length > 0) ctx.report(extra[0].from, extra[extra.length - 1].to, 'promql/wrong-argument-count', countError);
    else ctx.report(ident.from, identTo, 'promql/wrong-argument-count', countError);
  }
  if (name === 'info' && args.length > 1) checkInfoSelector(args[1], ctx);
  args.forEach((arg, i) => {
    if (i >= nargs && spec.variadic === 0) return;
    const want = spec.argTypes[Math.min(i, nargs - 1)];
    if (want) expectType(arg, want, `call to function "${name}"`, ctx);
  });
  return spec.returnType;
}

/** `info(v, {k8s_cluster_name=~".+"})`: the second argument selects data labels only. */
function checkInfoSelector(arg: SyntaxNode, ctx: CheckContext): void {
  if (arg.name !== 'VectorSelector') {
    if (ctx.typeOf(arg) === 'vector')
      ctx.report(arg.from, arg.to, 'promql/info-function', 'expected label selectors only as the second argument of "info"');
    return;
  }
  const name = childByName(arg, 'Identifier');
  if (name)
    ctx.report(
      name.from,
      name.to,
      'promql/info-function',
      'expected label selectors only, got vector selector instead (drop the metric name)',
    );
}

function checkAggregation(node: SyntaxNode, ctx: CheckContext): Ty {
  const opNode = childByName(node, 'AggregateOp');
  const body = childByName(node, 'FunctionCallBody');
  if (!opNode || !body) return 'vector';
  const op = nodeText(ctx.text, opNode).toLowerCase();
  const args = exprChildren(body);
  const spec = aggregationsByName.get(op);
  const paramType = spec ? spec.param?.type : aggregationParams[op];
  if ((spec ? spec.experimental : experimentalAggregations.has(op)) && !ctx.experimentalFeaturesEnabled) {
    const flag = spec?.featureFlag ?? 'promql-experimental-functions';
    ctx.report(
      opNode.from,
      opNode.to,
      'promql/experimental-function',
      `\`${op}\` is experimental: Prometheus needs --enable-feature=${flag}`,
    );
  }
  if (args.length === 0) {
    ctx.report(opNode.from, opNode.to, 'promql/wrong-argument-count', 'no arguments for aggregate expression provided');
    return 'vector';
  }
  const wanted = paramType ? 2 : 1;
  if (args.length !== wanted) {
    const message = `wrong number of arguments for aggregate expression provided, expected ${wanted}, got ${args.length}`;
    if (paramType && args.length === 1) {
      ctx.report(
        opNode.from,
        opNode.to,
        'promql/aggregation-parameter',
        `${message}: \`${op}\` needs a ${paramType} parameter first, e.g. ${op}(${paramType === 'string' ? '"label"' : op === 'quantile' ? '0.9' : '5'}, …)`,
      );
    } else if (!paramType && args.length === 2) {
      ctx.report(args[0].from, args[0].to, 'promql/aggregation-parameter', `${message}: \`${op}\` takes no parameter`);
    } else {
      ctx.report(args[wanted].from, args[args.length - 1].to, 'promql/wrong-argument-count', message);
    }
    return 'vector';
  }
  expectType(args[wanted - 1], 'vector', 'aggregation expression', ctx);
  if (paramType) expectType(args[0], paramType, 'aggregation parameter', ctx, 'promql/aggregation-parameter');
  return 'vector';
}

function checkMatrixSelector(node: SyntaxNode, ctx: CheckContext): Ty {
  const target = exprChildren(node)[0];
  const duration = childByName(node, 'DurationExpr');
  const open = target ? target.to : node.from;
  if (target?.name === 'UnaryExpr' && exprChildren(target)[0]?.name === 'VectorSelector') {
    // `-foo[5m]` is -(foo[5m]) in Prometheus; the grammar here binds the sign first.
    ctx.report(
      node.from,
      node.to,
      'promql/operand-type',
      'unary expression only allowed on expressions of type scalar or instant vector, got range vector',
    );
    return 'any';
  }
  if (target && target.name !== 'VectorSelector') {
    const message =
      target.name === 'OffsetExpr'
        ? 'no offset modifiers allowed before range: write foo[5m] offset 1h'
        : target.name === 'StepInvariantExpr'
          ? 'no @ modifiers allowed before range: write foo[5m] @ 1700000000'
          : target.name === 'MatrixSelector' || target.name === 'SubqueryExpr'
            ? 'ranges only allowed for vector selectors: this is already a range vector'
            : 'ranges only allowed for vector selectors; use a subquery like (…)[5m:1m] for other expressions';
    const code =
      target.name === 'OffsetExpr' ? 'promql/offset' : target.name === 'StepInvariantExpr' ? 'promql/at-modifier' : 'promql/range-selector';
    ctx.report(rangeStart(ctx.text, open), node.to, code, message);
  }
  if (duration) checkDurationExpr(duration, true, ctx);
  return 'matrix';
}

function checkSubquery(node: SyntaxNode, ctx: CheckContext): Ty {
  const target = exprChildren(node)[0];
  const durations = node.getChildren('DurationExpr');
  const type = target ? ctx.typeOf(target) : 'any';
  if (target && type !== 'any' && type !== 'vector') {
    ctx.report(
      rangeStart(ctx.text, target.to),
      node.to,
      'promql/subquery',
      `subquery is only allowed on instant vector, got ${typeName(type)} instead`,
    );
  }
  for (const duration of durations) checkDurationExpr(duration, true, ctx);
  return 'matrix';
}

/** Offset of the `[` after an expression. */
function rangeStart(text: string, from: number): number {
  const at = text.indexOf('[', from);
  return at < 0 ? from : at;
}

/**
 * `offset`, `@`, `anchored` and `smoothed` modify the selector or subquery they follow
 * (parse.go addOffset, setTimestamp, setAnchored); in the tree they wrap it, possibly
 * several times, so look through the wrappers to the real target.
 */
const wrappers = new Set(['OffsetExpr', 'StepInvariantExpr', 'AnchoredExpr', 'SmoothedExpr']);
const maxWrappersLookedThrough = 32;

function checkModifier(node: SyntaxNode, ctx: CheckContext): Ty {
  const child = exprChildren(node)[0];
  if (!child) return 'any';
  const seen = new Map<string, number>();
  let target: SyntaxNode = child;
  // Each modifier looks through the ones it wraps; past a few dozen (only a generated text has
  // them) it stops, taking the target as valid, so `a offset 1h offset 1h …` stays linear.
  let wrapped = false;
  for (let steps = 0; wrappers.has(target.name); steps++) {
    seen.set(target.name, (seen.get(target.name) ?? 0) + 1);
    const next = steps < maxWrappersLookedThrough ? exprChildren(target)[0] : undefined;
    if (!next) {
      wrapped = steps >= maxWrappersLookedThrough;
      break;
    }
    target = next;
  }
  const keyword =
    node.lastChild && node.name !== 'StepInvariantExpr' && node.name !== 'OffsetExpr' ? node.lastChild : childByName(node, 'Offset', 'At');
  const kw = keyword ?? node;
  const isSelector =
    target.name === 'VectorSelector' || (target.name === 'MatrixSelector' && exprChildren(target)[0]?.name === 'VectorSelector');
  const isTarget = isSelector || target.name === 'SubqueryExpr' || wrapped;
  // A problem of a chain of modifiers is said once: at the innermost modifier that has it.
  const innermost = !wrappers.has(child.name);
  if (node.name === 'OffsetExpr') {
    const duration = childByName(node, 'OffsetDurationExpr');
    if (duration) checkOffsetDuration(duration, ctx);
    if (!isTarget && target.name !== 'MatrixSelector') {
      if (innermost)
        ctx.report(
          kw.from,
          node.to,
          'promql/offset',
          'offset modifier must be preceded by an instant vector selector or range vector selector or a subquery; move it inside, e.g. rate(foo[5m] offset 1h)',
        );
    } else if (seen.get('OffsetExpr') === 1) {
      ctx.report(kw.from, node.to, 'promql/offset', 'offset may not be set multiple times');
    }
  } else if (node.name === 'StepInvariantExpr') {
    const literal = childByName(node, 'NumberDurationLiteral');
    if (literal) {
      const value = literalValue(nodeText(ctx.text, literal));
      if (value !== undefined && (!Number.isFinite(value) || Math.abs(value) >= 2 ** 63)) {
        ctx.report(
          literal.from,
          literal.to,
          'promql/at-modifier',
          `timestamp out of bounds for @ modifier: ${nodeText(ctx.text, literal)}`,
        );
      }
    }
    if (!isTarget && target.name !== 'MatrixSelector') {
      if (innermost)
        ctx.report(
          kw.from,
          node.to,
          'promql/at-modifier',
          '@ modifier must be preceded by an instant vector selector or range vector selector or a subquery',
        );
    } else if (seen.get('StepInvariantExpr') === 1) {
      ctx.report(kw.from, node.to, 'promql/at-modifier', '@ <timestamp> may not be set multiple times');
    }
  } else {
    const word = node.name === 'AnchoredExpr' ? 'anchored' : 'smoothed';
    const other = node.name === 'AnchoredExpr' ? 'SmoothedExpr' : 'AnchoredExpr';
    if (!ctx.experimentalFeaturesEnabled) {
      ctx.report(
        kw.from,
        kw.to,
        'promql/experimental-syntax',
        `the \`${word}\` modifier is experimental: Prometheus needs --enable-feature=promql-extended-range-selectors`,
      );
    }
    if (target.name === 'SubqueryExpr')
      ctx.report(kw.from, kw.to, 'promql/range-modifier', `${word} modifier is not supported for subqueries`);
    else if (!isSelector && target.name !== 'MatrixSelector')
      ctx.report(kw.from, kw.to, 'promql/range-modifier', `${word} modifier must follow a vector or range selector`);
    else if (seen.has(other))
      ctx.report(kw.from, kw.to, 'promql/range-modifier', 'anchored and smoothed modifiers cannot be used together');
  }
  return ctx.typeOf(child);
}
