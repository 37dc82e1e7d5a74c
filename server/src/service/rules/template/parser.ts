import { lexTemplate, type TemplateToken } from './lexer';

/**
 * Parse-time checks of a Go text/template, as Prometheus runs them on alerting rules
 * (`ParseTest` in prometheus/prometheus template/template.go; the grammar of golang/go
 * src/text/template/parse/parse.go). Like Go, it stops at the first error. It also collects
 * the label names a template reads (`$labels.x`, `.Labels.x`, `index $labels "x"`) and
 * fields of the alert data that do not exist (an execution error in Go).
 */

export interface TemplateProblem {
  from: number;
  to: number;
  message: string;
}

export interface LabelReference {
  name: string;
  from: number;
  to: number;
}

export interface TemplateAnalysis {
  /** The first parse error, as Go reports it (at most one). */
  error?: TemplateProblem;
  /** Fields that the alert data does not have (`$.labels`): an error when the alert fires. */
  unknownFields: TemplateProblem[];
  labelReferences: LabelReference[];
}

export interface TemplateEnvironment {
  functions: ReadonlySet<string>;
  /** Variables defined before the template text (`$labels`, `$value`, …). */
  variables: readonly string[];
  /** Fields of the data (`.`); `labelsField` is the one holding the alert's labels. */
  dataFields: readonly string[];
  labelsField: string;
  labelsVariable: string;
  /** The variable holding the sample value, a number: it has no fields. */
  valueVariable: string;
}

class TemplateError extends Error {
  constructor(readonly problem: TemplateProblem) {
    super(problem.message);
  }
}

interface Operand {
  kind: 'function' | 'literal' | 'nil' | 'dot' | 'field' | 'variable' | 'pipeline';
  token: TemplateToken;
  /** For `$labels.x`-like chains: the root and the fields after it. */
  fields: TemplateToken[];
}

export function analyzeTemplate(text: string, env: TemplateEnvironment): TemplateAnalysis {
  const tokens = lexTemplate(text);
  const result: TemplateAnalysis = { unknownFields: [], labelReferences: [] };
  const lexError = tokens.find((token) => token.type === 'error');
  if (lexError) return { ...result, error: { from: lexError.from, to: lexError.to, message: lexError.value } };
  try {
    new TemplateParser(tokens, env, result).parseTemplate();
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    result.error = error.problem;
  }
  return result;
}

class TemplateParser {
  private pos = 0;
  private variables: string[];
  /** True while `.` is the alert data (outside `range`/`with`). */
  private dotIsData = true;
  private rangeDepth = 0;

  constructor(
    private readonly tokens: TemplateToken[],
    private readonly env: TemplateEnvironment,
    private readonly result: TemplateAnalysis,
  ) {
    this.variables = ['$', ...env.variables];
  }

  parseTemplate(): void {
    const stop = this.parseList();
    if (stop.value !== 'eof') this.fail(stop, `unexpected {{${stop.value}}}`);
  }

  /** Text and actions up to `{{else}}`, `{{end}}` or the end; returns what stopped it. */
  private parseList(): TemplateToken {
    for (;;) {
      const token = this.next();
      if (token.type === 'eof') return { ...token, value: 'eof' };
      if (token.type !== 'left') continue;
      const first = this.nextNonSpace();
      if (first.type === 'keyword' && (first.value === 'else' || first.value === 'end')) return first;
      this.parseAction(first);
    }
  }

  private parseAction(first: TemplateToken): void {
    if (first.type !== 'keyword') {
      this.back();
      this.pipeline('command', 'right');
      return;
    }
    switch (first.value) {
      case 'if':
      case 'with':
      case 'range':
        return this.parseControl(first.value);
      case 'break':
      case 'continue':
        if (this.rangeDepth === 0) this.fail(first, `{{${first.value}}} outside {{range}}`);
        this.expect('right', `{{${first.value}}}`);
        return;
      case 'template':
      case 'block': {
        const name = this.nextNonSpace();
        if (name.type !== 'string' && name.type !== 'rawString') this.fail(name, `unexpected ${describe(name)} in ${first.value} clause`);
        if (this.peekNonSpace().type !== 'right') this.pipeline(first.value, 'right');
        else this.nextNonSpace();
        if (first.value === 'block') this.parseBody('block');
        return;
      }
      case 'define': {
        const name = this.nextNonSpace();
        if (name.type !== 'string' && name.type !== 'rawString') this.fail(name, 'name of the defined template must be a string');
        this.expect('right', 'define clause');
        const saved = this.variables;
        this.variables = ['$'];
        this.parseBody('define');
        this.variables = saved;
        return;
      }
      default:
        this.fail(first, `unexpected ${describe(first)} in command`);
    }
  }

