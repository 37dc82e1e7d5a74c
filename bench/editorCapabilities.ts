import type { ClientCapabilities } from 'vscode-languageserver-protocol';

/**
 * What the benches declare, as VS Code does: settings over `workspace/configuration`, and
 * completion items resolved one by one (VS Code asks for `documentation` and `detail` of the
 * focused item), so lists arrive without documentation, and it takes list defaults (the edit
 * range common to the items comes once). Diagnostics stay pushed: the benches
 * wait for them.
 */
export const editorCapabilities: ClientCapabilities = {
  workspace: { configuration: true },
  textDocument: {
    completion: {
      completionItem: {
        snippetSupport: true,
        documentationFormat: ['markdown', 'plaintext'],
        resolveSupport: { properties: ['documentation', 'detail', 'additionalTextEdits'] },
      },
      completionList: { itemDefaults: ['commitCharacters', 'editRange', 'insertTextFormat', 'insertTextMode', 'data'] },
    },
  },
};
