import type { Scalar } from 'yaml';
import type { EmbeddedRegion, ExprContext, QueryLanguage } from '../types';
import {
  decodeBlockScalar,
  decodeDoubleQuoted,
  decodePlainOrSingleQuoted,
  type BlockScalarToken,
  type DecodedScalar,
} from './scalarDecode';

interface SourceToken {
  type: string;
  offset: number;
  indent: number;
  source?: string;
  props?: { type: string; source?: string }[];
}

/**
 * Decodes a scalar node of a document parsed with `keepSourceTokens`, keeping the source
 * position of every character. An empty value (`expr:`) decodes to '' at the node's position.
 * Undefined when the node cannot be decoded (see scalarDecodable).
 */
export function decodeScalarNode(text: string, node: Scalar): DecodedScalar | undefined {
  const token = (node as { srcToken?: SourceToken }).srcToken;
  if (!token) {
    if (!emptyValue(node)) return undefined;
    const at = node.range?.[0] ?? 0;
    return { text: '', starts: [], ends: [], contentStart: at, contentEnd: at };
  }
  const source = token.source ?? '';
  switch (token.type) {
    case 'scalar':
      return decodePlainOrSingleQuoted(text, token.offset, source, false);
    case 'single-quoted-scalar':
      return decodePlainOrSingleQuoted(text, token.offset, source, true);
    case 'double-quoted-scalar':
      return decodeDoubleQuoted(text, token.offset, source);
    case 'block-scalar':
      return decodeBlockScalar(text, token as BlockScalarToken);
    default:
      return undefined;
  }
}

/** Whether decodeScalarNode can decode the node, without decoding it (most never need it). */
export function scalarDecodable(node: Scalar): boolean {
  const token = (node as { srcToken?: SourceToken }).srcToken;
  if (!token) return emptyValue(node);
  return decodedTokenTypes.has(token.type);
}

const decodedTokenTypes = new Set(['scalar', 'single-quoted-scalar', 'double-quoted-scalar', 'block-scalar']);

function emptyValue(node: Scalar): boolean {
  return node.value === null || node.value === undefined || node.value === '';
}

/**
 * A character-by-character map used only if our decoding ever disagreed with the `yaml`
 * package: its text wins, positions are approximate.
 */
export function approximateDecoding(value: string, contentStart: number, contentEnd: number): DecodedScalar {
  const starts = Array.from(value, (_, i) => Math.min(contentStart + i, contentEnd));
  return { text: value, starts, ends: starts.map((start) => Math.min(start + 1, contentEnd)), contentStart, contentEnd };
}

/** What a region needs besides the decoded scalar. */
export interface RegionOptions {
  language: QueryLanguage;
  context: ExprContext;
  sourceStart: number;
  sourceEnd: number;
  keyOffset?: number;
}

/** An EmbeddedRegion whose offset maps come from a decoded scalar. */
export function regionFromDecoded(documentText: string, decoded: DecodedScalar, options: RegionOptions): EmbeddedRegion {
  return lazyRegion(documentText, decoded.text, () => decoded, options);
}

/**
 * An EmbeddedRegion of `text` whose offset maps are built from `decode()` on first use: a
 * 10,000-line rule file has thousands of expressions and only those with a problem, or under
 * the cursor, are ever mapped. `decode().text` must equal `text`.
 */
export function lazyRegion(documentText: string, text: string, decode: () => DecodedScalar, options: RegionOptions): EmbeddedRegion {
  return new LazyRegion(documentText, text, decode, options);
}

type OffsetMaps = Pick<EmbeddedRegion, 'toDocumentOffset' | 'toRegionOffset'>;

/** A class with its methods on the prototype: thousands live as long as their parse. */
class LazyRegion implements EmbeddedRegion {
  readonly language: QueryLanguage;
  readonly context: ExprContext;
  readonly sourceStart: number;
  readonly sourceEnd: number;
  readonly keyOffset: number | undefined;
  private maps: OffsetMaps | undefined;
  private decode: (() => DecodedScalar) | undefined;

  constructor(
    private readonly documentText: string,
    readonly text: string,
    decode: () => DecodedScalar,
    options: RegionOptions,
  ) {
    this.decode = decode;
    this.language = options.language;
    this.context = options.context;
    this.sourceStart = options.sourceStart;
    this.sourceEnd = options.sourceEnd;
    this.keyOffset = options.keyOffset;
  }

  toDocumentOffset(offset: number): number {
    return this.mapped().toDocumentOffset(offset);
  }

  toRegionOffset(documentOffset: number): number | undefined {
    return this.mapped().toRegionOffset(documentOffset);
  }

  private mapped(): OffsetMaps {
    if (!this.maps) {
      this.maps = offsetMaps(this.documentText, this.decode!());
      this.decode = undefined;
    }
    return this.maps;
  }
}

function offsetMaps(documentText: string, decoded: DecodedScalar): Pick<EmbeddedRegion, 'toDocumentOffset' | 'toRegionOffset'> {
  const { text, starts, ends, contentStart, contentEnd } = decoded;
  const n = text.length;
  const endOffset = (): number => {
    if (n === 0) return contentStart;
    // A kept final newline ends the value on the line of its last character, not below it.
    const source = documentText[starts[n - 1]];
    const lastIsLineBreak = text[n - 1] === '\n' && (source === '\n' || source === '\r');
    return lastIsLineBreak ? starts[n - 1] : ends[n - 1];
  };
  const valueEnd = endOffset();
  return {
    toDocumentOffset(offset: number): number {
      if (offset <= 0) return n === 0 ? contentStart : starts[0];
      if (offset >= n) return valueEnd;
      return starts[offset];
    },
    toRegionOffset(documentOffset: number): number | undefined {
      if (documentOffset < contentStart || documentOffset > Math.max(contentEnd, valueEnd)) return undefined;
      return regionOffsetOf(decoded, documentOffset);
    },
  };
}

/** Text offset of a document offset: the character whose source holds it, or the next one. */
function regionOffsetOf({ text, starts, ends }: DecodedScalar, documentOffset: number): number {
  let lo = 0;
  let hi = text.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] <= documentOffset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (found === -1) return 0;
  if (documentOffset === starts[found] || documentOffset < ends[found]) {
    // Several units from one escape (`\U0001F600`) share a start: pick the first.
    while (found > 0 && starts[found - 1] === starts[found]) found--;
    return found;
  }
  return found + 1;
}
