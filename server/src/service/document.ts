import type { AlertsmithSettings } from './settings';
import type { EmbeddedRegion, QueryLanguage } from './types';
import { documentKinds, type DocumentKindInfo } from './yaml/documentKind';
import { findEmbeddedRegions, plainRuleFileLanguage } from './yaml/regions';
import { ruleFileShapes, type RuleFileShape } from './yaml/ruleShape';
import type { YamlFile } from './yaml/types';
import { parseYamlFile } from './yaml/yamlFile';

/** A document as every feature sees it: its language, its expressions, and for YAML the parse. */
export interface AlertsmithDocument {
  kind: QueryLanguage | 'yaml';
  /** The parsed YAML (kind `yaml` only). */
  yaml?: YamlFile;
  /** Per YAML document: what it is (rule file, PrometheusRule, other manifest…). */
  documentKinds: DocumentKindInfo[];
  /** Rule groups of the rule-shaped YAML documents. */
  ruleFiles: RuleFileShape[];
  /** The language of the plain rule files (kind `yaml` only): from `logql.ruleFiles`, else detected once here. */
  ruleFileLanguage?: QueryLanguage;
  /** Expressions: the whole text of a .promql/.logql file, or each rule's `expr`. */
  regions: EmbeddedRegion[];
}

export interface DocumentInput {
  uri: string;
  /** `promql`, `logql` or `yaml`; anything else is decided by the file extension. */
  languageId: string;
  text: string;
  /** `logql.ruleFiles` globs mark YAML rule files whose expressions are LogQL. */
  settings?: Pick<AlertsmithSettings, 'logql'>;
}

export function parseAlertsmithDocument({ uri, languageId, text, settings }: DocumentInput): AlertsmithDocument {
  const kind = documentLanguage(uri, languageId, text);
  if (kind !== 'yaml') return { kind, documentKinds: [], ruleFiles: [], regions: [wholeTextRegion(text, kind)] };
  const yaml = parseYamlFile(text);
  const forcedLogQL = (settings?.logql.ruleFiles ?? []).some((glob) => globMatches(glob, uri));
  const ruleFiles = ruleFileShapes(yaml);
  const ruleFileLanguage = forcedLogQL ? 'logql' : plainRuleFileLanguage(ruleFiles);
  return {
    kind,
    yaml,
    documentKinds: documentKinds(yaml),
    ruleFiles,
    ruleFileLanguage,
    regions: findEmbeddedRegions(yaml, { ruleFileLanguage }),
  };
}

/** The language of a document: its languageId, else its extension, else a look at the text. */
export function documentLanguage(uri: string, languageId: string, text: string): QueryLanguage | 'yaml' {
  if (languageId === 'promql' || languageId === 'logql' || languageId === 'yaml') return languageId;
  const extension = /\.([a-z]+)$/i.exec(uri.replace(/[?#].*$/, ''))?.[1]?.toLowerCase();
  if (extension === 'promql' || extension === 'logql') return extension;
  if (extension === 'yaml' || extension === 'yml') return 'yaml';
  return /^[\w.-]+:(\s|$)/m.test(text) ? 'yaml' : 'promql';
}

/** A .promql/.logql file is one expression; `#` comments are part of both grammars. */
function wholeTextRegion(text: string, language: QueryLanguage): EmbeddedRegion {
  return {
    language,
    context: 'query',
    text,
    sourceStart: 0,
    sourceEnd: text.length,
    toDocumentOffset: (offset) => Math.min(Math.max(0, offset), text.length),
    toRegionOffset: (offset) => (offset >= 0 && offset <= text.length ? offset : undefined),
  };
}

/** `*` within a path segment, `**` across segments, `?` one character; matched against the URI's end. */
export function globMatches(glob: string, uri: string): boolean {
  let path = uri;
  try {
    path = decodeURIComponent(uri);
  } catch {
    // keep the URI as it is
  }
  let pattern = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i];
    if (ch === '*' && glob[i + 1] === '*') {
      pattern += '.*';
      i++;
      if (glob[i + 1] === '/') i++;
    } else if (ch === '*') pattern += '[^/]*';
    else if (ch === '?') pattern += '[^/]';
    else pattern += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`(^|/)${pattern}$`).test(path);
}
