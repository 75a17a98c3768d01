import type * as vscode from 'vscode';

/** Manifests and configs on disk: YAML and JSON files (not untitled buffers or virtual documents). */
export const YAML_AND_JSON_FILES: vscode.DocumentSelector = [
  { language: 'yaml', scheme: 'file' },
  { language: 'json', scheme: 'file' },
];