  /** `{{if p}} … {{else if p}} … {{else}} … {{end}}`, same for with and range. */
  private parseControl(keyword: string): void {
    const savedVariables = this.variables.length;
    const savedDot = this.dotIsData;
    this.pipeline(keyword, 'right', keyword === 'range' ? 2 : 1);
    if (keyword !== 'if') this.dotIsData = false;
    if (keyword === 'range') this.rangeDepth++;
    let stop = this.parseList();
    if (keyword === 'range') this.rangeDepth--;
    this.dotIsData = savedDot;
    if (stop.value === 'else') {
      const chained = this.peekNonSpace();
      if (chained.type === 'keyword' && (chained.value === 'if' || chained.value === 'with')) {
        this.nextNonSpace();
        this.parseControl(chained.value);
        this.variables.length = savedVariables;
        return;
      }
      this.expect('right', '{{else}}');
      stop = this.parseList();
      if (stop.value === 'else') this.fail(stop, 'expected end; found {{else}}');
    }
    this.variables.length = savedVariables;
    if (stop.value !== 'end') this.fail(stop, 'unexpected EOF');
    this.expect('right', '{{end}}');
  }

  private parseBody(keyword: string): void {
    const stop = this.parseList();
    if (stop.value !== 'end') this.fail(stop, stop.value === 'eof' ? 'unexpected EOF' : `unexpected {{${stop.value}}} in ${keyword}`);
    this.expect('right', '{{end}}');
  }

  /** `[$x :=] command | command …` up to `}}` or `)`. */
  private pipeline(context: string, end: 'right' | 'rightParen', maxDeclared = 1): void {
    this.declaration(maxDeclared);
    let stage = 0;
    for (;;) {
      const token = this.peekNonSpace();
      if (token.type === end) {
        this.nextNonSpace();
        if (stage === 0) this.fail(token, `missing value for ${context}`);
        return;
      }
      stage++;
      const operands = this.command();
      if (operands.length === 0) this.fail(this.peekNonSpace(), 'missing value for command');
      this.checkCommand(operands, stage);
      const after = this.peekNonSpace();
      if (after.type === 'pipe') this.nextNonSpace();
      else if (after.type !== end) this.fail(after, `unexpected ${describe(after)} in ${context === 'command' ? 'operand' : context}`);
    }
  }

  private declaration(maxDeclared: number): void {
    const start = this.pos;
    const names: TemplateToken[] = [];
    for (;;) {
      const variable = this.nextNonSpace();
      if (variable.type !== 'variable') break;
      names.push(variable);
      const after = this.nextNonSpace();
      if (after.type === 'comma' && names.length < maxDeclared) continue;
      // Go's parser treats `$x = …` like `$x := …` (an undefined $x only fails when executed).
      if (after.type === 'declare' || (after.type === 'assign' && names.length === 1)) {
        this.variables.push(...names.map((name) => name.value));
        return;
      }
      break;
    }
    this.pos = start;
  }

  /** The operands of one command, up to `|`, `}}` or `)`. */
  private command(): Operand[] {
    const operands: Operand[] = [];
    for (;;) {
      const token = this.peekNonSpace();
      if (token.type === 'pipe' || token.type === 'right' || token.type === 'rightParen' || token.type === 'eof') return operands;
      const operand = this.operand();
      if (!operand) this.fail(token, `unexpected ${describe(token)} in operand`);
      operands.push(operand);
      // Operands are separated by spaces: `{{ print 1"a" }}` is an error in Go.
      const after = this.tokens[this.pos];
      if (after.type !== 'space' && after.type !== 'pipe' && after.type !== 'right' && after.type !== 'rightParen') {
        this.fail(after, `unexpected ${describe(after)} in operand`);
      }
    }
  }

  private operand(): Operand | undefined {
    const token = this.nextNonSpace();
    let operand: Operand;
    switch (token.type) {
      case 'identifier':
        if (!this.env.functions.has(token.value)) this.fail(token, `function "${token.value}" not defined`);
        operand = { kind: 'function', token, fields: [] };
        break;
      case 'variable':
        this.checkVariable(token);
        operand = { kind: 'variable', token, fields: [] };
        break;
      case 'dot':
        operand = { kind: 'dot', token, fields: [] };
        break;
      case 'field':
        operand = { kind: 'field', token, fields: [token] };
        break;
      case 'nil':
        operand = { kind: 'nil', token, fields: [] };
        break;
      case 'bool':
      case 'number':
      case 'string':
      case 'rawString':
      case 'char':
        operand = { kind: 'literal', token, fields: [] };
        break;
      case 'leftParen':
        this.pipeline('parenthesized pipeline', 'rightParen');
        operand = { kind: 'pipeline', token, fields: [] };
        break;
      default:
        this.back();
        return undefined;
    }
    // Fields written right after the operand chain onto it: `$labels.job`, `(…).Value`.
    while (this.tokens[this.pos]?.type === 'field') operand.fields.push(this.next());
    this.noteFieldAccess(operand);
    return operand;
  }

