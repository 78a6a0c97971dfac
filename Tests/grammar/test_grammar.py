"""Golden tests for the Orga TextMate grammar (Grammar/orga.tmLanguage.json).

Each fixture ``fixtures/NAME.orga`` is tokenized with textmate-grammar-python
(a Python port of VS Code's TextMate engine, Oniguruma regexes) and compared
with ``fixtures/NAME.scopes.txt``: one line per token,

    LINE:COL "TEXT" SCOPE SCOPE ...

LINE and COL are 1-based, COL counts Unicode code points, TEXT is a JSON
string, and the scopes run from the outermost (``source.orga``) inwards.
Whitespace that has no scope but ``source.orga`` is left out.

Refresh the golden files with ``UPDATE_GOLDEN=1 python3 -m pytest Tests/grammar``
and review the diff: a golden file must be right, not just what came out.
"""

from __future__ import annotations

import difflib
import json
import logging
import os
import re
import tempfile
from pathlib import Path

import onigurumacffi
import pytest


def _import_parser():
    # Importing textmate_grammar creates an (unused) ".textmate_cache" folder
    # in the current directory; keep it out of the work tree.
    cwd = os.getcwd()
    os.chdir(tempfile.mkdtemp(prefix="orga-grammar-"))
    try:
        from textmate_grammar.parsers.base import LanguageParser
    finally:
        os.chdir(cwd)
    return LanguageParser


LanguageParser = _import_parser()

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
GRAMMAR = ROOT / "Grammar" / "orga.tmLanguage.json"
KEYWORDS = ROOT / "Grammar" / "keywords.txt"
FIXTURES = HERE / "fixtures"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"

# The engine logs every stretch of text that no pattern claims (e.g. string
# contents) as a warning; that is noise here.
logging.getLogger("textmate_grammar").setLevel(logging.ERROR)


@pytest.fixture(scope="session")
def grammar() -> dict:
    with GRAMMAR.open(encoding="utf-8") as f:
        return json.load(f)


@pytest.fixture(scope="session")
def parser(grammar: dict):
    return LanguageParser(grammar)


def keywords() -> list[str]:
    words = [w.strip() for w in KEYWORDS.read_text(encoding="utf-8").splitlines()]
    return [w for w in words if w]


def tokenize(parser, text: str) -> list[tuple[int, int, str, list[str]]]:
    """(line, col, text, scopes), 1-based, without bare whitespace."""
    element = parser.parse_string(text)
    if element is None:
        return []
    tokens = []
    for (line, col), content, scopes in element.flatten():
        if scopes == ["source.orga"] and content.strip() == "":
            continue
        tokens.append((line + 1, col + 1, content, list(scopes)))
    return tokens


def render(tokens) -> str:
    return "".join(
        f"{line}:{col} {json.dumps(text, ensure_ascii=False)} {' '.join(scopes)}\n"
        for line, col, text, scopes in tokens
    )


def fixture_files() -> list[Path]:
    return sorted(FIXTURES.glob("*.orga"))


SAMPLES = HERE.parent.parent / "Samples"
SAMPLE_GOLDEN = HERE / "samples"


def sample_files() -> list[Path]:
    return sorted(SAMPLES.rglob("*.orga"))


# --- the grammar file itself -------------------------------------------------


def _regexes(node, path="$"):
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("match", "begin", "end", "while") and isinstance(value, str):
                yield f"{path}.{key}", value
            else:
                yield from _regexes(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _regexes(value, f"{path}[{i}]")


def test_grammar_header(grammar):
    assert grammar["scopeName"] == "source.orga"
    assert "orga" in grammar["fileTypes"]


def test_every_regex_compiles(grammar):
    regexes = list(_regexes(grammar))
    assert len(regexes) > 20
    for where, regex in regexes:
        try:
            onigurumacffi.compile(regex)
        except Exception as e:  # pragma: no cover - only on a broken grammar
            pytest.fail(f"{where}: {regex!r} does not compile: {e}")


def test_every_include_resolves(grammar):
    repository = grammar["repository"]
    for where, node in _includes(grammar):
        if node.startswith("#"):
            assert node[1:] in repository, f"{where}: unknown include {node}"
        else:
            assert node in ("$self", "$base"), f"{where}: external include {node}"


def _includes(node, path="$"):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "include":
                yield path, value
            else:
                yield from _includes(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _includes(value, f"{path}[{i}]")


# --- golden scope files ------------------------------------------------------


def test_fixtures_exist():
    assert len(fixture_files()) >= 3


@pytest.mark.parametrize("source", fixture_files(), ids=lambda p: p.stem)
def test_golden_scopes(parser, source: Path):
    actual = render(tokenize(parser, source.read_text(encoding="utf-8")))
    golden = source.with_suffix(".scopes.txt")
    if UPDATE:
        golden.write_text(actual, encoding="utf-8")
        return
    if not golden.exists():
        pytest.fail(f"{golden.name} is missing; create it with UPDATE_GOLDEN=1 and review it")
    expected = golden.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                actual.splitlines(keepends=True),
                fromfile=f"{golden.name} (golden)",
                tofile=f"{golden.name} (actual)",
            )
        )
        pytest.fail(f"scopes differ from the golden file (UPDATE_GOLDEN=1 refreshes it):\n{diff}")


