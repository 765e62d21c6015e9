"""Render regenerated tables as JSON-ready dicts, Markdown, LaTeX (booktabs) or CSV rows.

Pure string and dict builders; printing is the CLI's job.
"""

from __future__ import annotations

from typing import Any

from tradewar.model.replication import Panel, Table


def table_to_json(table: Table) -> dict[str, Any]:
    """``{"table": N, "panels": [{"title", "columns", "rows": [{"group", "values"}]}]}``.

    Values are unrounded, in percent, panels and rows in the paper's order.
    """
    return {
        "table": table.number,
        "panels": [
            {
                "title": panel.title,
                "columns": list(panel.columns),
                "rows": [
                    {"group": row.group, "values": [float(v) for v in row.values]}
                    for row in panel.rows
                ],
            }
            for panel in table.panels
        ],
    }


def _cell(panel: Panel, row: int, column: int, suffix: str = "%") -> str:
    value = panel.rows[row].values[column]
    return f"{value:.{panel.decimals_of(row, column)}f}{suffix}"


def table_to_markdown(table: Table) -> str:
    """Markdown rendering, values rounded to the paper's printed decimals."""
    lines = [f"### Table {table.number}: {table.caption}", ""]
    for panel in table.panels:
        lines.append(f"**{panel.title}**")
        lines.append("")
        lines.append("| | " + " | ".join(panel.columns) + " |")
        lines.append("|---|" + "---:|" * len(panel.columns))
        for r, row in enumerate(panel.rows):
            cells = [_cell(panel, r, c) for c in range(len(panel.columns))]
            lines.append(f"| {row.group} | " + " | ".join(cells) + " |")
        lines.append("")
    lines.extend(f"_Note: {note}_" for note in table.notes)
    return "\n".join(lines).rstrip() + "\n"


_LATEX_REPLACEMENTS: tuple[tuple[str, str], ...] = (
    ("\\", r"\textbackslash{}"), ("&", r"\&"), ("%", r"\%"), ("_", r"\_"), ("#", r"\#"),
    ("φ̃", r"$\tilde{\varphi}$"), ("φ", r"$\varphi$"), ("ε", r"$\varepsilon$"),
    ("ν", r"$\nu$"), ("Δ", r"$\Delta$"), ("−", "-"), ("≈", r"$\approx$"),
)  # fmt: skip


def _latex_escape(text: str) -> str:
    for char, escaped in _LATEX_REPLACEMENTS:
        text = text.replace(char, escaped)
    return text


_CHANGE_COLUMNS = frozenset(
    {"welfare", "deficit", "exports/GDP", "imports/GDP", "employment", "prices"}
)


def _latex_column(column: str) -> str:
    prefix = r"$\Delta$ " if column in _CHANGE_COLUMNS else ""
    return prefix + _latex_escape(column)


def table_to_latex(table: Table) -> str:
    """A booktabs ``tabular`` in the paper's layout (one block per panel)."""
    width = max(len(panel.columns) for panel in table.panels) + 1
    lines = [r"\begin{tabular}{l" + "c" * (width - 1) + "}", r"\toprule"]
    for index, panel in enumerate(table.panels):
        if index:
            lines += [r"\midrule", r"\addlinespace[10pt]"]
        lines.append(rf"\multicolumn{{{width}}}{{l}}{{\textbf{{{_latex_escape(panel.title)}}}}} \\")
        lines.append(r"\midrule")
        header = " & ".join(_latex_column(c) for c in panel.columns)
        lines.append(f"{panel.row_header} & {header} \\\\")
        lines.append(r"\midrule")
        for r, row in enumerate(panel.rows):
            cells = [_cell(panel, r, c, r"\%") for c in range(len(panel.columns))]
            lines.append(f"{_latex_escape(row.group)} & " + " & ".join(cells) + r" \\")
    lines += [r"\bottomrule", r"\end{tabular}"]
    lines.extend(f"% Note: {note}" for note in table.notes)
    return "\n".join(lines) + "\n"


CSV_COLUMNS: tuple[str, ...] = ("table", "panel", "group", "column", "value")


def tables_to_rows(tables: list[Table]) -> list[dict[str, Any]]:
    """Tidy rows (one per cell): table, panel, group, column, value (unrounded percent)."""
    return [
        {"table": table.number, "panel": panel.title, "group": row.group,
         "column": column, "value": float(value)}
        for table in tables
        for panel in table.panels
        for row in panel.rows
        for column, value in zip(panel.columns, row.values, strict=True)
    ]  # fmt: skip
