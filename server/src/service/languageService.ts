import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, CodeLens, CompletionItem, CompletionList, Diagnostic, Hover, Location, Position, SignatureHelp } from 'vscode-languageserver-types';
import { MarkupKind } from 'vscode-languageserver-types';
import { catalogMetrics } from './catalog/metrics';
import { parseAlertsmithDocument, type AlertsmithDocument } from './document';
import { queryLanguages } from './languages';
import { regionAt, regionRange, toDiagnostic } from './regionMapping';
import { extractRecordingRules } from './rules/recordingRules';
import { validateRuleFile } from './rules/validateRules';
import { defaultSettings, type AlertsmithSettings } from './settings';
import type { EmbeddedRegion, ExprContext, ExprFeatureDeps, MetricLookup, QueryLanguage, RecordingRuleInfo } from './types';
import { WorkspaceModel } from './workspace';
import { lineRegions } from './lineRegions';
import { memoizeByKey } from './memo';
import { livePromQLProblems } from './live/liveChecks';
import { liveLabelValueCompletion } from './live/liveCompletion';
import { liveMetricLookup } from './live/metricLookup';
import type { LiveSnapshot } from './live/snapshot';
import { OperatorIndex } from './operator';
import { operatorCodeActions, operatorCodeLenses, operatorDefinition, operatorDiagnostics, operatorHover } from './operatorFeatures';
import { inferOutputLabels } from './promql/outputLabels';

export interface LanguageServiceOptions {
  settings?: AlertsmithSettings;
  /** Metrics known besides the bundled catalog (defaults to the catalog). */
  metrics?: MetricLookup;
  /** What a live Prometheus knows; features use it when it is reachable. */
  live?: () => LiveSnapshot | undefined;
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
  doCodeActions(document: TextDocument, diagnostics: readonly Diagnostic[]): CodeAction[];
  doCodeLenses(document: TextDocument): CodeLens[];
  /** Go-to-definition for Operator selectors: the objects they match. */
  findOperatorDefinition(document: TextDocument, position: Position): Location[];
  doValidation(document: TextDocument, options?: ValidationOptions): Diagnostic[];
  doComplete(document: TextDocument, position: Position): CompletionList;
  doHover(document: TextDocument, position: Position): Hover | null;
  doSignatureHelp(document: TextDocument, position: Position): SignatureHelp | null;
  /** The parsed document, cached per version. */
  parse(document: TextDocument): AlertsmithDocument;
}

