"""What a build keeps for the next one, each keyed on everything that shapes it, under build/cache/:
compiled templates (`pages/`, `theme/`), the rendered pages (`rendered/`) and Material's trimmed
stylesheets (`trim/`)."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import importlib.metadata
import json
import os
import sys
from dataclasses import asdict
from pathlib import Path

import jinja2

from .rendered import Built, RenderedPage


class _Bytecode(jinja2.FileSystemBytecodeCache):
    """Compiled templates on disk, like .pyc files, and in memory for the next build of the process."""

    def __init__(self, folder: Path):
        super().__init__(str(folder))
        self.memory: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.memory.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)
            if bucket.code is not None:  # a stale entry (other source checksum) is dropped by Jinja
                return
        super().load_bytecode(bucket)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.memory[bucket.key] = bucket.bytecode_to_string()
        super().dump_bytecode(bucket)


_CACHES: dict[Path, jinja2.BytecodeCache | None] = {}
# What changes the code Jinja compiles besides the template's text (which Jinja checks itself).
_COMPILE_SETTINGS = (
    "block_start_string",
    "block_end_string",
    "variable_start_string",
    "variable_end_string",
    "comment_start_string",
    "comment_end_string",
    "line_statement_prefix",
    "line_comment_prefix",
    "trim_blocks",
    "lstrip_blocks",
    "newline_sequence",
    "keep_trailing_newline",
    "optimized",
    "is_async",
)


def bytecode_cache(folder: Path, env: jinja2.Environment) -> jinja2.BytecodeCache | None:
    """Compiled templates for `env`, kept under `folder` in a subfolder named after everything that
    shapes the compiled code: the environment's settings and extensions, whether it finalizes or
    autoescapes, the versions of Jinja and Python. One cache per subfolder and process; none if the
    folder cannot be written (the build only slows)."""
    settings = [(name, getattr(env, name, None)) for name in _COMPILE_SETTINGS]
    settings += [
        ("extensions", sorted(env.extensions)),
        ("finalize", env.finalize is not None),
        ("autoescape", env.autoescape if isinstance(env.autoescape, bool) else "callable"),
        ("jinja2", importlib.metadata.version("jinja2")),
        ("python", sys.version),
    ]
    folder = folder / hashlib.blake2b(repr(settings).encode(), digest_size=8).hexdigest()
    if folder not in _CACHES:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            _CACHES[folder] = _Bytecode(folder)
        except OSError:
            _CACHES[folder] = None
    return _CACHES[folder]


@functools.lru_cache(maxsize=1)
def _code_digest() -> bytes:
    """This package's code and the versions of what renders: a change to either renders again."""
    digest = hashlib.blake2b()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.read_bytes())
    for package in ("jinja2", "markupsafe", "babel", "pydantic", "pydantic-core", "pyyaml", "tinycss2"):
        digest.update(f"{package}={importlib.metadata.version(package)};".encode())
    digest.update(sys.version.encode())
    return digest.digest()


def inputs_digest(root: Path, site_url: str, changes: dict[str, dt.date], today: dt.date) -> str:
    """A digest of all the pages are drawn from: data files, templates, code, address, the build
    date (which announcements are past due) and the day each file last changed (« Mis à jour le »)."""
    digest = hashlib.blake2b(
        _code_digest()
        + site_url.encode()
        + today.isoformat().encode()
        + repr(sorted(changes.items())).encode()
    )
    for folder in ("data", "templates"):
        for path in sorted((root / folder).rglob("*")):
            if path.is_file():
                digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:32]


def read_store(path: Path, changes: dict[str, dt.date]) -> Built | None:
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        return Built(
            [RenderedPage(**page) for page in stored["pages"]],
            stored["abbreviations"],
            dict(stored["files"]),
            changes,
            dict(stored["meta"]),
        )
    except (OSError, ValueError, KeyError, TypeError):  # absent or damaged: render again
        return None


def write_store(folder: Path, name: str, result: Built) -> None:
    """Keep the last rendering only."""
    stored = {
        "pages": [asdict(p) for p in result.pages],
        "abbreviations": result.abbreviations,
        "files": result.files,
        "meta": result.meta,
    }
    _keep_only(folder, name, json.dumps(stored, ensure_ascii=False))


def kept_texts(folder: Path | None, inputs: list[str], make) -> dict[str, str]:
    """The texts `make()` draws from `inputs`, kept under `folder` (the last ones only) in a file named
    after `inputs`, this package's code and the versions of what it uses: drawn again when any
    changes. Without a folder, or one that cannot be read or written, drawn each time."""
    if folder is None:
        return make()
    digest = hashlib.blake2b(_code_digest(), digest_size=16)
    for text in inputs:
        digest.update(text.encode() + b"\0")
    name = f"{digest.hexdigest()}.json"
    try:
        return json.loads((folder / name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    texts = make()
    _keep_only(folder, name, json.dumps(texts, ensure_ascii=False))
    return texts


def _keep_only(folder: Path, name: str, text: str) -> None:
    """`text` as `folder/name`, written whole or not at all, the folder's other entries gone; a folder
    that cannot be written only costs the next build time."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*.json"):
            old.unlink()
        temporary = folder / f".{name}.{os.getpid()}"
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, folder / name)
    except OSError:
        pass
