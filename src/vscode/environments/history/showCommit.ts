import type { Ui } from '../../shared/ui/uiSeam';
import { CommitDocumentProvider } from './commitDocuments';

/** Opens what a commit changed in an environment, from the History node. */
export async function showCommit(ui: Ui, env: string, hash: string): Promise<void> {
  await ui.showDocument(CommitDocumentProvider.uri(env, hash), { preview: true, language: 'diff' });
}
