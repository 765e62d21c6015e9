"""Every ``tradewar`` command shown in the README and in docs/ is checked against the CLI.

Each documented command line is parsed by the real command tree: the command and subcommand
must exist and every option must be one it takes.  The quick ones
(ledger queries, product search, catalogues) are also run, and must succeed.  Optional parts
written ``[--flag VALUE]`` are dropped; placeholders in capitals (``ID``, ``ARTICLE.txt``) are
only parsed.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tradewar.cli.app import app

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]

#: Commands fast enough to run in the suite (the ledger, products, catalogues).
RUN_PREFIXES = (
    "tariff", "state", "diff", "timeline", "brief", "measures list", "measures show",
    "measures history", "hs search", "hs show", "scenario list", "scenario show", "supply list",
    "data status", "review list", "db info",
)  # fmt: skip


def _code_lines(text: str) -> list[str]:
    """Lines of shell code blocks, with ``\\`` continuations joined and prompts dropped."""
    lines: list[str] = []
    language: str | None = None  # inside a block: its language ("" when not given)
    for raw in text.splitlines():
        fence = re.match(r"^\s*```(\w*)", raw)
        if fence:
            language = fence.group(1) if language is None else None
            continue
        if language in ("", "sh", "console", "bash", "shell"):
            line = raw.strip().removeprefix("$ ")
            if lines and lines[-1].endswith("\\"):
                lines[-1] = lines[-1][:-1].rstrip() + " " + line
            else:
                lines.append(line)
    return lines


def _command(line: str) -> list[str] | None:
    """The arguments of one documented ``tradewar`` line, or None if it is not one."""
    if not line.startswith("tradewar "):
        return None
    line = re.split(r"\s+#\s|\s\|\s", line)[0]  # comments and pipes are not the command
    line = re.sub(r"\[[^\[\]]*\]", " ", line)  # optional parts
    try:
        words = shlex.split(line)[1:]
    except ValueError:
        return None
    # "..." stands for a value the reader writes: any word parses the same way.
    return [("x" if w in ("...", "…") else w) for w in words] or None


def documented_commands() -> list[tuple[str, list[str]]]:
    found: dict[str, tuple[str, list[str]]] = {}
    for path in DOCUMENTS:
        for line in _code_lines(path.read_text()):
            args = _command(line)
            if args:
                found.setdefault(" ".join(args), (path.relative_to(ROOT).as_posix(), args))
    return list(found.values())


COMMANDS = documented_commands()


def _placeholder(word: str) -> bool:
    """``ID``, ``ARTICLE.txt``, ``SCENARIO``: a word the reader replaces."""
    return bool(re.fullmatch(r"[A-Z][A-Z_]{2,}(\.[a-z]+)?", word)) and len(word) > 3


def _parses(args: list[str]) -> tuple[bool, str]:
    """Whether the command tree accepts ``args``: command path and option names.

    ``--help`` is appended: it is eager, so click resolves every subcommand and reads every
    option name (an unknown one is an error) and then prints the help instead of running.
    """
    result = CliRunner().invoke(app, [*args, "--help"])
    return result.exit_code == 0, result.output


def test_the_documents_show_commands() -> None:
    assert len(COMMANDS) > 40


@pytest.mark.parametrize(
    ("where", "args"), COMMANDS, ids=[" ".join(args)[:60] for _, args in COMMANDS]
)
def test_documented_command_parses(where: str, args: list[str]) -> None:
    ok, output = _parses(args)
    assert ok, f"{where}: 'tradewar {' '.join(args)}' does not parse:\n{output}"


RUNNABLE = [
    (where, args)
    for where, args in COMMANDS
    if " ".join(args).startswith(RUN_PREFIXES)
    and not any(w.isupper() and len(w) > 3 and w not in ("USA", "CHN") for w in args)
]


@pytest.mark.parametrize(
    ("where", "args"), RUNNABLE, ids=[" ".join(args)[:60] for _, args in RUNNABLE]
)
def test_quick_documented_command_runs(
    where: str, args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seeded_ledger: str
) -> None:
    monkeypatch.chdir(tmp_path)  # a documented --out file lands in a temporary folder
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, f"{where}: 'tradewar {' '.join(args)}' failed:\n{result.output}"
