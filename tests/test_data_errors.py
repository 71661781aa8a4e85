"""A mistake in a data file gives one French line: file, line, field and what was expected."""

from __future__ import annotations

import json
import re

import pytest

from otsc_site import DataError, load_data
from otsc_site.cli import main


def problems_after(project, relative, old, new):
    project.replace(relative, old, new)
    with pytest.raises(DataError) as caught:
        load_data(project.path("data"))
    return caught.value.problems


def line_of(project, relative, needle):
    for number, line in enumerate(project.read(relative).splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(needle)


CASES = [
    # (file, replace this, with this, the line that holds the mistake, words the message must contain)
    (
        "timeline.yml",
        "    date: 2022-01-13\n",
        "    date: 2022-02-30\n",
        "date: 2022-02-30",
        ["events[", "].date", "date impossible « 2022-02-30 »"],
    ),
    (
        "timeline.yml",
        "    status: fait\n    title: Entrée en vigueur du Traité",
        "    statut: fait\n    title: Entrée en vigueur du Traité",
        "statut: fait",
        ["champ inconnu", "vouliez-vous dire « status »"],
    ),
    (
        "timeline.yml",
        "    status: fait\n    title: Entrée en vigueur du Traité",
        "    status: done\n    title: Entrée en vigueur du Traité",
        "status: done",
        ["valeur « done » non permise", "« fait »", "« annoncé »"],
    ),
    (
        "timeline.yml",
        "    title: Entrée en vigueur du Traité",
        "    title: no",
        "title: no",
        ["lu par YAML comme un booléen", "entre guillemets"],
    ),
    (
        "timeline.yml",
        "  - id: traite-en-vigueur",
        "  - id: Traité en vigueur",
        "id: Traité en vigueur",
        ["identifiant attendu"],
    ),
    (
        "timeline.yml",
        "      - id: kremlin-ksor-2009\n        extrait: >-\n          The leaders of the CSTO",
        "      - id: kremlin-ksor-2010\n        extrait: >-\n          The leaders of the CSTO",
        "id: kremlin-ksor-2010",
        ["source « kremlin-ksor-2010 » inconnue", "vouliez-vous dire « kremlin-ksor-2009 »"],
    ),
    (
        "timeline.yml",
        "    states: [ouzbekistan]\n    status: fait\n    title: Le Secrétariat confirme",
        "    states: [uzbekistan]\n    status: fait\n    title: Le Secrétariat confirme",
        "states: [uzbekistan]",
        ["État « uzbekistan » inconnu"],
    ),
    (
        "timeline.yml",
        "    category: sommet\n    states: [russie]\n    status: annoncé",
        "    category: sommet\n    states: [russie]\n    status: fait",
        None,
        ["marqué « fait »", "« annoncé »"],
    ),
    (
        "timeline.yml",
        "  - id: decision-ksor",
        "  - id: accord-ksor",
        None,
        ["identifiant « accord-ksor » en double"],
    ),
    (
        "timeline.yml",
        "    category: traite\n    status: fait\n    title: Entrée en vigueur",
        "    category: traites\n    status: fait\n    title: Entrée en vigueur",
        "category: traites",
        ["catégorie « traites » inconnue"],
    ),
    (
        "timeline.yml",
        "    contested: [creation-ksor]",
        "    contested: [creation-kso]",
        "contested: [creation-kso]",
        ["point contesté « creation-kso » inconnu", "vouliez-vous dire « creation-ksor »"],
    ),
    ("procedure.yml", "    percent: 50", "    percent: 40", None, ["totalisent 90 %"]),
    (
        "members.yml",
        "      - date: 2024-05-08",
        "      - date: 2023-05-08",
        "date: 2023-05-08",
        ["historique dans le désordre"],
    ),
    (
        "organisation.yml",
        "  name: Taalatbek Masadykov\n",
        "",
        "secretary_general:",
        ["secretary_general.name", "champ obligatoire absent"],
    ),
    ("organisation.yml", "members: [armenie", "members: armenie", "members: armenie", ["liste attendue"]),
    (
        "sources.yml",
        "    url: https://tass.com/defense/1666211",
        "    url: http://tass.com/defense/1666211",
        "url: http://tass.com/defense/1666211",
        ["adresse https:// complète attendue"],
    ),
    (
        "sources.yml",
        "    reliability: presse\n",
        "    reliability: blog\n",
        "reliability: blog",
        ["valeur « blog » non permise"],
    ),
    (
        "timeline.yml",
        "    text: Elles partent de la hausse du prix du gaz liquéfié.",
        "    text: Elles partent <script>alert(1)</script>.",
        "<script>",
        ["balise HTML interdite"],
    ),
    (
        "timeline.yml",
        "    text: Elles partent de la hausse du prix du gaz liquéfié.",
        '    text: "[voir](javascript:void)"',
        "javascript:",
        ["lien « javascript:void » non permis"],
    ),
    (  # a word cut at a line's end: YAML folds « liqué-⏎fié » into « liqué- fié »
        "timeline.yml",
        "    text: Elles partent de la hausse du prix du gaz liquéfié.",
        "    text: >-\n      Elles partent de la hausse du prix du gaz liqué-\n      fié.",
        None,
        ["events[", ".text", "mot coupé « liqué- fié »", "gardez le mot entier sur une ligne"],
    ),
    (  # the same in a source's words
        "timeline.yml",
        "          Secretary undertake actions to launch the consultations envisaged by the Paragraph 2",
        "          Secretary undertake actions to launch the consul-\n"
        "          tations envisaged by the Paragraph 2",
        None,
        ["extrait", "mot coupé « consul- tations »"],
    ),
]


# Data text may carry emphasis and links, nothing that loads, embeds or runs: every other Markdown or
# HTML construct tried here is refused with its own message, and the message says what is allowed.
CONSTRUCTS = [
    ("![carte](https://exemple.fr/carte.png)", "image interdite"),
    ("<img src=https://exemple.fr/x.png>", "balise HTML interdite"),
    ("<iframe src=https://exemple.fr></iframe>", "balise HTML interdite"),
    ("<svg onload=alert(1)>", "balise HTML interdite"),
    ("<!-- commentaire -->", "balise HTML interdite"),
    ("<https://exemple.fr>", "lien automatique <…> interdit"),
    ("[voir](javascript:alert(1))", "lien « javascript:alert(1 » non permis"),
    ("[voir](data:text/html,x)", "lien « data:text/html,x » non permis"),
    ("[voir](//exemple.fr/x)", "lien « //exemple.fr/x » non permis"),
    ("[voir](http://exemple.fr)", "lien « http://exemple.fr » non permis"),
    ("[voir](mailto:a@exemple.fr)", "lien « mailto:a@exemple.fr » non permis"),
    ("[voir][ref]", "lien par référence interdit"),
    ("[ref]: https://exemple.fr", "définition de lien interdite"),
    ("Voir la note[^1].", "appel de note interdit"),
    ("`<b>code</b>`", "code interdit"),
    ("Un &lt;b&gt; caché", "entité HTML interdite"),
    ("Un &#60;b&#62; caché", "entité HTML interdite"),
    ('!!! danger "Alerte"', "bloc Markdown interdit"),
    ('??? note "Repli"', "bloc Markdown interdit"),
    ("*x*{: onclick=alert(1) }", "attributs Markdown { … } interdits"),
]


@pytest.mark.parametrize("construct, words", CONSTRUCTS, ids=[c[0][:30] for c in CONSTRUCTS])
def test_data_text_refuses_every_construct_that_is_not_emphasis_or_a_link(project, construct, words, capsys):
    line = line_of(
        project, "data/timeline.yml", "    text: Elles partent de la hausse du prix du gaz liquéfié."
    )
    problems = problems_after(
        project,
        "data/timeline.yml",
        "    text: Elles partent de la hausse du prix du gaz liquéfié.",
        "    text: " + json.dumps(construct, ensure_ascii=False),
    )
    assert len(problems) == 1, problems
    [problem] = problems
    assert (problem.file, problem.line) == ("data/timeline.yml", line)
    assert re.fullmatch(r"events\[\d+\]\.text", problem.field)
    assert words in problem.message
    if "non permis" not in words:
        assert "permis : *italique*, **gras**, [texte](https://…)" in problem.message
    assert main(["--root", str(project.root), "check"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and str(problem) in err


def test_emphasis_and_links_are_still_allowed(project):
    project.replace(
        "data/timeline.yml",
        "    text: Elles partent de la hausse du prix du gaz liquéfié.",
        '    text: "Elles partent *vite* de la **hausse** ([source](https://exemple.fr/a?b=1), '
        '[chronologie](chronologie.md#kazakhstan-deploiement))."',
    )
    load_data(project.path("data"))


@pytest.mark.parametrize("relative, old, new, needle, words", CASES, ids=[c[4][0][:40] for c in CASES])
def test_a_data_mistake_is_reported_with_file_line_and_expectation(
    project, relative, old, new, needle, words, capsys
):
    problems = problems_after(project, f"data/{relative}", old, new)
    assert main(["--root", str(project.root), "check"]) == 1  # what `make check-data` runs
    assert capsys.readouterr().err.strip().splitlines()[1].strip() == str(problems[0])
    assert len(problems) == 1, problems
    text = str(problems[0])
    assert text.startswith(f"data/{relative}, ligne ")
    for word in words:
        assert word in text
    if needle:
        assert problems[0].line == line_of(project, f"data/{relative}", needle)


def test_an_uncited_source_is_refused(project):
    project.replace(
        "data/timeline.yml", "      - id: decision-2014-declarations\n", "      - id: otsc-historique\n"
    )
    with pytest.raises(DataError) as caught:
        load_data(project.path("data"))
    problems = caught.value.problems
    assert len(problems) == 1 and "« decision-2014-declarations » citée nulle part" in str(problems[0]), (
        problems
    )


@pytest.mark.parametrize(
    "content, words",
    [
        ("page:\n\tfoo: 1\n", ["ligne 2", "tabulation"]),
        ("a: 1\na: 2\n", ["ligne 2", "clé « a » en double (déjà présente ligne 1)"]),
        ("a: &x [1]\nb: *x\n", ["ligne 2", "alias"]),
        ("a: !!python/object/apply:os.system ['echo pwned']\n", ["ligne 1", "étiquette YAML"]),
        ("a: [1, 2\n", ["crochet", "ligne "]),
        ("", ["fichier vide"]),
    ],
)
def test_unsafe_or_broken_yaml_is_refused_with_its_line(project, content, words):
    project.write("data/timeline.yml", content)
    with pytest.raises(DataError) as caught:
        load_data(project.path("data"))
    text = caught.value.report()
    for word in words:
        assert word in text


def test_encoding_mistakes_are_named(project):
    project.path("data/timeline.yml").write_bytes(b"page:\n  title: caf\xe9\n")
    with pytest.raises(DataError) as caught:
        load_data(project.path("data"))
    assert "ligne 2" in caught.value.report() and "UTF-8" in caught.value.report()
    project.path("data/timeline.yml").write_bytes(b"\xef\xbb\xbfpage: {}\n")
    with pytest.raises(DataError) as caught:
        load_data(project.path("data"))
    assert "BOM" in caught.value.report()


def test_a_missing_file_is_named(project):
    project.path("data/procedure.yml").unlink()
    with pytest.raises(DataError) as caught:
        load_data(project.path("data"))
    assert caught.value.report().endswith(
        "data/procedure.yml : fichier introuvable (il doit exister, même court)"
    )


def test_every_problem_is_reported_at_once(project):
    project.replace("data/timeline.yml", "    date: 2022-01-13\n", "    date: 2022-02-30\n")
    project.replace("data/procedure.yml", "    percent: 50", "    percent: fifty")
    with pytest.raises(DataError) as caught:
        load_data(project.path("data"))
    files = {p.file for p in caught.value.problems}
    assert files == {"data/timeline.yml", "data/procedure.yml"}
    assert re.match(r"^2 problèmes dans les données :\n", caught.value.report())


@pytest.mark.parametrize(
    "planted, kind",
    [
        ("{{ page.titre_inconnu }}", "nom inconnu"),
        ("{{ 1 / 0 }}", "ZeroDivisionError"),
        ("{% if %}", "syntaxe"),
    ],
)
def test_a_template_mistake_names_its_own_file_and_line_in_make_check_data(project, planted, kind, capsys):
    macros = project.read("templates/_macros.md.j2").splitlines()
    line = next(i for i, text in enumerate(macros, start=1) if text.startswith("# {{ page.title }}")) + 1
    macros.insert(line - 1, planted)
    project.write("templates/_macros.md.j2", "\n".join(macros) + "\n")
    assert main(["--root", str(project.root), "check"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert f"templates/_macros.md.j2, ligne {line} :" in err, err
    assert kind in err and "gabarit invalide" in err


@pytest.mark.parametrize(
    "old, new, said",
    [
        # `{#-` eats the line break before the comment: two keys on one line, which MkDocs read as text.
        ("tags:\n", "{#- un commentaire #}\ntags:\n", "en-tête YAML illisible"),
        ("description: {{", "descriptoin: {{", "sans « description »"),
    ],
)
def test_a_template_that_draws_a_broken_front_matter_is_named(project, old, new, said, capsys):
    project.replace("templates/etat.md.j2", old, new)
    assert main(["--root", str(project.root), "check"]) == 1
    err = capsys.readouterr().err
    assert "templates/etat.md.j2 :" in err and said in err, err
