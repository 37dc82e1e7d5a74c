import { defaultSettings, type AlertsmithSettings } from '../../../server/src/service/settings';
import type { OperatorProblem } from '../../../server/src/service/operator/problem';
import { validateOperatorFile } from '../../../server/src/service/operator/validate';
import { OperatorIndex } from '../../../server/src/service/operator/workspaceIndex';

/** Strips the common indentation of a template literal and its first newline. */
export function y(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = String.raw({ raw: strings }, ...values).replace(/^\n/, '');
  const lines = raw.split('\n');
  const indent = Math.min(...lines.filter((line) => line.trim()).map((line) => line.match(/^ */)![0].length));
  return lines
    .map((line) => line.slice(indent))
    .join('\n')
    .replace(/[ ]+$/, '');
}

/** An index of the given files (keys are paths under file:///w/). */
export function workspace(files: Record<string, string>, defaultNamespace = 'default'): OperatorIndex {
  const index = new OperatorIndex(defaultNamespace);
  for (const [path, text] of Object.entries(files)) index.updateFile(uri(path), text);
  return index;
}

export const uri = (path: string) => `file:///w/${path}`;

export function check(index: OperatorIndex, path: string, operator: Partial<AlertsmithSettings['operator']> = {}): OperatorProblem[] {
  return validateOperatorFile(uri(path), index, { ...defaultSettings.operator, ...operator });
}

/** `code severity 'text under the range'` — compact, readable expectations. */
export function summary(index: OperatorIndex, path: string, problems: OperatorProblem[]): string[] {
  const text = index.text(uri(path)) ?? '';
  return problems.map((problem) => `${problem.code} ${problem.severity} '${text.slice(problem.from, problem.to)}'`);
}

export function codes(problems: OperatorProblem[], code?: string): OperatorProblem[] {
  return code ? problems.filter((problem) => problem.code === code) : problems;
}

function flowMap(labels: Record<string, string>): string {
  return `{${Object.entries(labels)
    .map(([key, value]) => `${key}: ${value}`)
    .join(', ')}}`;
}

/** A Service manifest; ports as `name:port[:targetPort]`. */
export function serviceYaml(
  name: string,
  labels: Record<string, string>,
  options: { namespace?: string; ports?: string[]; podSelector?: Record<string, string> } = {},
): string {
  const ports = (options.ports ?? ['metrics:8080']).map((spec) => {
    const [portName, port, target] = spec.split(':');
    return `  - name: ${portName}\n    port: ${port}${target ? `\n    targetPort: ${target}` : ''}`;
  });
  return [
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    `  name: ${name}`,
    ...(options.namespace ? [`  namespace: ${options.namespace}`] : []),
    `  labels: ${flowMap(labels)}`,
    'spec:',
    `  selector: ${flowMap(options.podSelector ?? labels)}`,
    '  ports:',
    ...ports,
    '',
  ].join('\n');
}

/** A Deployment manifest; container ports as `name:containerPort`. */
export function deploymentYaml(name: string, podLabels: Record<string, string>, ports: string[], namespace?: string): string {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${name}`,
    ...(namespace ? [`  namespace: ${namespace}`] : []),
    'spec:',
    '  template:',
    '    metadata:',
    `      labels: ${flowMap(podLabels)}`,
    '    spec:',
    '      containers:',
    '      - name: app',
    '        ports:',
    ...ports.map((spec) => {
      const [portName, port] = spec.split(':');
      return `        - name: ${portName}\n          containerPort: ${port}`;
    }),
    '',
  ].join('\n');
}
