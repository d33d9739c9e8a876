import type { KeysTreeProvider } from './keysView';
import type { WorkspaceConfig } from './workspaceConfig';

/**
 * What `activate()` returns. The integration tests read the extension's state through it
 * (tree contents, loaded configuration) instead of scraping the UI; nothing here exposes a key.
 */
export interface RotationReadyApi {
  config: WorkspaceConfig;
  keysTree: KeysTreeProvider;
}
