import type { QueryLanguage } from '../service/types';

/** Options of `alertsmith check`, as DESIGN.md fixes them. */
export interface CheckOptions {
  format: 'text' | 'json';
  language?: QueryLanguage;
  eachLine: boolean;
  prometheus?: string;
  paths: string[];
}

/** Options of `alertsmith format`. */
export interface FormatOptions {
  /** Only report what would change (exit 1), write nothing. */
  check: boolean;
  /** How to read stdin and files without a known extension, as for check. */
  language?: QueryLanguage;
  paths: string[];
}

export type ParsedCommand =
  | { command: 'check'; options: CheckOptions }
  | { command: 'format'; options: FormatOptions }
  | { command: 'lsp' }
  | { command: 'help' }
  | { command: 'version' }
  | { command: 'error'; message: string };

export const usage = `Usage:
  alertsmith check [--format text|json] [--language promql|logql] [--each-line] [--prometheus URL] PATH...
  alertsmith format [--check] [--language promql|logql] PATH...
  alertsmith lsp --stdio
  alertsmith --version

check   Report diagnostics for rule files, PrometheusRule manifests, .promql/.logql files.
        PATH is a file, a folder (searched for .yaml/.yml/.promql/.logql) or - for stdin.
        Exit 0 when no error was found, 1 when there is one, 2 on usage or I/O errors.
format  Rewrite the PromQL of .promql files and of rule files' and PrometheusRules' exprs in
        Prometheus' layout (LogQL of .logql and Loki rule files in Loki's), in place (- reads
        stdin and writes stdout). Only the expressions change. --check writes nothing and
        exits 1 when a file would change. --language says what stdin holds (as for check).
lsp     Serve the Language Server Protocol over stdio, for any editor.`;

/** Parses argv (without node and script). Never throws: problems come back as `error`. */
export function parseArgs(argv: readonly string[]): ParsedCommand {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') return { command: 'help' };
  if (command === '--version' || command === 'version') return { command: 'version' };
  if (command === 'lsp') {
    const unknown = rest.filter((arg) => !['--stdio', '--node-ipc'].includes(arg) && !arg.startsWith('--clientProcessId'));
    if (unknown.length > 0) return { command: 'error', message: `unknown option for lsp: ${unknown[0]}` };
    return { command: 'lsp' };
  }
  if (command === 'format') return parseFormat(rest);
  if (command !== 'check') return { command: 'error', message: `unknown command: ${command}` };

  const options: CheckOptions = { format: 'text', eachLine: false, paths: [] };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const [flag, inlineValue] = arg.startsWith('--') && arg.includes('=') ? splitOnce(arg, '=') : [arg, undefined];
    const value = (): string | undefined => inlineValue ?? rest[++i];
    switch (flag) {
      case '--format': {
        const format = value();
        if (format !== 'text' && format !== 'json')
          return { command: 'error', message: `--format must be text or json, not ${format ?? 'nothing'}` };
        options.format = format;
        break;
      }
      case '--language': {
        const language = queryLanguage(value());
        if (typeof language !== 'string') return language;
        options.language = language;
        break;
      }
      case '--each-line':
        options.eachLine = true;
        break;
      case '--prometheus': {
        const url = value();
        if (!url || !/^https?:\/\//.test(url))
          return { command: 'error', message: `--prometheus needs an http(s) URL, not ${url ?? 'nothing'}` };
        options.prometheus = url;
        break;
      }
      case '--':
        options.paths.push(...rest.slice(i + 1));
        i = rest.length;
        break;
      default:
        if (flag.startsWith('--')) return { command: 'error', message: `unknown option: ${flag}` };
        options.paths.push(arg);
    }
  }
  if (options.paths.length === 0) return { command: 'error', message: 'check needs at least one PATH (a file, a folder, or - for stdin)' };
  return { command: 'check', options };
}

function parseFormat(rest: readonly string[]): ParsedCommand {
  const options: FormatOptions = { check: false, paths: [] };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--check') options.check = true;
    else if (arg === '--language' || arg.startsWith('--language=')) {
      const language = queryLanguage(arg === '--language' ? rest[++i] : arg.slice('--language='.length));
      if (typeof language !== 'string') return language;
      options.language = language;
    } else if (arg === '--') {
      options.paths.push(...rest.slice(i + 1));
      break;
    } else if (arg.startsWith('--')) return { command: 'error', message: `unknown option for format: ${arg}` };
    else options.paths.push(arg);
  }
  if (options.paths.length === 0) return { command: 'error', message: 'format needs at least one PATH (a file, a folder, or - for stdin)' };
  return { command: 'format', options };
}

/** `--language`'s value, or the usage error. */
function queryLanguage(value: string | undefined): QueryLanguage | { command: 'error'; message: string } {
  if (value === 'promql' || value === 'logql') return value;
  return { command: 'error', message: `--language must be promql or logql, not ${value ?? 'nothing'}` };
}

function splitOnce(text: string, separator: string): [string, string] {
  const index = text.indexOf(separator);
  return [text.slice(0, index), text.slice(index + 1)];
}
