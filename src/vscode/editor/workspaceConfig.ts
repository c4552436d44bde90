/**
 * The `.api-doctor.jsonc` file at the root of each workspace folder: read when API Doctor starts,
 * re-read when it changes, its mistakes shown as diagnostics on the file itself. In a restricted
 * (untrusted) workspace its `clients` are not used, as the manifest's trust description says.
 */
import * as vscode from 'vscode';
import { CONFIG_FILE_NAME, loadConfig, type ApiDoctorConfig } from '../../core/config';

export class WorkspaceConfigFiles implements vscode.Disposable {
  private readonly configs = new Map<string, ApiDoctorConfig>();
  private readonly problems = vscode.languages.createDiagnosticCollection('api-doctor-config');
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [this.problems, this.changed];

  /** Fires after a configuration file was read again. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly log: vscode.LogOutputChannel) {
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE_NAME}`);
    const reload = (uri: vscode.Uri) => {
      const folder = vscode.workspace.getWorkspaceFolder(uri);
      if (folder && vscode.Uri.joinPath(folder.uri, CONFIG_FILE_NAME).toString() === uri.toString()) void this.load(folder).then(() => this.changed.fire());
    };
    this.disposables.push(
      watcher,
      watcher.onDidCreate(reload),
      watcher.onDidChange(reload),
      watcher.onDidDelete(reload),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.loadAll().then(() => this.changed.fire())),
      vscode.workspace.onDidGrantWorkspaceTrust(() => void this.loadAll().then(() => this.changed.fire())),
    );
  }

  /** Reads every folder's file; resolves when done (the first lint may run before that, without it). */
  async loadAll(): Promise<void> {
    this.configs.clear();
    await Promise.all((vscode.workspace.workspaceFolders ?? []).map((f) => this.load(f)));
  }

  /** The configuration that applies to a document, if its folder has one. */
  configFor(uri: vscode.Uri): ApiDoctorConfig | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return folder ? this.configs.get(folder.uri.toString()) : undefined;
  }

  /** Every folder's catalog paths from its config file, resolved against the folder. */
  catalogPaths(): string[] {
    const paths: string[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      for (const p of this.configs.get(folder.uri.toString())?.catalogs ?? []) paths.push(vscode.Uri.joinPath(folder.uri, p).fsPath);
    }
    return paths;
  }

  private async load(folder: vscode.WorkspaceFolder): Promise<void> {
    const uri = vscode.Uri.joinPath(folder.uri, CONFIG_FILE_NAME);
    let text: string;
    try {
      text = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      this.configs.delete(folder.uri.toString());
      this.problems.delete(uri);
      return;
    }
    const { config, errors } = loadConfig(text, vscode.workspace.asRelativePath(uri));
    if (!vscode.workspace.isTrusted) {
      config.clients = [];
      config.catalogs = [];
    }
    this.configs.set(folder.uri.toString(), config);
    this.problems.set(uri, errors.map((e) => {
      const at = new vscode.Position(e.line - 1, e.column - 1);
      const d = new vscode.Diagnostic(new vscode.Range(at, at), e.message, vscode.DiagnosticSeverity.Warning);
      d.source = 'API Doctor';
      return d;
    }));
    if (errors.length > 0) this.log.warn(`${vscode.workspace.asRelativePath(uri)}: ${errors.length} problem(s); the rest of the file applies.`);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
