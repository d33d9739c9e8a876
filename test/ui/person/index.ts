// The UI parts that each drive one feature as a person does, in a fresh copy of the demo (test/ui/workbench.ui.ts
// runs them after the README and workbench walks; `--grep <name>` runs one alone).
import type { Page } from 'playwright-core';
import type { UiTestContext } from '../workbench.ui';
import { runCheckLiveUiTest } from './checkLive.ui';
import { runExportUiTest } from './export.ui';
import { runProviderHoverUiTest } from './providerHover.ui';
import { runUndoRedoUiTest } from './undoRedo.ui';
import { runWrapperLayoutUiTest } from './wrapperLayout.ui';

export const PERSON_PARTS: ReadonlyArray<readonly [string, (page: Page, context: UiTestContext) => Promise<void>]> = [
  ['undo-redo', runUndoRedoUiTest],
  ['export', runExportUiTest],
  ['check-live', runCheckLiveUiTest],
  ['wrapper-layout', runWrapperLayoutUiTest],
  ['provider-hover', runProviderHoverUiTest],
];