@pytest.mark.parametrize("source", sample_files(), ids=lambda p: str(p.relative_to(SAMPLES)))
def test_sample_golden_scopes(parser, source: Path):
    """The bundled sample models, token by token (goldens under Tests/grammar/samples/)."""
    actual = render(tokenize(parser, source.read_text(encoding="utf-8")))
    golden = SAMPLE_GOLDEN / source.relative_to(SAMPLES).with_suffix(".scopes.txt")
    if UPDATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
        return
    if not golden.exists():
        pytest.fail(f"{golden} is missing; create it with UPDATE_GOLDEN=1 and review it")
    expected = golden.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(keepends=True), actual.splitlines(keepends=True),
                                            fromfile=f"{golden.name} (golden)", tofile=f"{golden.name} (actual)"))
        pytest.fail(f"scopes differ from the golden file (UPDATE_GOLDEN=1 refreshes it):\n{diff}")


def test_sample_statement_keywords_are_keywords(parser):
    """Every word that starts a statement in the samples and is in the keyword list is
    scoped as a keyword: the grammar agrees with the compiler's keyword table."""
    keywords = set(KEYWORDS.read_text(encoding="utf-8").split())
    starts = re.compile(r"(?:^|[{;])\s*([A-Za-z_]+)")
    for source in sample_files():
        tokens = tokenize(parser, source.read_text(encoding="utf-8"))
        lines = source.read_text(encoding="utf-8").splitlines()
        for i, l in enumerate(lines, 1):
            code = l.split("//")[0]
            for m in starts.finditer(code):
                w = m.group(1)
                if w not in keywords:
                    continue
                col = m.start(1) + 1
                hit = [t for t in tokens if t[0] == i and t[1] == col and t[2] == w]
                assert hit and any(s.startswith(("keyword", "storage.type")) for s in hit[0][3]), \
                    f"{source.relative_to(SAMPLES)}:{i}:{col} `{w}` is not scoped as a keyword: {hit}"


# --- keywords ----------------------------------------------------------------

KEYWORD_SCOPE = re.compile(r"^(keyword|storage\.type)\.")


def _is_keyword(scopes: list[str]) -> bool:
    return any(KEYWORD_SCOPE.match(s) for s in scopes)


def test_keyword_list_is_clean():
    words = keywords()
    assert len(words) == len(set(words)), "duplicate keyword in Grammar/keywords.txt"
    for w in words:
        # R, A, C, I: the roles of a responsibility chart are written in capitals.
        assert re.fullmatch(r"[a-z_]+|[RACI]", w), f"odd keyword {w!r}"


@pytest.mark.parametrize("word", keywords())
@pytest.mark.parametrize(
    "template",
    ["{w}\n", "  {w}\n", "x {{ {w} }}\n", "x; {w}\n", "/* c */ {w}\n"],
    ids=["line-start", "indented", "after-brace", "after-semicolon", "after-comment"],
)
def test_keyword_is_highlighted(parser, word: str, template: str):
    text = template.format(w=word)
    tokens = [t for t in tokenize(parser, text) if t[2] == word]
    assert tokens, f"{word!r} not found as a token in {text!r}: {tokenize(parser, text)}"
    assert _is_keyword(tokens[0][3]), f"{word!r} in {text!r} has scopes {tokens[0][3]}"


@pytest.mark.parametrize("word", ["Unit", "units", "steps", "by_", "Bürgerbüro", "legal", "timeX"])
def test_non_keyword_at_statement_start(parser, word: str):
    tokens = [t for t in tokenize(parser, f"  {word} 1\n") if t[2] == word]
    assert tokens and not _is_keyword(tokens[0][3]), tokens


@pytest.mark.parametrize("word", ["step", "unit", "time", "volume"])
def test_keyword_in_argument_position_is_not_a_keyword(parser, word: str):
    # `by step` refers to something named `step`; only statement starts are keywords.
    tokens = [t for t in tokenize(parser, f"  kind \"k\"; trigger \"t\" {word}\n") if t[2] == word]
    assert tokens and not _is_keyword(tokens[0][3]), tokens


# --- editor files use the same keyword list -----------------------------------

EDITOR_FILES = [
    ROOT / "editors" / "emacs" / "orga-mode.el",
    ROOT / "editors" / "nvim" / "syntax" / "orga.vim",
]


@pytest.mark.parametrize("path", EDITOR_FILES, ids=lambda p: p.name)
def test_editor_keyword_lists(path: Path):
    text = path.read_text(encoding="utf-8")
    missing = [w for w in keywords() if not re.search(rf"(?<![\w]){re.escape(w)}(?![\w])", text)]
    assert not missing, f"{path.relative_to(ROOT)} lacks keywords {missing}"


def test_vscode_extension_uses_the_grammar():
    package = json.loads((ROOT / "editors" / "vscode" / "package.json").read_text(encoding="utf-8"))
    contributes = package["contributes"]
    assert [lang["id"] for lang in contributes["languages"]] == ["orga"]
    assert ".orga" in contributes["languages"][0]["extensions"]
    (entry,) = contributes["grammars"]
    assert entry["language"] == "orga"
    assert entry["scopeName"] == "source.orga"
    assert entry["path"] == "./syntaxes/orga.tmLanguage.json"
    copy = package["scripts"]["copy-grammar"]
    assert "../../Grammar/orga.tmLanguage.json" in copy
    assert "copy-grammar" in package["scripts"]["vscode:prepublish"]
    config = contributes["configuration"]["properties"]["orga.serverPath"]
    assert config["default"] == "orgc"
