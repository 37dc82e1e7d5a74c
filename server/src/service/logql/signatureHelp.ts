import type { SignatureHelp, SignatureInformation } from 'vscode-languageserver-types';
import { MarkupKind } from 'vscode-languageserver-types';
import { logqlCatalog, type LogQLEntry } from '../catalog/logql';
import { lexLogQL } from './lex';

/** Parameters of each callable, in order (the signature's own text names them). */
const parameters: Record<string, string[]> = {
  quantile_over_time: ['φ', '<log query> | unwrap <label> [<range>]'],
  topk: ['k', '<metric query>'],
  bottomk: ['k', '<metric query>'],
  approx_topk: ['k', '<metric query>'],
  label_replace: ['<metric query>', '"<dst_label>"', '"<replacement>"', '"<src_label>"', '"<regex>"'],
  vector: ['<number>'],
  ip: ['"<address | CIDR | from-to>"'],
  bytes: ['<label>'],
  duration: ['<label>'],
  duration_seconds: ['<label>'],
};

/**
 * Signature help inside `name(…)`: the innermost open call whose name the catalog knows,
 * with the active parameter counted by top-level commas.
 */
export function signatureHelpLogQL(text: string, offset: number): SignatureHelp | undefined {
  try {
    return signatureHelp(text, offset);
  } catch {
    return undefined;
  }
}

function signatureHelp(text: string, offset: number): SignatureHelp | undefined {
  const tokens = lexLogQL(text).tokens.filter((t) => t.to <= offset);
  let depth = 0;
  let commas = 0;
  for (let i = tokens.length - 1; i >= 0; i--) {
    const token = tokens[i];
    if (token.kind === ')' || token.kind === '}' || token.kind === ']') depth++;
    else if (token.kind === '{' || token.kind === '[') depth = Math.max(0, depth - 1);
    else if (token.kind === ',' && depth === 0) commas++;
    else if (token.kind === '(') {
      if (depth > 0) {
        depth--;
        continue;
      }
      const callee = nameBefore(tokens, i, text);
      const entry =
        callee &&
        logqlCatalog.find(
          (e) => e.name === callee && ['range-aggregation', 'vector-aggregation', 'function', 'conversion'].includes(e.kind),
        );
      if (entry) return help(entry, commas);
      // `(` of a grouping or a parenthesised expression: keep looking outward.
      commas = 0;
    }
  }
  return undefined;
}

/** The call name before the `(` at `open`, skipping a `by (…)`/`without (…)` between them. */
function nameBefore(tokens: ReturnType<typeof lexLogQL>['tokens'], open: number, text: string): string | undefined {
  let i = open - 1;
  if (tokens[i]?.kind === ')') {
    let depth = 0;
    for (; i >= 0; i--) {
      if (tokens[i].kind === ')') depth++;
      if (tokens[i].kind === '(' && --depth === 0) break;
    }
    i -= 2;
  }
  const token = tokens[i];
  return token?.kind === 'identifier' ? text.slice(token.from, token.to).toLowerCase() : undefined;
}

function help(entry: LogQLEntry, commas: number): SignatureHelp {
  const params = parameters[entry.name] ?? [
    entry.kind === 'range-aggregation'
      ? entry.unwrap === 'required'
        ? '<log query> | unwrap <label> [<range>]'
        : '<log query> [<range>]'
      : '<metric query>',
  ];
  const signature: SignatureInformation = {
    label: entry.signature,
    documentation: { kind: MarkupKind.Markdown, value: `${entry.doc}\n\n\`\`\`logql\n${entry.example}\n\`\`\`` },
    parameters: params.map((label) => ({ label: parameterRange(entry.signature, label) ?? label })),
  };
  return { signatures: [signature], activeSignature: 0, activeParameter: Math.min(commas, params.length - 1) };
}

/** The parameter as [start, end) of the signature label, so editors can highlight it. */
function parameterRange(signature: string, label: string): [number, number] | undefined {
  const start = signature.indexOf(label);
  return start < 0 ? undefined : [start, start + label.length];
}
