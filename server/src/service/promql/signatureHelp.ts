import { MarkupKind, type ParameterInformation, type SignatureHelp } from 'vscode-languageserver-types';
import { aggregationsByName } from '../catalog/aggregations';
import { functionsByName } from '../catalog/functions';
import { scanFrames } from './completionFrames';
import { lastTokenBefore, tokenize, tokenTouching } from './completionTokens';
import { aggregationParams, functionParams, paramLabel, signatureLabel, typeLabel, type ParamInfo } from './functionSignatures';

/**
 * Signature help inside the innermost function or aggregation call around the cursor. The
 * argument index counts commas at the call's own level; string literals are single tokens,
 * so a comma inside `"a,b"` does not count.
 */
export function signatureHelpPromQL(text: string, offset: number): SignatureHelp | undefined {
  const tokens = tokenize(text);
  const touching = tokenTouching(tokens, offset);
  // Inside a string (`"a,|b"`) the string still belongs to the current argument.
  const inside =
    touching >= 0 && tokens[touching].kind === 'string' && offset < tokens[touching].to ? touching : lastTokenBefore(tokens, offset) + 1;
  const { stack } = scanFrames(tokens, inside);
  for (let i = stack.length - 1; i >= 0; i--) {
    const frame = stack[i];
    if (frame.kind !== 'call' || !frame.name) continue;
    const help = helpFor(frame.name, frame.commas, frame.isAggregation ?? false);
    if (help) return help;
  }
  return undefined;
}

function helpFor(name: string, argIndex: number, isAggregation: boolean): SignatureHelp | undefined {
  let params: ParamInfo[];
  let doc: string;
  let returns: string;
  if (isAggregation) {
    const spec = aggregationsByName.get(name);
    if (!spec) return undefined;
    params = aggregationParams(spec);
    doc = spec.doc;
    returns = 'instant-vector';
  } else {
    const spec = functionsByName.get(name);
    if (!spec) return undefined;
    params = functionParams(spec);
    doc = spec.doc;
    returns = typeLabel(spec.returnType);
  }
  // Build the label here so parameter offsets point into it exactly.
  let label = `${name}(`;
  const parameters: ParameterInformation[] = params.map((param, i) => {
    if (i > 0) label += ', ';
    const start = label.length;
    label += paramLabel(param);
    return { label: [start, label.length] };
  });
  label += `) → ${returns}`;
  let active = argIndex;
  // Extra arguments of a repeated last parameter stay on it.
  if (active >= params.length && params[params.length - 1]?.repeated) active = params.length - 1;
  return {
    signatures: [
      {
        label,
        documentation: { kind: MarkupKind.Markdown, value: doc || (signatureLabel(name) ?? '') },
        parameters,
        activeParameter: active,
      },
    ],
    activeSignature: 0,
    activeParameter: active,
  };
}
