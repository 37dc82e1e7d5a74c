import { logqlTemplateFunctions } from '../catalog/logql';
import { goTemplateBuiltins } from '../rules/template/alertTemplate';
import { lexTemplate } from '../rules/template/lexer';
import { analyzeTemplate, type TemplateEnvironment, type TemplateProblem } from '../rules/template/parser';

/**
 * In Loki templates `.` is the map of labels; any `.name` reads a label (missing ones are empty).
 * Functions: Go's own plus Loki's and a Sprig subset (catalog `logqlTemplateFunctions`, pkg/logql/log/fmt.go).
 */
const lokiTemplateEnvironment: TemplateEnvironment = {
  functions: new Set([...goTemplateBuiltins, ...logqlTemplateFunctions.map((f) => f.name)]),
  variables: [],
  dataFields: [],
  labelsField: '',
  labelsVariable: '',
  valueVariable: '',
};

export interface LokiTemplateAnalysis {
  error?: TemplateProblem;
  /** `.name` reads of labels, offsets of the name in the template text. */
  labelReads: { name: string; from: number; to: number }[];
}

/** Parse-checks a `line_format`/`label_format` template the way Loki's text/template does. */
export function lokiTemplateError(template: string): TemplateProblem | undefined {
  return template.includes('{{') ? analyzeTemplate(template, lokiTemplateEnvironment).error : undefined;
}

/** The template's parse error (see lokiTemplateError) and the labels it reads. */
export function analyzeLokiTemplate(template: string): LokiTemplateAnalysis {
  if (!template.includes('{{')) return { labelReads: [] };
  const error = lokiTemplateError(template);
  const labelReads: LokiTemplateAnalysis['labelReads'] = [];
  const tokens = lexTemplate(template);
  tokens.forEach((token, i) => {
    // `.a.b`, `$x.a` and `(…).a` chain onto something else; only a leading field reads a label.
    const before = tokens[i - 1]?.type;
    if (token.type === 'field' && before !== 'field' && before !== 'variable' && before !== 'rightParen') {
      labelReads.push({ name: token.value.slice(1), from: token.from + 1, to: token.to });
    }
  });
  return { error, labelReads };
}
