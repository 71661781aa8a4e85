"""Reader queries for the site search, each with the pages (any one suffices) that must be among the
first five distinct pages of Material's result list. Paths as in the site's links ("/" = home).

Expectations were chosen from the built site's content (titles and text of the search index), not
from what either search option returns.
"""

ETATS = [
    "/etats/armenie/",
    "/etats/bielorussie/",
    "/etats/kazakhstan/",
    "/etats/kirghizstan/",
    "/etats/russie/",
    "/etats/tadjikistan/",
    "/etats/azerbaidjan/",
    "/etats/georgie/",
    "/etats/ouzbekistan/",
]
SANCTIONS = [
    "/sources/",
    "/sources-medias-d-etat/",
    "/sources-medias-d-etat-2/",
    "/sources-medias-d-etat-3/",
    "/sources-presse-2/",
    "/sources-presse-4/",
    "/corrections-2/",
]
SECURITE = ["/competences/", "/fonctionnement/", "/organes/", "/glossaire/", "/traite-et-charte/"]

# (category, query, expected pages)
QUERIES = [
    # accents omitted
    ("sans accents", "securite", SECURITE),
    ("sans accents", "etats", ["/otsc-otan/", "/glossaire/", "/membres/", *ETATS]),
    ("sans accents", "defense", ["/organes/", "/glossaire/", "/competences/"]),
    ("sans accents", "tokaiev", ["/etats/kazakhstan/", "/chronologie-kazakhstan-armenie/"]),
    ("sans accents", "armenie", ["/etats/armenie/", "/membres/"]),
    ("sans accents", "ouzbekistan", ["/etats/ouzbekistan/", "/membres/"]),
    ("sans accents", "georgie", ["/etats/georgie/", "/membres/"]),
    ("sans accents", "reaction rapide", ["/organes/", "/glossaire/", "/points-contestes/"]),
    ("sans accents", "assemblee parlementaire", ["/organes/", "/glossaire/"]),
    ("sans accents", "depenses militaires", ["/depenses/"]),
    # accents present
    ("accents", "sécurité collective", SECURITE),
    ("accents", "Tokaïev", ["/etats/kazakhstan/", "/chronologie-kazakhstan-armenie/"]),
    ("accents", "Arménie", ["/etats/armenie/", "/membres/"]),
    ("accents", "Défense", ["/organes/", "/glossaire/", "/competences/"]),
    ("accents", "Biélorussie", ["/etats/bielorussie/", "/membres/"]),
    ("accents", "Azerbaïdjan", ["/etats/azerbaidjan/", "/membres/"]),
    ("accents", "Dépenses militaires", ["/depenses/"]),
    # singular / plural
    ("nombre", "état", ["/glossaire/", "/organes/", "/otsc-otan/", *ETATS]),
    ("nombre", "états", ["/otsc-otan/", "/glossaire/", "/membres/", *ETATS]),
    ("nombre", "force", ["/organes/", "/glossaire/", "/traite-et-charte/", "/points-contestes/"]),
    ("nombre", "forces", ["/organes/", "/glossaire/", "/traite-et-charte/", "/points-contestes/"]),
    ("nombre", "sanction", SANCTIONS),
    ("nombre", "sanctions", SANCTIONS),
    ("nombre", "membre", ["/membres/", "/traite-et-charte/", "/competences/", "/points-contestes/"]),
    ("nombre", "membres", ["/membres/"]),
    ("nombre", "observateur", ["/traite-et-charte/"]),
    ("nombre", "observateurs", ["/traite-et-charte/"]),
    ("nombre", "dépense", ["/depenses/"]),
    ("nombre", "organe", ["/organes/", "/traite-et-charte/"]),
    ("nombre", "secrétaires généraux", ["/organes/"]),
    (
        "nombre",
        "contingent",
        ["/chronologie-kazakhstan-armenie/", "/en-10-minutes/", "/etats/kazakhstan/", "/chronologie/"],
    ),
    # verb / noun
    ("verbe-nom", "décider", ["/competences/", "/en-10-minutes/", "/qui-decide/", "/fonctionnement/"]),
    ("verbe-nom", "décision", ["/fonctionnement/", "/qui-decide/"]),
    (
        "verbe-nom",
        "intervenir",
        ["/chronologie-forces-et-departs/", "/en-10-minutes/", "/chronologie/", "/competences/"],
    ),
    (
        "verbe-nom",
        "intervention",
        ["/en-10-minutes/", "/competences/", "/chronologie-kazakhstan-armenie/", "/chronologie/"],
    ),
    ("verbe-nom", "suspendre", ["/fonctionnement/"]),
    ("verbe-nom", "suspension", ["/fonctionnement/"]),
    ("verbe-nom", "financer", ["/fonctionnement/", "/faq/", "/traite-et-charte/"]),
    ("verbe-nom", "financement", ["/fonctionnement/", "/faq/"]),
    ("verbe-nom", "adhérer", ["/points-contestes/", "/membres/"]),
    ("verbe-nom", "ratifier", ["/points-contestes/", "/etats/ouzbekistan/"]),
    ("verbe-nom", "quitter", ["/faq/", "/points-contestes/"]),
    # elisions
    ("élision", "l'OTSC", ["/", "/en-10-minutes/", "/glossaire/", "/faq/"]),
    ("élision", "d'Arménie", ["/etats/armenie/", "/membres/", "/faq/"]),
    ("élision", "l'Arménie", ["/etats/armenie/", "/membres/", "/faq/"]),
    ("élision", "l’Ouzbékistan", ["/etats/ouzbekistan/", "/membres/", "/points-contestes/"]),
    ("élision", "l'armenie", ["/etats/armenie/", "/membres/", "/faq/"]),
    # acronyms and other scripts
    ("sigle", "OTSC", ["/", "/glossaire/"]),
    ("sigle", "ODKB", ["/glossaire/"]),
    ("sigle", "ОДКБ", ["/glossaire/"]),
    ("sigle", "CSTO", ["/glossaire/"]),
    ("sigle", "OTAN", ["/otsc-otan/", "/faq/", "/glossaire/"]),
    ("sigle", "KSOR", ["/organes/", "/glossaire/"]),
    ("sigle", "CRRF", ["/glossaire/"]),
    ("sigle", "forces collectives", ["/organes/", "/glossaire/"]),
    # names
    ("nom", "Pachinian", ["/etats/armenie/", "/chronologie-sans-armenie/"]),
    ("nom", "Loukachenko", ["/etats/bielorussie/", "/sputnik-verifie/", "/fonctionnement/"]),
    ("nom", "Bichkek", ["/points-contestes/"]),
    # hyphenated
    ("trait d'union", "Asie-centrale", ["/organes/", "/glossaire/"]),
    ("trait d'union", "Asie centrale", ["/organes/", "/glossaire/"]),
    ("trait d'union", "état-major", ["/organes/", "/glossaire/"]),
    ("trait d'union", "etat-major interarmees", ["/organes/", "/glossaire/"]),
    ("trait d'union", "secrétaire général", ["/organes/", "/traite-et-charte/"]),
    ("trait d'union", "secretaire general", ["/organes/", "/traite-et-charte/"]),
    # numbers
    (
        "nombres",
        "1992",
        ["/traite-et-charte/", "/chronologie-traite-de-tachkent/", "/membres/", "/glossaire/"],
    ),
    ("nombres", "article 4", ["/traite-et-charte/", "/glossaire/", "/"]),
    # several words
    (
        "plusieurs mots",
        "Kazakhstan janvier 2022",
        ["/points-contestes/", "/chronologie-kazakhstan-armenie/", "/faq/"],
    ),
    ("plusieurs mots", "qui finance l'OTSC", ["/faq/", "/fonctionnement/"]),
    ("plusieurs mots", "assistance mutuelle", ["/", "/traite-et-charte/", "/glossaire/"]),
    ("plusieurs mots", "sommet de Moscou", ["/faq/"]),
    ("plusieurs mots", "retrait de l'Arménie", ["/etats/armenie/", "/chronologie-sans-armenie/", "/faq/"]),
    ("plusieurs mots", "maintien de la paix", ["/organes/", "/glossaire/", "/points-contestes/"]),
    ("plusieurs mots", "guerre en Ukraine", ["/faq/"]),
    ("plusieurs mots", "membres suspendus", ["/fonctionnement/", "/membres/", "/etats/ouzbekistan/"]),
]
