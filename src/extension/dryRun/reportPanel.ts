import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { renderMarkdown, reportToJson } from '../../core/probe/index';
import type { DryRunReport } from '../../core/probe/index';
import { renderReportHtml } from '../../core/report/html';
import { log } from '../log';

/** The dry-run report webview: one panel, replaced by the newest report; exports JSON and Markdown. */
export class ReportPanel {
  private static current: ReportPanel | undefined;
  private report: DryRunReport;
  /** The folder of the project the report is about: exports are offered there. */
  private folder: vscode.Uri | undefined;

  private constructor(private readonly panel: vscode.WebviewPanel, report: DryRunReport) {
    this.report = report;
    panel.onDidDispose(() => {
      if (ReportPanel.current === this) ReportPanel.current = undefined;
    });
    panel.webview.onDidReceiveMessage((message: { type?: string; format?: string }) => {
      if (message?.type === 'export' && (message.format === 'json' || message.format === 'markdown')) void this.export(message.format);
    });
  }

  /** Shows a dry-run report, or (with a title) the health monitor's history in the same form. */
  static show(report: DryRunReport, title = 'Rotation Dry-Run', folder?: vscode.Uri): ReportPanel {
    if (!ReportPanel.current) {
      const panel = vscode.window.createWebviewPanel('rotationReady.report', title, vscode.ViewColumn.Active, { enableScripts: true, localResourceRoots: [] });
      ReportPanel.current = new ReportPanel(panel, report);
    }
    const current = ReportPanel.current;
    current.report = report;
    current.folder = folder;
    current.panel.title = title;
    current.panel.webview.html = renderReportHtml(report, { cspSource: current.panel.webview.cspSource, nonce: randomBytes(16).toString('base64'), title });
    current.panel.reveal(undefined, true);
    return current;
  }

  static get open(): ReportPanel | undefined {
    return ReportPanel.current;
  }

  get html(): string {
    return this.panel.webview.html;
  }

  async export(format: 'json' | 'markdown', target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    const extension = format === 'json' ? 'json' : 'md';
    const folder = this.folder;
    const uri =
      target ??
      (await vscode.window.showSaveDialog({
        defaultUri: folder && vscode.Uri.joinPath(folder, `rotation-dry-run.${extension}`),
        filters: format === 'json' ? { JSON: ['json'] } : { Markdown: ['md'] },
      }));
    if (!uri) return undefined;
    const text = format === 'json' ? reportToJson(this.report) : renderMarkdown(this.report);
    await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
    log().info(`Dry-run report exported to ${uri.fsPath}`);
    return uri;
  }
}
