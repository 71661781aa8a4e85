"""Problems found in the data, worded for editors (in French), one line each."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one data file: where it is and what was expected."""

    file: str
    line: int | None = None
    column: int | None = None
    field: str = ""
    message: str = ""

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", ligne {self.line}"
            if self.column is not None:
                where += f", colonne {self.column}"
        field = f" champ « {self.field} » :" if self.field else ""
        return f"{where} :{field} {self.message}"


def field_name(loc: tuple) -> str:
    """`("events", 3, "date")` → `events[4].date`: a field as an editor finds it (lists counted from 1)."""
    out = ""
    for part in loc:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


class DataError(Exception):
    """The data cannot be published; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        head = "1 problème dans les données" if count == 1 else f"{count} problèmes dans les données"
        return head + " :\n" + "\n".join(f"  {p}" for p in self.problems)

    def report_kept(self) -> str:
        """The report under `make serve`, which keeps showing the last good pages."""
        return (
            f"ERREUR - {self.report()}\nLe site garde les dernières pages valides : corrigez le fichier, "
            "l'affichage suivra."
        )
