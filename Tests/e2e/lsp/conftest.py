import os
import pathlib

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[2]
ORGC = os.environ.get("ORGC", str(ROOT / ".build" / "debug" / "orgc"))
WS = HERE / "workspace"

# Recorded capabilities of real editors (shipped with pytest-lsp).
CLIENTS = ["visual-studio-code", "neovim@v0.7.0", "emacs"]


def pytest_report_header(config):
    return [f"orgc: {ORGC}"]


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[ORGC, "lsp"]), params=CLIENTS)
async def client(request, lsp_client: LanguageClient):
    # Real editors accept dynamic registration (the server registers its file watcher).
    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register_capability(params):
        return None

    # Every publication, in order (pytest-lsp keeps only the latest per URI in
    # `client.diagnostics`; this dict records each assignment as well).
    published = []

    class Recording(dict):
        def __setitem__(self, key, value):
            published.append(types.PublishDiagnosticsParams(uri=key, diagnostics=list(value)))
            super().__setitem__(key, value)

    lsp_client.diagnostics = Recording(lsp_client.diagnostics)
    lsp_client.orga_published = published

    params = types.InitializeParams(
        capabilities=client_capabilities(request.param),
        root_uri=WS.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=WS.as_uri(), name="workspace")],
        client_info=types.ClientInfo(name=request.param),
    )
    result = await lsp_client.initialize_session(params)
    enc = result.capabilities.position_encoding
    lsp_client.orga_encoding = enc.value if hasattr(enc, "value") else (enc or "utf-16")
    lsp_client.orga_client = request.param
    lsp_client.orga_server_capabilities = result.capabilities
    yield
    await lsp_client.shutdown_session()
