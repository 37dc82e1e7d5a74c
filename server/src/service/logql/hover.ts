import type { ExprHover } from '../types';

export function hoverLogQL(_text: string, _offset: number): ExprHover | undefined {
  return undefined;
}
