import type { Scalar } from 'yaml';
import type { EmbeddedRegion } from './types';
import { expressionLanguage } from './yaml/languageDetection';
import { decodeScalarNode, regionFromDecoded } from './yaml/scalarRegion';

/** The one span that differs between two texts: `[start, oldEnd)` of the old became `[start, newEnd)` of the new. */
export interface TextChange {
  start: number;
  oldEnd: number;
  newEnd: number;
}

/** The single change that turns `before` into `after` (longest common prefix, then suffix). */
export function singleChange(before: string, after: string): TextChange {
  const shorter = Math.min(before.length, after.length);
  let start = 0;
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let tail = 0;
  const maxTail = shorter - start;
  while (tail < maxTail && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  return { start, oldEnd: before.length - tail, newEnd: after.length - tail };
}

/** Moves a document offset of the old text to the new text; offsets inside the change go to its start. */
export function moveOffset(offset: number, change: TextChange): number {
  if (offset <= change.start) return offset;
  if (offset >= change.oldEnd) return offset + change.newEnd - change.oldEnd;
  return change.start;
}

/** The CST token of an `expr` scalar, as `yaml` keeps it with `keepSourceTokens`. */
export interface ScalarToken {
  type: string;
  offset: number;
  indent: number;
  source: string;
  props?: { type: string; source?: string }[];
}

/** An expression scalar as the fast path needs it: its region and the token it was decoded from. */
export interface ScalarSite {
  region: EmbeddedRegion;
  token: ScalarToken;
  /** Inside a flow collection (`{expr: …}`), where `,[]{}` end a plain scalar. */
  flow: boolean;
}

const lineBreak = /[\r\n]/;
/** Plain scalars YAML reads as null. */
const plainNull = /^(~|null|Null|NULL)$/;

/**
 * Rebuilds the site of an expression after a change inside its scalar, or undefined when the
 * change could alter YAML structure (where the scalar ends, what the lines around it are) — the
 * caller then parses the whole file. `before` and `after` are the whole document texts.
 */
export function editSite(site: ScalarSite, before: string, after: string, change: TextChange): ScalarSite | undefined {
  const { token } = site;
  const removed = before.slice(change.start, change.oldEnd);
  const inserted = after.slice(change.start, change.newEnd);
  if (lineBreak.test(removed) || lineBreak.test(inserted)) return undefined;
  const headerLength = token.type === 'block-scalar' ? (token.props ?? []).reduce((sum, p) => sum + (p.source?.length ?? 0), 0) : 0;
  const bodyStart = token.offset + headerLength;
  const bodyEnd = bodyStart + token.source.length;
  if (!indentationKept(before, change.start)) return undefined;
  if (!changeAllowed(site, before, after, change, removed, inserted, bodyStart, bodyEnd)) return undefined;

  const source = token.source.slice(0, change.start - bodyStart) + inserted + token.source.slice(change.oldEnd - bodyStart);
  const edited: ScalarToken = { ...token, source };
  const decoded = decodeScalarNode(after, { srcToken: edited } as unknown as Scalar);
  if (!decoded) return undefined;
  const { region } = site;
  // Plain rule files take their language from what most expressions look like (null ones
  // not counted).
  if (expressionLanguage(decoded.text) !== expressionLanguage(region.text)) return undefined;
  if (token.type === 'scalar' && (plainNull.test(decoded.text) || plainNull.test(region.text))) return undefined;
  const delta = change.newEnd - change.oldEnd;
  const next = regionFromDecoded(after, decoded, {
    language: region.language,
    context: region.context,
    sourceStart: region.sourceStart,
    sourceEnd: region.sourceEnd + delta,
    keyOffset: region.keyOffset, // the key precedes the edited value
  });
  return { region: next, token: edited, flow: site.flow };
}

/** Something other than white space precedes the change on its line, so no indentation moves. */
function indentationKept(text: string, start: number): boolean {
  for (let i = start - 1; i >= 0; i--) {
    const ch = text[i];
    if (ch === '\n' || ch === '\r') return false;
    if (ch !== ' ' && ch !== '\t') return true;
  }
  return false;
}

function changeAllowed(
  site: ScalarSite,
  before: string,
  after: string,
  change: TextChange,
  removed: string,
  inserted: string,
  bodyStart: number,
  bodyEnd: number,
): boolean {
  const { start, oldEnd } = change;
  switch (site.token.type) {
    case 'double-quoted-scalar':
      // The closing quote is the first `"` after an even run of backslashes: keep quotes,
      // backslashes and whatever follows a backslash as they are.
      return (
        closedQuote(site.token, '"') &&
        start > bodyStart &&
        oldEnd < bodyEnd &&
        !/["\\]/.test(removed + inserted) &&
        before[start - 1] !== '\\'
      );
    case 'single-quoted-scalar':
      // `''` is an escaped quote: never touch a quote or split a pair.
      return (
        closedQuote(site.token, "'") && start > bodyStart && oldEnd < bodyEnd && !/'/.test(removed + inserted) && before[start - 1] !== "'"
      );
    case 'block-scalar':
      // Lines of a block scalar are content whatever they hold, as long as indentation stays.
      return start > bodyStart && oldEnd < bodyEnd && lineAfter(before, bodyStart, start);
    case 'scalar':
      return oldEnd <= bodyEnd && plainChangeAllowed(site, before, after, change, removed, inserted, bodyStart, bodyEnd);
    default:
      return false;
  }
}

function closedQuote(token: ScalarToken, quote: string): boolean {
  return token.source.length > 1 && token.source.endsWith(quote);
}

/** A block scalar's content begins on the line after its header. */
function lineAfter(text: string, bodyStart: number, start: number): boolean {
  return text.lastIndexOf('\n', start - 1) >= bodyStart - 1;
}

/**
 * Plain scalars end at `: `, ` #` and a line break into less indentation, and in flow
 * collections at `,[]{}`. The first character stays (it decides the scalar is plain), and text
 * appended at the end must not be white space (which would be trimmed, not added).
 */
function plainChangeAllowed(
  site: ScalarSite,
  before: string,
  after: string,
  change: TextChange,
  removed: string,
  inserted: string,
  bodyStart: number,
  bodyEnd: number,
): boolean {
  const { start, oldEnd, newEnd } = change;
  if (site.flow || start <= bodyStart) return false;
  if (oldEnd === bodyEnd && (removed !== '' || /[ \t]$/.test(inserted) || inserted === '')) return false;
  if (/[#:]/.test(removed)) return false;
  // Continuation lines must not start to look like something else (`- x`, `? x`, `: x`).
  const lineStart = before.lastIndexOf('\n', start - 1) + 1;
  if (lineStart > bodyStart) {
    let first = lineStart;
    while (before[first] === ' ' || before[first] === '\t') first++;
    if (start === first + 1 && /[-?:]/.test(before[first])) return false;
  }
  // Every pair of characters the change created lies in this window (`$`: conservatively, its end).
  const window = after.slice(Math.max(0, start - 1), newEnd + 1);
  return !/:([ \t\r\n]|$)|[ \t]#/.test(window);
}
