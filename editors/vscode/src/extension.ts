// VS Code client for the Orga language server (`orgc lsp`, JSON-RPC over stdio).
import * as vscode from "vscode";
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";

let client: LanguageClient | undefined;
let outputChannel: vscode.OutputChannel | undefined;

function serverPath(): string {
  const configured = vscode.workspace.getConfiguration("orga").get<string>("serverPath");
  return configured && configured.trim() !== "" ? configured.trim() : "orgc";
}

async function startClient(context: vscode.ExtensionContext): Promise<void> {
  const command = serverPath();
  const serverOptions: ServerOptions = {
    run: { command, args: ["lsp"], transport: TransportKind.stdio },
    debug: { command, args: ["lsp"], transport: TransportKind.stdio },
  };
  outputChannel ??= vscode.window.createOutputChannel("Orga Language Server");
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "orga" },
      { scheme: "untitled", language: "orga" },
    ],
    synchronize: {
      // A model is every .orga file under a directory: tell the server about
      // files changed outside the editor too.
      fileEvents: vscode.workspace.createFileSystemWatcher("**/*.orga"),
    },
    outputChannel,
  };
  client = new LanguageClient("orga", "Orga Language Server", serverOptions, clientOptions);
  try {
    await client.start();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    client = undefined;
    const choice = await vscode.window.showErrorMessage(
      `Orga: could not start "${command} lsp" (${message}). Install orgc or set "orga.serverPath".`,
      "Open Settings",
    );
    if (choice === "Open Settings") {
      await vscode.commands.executeCommand("workbench.action.openSettings", "orga.serverPath");
    }
  }
}

async function stopClient(): Promise<void> {
  const running = client;
  client = undefined;
  if (running) {
    await running.stop();
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand("orga.restartServer", async () => {
      await stopClient();
      await startClient(context);
    }),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration("orga.serverPath")) {
        await stopClient();
        await startClient(context);
      }
    }),
  );
  await startClient(context);
}

export async function deactivate(): Promise<void> {
  await stopClient();
}
