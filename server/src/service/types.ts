/**
 * Shared types of the pure language service. Nothing here knows about the LSP connection,
 * the file system or the network.
 */

export type QueryLanguage = 'promql' | 'logql';

/** PromQL value types, as Prometheus' parser names them (`matrix` is a range vector). */
export type ValueType = 'vector' | 'matrix' | 'scalar' | 'string';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/**
 * A problem inside one expression, in offsets of the expression text (not of the document).
 * `severity` is normally taken from the code's entry in the diagnostic table.
 */
export interface ExprProblem {
  from: number;
  to: number;
  code: string;
  message: string;
  severity?: Severity;
}

/**
 * Where an expression is used decides what it may evaluate to: a rule's `expr` must be an
 * instant vector or a scalar; a query typed in a `.promql` file may be anything, as in the
 * Prometheus UI.
 */
export type ExprContext = 'query' | 'alert' | 'record';

/** A recording rule defined somewhere in the workspace. */
export interface RecordingRuleInfo {
  name: string;
  expr: string;
  /** URI of the file that defines it. */
  uri: string;
  /** 0-based line of the `record:` key, for links. */
  line: number;
  labels?: Record<string, string>;
}

/** What the service knows about a metric: from the bundled catalog or a live server. */
export interface MetricInfo {
  name: string;
  type: 'counter' | 'gauge' | 'histogram' | 'summary' | 'info' | 'stateset' | 'gaugehistogram' | 'unknown';
  help: string;
  unit?: string;
  /** Label names the metric is known to carry (besides `job`/`instance`). */
  labels?: string[];
  /** Where the metric comes from, e.g. "node_exporter". */
  source?: string;
}

/**
 * One expression embedded in a document: the whole of a `.promql` file, or the value of a
 * rule's `expr:` in YAML. `text` is the value as YAML decodes it; the two maps translate
 * offsets exactly for every scalar style (plain, quoted with escapes, `|` and `>` blocks).
 */
export interface EmbeddedRegion {
  language: QueryLanguage;
  context: ExprContext;
  text: string;
  /** Document offsets of the scalar as written (quotes and block indicators included). */
  sourceStart: number;
  sourceEnd: number;
  /** Document offset of the `expr` key of a block mapping (YAML only): the formatter indents by it. */
  keyOffset?: number;
  /** Maps an offset in `text` (0..text.length, inclusive) to a document offset. */
  toDocumentOffset(offset: number): number;
  /** Maps a document offset to an offset in `text`, or undefined when it is outside the value. */
  toRegionOffset(documentOffset: number): number | undefined;
}

/** What PromQL features may consult besides the expression itself. */
export interface ExprFeatureDeps {
  /** Well-known metrics from the bundled catalog, plus live ones when a server is connected. */
  metrics: MetricLookup;
  /** Recording rules defined anywhere in the workspace. */
  recordingRules: readonly RecordingRuleInfo[];
  experimentalFeaturesEnabled: boolean;
}

export interface MetricLookup {
  get(name: string): MetricInfo | undefined;
  all(): Iterable<MetricInfo>;
}

/** Completion on one expression: items replace [from, to) of the expression text. */
export interface ExprCompletion {
  from: number;
  to: number;
  /** Items without textEdit/range; the facade inserts `insertText ?? label` over [from, to). */
  items: import('vscode-languageserver-types').CompletionItem[];
  isIncomplete?: boolean;
}

/** Hover on one expression: markdown for the token at [from, to). */
export interface ExprHover {
  from: number;
  to: number;
  markdown: string;
}

/**
 * What a query language offers the facade. PromQL and LogQL both implement it, so the
 * embedding, mapping and LSP plumbing are written once.
 */
export interface QueryLanguageFeatures {
  validate(text: string, options: { context: ExprContext; experimentalFeaturesEnabled: boolean }): { problems: ExprProblem[] };
  complete(text: string, offset: number, deps: ExprFeatureDeps): ExprCompletion;
  hover(text: string, offset: number, deps: ExprFeatureDeps): ExprHover | undefined;
  signatureHelp(text: string, offset: number, deps: ExprFeatureDeps): import('vscode-languageserver-types').SignatureHelp | undefined;
}