  private checkCommand(operands: Operand[], stage: number): void {
    const [head] = operands;
    if (head.kind === 'nil') this.fail(head.token, 'nil is not a command');
    if (stage > 1 && (head.kind === 'literal' || head.kind === 'dot'))
      this.fail(head.token, `non executable command in pipeline stage ${stage}`);
    // `index $labels "job"` reads a label too.
    if (head.kind === 'function' && head.token.value === 'index' && operands.length >= 3) {
      const [, map, key] = operands;
      if (this.isLabelsMap(map, map.fields.length) && (key.token.type === 'string' || key.token.type === 'rawString')) {
        this.result.labelReferences.push({ name: unquote(key.token.value), from: key.token.from, to: key.token.to });
      }
    }
  }

  /** Records `$labels.x` / `.Labels.x` references and fields the alert data does not have. */
  private noteFieldAccess(operand: Operand): void {
    const { fields } = operand;
    const fromData = (operand.kind === 'variable' && operand.token.value === '$') || (operand.kind === 'field' && this.dotIsData);
    if (fromData && fields.length > 0) {
      const field = fields[0].value.slice(1);
      if (!this.env.dataFields.includes(field)) {
        this.result.unknownFields.push({
          from: fields[0].from,
          to: fields[0].to,
          message: `can't evaluate field ${field} in the alert template data (it has ${this.env.dataFields.join(', ')})`,
        });
      }
    }
    if (operand.kind === 'variable' && operand.token.value === this.env.valueVariable && fields.length > 0) {
      this.result.unknownFields.push({
        from: fields[0].from,
        to: fields[0].to,
        message: `${this.env.valueVariable} is the alert's sample value (a number) and has no field ${fields[0].value.slice(1)}`,
      });
    }
    for (let depth = 0; depth < fields.length; depth++) {
      if (this.isLabelsMap(operand, depth)) {
        const label = fields[depth];
        this.result.labelReferences.push({ name: label.value.slice(1), from: label.from + 1, to: label.to });
        return;
      }
    }
  }

  /** Whether the operand with its first `depth` fields is the alert's label map. */
  private isLabelsMap(operand: Operand, depth: number): boolean {
    if (operand.kind === 'variable' && operand.token.value === this.env.labelsVariable) return depth === 0;
    const viaData = (operand.kind === 'variable' && operand.token.value === '$') || (operand.kind === 'field' && this.dotIsData);
    return viaData && depth === 1 && operand.fields[0].value === `.${this.env.labelsField}`;
  }

  private checkVariable(token: TemplateToken): void {
    if (!this.variables.includes(token.value)) this.fail(token, `undefined variable "${token.value}"`);
  }

  private expect(type: TemplateToken['type'], context: string): void {
    const token = this.nextNonSpace();
    if (token.type !== type) this.fail(token, `unexpected ${describe(token)} in ${context}`);
  }

  private next(): TemplateToken {
    const token = this.tokens[this.pos];
    if (this.pos < this.tokens.length - 1) this.pos++;
    return token;
  }

  private back(): void {
    this.pos--;
  }

  private nextNonSpace(): TemplateToken {
    let token = this.next();
    while (token.type === 'space') token = this.next();
    return token;
  }

  private peekNonSpace(): TemplateToken {
    const saved = this.pos;
    const token = this.nextNonSpace();
    this.pos = saved;
    return token;
  }

  private fail(token: TemplateToken, message: string): never {
    throw new TemplateError({ from: token.from, to: Math.max(token.to, token.from + 1), message });
  }
}

/** Tokens in messages as Go's `item.String()` prints them. */
function describe(token: TemplateToken): string {
  if (token.type === 'eof') return 'EOF';
  if (token.type === 'keyword') return `<${token.value}>`;
  if (token.value.length > 10) return `${JSON.stringify(token.value.slice(0, 10))}...`;
  return JSON.stringify(token.value);
}

function unquote(literal: string): string {
  if (literal.startsWith('`')) return literal.slice(1, -1);
  try {
    return JSON.parse(literal) as string;
  } catch {
    return literal.slice(1, -1);
  }
}