export function getLanguageService(options: LanguageServiceOptions = {}): LanguageService {
  let settings = options.settings ?? defaultSettings;
  const workspace = new WorkspaceModel();
  const operator = new OperatorIndex(settings.operator.defaultNamespace);
  let live = options.live;
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
  const outputLabels = memoizeByKey(inferOutputLabels, (text) => text);

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

  const recordingRuleNames = () => workspace.recordingRules().map((rule) => rule.name);

  function deps(): ExprFeatureDeps {
    return { metrics, recordingRules: workspace.recordingRules(), experimentalFeaturesEnabled: settings.promql.experimentalFeaturesEnabled };
  }

  function regionsFor(document: TextDocument, parsed: AlertsmithDocument, eachLine: boolean): readonly EmbeddedRegion[] {
    if (eachLine && parsed.kind !== 'yaml') return lineRegions(document.getText(), parsed.kind);
    return parsed.regions;
  }

  return {
    get settings() {
      return settings;
    },
    workspace,
    configure(next) {
      settings = next;
      cache.clear();
      operator.setDefaultNamespace(next.operator.defaultNamespace);
    },
    setLiveSnapshot(next) {
      live = next;
    },
    parse,

    indexFile(uri, languageId, text) {
      if (languageId !== 'yaml') return [];
      const parsed = parseText(uri, languageId, text);
      workspace.setRecordingRules(uri, parsed.yaml ? extractRecordingRules(uri, parsed.yaml) : []);
      return operator.updateFile(uri, text).filter((affected) => affected !== uri);
    },
    indexFiles(files) {
      const yamlFiles: Array<readonly [string, string]> = [];
      for (const { uri, languageId, text } of files) {
        if (languageId !== 'yaml') continue;
        const parsed = parseAlertsmithDocument({ uri, languageId, text, settings });
        workspace.setRecordingRules(uri, parsed.yaml ? extractRecordingRules(uri, parsed.yaml) : []);
        yamlFiles.push([uri, text]);
      }
      operator.loadFiles(yamlFiles);
    },
    removeFile(uri) {
      workspace.removeFile(uri);
      cache.delete(uri);
      return operator.removeFile(uri);
    },
    doCodeActions(document, diagnostics) {
      return operatorCodeActions(diagnostics, operator, (uri) => (uri === document.uri ? document.getText() : operator.text(uri)));
    },
    doCodeLenses(document) {
      return document.languageId === 'yaml' ? operatorCodeLenses(document, operator) : [];
    },
    findOperatorDefinition(document, position) {
      return operatorDefinition(document, document.offsetAt(position), operator);
    },

    doValidation(document, validation = {}) {
      const parsed = parse(document);
      const diagnostics: Diagnostic[] = [];
      const snapshot = liveSnapshot();
      const push = (diagnostic: Diagnostic | undefined) => diagnostic && diagnostics.push(diagnostic);
      if (parsed.yaml) {
        for (const problem of validateRuleFile(parsed.yaml, { inferOutputLabels: outputLabels })) {
          const range = { start: document.positionAt(problem.from), end: document.positionAt(problem.to) };
          push(toDiagnostic(problem, range, settings));
        }
      }
      for (const region of regionsFor(document, parsed, validation.eachLine ?? false)) {
        const problems = validateExpr(region.language, region.text, region.context, settings.promql.experimentalFeaturesEnabled);
        for (const problem of problems) push(toDiagnostic(problem, regionRange(document, region, problem.from, problem.to), settings));
        if (snapshot && region.language === 'promql') {
          for (const problem of livePromQLProblems(region.text, snapshot, recordingRuleNames())) {
            push(toDiagnostic(problem, regionRange(document, region, problem.from, problem.to), settings));
          }
        }
      }
      if (parsed.kind === 'yaml') diagnostics.push(...operatorDiagnostics(document, operator, settings));
      return diagnostics;
    },

    doComplete(document, position) {
      const parsed = parse(document);
      const hit = regionAt(parsed.regions, document.offsetAt(position));
      const language = hit && queryLanguages[hit.region.language];
      if (!hit || !language) return { isIncomplete: false, items: [] };
      const snapshot = liveSnapshot();
      const values = snapshot && hit.region.language === 'promql' ? liveLabelValueCompletion(hit.region.text, hit.offset, snapshot) : undefined;
      const result = values ?? language.complete(hit.region.text, hit.offset, deps());
      const range = regionRange(document, hit.region, result.from, result.to);
      const items = result.items.map((item): CompletionItem => ({ ...item, textEdit: { range, newText: item.insertText ?? item.label }, insertText: undefined }));
      return { isIncomplete: result.isIncomplete ?? false, items };
    },

    doHover(document, position) {
      const parsed = parse(document);
      const hit = regionAt(parsed.regions, document.offsetAt(position));
      const language = hit && queryLanguages[hit.region.language];
      if (!hit && parsed.kind === 'yaml') return operatorHover(document, document.offsetAt(position), operator);
      if (!hit || !language) return null;
      const hover = language.hover(hit.region.text, hit.offset, deps());
      if (!hover) return null;
      return { contents: { kind: MarkupKind.Markdown, value: hover.markdown }, range: regionRange(document, hit.region, hover.from, hover.to) };
    },

    doSignatureHelp(document, position) {
      const parsed = parse(document);
      const hit = regionAt(parsed.regions, document.offsetAt(position));
      const language = hit && queryLanguages[hit.region.language];
      if (!hit || !language) return null;
      return language.signatureHelp(hit.region.text, hit.offset, deps()) ?? null;
    },
  };
}

export type { RecordingRuleInfo };
