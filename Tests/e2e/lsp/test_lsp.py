"""End-to-end tests of `orgc lsp` with pytest-lsp, once per recorded client
(VS Code, Neovim 0.7, Emacs). Results are checked against each client's declared
capabilities by pytest-lsp (warnings are errors, see pytest.ini)."""
import asyncio

import pytest
from lsprotocol import types
from pygls.exceptions import JsonRpcException

from conftest import WS

ORG = WS / "organisation.orga"
PROC = WS / "processes.orga"
MODEL = WS / "model.orga"


def uri(path):
    return path.as_uri()


def units(client, text):
    """Length of `text` in the negotiated position encoding."""
    enc = client.orga_encoding
    if enc == "utf-8":
        return len(text.encode("utf-8"))
    if enc == "utf-32":
        return len(text)
    return len(text.encode("utf-16-le")) // 2


def find(client, text, needle, nth=0, offset=0):
    """Position of the `nth` occurrence of `needle` in `text` (+ offset characters)."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    before = text[:start + offset]
    line = before.count("\n")
    col = before[before.rfind("\n") + 1:] if "\n" in before else before
    col = col.replace("\r", "")
    return types.Position(line=line, character=units(client, col))


def open_doc(client, path, text=None, version=1):
    text = path.read_text(encoding="utf-8") if text is None else text
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri(path), language_id="orga", version=version, text=text)))
    return text


def diagnostics(client, path, timeout=20):
    """An awaitable for the next diagnostics published for `path` after this call."""
    start = len(client.orga_published)

    async def wait():
        seen = start
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while loop.time() < deadline:
            while seen < len(client.orga_published):
                params = client.orga_published[seen]
                seen += 1
                if params.uri == uri(path):
                    return list(params.diagnostics)
            await asyncio.sleep(0.01)
        raise TimeoutError(f"no diagnostics for {path.name}")
    return wait()


def change(client, path, version, *changes):
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri(path), version=version),
        content_changes=[types.TextDocumentContentChangePartial(range=r, text=t) for r, t in changes]))


def rng(a, b):
    return types.Range(start=a, end=b)


async def test_diagnostics_open_change_close(client):
    waiter = diagnostics(client, PROC)
    text = open_doc(client, PROC)
    assert await waiter == []
    # A typo in a reference: E301 at the exact column (after an emoji in the line above).
    at = find(client, text, "by SB", nth=1, offset=3)
    waiter = diagnostics(client, PROC)
    change(client, PROC, 2, (rng(at, types.Position(line=at.line, character=at.character + 2)), "SX"))
    diags = await waiter
    assert [d.code for d in diags] == ["E301"]
    assert diags[0].range.start == at
    assert diags[0].range.end.character == at.character + 2
    assert "did you mean `SB`" in diags[0].message
    assert diags[0].severity == types.DiagnosticSeverity.Error
    # Hovering the diagnostic shows its explanation (`orgc explain E301`).
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri(PROC)), position=at))
    assert "E301" in hover.contents.value and "orgc explain E301" in hover.contents.value
    # Fix it again: cleared with an empty list.
    waiter = diagnostics(client, PROC)
    change(client, PROC, 3, (rng(at, types.Position(line=at.line, character=at.character + 2)), "SB"))
    assert await waiter == []


async def test_diagnostics_across_files(client):
    waiter = diagnostics(client, PROC)
    open_doc(client, PROC)
    assert await waiter == []
    waiter = diagnostics(client, ORG)
    org = open_doc(client, ORG)
    assert await waiter == []
    # Renaming the position in one file breaks the references in the other.
    at = find(client, org, "position SB", offset=9)
    waiter = diagnostics(client, PROC)
    change(client, ORG, 2, (rng(at, types.Position(line=at.line, character=at.character + 2)), "SC"))
    diags = await waiter
    assert [d.code for d in diags] == ["E301"] * 3
    # Closing the file restores the disk version: the errors go away.
    waiter = diagnostics(client, PROC)
    client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri(ORG))))
    assert await waiter == []


async def test_utf16_columns_after_emoji_and_umlauts(client):
    path = WS / "unicode-unsaved.orga"
    text = ('process Ü "Prüfung 😀😀 ä" { owner BB; volume 1 /year\n'
            '  step Ä "😀" { by SB; time 5 min }; step B { by Nobody; time 1 min } }\n')
    waiter = diagnostics(client, path)
    open_doc(client, path, text)
    diags = await waiter
    assert len(diags) == 1
    assert diags[0].range.start == find(client, text, "Nobody")
    # The encoding is what the client asked for: UTF-16 unless it offered UTF-8.
    offered = client.capabilities.general.position_encodings if client.capabilities.general else None
    assert client.orga_encoding == ("utf-8" if offered and "utf-8" in offered else "utf-16")


async def test_crlf_and_several_changes_per_notification(client):
    path = WS / "crlf-unsaved.orga"
    text = 'process C { owner BB; volume 10 /year\r\n  step A { by SB; time 5 min }\r\n  step B { by SB; time 5 min }\r\n}\r\n'
    waiter = diagnostics(client, path)
    open_doc(client, path, text)
    assert await waiter == []
    # Three changes, each against the result of the previous one.
    a = find(client, text, "by SB", nth=0, offset=3)
    line2 = types.Position(line=2, character=0)
    waiter = diagnostics(client, path)
    change(client, path, 2,
           (rng(a, types.Position(line=a.line, character=a.character + 2)), "Xyz"),    # by Xyz (unknown)
           (rng(line2, line2), "  step N { by SB; time 1 min }\r\n"),                   # a new line 2
           (rng(types.Position(line=3, character=units(client, "  step B { by ")),
                types.Position(line=3, character=units(client, "  step B { by SB"))), "Qq"))
    diags = await waiter
    assert sorted((d.range.start.line, d.range.start.character) for d in diags) == [
        (1, units(client, "  step A { by ")), (3, units(client, "  step B { by "))]


async def test_hover(client):
    text = open_doc(client, PROC)
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri(PROC)), position=find(client, text, "by SB", offset=4)))
    assert hover is not None
    value = hover.contents.value
    assert "Sachbearbeitung im Bürgerbüro." in value
    # SB: (2,400 × 45 min + 900 × 90 min) × 1.1 ÷ 1,590 h = 2.18 fte (docs/language.md, Staffing).
    assert "2.18" in value and "need" in value
    assert hover.contents.kind == types.MarkupKind.Markdown
    # A process: cases, fte, lead time, DNA.
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri(PROC)), position=find(client, text, "Meldung")))
    assert "cases" in hover.contents.value and "2,400" in hover.contents.value
    # A keyword.
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri(PROC)), position=find(client, text, "volume")))
    assert "Cases per year" in hover.contents.value


async def test_definition_references_highlight(client):
    text = open_doc(client, PROC)
    td = types.TextDocumentIdentifier(uri=uri(PROC))
    at = find(client, text, "by SB", offset=4)
    defs = await client.text_document_definition_async(types.DefinitionParams(text_document=td, position=at))
    loc = defs[0] if isinstance(defs, list) else defs
    assert loc.uri == uri(ORG)
    org = ORG.read_text(encoding="utf-8")
    assert loc.range.start == find(client, org, "position SB", offset=9)
    refs = await client.text_document_references_async(types.ReferenceParams(
        text_document=td, position=at, context=types.ReferenceContext(include_declaration=True)))
    assert len(refs) == 4 and {r.uri for r in refs} == {uri(ORG), uri(PROC)}
    hl = await client.text_document_document_highlight_async(types.DocumentHighlightParams(text_document=td, position=at))
    assert len(hl) == 3


async def test_rename_across_files(client):
    text = open_doc(client, PROC)
    td = types.TextDocumentIdentifier(uri=uri(PROC))
    at = find(client, text, "by SB", offset=4)
    if client.orga_server_capabilities.rename_provider not in (True, None) and \
            getattr(client.orga_server_capabilities.rename_provider, "prepare_provider", False):
        prep = await client.text_document_prepare_rename_async(types.PrepareRenameParams(text_document=td, position=at))
        assert prep.placeholder == "SB"
    edit = await client.text_document_rename_async(types.RenameParams(text_document=td, position=at, new_name="SB_Neu"))
    if edit.document_changes:
        per_uri = {c.text_document.uri: c.edits for c in edit.document_changes}
    else:
        per_uri = edit.changes
    assert set(per_uri) == {uri(ORG), uri(PROC)}
    assert len(per_uri[uri(PROC)]) == 3 and all(e.new_text == "SB_Neu" for e in per_uri[uri(PROC)])
    # Invalid and clashing names are refused with a message.
    for bad, words in (("9a", "not a valid name"), ("BB", "already declared")):
        with pytest.raises(JsonRpcException) as err:
            await client.text_document_rename_async(types.RenameParams(text_document=td, position=at, new_name=bad))
        assert words in str(err.value)


async def test_completion(client):
    path = WS / "completion-unsaved.orga"
    text = "process K { owner BB; volume 1 /year\n  step A { by S; time 5  }\n  step B { by SB; time 1 h; next  }\n  \n}\n"
    open_doc(client, path, text)
    td = types.TextDocumentIdentifier(uri=uri(path))

    async def labels(pos):
        r = await client.text_document_completion_async(types.CompletionParams(text_document=td, position=pos))
        items = r.items if hasattr(r, "items") else r
        assert all(i.documentation for i in items), [i.label for i in items if not i.documentation]
        return [i.label for i in items], items

    got, items = await labels(find(client, text, "by S;", offset=4))
    assert got == ["SB"] and items[0].documentation is not None
    got, _ = await labels(find(client, text, "time 5 ", offset=7))
    assert got == ["min", "h"]
    got, _ = await labels(find(client, text, "next ", offset=5))
    assert set(got) == {"A", "B", "end"}
    got, items = await labels(types.Position(line=3, character=2))
    assert "step" in got and "decide" in got and "time" not in got
    assert all(i.kind == types.CompletionItemKind.Keyword for i in items)


async def test_symbols_tokens_folding_selection(client):
    text = open_doc(client, PROC)
    td = types.TextDocumentIdentifier(uri=uri(PROC))
    syms = await client.text_document_document_symbol_async(types.DocumentSymbolParams(text_document=td))
    assert [s.name for s in syms] == ["Meldung", "Widerspruch"]
    assert [c.name for c in syms[0].children] == ["Pruefen", "Erfassen"]
    ws = await client.workspace_symbol_async(types.WorkspaceSymbolParams(query="wider"))
    assert [s.name for s in ws] == ["Widerspruch"]
    tokens = await client.text_document_semantic_tokens_full_async(types.SemanticTokensParams(text_document=td))
    assert len(tokens.data) % 5 == 0 and len(tokens.data) > 100
    part = await client.text_document_semantic_tokens_range_async(types.SemanticTokensRangeParams(
        text_document=td, range=rng(types.Position(line=2, character=0), types.Position(line=3, character=0))))
    assert 0 < len(part.data) < len(tokens.data)
    folds = await client.text_document_folding_range_async(types.FoldingRangeParams(text_document=td))
    assert any(f.start_line == 1 and f.end_line == 5 for f in folds)
    sel = await client.text_document_selection_range_async(types.SelectionRangeParams(
        text_document=td, positions=[find(client, text, "by SB", offset=4)]))
    chain, s = [], sel[0]
    while s:
        chain.append(s.range)
        s = s.parent
    assert len(chain) >= 4


async def test_inlay_hints_code_actions_formatting(client):
    text = open_doc(client, PROC)
    td = types.TextDocumentIdentifier(uri=uri(PROC))
    whole = rng(types.Position(line=0, character=0), types.Position(line=100, character=0))
    hints = await client.text_document_inlay_hint_async(types.InlayHintParams(text_document=td, range=whole))
    # Meldung: 2,400 × 45 min × 1.1 ÷ 1,590 h = 1.25 fte.
    assert [h.label for h in hints] == ["1.25 fte · 2,400 cases/year", "0.93 fte · 900 cases/year"]
    open_doc(client, ORG)
    hints = await client.text_document_inlay_hint_async(types.InlayHintParams(
        text_document=types.TextDocumentIdentifier(uri=uri(ORG)), range=whole))
    assert [h.label for h in hints] == ["need 2.18 fte"]
    # A quick fix: a reference typo gets "Change to `SB`".
    path = WS / "fix-unsaved.orga"
    broken = "process F { owner BB; volume 1 /year; step A { by SX; time 1 h } }\n"
    waiter = diagnostics(client, path)
    open_doc(client, path, broken)
    diags = await waiter
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri(path)), range=diags[0].range,
        context=types.CodeActionContext(diagnostics=diags)))
    assert any(a.title == "Change to `SB`" for a in actions)
    # Formatting a formatted file changes nothing; an unformatted one gets an edit.
    edits = await client.text_document_formatting_async(types.DocumentFormattingParams(
        text_document=types.TextDocumentIdentifier(uri=uri(path)), options=types.FormattingOptions(tab_size=2, insert_spaces=True)))
    assert edits and "\n" in edits[0].new_text


async def test_cancellation(client):
    # A big unsaved document makes the first request slow; the second one is still
    # queued when it is cancelled and is answered with -32800.
    path = WS / "big-unsaved.orga"
    lines = ["process Big { owner BB; volume 1 /year"]
    lines += [f"  step S{i} {{ by SB; time 1 min }}" for i in range(6000)]
    open_doc(client, path, "\n".join(lines) + "\n}\n")
    td = types.TextDocumentIdentifier(uri=uri(path))
    slow = client.protocol.send_request("textDocument/documentSymbol", types.DocumentSymbolParams(text_document=td))
    victim = client.protocol.send_request("textDocument/hover",
                                          types.HoverParams(text_document=td, position=types.Position(line=1, character=2)),
                                          msg_id="cancel-me")
    client.protocol.notify("$/cancelRequest", types.CancelParams(id="cancel-me"))
    with pytest.raises(JsonRpcException) as err:
        await asyncio.wait_for(asyncio.wrap_future(victim), 20)
    assert err.value.code == -32800
    assert len(await asyncio.wait_for(asyncio.wrap_future(slow), 60)) == 1


async def test_malformed_input_is_survived(client):
    writer = client.protocol.writer
    writer.write(b"Content-Length: 9\r\n\r\n{broken}}")                 # malformed JSON -> -32700
    writer.write(b"Content-Lenght: 2\r\n\r\n{}")                        # misspelt header -> skipped
    writer.write(b"Content-Length: abc\r\n\r\n")                        # bad length -> skipped
    writer.write(b"Content-Length: 99999999999\r\n\r\n")                # over the limit -> skipped
    await asyncio.sleep(0.2)
    # Still serving: the next request is answered.
    r = await asyncio.wait_for(client.workspace_symbol_async(types.WorkspaceSymbolParams(query="SB")), 20)
    assert [s.name for s in r] == ["SB"]
