import { logqlFeatures } from './logql';
import { completePromQL } from './promql/completion';
import { hoverPromQL } from './promql/hover';
import { signatureHelpPromQL } from './promql/signatureHelp';
import { validatePromQL } from './promql/validate';
import type { QueryLanguage, QueryLanguageFeatures } from './types';

const promql: QueryLanguageFeatures = {
  validate: validatePromQL,
  complete: completePromQL,
  hover: hoverPromQL,
  signatureHelp: (text, offset) => signatureHelpPromQL(text, offset),
};

/** The features of each query language; a language without an entry is not served yet. */
export const queryLanguages: Partial<Record<QueryLanguage, QueryLanguageFeatures>> = { promql, logql: logqlFeatures };
