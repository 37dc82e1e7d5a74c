import type { QueryLanguageFeatures } from '../types';
import { completeLogQL } from './completion';
import { hoverLogQL } from './hover';
import { signatureHelpLogQL } from './signatureHelp';
import { validateLogQL } from './validate';

/** LogQL as the facade serves it: .logql files, Loki rule files, `check --language logql`. */
export const logqlFeatures: QueryLanguageFeatures = {
  validate: validateLogQL,
  complete: (text, offset) => completeLogQL(text, offset),
  hover: (text, offset) => hoverLogQL(text, offset),
  signatureHelp: (text, offset) => signatureHelpLogQL(text, offset),
};
