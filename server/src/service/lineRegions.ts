import type { EmbeddedRegion, QueryLanguage } from './types';

/**
 * `check --each-line`: every non-empty line that is not a `#` comment is its own expression,
 * with positions those of the file.
 */
export function lineRegions(text: string, language: QueryLanguage): EmbeddedRegion[] {
  const regions: EmbeddedRegion[] = [];
  const linePattern = /[^\r\n]*(\r\n|\r|\n|$)/g;
  for (let match = linePattern.exec(text); match && match[0] !== ''; match = linePattern.exec(text)) {
    const start = match.index;
    const line = match[0].slice(0, match[0].length - match[1].length);
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    regions.push({
      language,
      context: 'query',
      text: line,
      sourceStart: start,
      sourceEnd: start + line.length,
      toDocumentOffset: (offset) => start + offset,
      toRegionOffset: (documentOffset) =>
        documentOffset >= start && documentOffset <= start + line.length ? documentOffset - start : undefined,
    });
  }
  return regions;
}
