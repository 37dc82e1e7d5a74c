import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Document } from 'yaml';
import type {
  CodeAction,
  CodeLens,
  SemanticTokens,
  CompletionItem,
  CompletionList,
  Diagnostic,
  DocumentSymbol,
  Hover,
  Location,
  Position,
  Range,
  SignatureHelp,
  SymbolInformation,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-types';
import { MarkupKind } from 'vscode-languageserver-types';
import { catalogMetrics } from './catalog/metrics';
import { parseAlertsmithDocument, type AlertsmithDocument } from './document';
import { queryLanguages } from './languages';
import { regionAt, regionRange, toDiagnostic } from './regionMapping';
import { extractRecordingRules } from './rules/recordingRules';
import { validateRuleFile, type OutputLabelInference } from './rules/validateRules';
import { defaultSettings, type AlertsmithSettings } from './settings';
import type { EmbeddedRegion, ExprContext, ExprFeatureDeps, MetricLookup, QueryLanguage, RecordingRuleInfo } from './types';
import { WorkspaceModel } from './workspace';
import { lineRegions } from './lineRegions';
import { memoizeByKey } from './memo';
import { fullState, IncrementalDocuments } from './incremental';
import { livePromQLProblems } from './live/liveChecks';
import { liveLabelValueCompletion } from './live/liveCompletion';
import { liveMetricLookup } from './live/metricLookup';
import type { LiveSnapshot } from './live/snapshot';
import type { LokiSnapshot } from './live/lokiSnapshot';
import { liveLogQLCompletion, liveLogQLHover, mergeHovers } from './logql/liveLoki';
import { encodeSemanticTokens, logqlDocumentTokens, type DocumentToken } from './logql/semanticTokens';
import { OperatorIndex } from './operator';
import { computeCodeLenses } from './codeLens';
import { sameRangeList, withSharedEditRange } from './completionDefaults';
import { DeferredDocumentation } from './deferredDocumentation';
import { formattingCodeActions, formattingEdits, formattingInput, type FormattingInput } from './formattingActions';
import { operatorCodeActions, operatorCodeLenses, operatorDefinition, operatorDiagnostics, operatorHover } from './operatorFeatures';
import { inferWithRecordingRules } from './rules/recordedLabels';
import { withSharedTrees } from './promql/parse';
import { schemaCompletionList, schemaHoverAt } from './schema';
import {
  documentSymbols,
  findMetricReferences,
  findRecordingRuleDefinition,
  prepareRecordingRuleRename,
  renameRecordingRule,
  SymbolIndex,
  workspaceSymbols,
  type RenameRefusal,
} from './navigation';

/** What the client takes (see `doComplete`). */
export interface CompletionOptions {
  documentationOnResolve?: boolean;
  sharedEditRange?: boolean;
}

export interface LanguageServiceOptions {
  settings?: AlertsmithSettings;
  /** Metrics known besides the bundled catalog (defaults to the catalog). */
  metrics?: MetricLookup;
  /** What a live Prometheus knows; features use it when it is reachable. */
  live?: () => LiveSnapshot | undefined;
  /** What a live Loki knows; LogQL completion and hover use it when it is reachable. */
  loki?: () => LokiSnapshot | undefined;
}

export interface ValidationOptions {
  /** `check --each-line`: every non-empty line of a .promql/.logql document is its own expression. */
  eachLine?: boolean;
}

/**
 * The pure language service: every editor feature as a function of a document, a position,
 * the workspace model and the settings. It knows nothing of the LSP connection (see
 * vscode-json-languageservice for the shape).
 */
export interface LanguageService {
  configure(settings: AlertsmithSettings): void;
  /** Plugs in (or removes) a live Prometheus; live checks and completion follow it. */
  setLiveSnapshot(live: (() => LiveSnapshot | undefined) | undefined): void;
  /** Plugs in (or removes) a live Loki; LogQL label completion and hover follow it. */
  setLokiSnapshot(loki: (() => LokiSnapshot | undefined) | undefined): void;
  readonly settings: AlertsmithSettings;
  readonly workspace: WorkspaceModel;
  /**
   * Records what a file contributes to the workspace (recording rules, Operator objects).
   * Returns the other files whose diagnostics may have changed.
   */
  indexFile(uri: string, languageId: string, text: string): string[];
  removeFile(uri: string): string[];
  /** Files of the first workspace scan, indexed in one go (no affected-file work). */
  indexFiles(files: Iterable<{ uri: string; languageId: string; text: string }>): void;
  /**
   * Quick fixes for the diagnostics; with `request` (the range and the client's kind filter),
   * also formatting of the PromQL expressions there (see formattingActions).
   */
  doCodeActions(
    document: TextDocument,
    diagnostics: readonly Diagnostic[],
    request?: { range: Range; only?: readonly string[] },
  ): CodeAction[];
  /**
   * PromQL formatting: the whole of a `.promql` file, each rule's `expr` in YAML (within
   * `range` if given); what could not be formatted comes with its reason.
   */
  formatExpressions(document: TextDocument, range?: Range): { edits: TextEdit[]; unformatted: { range: Range; reason: string }[] };
  doCodeLenses(document: TextDocument): CodeLens[];
  /** Semantic tokens (LSP encoding) for the LogQL expressions of a YAML file, which its TextMate injection colours as PromQL. */
  doSemanticTokens(document: TextDocument): SemanticTokens;
  /** Go-to-definition for Operator selectors: the objects they match. */
  findOperatorDefinition(document: TextDocument, position: Position): Location[];
  doValidation(document: TextDocument, options?: ValidationOptions): Diagnostic[];
  /** The query languages of the document's expressions, in a fixed order (promql, logql). */
  documentLanguages(document: TextDocument): QueryLanguage[];
  /**
   * `documentationOnResolve` (the client resolves items): documentation is left out of the
   * list and given by `resolveCompletion`. `sharedEditRange` (the client takes list defaults):
   * the edit range common to the items is given once, in `itemDefaults`.
   */
  doComplete(document: TextDocument, position: Position, options?: CompletionOptions): CompletionList;
  /** An item of the last completion list with the documentation it was sent without. */
  resolveCompletion(item: CompletionItem): CompletionItem;
  doHover(document: TextDocument, position: Position): Hover | null;
  doSignatureHelp(document: TextDocument, position: Position): SignatureHelp | null;
  /** The parsed document, cached per version. */
  parse(document: TextDocument): AlertsmithDocument;
  /** Go-to-definition: a recording rule's `record:` values, else the Operator objects a selector matches. */
  findDefinition(document: TextDocument, position: Position): Location[];
  /** Every use of the metric name at the cursor in the workspace's expressions (and its `record:` values). */
  findReferences(document: TextDocument, position: Position, includeDeclaration: boolean): Location[];
  /** Null when no name is at the cursor; a refusal when it is not a recording rule of the workspace. */
  prepareRename(document: TextDocument, position: Position): { range: Range; placeholder: string } | RenameRefusal | null;
  /** Renames a recording rule across the workspace, or says why not. */
  doRename(document: TextDocument, position: Position, newName: string): WorkspaceEdit | RenameRefusal;
  /** Recording rules and alerts whose names match the query. */
  workspaceSymbols(query: string): SymbolInformation[];
  /** The outline of a file Alertsmith understands: manifests, rule groups, alerts and recording rules. */
  documentSymbols(document: TextDocument): DocumentSymbol[];
  /**
   * Replaces what the edit fast path derived for the document by a full parse and re-indexes
   * it; true when there was such a state, so its diagnostics may change.
   */
  settle(document: TextDocument): boolean;
}

export function getLanguageService(options: LanguageServiceOptions = {}): LanguageService {
  let settings = options.settings ?? defaultSettings;
  const workspace = new WorkspaceModel();
  const operator = new OperatorIndex(settings.operator.defaultNamespace);
  let live = options.live;
  let loki = options.loki;
  const liveSnapshot = (): LiveSnapshot | undefined => {
    const snapshot = live?.();
    return snapshot?.reachable ? snapshot : undefined;
  };
  const metrics = liveMetricLookup(liveSnapshot, options.metrics ?? catalogMetrics);
  const cache = new Map<string, { languageId: string; text: string; parsed: AlertsmithDocument }>();
  // Expressions are validated through memos, so an edit re-checks only what changed.
  const validateExpr = memoizeByKey(
    (language: QueryLanguage, text: string, context: ExprContext, experimental: boolean) =>
      queryLanguages[language]?.validate(text, { context, experimentalFeaturesEnabled: experimental }).problems ?? [],
    (language, text, context, experimental) => `${language}\u0000${context}\u0000${experimental}\u0000${text}`,
  );
  const symbols = new SymbolIndex();
  // Navigation requests are rare next to keystrokes: a changed file is re-indexed for them when
  // one comes (its parse is usually cached by then), not on every change.
  const staleSymbols = new Map<string, { languageId: string; text: string }>();
  function currentSymbols(): SymbolIndex {
    for (const [uri, { languageId, text }] of staleSymbols) symbols.update(uri, text, parseText(uri, languageId, text));
    staleSymbols.clear();
    return symbols;
  }
  // Keystrokes inside one expression skip the YAML parse (see incremental.ts); settle() catches up.
  const incremental = new IncrementalDocuments();
  /** Each file's LogQL tokens by query text, for the next semantic-token request (see logqlDocumentTokens). */
  const semanticTokenMemo = new Map<string, Map<string, DocumentToken[]>>();
  // Template label checks follow recording rules: what depends on them is rebuilt when they change.
  let rulesRevision = workspace.revision;
  const labelInference = (rules: readonly RecordingRuleInfo[]) => memoizeByKey(inferWithRecordingRules(rules), (text) => text);
  let outputLabels: OutputLabelInference = labelInference([]);
  const deferredDocumentation = new DeferredDocumentation();

  function parseText(uri: string, languageId: string, text: string): AlertsmithDocument {
    const cached = cache.get(uri);
    if (cached && cached.languageId === languageId && cached.text === text) return cached.parsed;
    const parsed = parseAlertsmithDocument({ uri, languageId, text, settings });
    cache.set(uri, { languageId, text, parsed });
    // Bound the cache: the server keeps one entry per open document; the CLI streams files.
    if (cache.size > 256) cache.delete(cache.keys().next().value as string);
    return parsed;
  }

  function parse(document: TextDocument): AlertsmithDocument {
    return parseText(document.uri, document.languageId, document.getText());
  }

  /**
   * What formatting reads: the edit fast path's regions while typing (the light bulb asks for
   * code actions after every keystroke; a full parse of a large file would hold up completion).
   * The fast path only keeps states of YAML without syntax errors.
   */
  function formattingInputOf(document: TextDocument): FormattingInput {
    const state = incremental.current(document.uri, document.getText());
    return state ? { kind: 'yaml', regions: state.regions, yamlSyntaxErrors: false } : formattingInput(parse(document));
  }

  /** The expressions of a document: from the edit fast path when it knows them, else parsed. */
  function regionsOf(document: TextDocument): readonly EmbeddedRegion[] {
    return incremental.current(document.uri, document.getText())?.regions ?? parse(document).regions;
  }

  /** The symbol index, with this document's live text indexed (it may be mid-edit). */
  function navigationIndex(document: TextDocument): SymbolIndex {
    const text = document.getText();
    currentSymbols();
    if (!symbols.isCurrent(document.uri, text)) symbols.update(document.uri, text, parse(document));
    return symbols;
  }

  const recordingRuleNames = () => workspace.recordingRules().map((rule) => rule.name);

  function deps(): ExprFeatureDeps {
    return {
      metrics,
      recordingRules: workspace.recordingRules(),
      experimentalFeaturesEnabled: settings.promql.experimentalFeaturesEnabled,
    };
  }

  function regionsFor(document: TextDocument, parsed: AlertsmithDocument, eachLine: boolean): readonly EmbeddedRegion[] {
    if (eachLine && parsed.kind !== 'yaml') return lineRegions(document.getText(), parsed.kind);
    return parsed.regions;
  }

  function validate(document: TextDocument, validation: ValidationOptions): Diagnostic[] {
    // The label inference, and the structure problems the fast path keeps (template label
    // checks among them), depend on the workspace's recording rules.
    if (rulesRevision !== workspace.revision) {
      rulesRevision = workspace.revision;
      outputLabels = labelInference(workspace.recordingRules());
      incremental.clear();
    }
    const fast = validation.eachLine ? undefined : incremental.current(document.uri, document.getText());
    const parsed = fast ? undefined : parse(document);
    const structure =
      fast?.structureProblems ??
      (parsed?.yaml ? validateRuleFile(parsed.yaml, { inferOutputLabels: outputLabels, ruleFileLanguage: parsed.ruleFileLanguage }) : []);
    if (parsed?.kind === 'yaml') incremental.record(document.uri, fullState(document.getText(), parsed, structure));
    const diagnostics: Diagnostic[] = [];
    const snapshot = liveSnapshot();
    const push = (diagnostic: Diagnostic | undefined) => diagnostic && diagnostics.push(diagnostic);
    for (const problem of structure) {
      const range = { start: document.positionAt(problem.from), end: document.positionAt(problem.to) };
      push(toDiagnostic(problem, range, settings));
    }
    for (const region of fast?.regions ?? regionsFor(document, parsed!, validation.eachLine ?? false)) {
      const problems = validateExpr(region.language, region.text, region.context, settings.promql.experimentalFeaturesEnabled);
      for (const problem of problems) push(toDiagnostic(problem, regionRange(document, region, problem.from, problem.to), settings));
      if (snapshot && region.language === 'promql') {
        for (const problem of livePromQLProblems(region.text, snapshot, recordingRuleNames())) {
          push(toDiagnostic(problem, regionRange(document, region, problem.from, problem.to), settings));
        }
      }
    }
    if (fast || parsed?.kind === 'yaml') diagnostics.push(...operatorDiagnostics(document, operator, settings));
    return diagnostics;
  }

  function queryCompletion(document: TextDocument, position: Position, options: CompletionOptions): CompletionList {
    const hit = regionAt(regionsOf(document), document.offsetAt(position), document.getText());
    const language = hit && queryLanguages[hit.region.language];
    if (!hit && parse(document).kind === 'yaml') {
      let list = schemaCompletionList(document, position, { index: operator, uri: document.uri });
      if (options.documentationOnResolve) list = deferredDocumentation.strip(list);
      return options.sharedEditRange ? withSharedEditRange(list) : list;
    }
    if (!hit || !language) return { isIncomplete: false, items: [] };
    const snapshot = liveSnapshot();
    const values =
      snapshot && hit.region.language === 'promql' ? liveLabelValueCompletion(hit.region.text, hit.offset, snapshot) : undefined;
    const lokiSnapshot = hit.region.language === 'logql' ? loki?.() : undefined;
    const base = values ?? language.complete(hit.region.text, hit.offset, deps());
    const result = lokiSnapshot ? liveLogQLCompletion(hit.region.text, hit.offset, lokiSnapshot, base) : base;
    const range = regionRange(document, hit.region, result.from, result.to);
    return sameRangeList(result.items, range, result.isIncomplete ?? false, {
      sharedEditRange: options.sharedEditRange,
      deferred: options.documentationOnResolve ? deferredDocumentation : undefined,
    });
  }

  const service: LanguageService = {
    get settings() {
      return settings;
    },
    workspace,
    configure(next) {
      // A parse depends only on the `logql` settings (rule-file globs). Keeping parses otherwise
      // matters at start-up: the first settings arrive just after the first file was parsed.
      const parsesChange = JSON.stringify(next.logql) !== JSON.stringify(settings.logql);
      settings = next;
      if (parsesChange) {
        cache.clear();
        incremental.clear();
      }
      operator.setDefaultNamespace(next.operator.defaultNamespace);
    },
    setLiveSnapshot(next) {
      live = next;
    },
    setLokiSnapshot(next) {
      loki = next;
    },
    parse,
    settle(document) {
      if (!incremental.provisional(document.uri)) return false;
      incremental.forget(document.uri);
      service.indexFile(document.uri, document.languageId, document.getText());
      return true;
    },

    indexFile(uri, languageId, text) {
      if (languageId === 'promql') staleSymbols.set(uri, { languageId, text });
      if (languageId !== 'yaml') return [];
      // An edit inside one expression changes no rule name or label: settle() re-indexes later.
      if (incremental.current(uri, text)?.provisional) return [];
      const parsed = parseText(uri, languageId, text);
      workspace.setRecordingRules(uri, parsed.yaml ? extractRecordingRules(uri, parsed.yaml) : []);
      staleSymbols.set(uri, { languageId, text });
      return operator.updateFile(uri, text, reusableDocuments(parsed)).filter((affected) => affected !== uri);
    },
    indexFiles(files) {
      // A generator, so that each file's parse is garbage once its objects are indexed.
      function* yamlFiles() {
        for (const { uri, languageId, text } of files) {
          staleSymbols.delete(uri);
          if (languageId === 'promql') symbols.update(uri, text, parseAlertsmithDocument({ uri, languageId, text, settings }));
          if (languageId !== 'yaml') continue;
          const parsed = parseAlertsmithDocument({ uri, languageId, text, settings });
          workspace.setRecordingRules(uri, parsed.yaml ? extractRecordingRules(uri, parsed.yaml) : []);
          symbols.update(uri, text, parsed);
          yield [uri, text, reusableDocuments(parsed)] as const;
        }
      }
      operator.loadFiles(yamlFiles());
    },
    removeFile(uri) {
      workspace.removeFile(uri);
      cache.delete(uri);
      incremental.forget(uri);
      symbols.remove(uri);
      staleSymbols.delete(uri);
      return operator.removeFile(uri);
    },
    doCodeActions(document, diagnostics, request) {
      const fixes = operatorCodeActions(diagnostics, operator, (uri) => (uri === document.uri ? document.getText() : operator.text(uri)));
      if (!request) return fixes;
      return [...fixes, ...formattingCodeActions(document, formattingInputOf(document), request.range, request.only)];
    },
    formatExpressions(document, range) {
      return formattingEdits(document, formattingInputOf(document), range);
    },
    doSemanticTokens(document) {
      if (document.languageId !== 'yaml' && parse(document).kind !== 'yaml') return { data: [] };
      const { tokens, memo } = logqlDocumentTokens(document.getText(), regionsOf(document), semanticTokenMemo.get(document.uri));
      semanticTokenMemo.delete(document.uri);
      semanticTokenMemo.set(document.uri, memo);
      // The editors asking are those of the open files; older entries are closed ones.
      if (semanticTokenMemo.size > 16) semanticTokenMemo.delete(semanticTokenMemo.keys().next().value!);
      return { data: encodeSemanticTokens(document.getText(), tokens) };
    },
    doCodeLenses(document) {
      const run = computeCodeLenses(document, parse(document));
      return document.languageId === 'yaml' ? [...run, ...operatorCodeLenses(document, operator)] : run;
    },
    findOperatorDefinition(document, position) {
      return operatorDefinition(document, document.offsetAt(position), operator);
    },
    findDefinition(document, position) {
      const rules = findRecordingRuleDefinition(navigationIndex(document), document.uri, position);
      return rules.length > 0 ? rules : operatorDefinition(document, document.offsetAt(position), operator);
    },
    findReferences(document, position, includeDeclaration) {
      return findMetricReferences(navigationIndex(document), document.uri, position, includeDeclaration);
    },
    prepareRename(document, position) {
      return prepareRecordingRuleRename(navigationIndex(document), document.uri, position);
    },
    doRename(document, position, newName) {
      return renameRecordingRule(navigationIndex(document), document.uri, position, newName);
    },
    workspaceSymbols(query) {
      return workspaceSymbols(currentSymbols(), query);
    },
    documentSymbols(document) {
      return documentSymbols(document.getText(), parse(document));
    },

    doValidation(document, validation = {}) {
      return withSharedTrees(() => validate(document, validation));
    },
    documentLanguages(document) {
      const present = new Set(regionsOf(document).map((region) => region.language));
      return (['promql', 'logql'] as const).filter((language) => present.has(language));
    },

    doComplete(document, position, options = {}) {
      return queryCompletion(document, position, options);
    },
    resolveCompletion(item) {
      return deferredDocumentation.resolve(item);
    },

    doHover(document, position) {
      const hit = regionAt(regionsOf(document), document.offsetAt(position), document.getText());
      const language = hit && queryLanguages[hit.region.language];
      if (!hit && parse(document).kind === 'yaml') {
        const offset = document.offsetAt(position);
        return operatorHover(document, offset, operator) ?? schemaHoverAt(document, parse(document).yaml, offset);
      }
      if (!hit || !language) return null;
      const lokiSnapshot = hit.region.language === 'logql' ? loki?.() : undefined;
      const staticHover = language.hover(hit.region.text, hit.offset, deps());
      const hover = lokiSnapshot ? mergeHovers(staticHover, liveLogQLHover(hit.region.text, hit.offset, lokiSnapshot)) : staticHover;
      if (!hover) return null;
      return {
        contents: { kind: MarkupKind.Markdown, value: hover.markdown },
        range: regionRange(document, hit.region, hover.from, hover.to),
      };
    },

    doSignatureHelp(document, position) {
      const hit = regionAt(regionsOf(document), document.offsetAt(position), document.getText());
      const language = hit && queryLanguages[hit.region.language];
      if (!hit || !language) return null;
      return language.signatureHelp(hit.region.text, hit.offset, deps()) ?? null;
    },
  };
  return service;
}

/**
 * The documents of a parse that the Operator index may use instead of parsing the text again:
 * not those of a chart template, which were parsed with its action lines blanked out.
 */
function reusableDocuments(parsed: AlertsmithDocument): readonly Document.Parsed[] | undefined {
  return parsed.yaml && !parsed.yaml.helmTemplate ? parsed.yaml.documents : undefined;
}

export type { RecordingRuleInfo };
