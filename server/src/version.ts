/** The version reported by `alertsmith --version` and in the LSP `serverInfo`. */
export const serverVersion = '0.1.0';
