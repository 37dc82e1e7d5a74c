import type { ExprCompletion } from '../types';

export function completeLogQL(_text: string, offset: number): ExprCompletion {
  return { from: offset, to: offset, items: [] };
}
