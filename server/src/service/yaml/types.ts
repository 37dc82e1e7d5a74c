import type { Document } from 'yaml';
import type { Severity } from '../types';

/**
 * A problem located by DOCUMENT offsets (not expression offsets): YAML syntax errors and
 * rule-file structure problems. The facade turns offsets into LSP ranges.
 */
export interface DocumentProblem {
  from: number;
  to: number;
  code: string;
  message: string;
  /** Normally taken from the code's entry in the diagnostic table. */
  severity?: Severity;
  /** Other places that explain the problem, e.g. the first definition of a duplicate. */
  related?: { from: number; to: number; message: string }[];
}

/** A YAML text parsed once: every document (multi-document files) plus its syntax problems. */
export interface YamlFile {
  text: string;
  /** Parsed with `keepSourceTokens`, so scalar nodes carry their CST token (`srcToken`). */
  documents: Document.Parsed[];
  /** `yaml/…` problems: syntax errors and warnings of the yaml package, at its positions. */
  problems: DocumentProblem[];
  /** A Helm chart template (`{{ .Values.x }}`): valid YAML only once rendered. */
  helmTemplate: boolean;
}
