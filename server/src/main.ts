import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

// Entry of dist/server.js, started by the VS Code client over IPC (or with --stdio).
startServer(createConnection(ProposedFeatures.all));
