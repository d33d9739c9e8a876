import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { sampleGen } from '../../src/core/rules/sampleGen';
import { activeExtension, ourDiagnostics } from './helpers';

/**
 * Issue 19.1: one document must not stall the analysis of the others, and closing it stops its analysis. A large
 * generated file (1.9 MB of names and random values, thousands of findings) takes the language server seconds; before,
 * that ran in one piece on its main thread, and every other document waited for it.
 */
function largeDocumentText(seed: number): string {
  const g = sampleGen(seed);
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < 1_900_000; i++) {
    const line = `const token${i} = "${g.alnum(32)}"; // secret key ${i}\n`;
    lines.push(line);
    size += line.length;
  }
  return lines.join('') + `export const last = "${'ghp' + '_' + g.alnum(36)}";\n`;
}

/** Whether a URI had diagnostics of ours at some change after `since` (Date.now()). */
function watchDiagnostics(): { publishedAfter: (uri: vscode.Uri, since: number) => boolean; dispose(): void } {
  const events: Array<{ uri: string; at: number }> = [];
  const listener = vscode.languages.onDidChangeDiagnostics((e) => {
    for (const uri of e.uris) if (ourDiagnostics(uri).length > 0) events.push({ uri: uri.toString(), at: Date.now() });
  });
  return {
    publishedAfter: (uri, since) => events.some((e) => e.uri === uri.toString() && e.at >= since),
    dispose: () => listener.dispose(),
  };
}

describe('one slow document does not stall the others (issue 19.1)', function () {
  this.timeout(180_000);

  before(async () => {
    await activeExtension();
  });

  it('a small document gets its diagnostics before a large one opened just before it is done', async () => {
    // The two are opened back to back: the large one's analysis starts first (its debounce ends first) and takes
    // hundreds of milliseconds, the small one's a millisecond. Analyzed in one piece, the large one would be published
    // first; in slices, the small one gets in between. The order of publication is read from the change events.
    // An attempt counts only when the large one was still unpublished once the small one was open (a loaded
    // machine can take longer to open the small one than the server takes for the large one).
    const attempts: string[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      // When each was first published: the change event's number (the order, even within one millisecond) and time.
      const published = new Map<string, number>();
      const publishedAt = new Map<string, number>();
      let events = 0;
      const listener = vscode.languages.onDidChangeDiagnostics((e) => {
        events++;
        for (const uri of e.uris) {
          if (published.has(uri.toString()) || ourDiagnostics(uri).length === 0) continue;
          published.set(uri.toString(), events);
          publishedAt.set(uri.toString(), Date.now());
        }
      });
      const g = sampleGen(10 + attempt);
      const large = await vscode.workspace.openTextDocument({ language: 'typescript', content: largeDocumentText(attempt) });
      await vscode.window.showTextDocument(large);
      const small = await vscode.workspace.openTextDocument({ language: 'typescript', content: `export const token = "${'ghp' + '_' + g.alnum(36)}";\n` });
      await vscode.window.showTextDocument(small, { preview: false });
      const smallOpen = Date.now();
      const began = Date.now();
      while (!(published.has(small.uri.toString()) && published.has(large.uri.toString())) && Date.now() - began < 120_000) await new Promise((r) => setTimeout(r, 25));
      listener.dispose();
      for (const document of [small, large]) {
        await vscode.window.showTextDocument(document);
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      }
      const smallAt = publishedAt.get(small.uri.toString());
      const largeAt = publishedAt.get(large.uri.toString());
      assert.ok(smallAt !== undefined && largeAt !== undefined, `diagnostics: small at ${smallAt}, large at ${largeAt}`);
      if (largeAt < smallOpen) {
        attempts.push(`attempt ${attempt}: the large one was published ${smallOpen - largeAt} ms before the small one was open`);
        continue;
      }
      const [smallEvent, largeEvent] = [published.get(small.uri.toString())!, published.get(large.uri.toString())!];
      if (smallEvent === largeEvent) {
        attempts.push(`attempt ${attempt}: both came in one change event, ${smallAt - smallOpen} ms after the small one was opened`);
        continue;
      }
      assert.ok(smallEvent < largeEvent, `the small document's diagnostics came ${smallAt - smallOpen} ms after it was opened (change event ${smallEvent}), the large one's ${largeAt - smallOpen} ms (event ${largeEvent})`);
      return;
    }
    assert.fail(`no race to judge: ${attempts.join('; ')}`);
  });

  it("the issue's reproduction: a private-key header and 256 KiB of newlines do not hold up another document", async () => {
    // Before: the private-key pattern backtracked on this for ~69 s of the server's CPU, and every other document's
    // diagnostics waited ~72 s. Now the pattern is linear and the analysis yields, so the other one comes in seconds.
    const hostile = await vscode.workspace.openTextDocument({ language: 'typescript', content: '-----BEGIN ' + 'PRIVATE KEY-----' + '\n'.repeat(256 * 1024) });
    await vscode.window.showTextDocument(hostile);
    await new Promise((r) => setTimeout(r, 600));
    const g = sampleGen(4);
    const small = await vscode.workspace.openTextDocument({ language: 'typescript', content: `export const token = "${'ghp' + '_' + g.alnum(36)}";\n` });
    await vscode.window.showTextDocument(small, { preview: false });
    const began = Date.now();
    while (ourDiagnostics(small.uri).length === 0 && Date.now() - began < 90_000) await new Promise((r) => setTimeout(r, 25));
    const ms = Date.now() - began;
    // A liveness bound far above a loaded machine's seconds and far below the ~72 s the stall took.
    assert.ok(ourDiagnostics(small.uri).length > 0 && ms < 20_000, `the other document's diagnostics came after ${ms} ms`);
    for (const document of [small, hostile]) {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  it('closing a document while it is analyzed stops its analysis: no diagnostics arrive for it afterwards', async () => {
    const watch = watchDiagnostics();
    try {
      const large = await vscode.workspace.openTextDocument({ language: 'typescript', content: largeDocumentText(3) });
      await vscode.window.showTextDocument(large);
      // Past the debounce (150 ms), well before the end of the analysis (~0.5 s of the server's work on a quiet
      // machine, since it stopped parsing such files for single-key calls): closed while it is analyzed.
      await new Promise((r) => setTimeout(r, 300));
      assert.deepEqual(ourDiagnostics(large.uri), [], 'still being analyzed when closed');
      const closedAt = Date.now();
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      // Longer than the whole analysis takes: a late result would have been published by then.
      await new Promise((r) => setTimeout(r, 15_000));
      assert.equal(watch.publishedAfter(large.uri, closedAt), false, 'diagnostics were published for the closed document');
    } finally {
      watch.dispose();
    }
  });
});
