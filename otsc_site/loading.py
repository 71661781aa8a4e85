"""Safe YAML loading that remembers where every value stands in the file.

Only plain YAML is accepted: no tags that build objects, no aliases (they make
"billion laughs" bombs possible and editors never need them), no duplicate keys.
Dates stay text, so that the schema decides what a date is (and its precision).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import DataError, Problem, field_name

# A hundred times today's largest file (sources.yml, 65 kB) still loads; a runaway file does not.
MAX_BYTES = 16_000_000

Location = tuple[str | int, ...]


@dataclass(frozen=True)
class Loaded:
    """A YAML document and the (line, column) of each value, keyed by its path."""

    file: str
    data: Any
    positions: dict[Location, tuple[int, int]]
    scalars: dict[Location, str]

    def locate(self, path: Location) -> tuple[int | None, int | None]:
        """Line and column of `path`, or of its nearest parent that exists."""
        for end in range(len(path), -1, -1):
            found = self.positions.get(tuple(path[:end]))
            if found:
                return found
        return None, None


class _StrictConstructor:
    """Mapping keys are names (or years, as in spending.yml), never twice in one mapping."""

    def construct_mapping(self, node, deep=False):  # type: ignore[override]
        seen: dict[Any, Node] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int)) or isinstance(key, bool):
                raise _Refused(
                    key_node.start_mark, f"clé « {key} » : une clé doit être un nom (texte) ou une année"
                )
            if key in seen:
                first = seen[key].start_mark.line + 1
                raise _Refused(key_node.start_mark, f"clé « {key} » en double (déjà présente ligne {first})")
            seen[key] = key_node
        return super().construct_mapping(node, deep=deep)


class _SafeLoader(_StrictConstructor, yaml.SafeLoader):
    """SafeLoader without timestamps, aliases or duplicate keys: the reference, with exact messages."""

    def compose_node(self, parent, index):  # type: ignore[override]
        if self.check_event(AliasEvent):
            event = self.peek_event()
            raise _Refused(
                event.start_mark,
                "les alias YAML (*nom) ne sont pas acceptés : recopiez la valeur de "
                "l’ancre (&nom) à chaque endroit",
            )
        return super().compose_node(parent, index)


class _FastLoader(_StrictConstructor, yaml.CSafeLoader):
    """The same rules on libyaml's parser, ten times faster. An alias is found in the composed nodes
    (a node met twice), before anything is built from them; on any error the reference loader runs
    again for its message."""


_NO_TIMESTAMPS = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_SafeLoader.yaml_implicit_resolvers = _FastLoader.yaml_implicit_resolvers = _NO_TIMESTAMPS

# Characters no data text needs and that hide or garble what it says: controls (but tab and line
# break), lone surrogates, private-use characters (the build uses some as placeholders),
# bidirectional overrides and marks, zero-width and other invisible ones.
_HIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u00ad\u061c\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u2069\ue000-\uf8ff\ufeff\ufff9-\ufffb]"
)


class _Refused(Exception):
    def __init__(self, mark, message: str, field: str = ""):
        super().__init__(message)
        self.mark = mark
        self.message = message
        self.field = field


# PyYAML's messages, said in French. Unknown ones are passed on as they are.
_YAML_MESSAGES = [
    (
        r"found character '\\t' that cannot start any token",
        "tabulation trouvée : indentez avec des espaces, jamais avec des tabulations",
    ),
    (r"found a tab character", "tabulation trouvée : indentez avec des espaces, jamais avec des tabulations"),
    (
        r"mapping values are not allowed here",
        "« : » inattendu ; mettez le texte entre guillemets ou vérifiez l'indentation",
    ),
    (
        r"could not find expected ':'",
        "« : » attendu après une clé ; vérifiez l'indentation ou fermez les guillemets",
    ),
    (r"expected <block end>, but found", "indentation incohérente : alignez cet élément sur ses voisins"),
    (
        r"found unexpected end of stream",
        "fin de fichier inattendue : un guillemet ou un crochet n'est pas fermé",
    ),
    (
        r"found undefined tag handle|could not determine a constructor for the tag",
        "étiquette YAML (« ! ») non acceptée : seules les valeurs simples sont permises",
    ),
    (r"while scanning a quoted scalar", "guillemet non fermé"),
    (
        r"found unknown escape character",
        "caractère d'échappement inconnu (\\) dans un texte entre guillemets doubles",
    ),
    (r"expected ',' or '\]'", "liste [ … ] mal fermée : un crochet ou une virgule manque"),
    (r"expected ',' or '\}'", "groupe { … } mal fermé : une accolade ou une virgule manque"),
    (r"while parsing a flow", "liste [ … ] ou dictionnaire { … } mal fermé"),
    (
        r"expected a single document",
        "un seul document YAML par fichier (retirez la ligne « --- » supplémentaire)",
    ),
]


def _translate(message: str) -> str:
    for pattern, french in _YAML_MESSAGES:
        if re.search(pattern, message):
            return french
    return f"YAML invalide ({message})"


def load_yaml(path: Path, display: str | None = None) -> Loaded:
    """Read one YAML file; raise DataError with a located French message."""
    name = display or path.name
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:  # said before the file is read into memory
            raise DataError([Problem(name, message=_too_big(size))])
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError(
            [Problem(name, message="fichier introuvable (il doit exister, même court)")]
        ) from None
    except OSError as err:
        raise DataError([Problem(name, message=f"fichier illisible ({err.strerror})")]) from None
    cached = _PARSED.get(name)
    if cached and cached[0] == raw:
        return cached[1]
    loaded = parse_yaml(raw, name)
    _PARSED[name] = (raw, loaded)
    return loaded


# Under `make serve`, a rebuild parses again only the files whose bytes changed.
_PARSED: dict[str, tuple[bytes, Loaded]] = {}


def _too_big(size: int) -> str:
    return f"fichier trop volumineux ({size:,} octets ; au plus {MAX_BYTES:,})".replace(",", "\u202f")


def parse_yaml(raw: bytes, name: str) -> Loaded:
    """Parse YAML bytes; raise DataError with a located French message."""
    if len(raw) > MAX_BYTES:
        raise DataError([Problem(name, message=_too_big(len(raw)))])
    if raw.startswith(b"\xef\xbb\xbf"):
        raise DataError(
            [
                Problem(
                    name,
                    1,
                    1,
                    message=(
                        "marque d'ordre des octets (BOM) en tête : enregistrez le fichier en UTF-8 sans BOM"
                    ),
                )
            ]
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        column = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        raise DataError(
            [Problem(name, line, column, message="le fichier n'est pas en UTF-8 : enregistrez-le en UTF-8")]
        ) from None
    if not text.strip():
        raise DataError([Problem(name, message="fichier vide : il doit contenir les données attendues")])

    if getattr(yaml, "__with_libyaml__", False):
        loader = _FastLoader(text)
        try:
            node = loader.get_single_node()
            positions, scalars = _index(node)  # refuses aliases and hidden characters, before building
            data = loader.construct_document(node) if node is not None else None
        except _Refused as err:
            raise DataError(
                [Problem(name, err.mark.line + 1, err.mark.column + 1, err.field, err.message)]
            ) from None
        except Exception:  # noqa: BLE001 - the reference loader below says what is wrong, in French
            pass
        else:
            return Loaded(name, data, positions, scalars)
        finally:
            loader.dispose()
    loader = _SafeLoader(text)
    try:
        node = loader.get_single_node()
        positions, scalars = _index(node)
        data = loader.construct_document(node) if node is not None else None
    except _Refused as err:
        raise DataError(
            [Problem(name, err.mark.line + 1, err.mark.column + 1, err.field, err.message)]
        ) from None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise DataError(
            [Problem(name, line, column, message=_translate(str(err.problem or err.context)))]
        ) from None
    except yaml.YAMLError as err:
        raise DataError([Problem(name, message=_translate(str(err)))]) from None
    except RecursionError:
        raise DataError([Problem(name, message="imbrication trop profonde")]) from None
    finally:
        loader.dispose()
    return Loaded(name, data, positions, scalars)


def _index(node: Node | None) -> tuple[dict[Location, tuple[int, int]], dict[Location, str]]:
    """Where each value stands, and each scalar's text, by path. Each node is visited once, so the
    time is bounded by the file's size: a node met a second time is an alias (« *nom », which could
    expand a few bytes into gigabytes or loop), refused; so is a hidden character in any scalar."""
    positions: dict[Location, tuple[int, int]] = {}
    scalars: dict[Location, str] = {}
    seen: set[int] = set()
    stack: list[tuple[Node, Location, Any]] = [(node, (), None)] if node is not None else []
    while stack:
        current, where, mark = stack.pop()
        if id(current) in seen:
            raise _Refused(
                mark or current.start_mark,
                "les alias YAML (*nom) ne sont pas acceptés : recopiez "
                "la valeur de l’ancre (&nom) à chaque endroit",
                field_name(where),
            )
        seen.add(id(current))
        positions.setdefault(where, (current.start_mark.line + 1, current.start_mark.column + 1))
        if isinstance(current, MappingNode):
            children = []
            for key_node, value_node in current.value:
                if isinstance(key_node, ScalarNode):
                    _refuse_hidden(key_node, where)
                child = where + (key_node.value,)
                positions[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                children.append((value_node, child, key_node.start_mark))
            stack.extend(reversed(children))  # in the file's order: the second use is the alias
        elif isinstance(current, SequenceNode):
            stack.extend((item, where + (i,), None) for i, item in reversed(list(enumerate(current.value))))
        elif isinstance(current, ScalarNode):
            _refuse_hidden(current, where)
            scalars[where] = current.value
    return positions, scalars


def _refuse_hidden(node: ScalarNode, where: Location) -> None:
    found = _HIDDEN.search(node.value)
    if found:
        char = found.group(0)
        import unicodedata

        label = (
            unicodedata.name(char, "caractère de contrôle")
            if not 0xD800 <= ord(char) <= 0xDFFF
            else "substitut isolé"
        )
        raise _Refused(
            node.start_mark,
            f"caractère invisible ou de contrôle U+{ord(char):04X} ({label}) : "
            "retirez-le (il cache ou brouille le texte)",
            field_name(where),
        )
