import * as vscode from 'vscode';

interface JsonPosition {
  line: number;
  character: number;
}
interface JsonLocation {
  uri: string;
  range: { start: JsonPosition; end: JsonPosition };
}

const toPosition = (p: JsonPosition) => new vscode.Position(p.line, p.character);

/**
 * Runs from a "matches 2 Services" code lens: shows the matched objects in VS Code's peek
 * view. The lens arguments are plain JSON from the server; the built-in command wants API types.
 */
export async function showMatches(uri: unknown, position: unknown, locations: unknown): Promise<void> {
  if (typeof uri !== 'string' || !isPosition(position) || !Array.isArray(locations)) return;
  const converted = locations
    .filter(isLocation)
    .map(
      (location) =>
        new vscode.Location(
          vscode.Uri.parse(location.uri),
          new vscode.Range(toPosition(location.range.start), toPosition(location.range.end)),
        ),
    );
  await vscode.commands.executeCommand('editor.action.showReferences', vscode.Uri.parse(uri), toPosition(position), converted);
}

function isPosition(value: unknown): value is JsonPosition {
  return (
    typeof value === 'object' &&
    value !== null &&
    Number.isInteger((value as JsonPosition).line) &&
    Number.isInteger((value as JsonPosition).character)
  );
}

function isLocation(value: unknown): value is JsonLocation {
  const location = value as JsonLocation;
  return typeof location?.uri === 'string' && isPosition(location.range?.start) && isPosition(location.range?.end);
}
