# L'OTSC expliquée. Sur une machine neuve : `make serve` ou `make test`, rien d'autre.
# Chaque cible crée (ou met à jour) l'environnement Python .venv à partir de requirements.lock.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
# The build date is the day of the build (« date passée », the feed, the sitemap). SOURCE_DATE_EPOCH
# is honoured only when someone sets it, for a reproducible build: `make build SOURCE_DATE_EPOCH=…`.

CHROMIUM := /usr/bin/chromium
# Not « FAKETIME »: libfaketime reads that name from the environment of every process it runs.
FAKETIME_BIN := /usr/bin/faketime
# How far `make test` moves the clock for the tests that read a date (marked « horloge »).
CLOCK_AHEAD ?= +365d

.PHONY: serve build build-zensical test check-data export clean lock audit linkcheck-external bench schemas

$(STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@

## serve : le site sur http://127.0.0.1:8000, rechargé à chaque modification de data/, templates/ ou docs/
##         (seules les pages dont le contenu change sont reconstruites : hooks/otsc.py)
serve: $(STAMP)
	$(BIN)/mkdocs serve --dirty --dev-addr 127.0.0.1:8000

## build : le site dans site/ (remplacé seulement si la construction réussit ; deux constructions
##         à la fois travaillent chacune dans son dossier, et la dernière finie remplace site/ en entier)
build: $(STAMP)
	@if [ "$$(git rev-parse --is-shallow-repository 2>/dev/null)" = true ]; then \
	  echo "ERREUR - clone superficiel (git clone --depth) : chaque page dirait « Mis à jour le » au jour du" \
	    "dernier commit. Récupérez tout l'historique (git fetch --unshallow ; fetch-depth: 0 dans GitHub" \
	    "Actions), puis relancez make build." >&2; exit 1; fi
	@tmp=$$(mktemp -d .site-tmp.XXXXXX) && trap 'rm -rf "$$tmp"' EXIT && \
	$(BIN)/mkdocs build --strict --site-dir "$$tmp" && chmod 755 "$$tmp" && \
	flock .site.lock sh -c 'rm -rf site.old && { [ ! -e site ] || mv site site.old; } && mv "$$0" site && rm -rf site.old' "$$tmp"

## check-data : vérifier les données seules (rapide)
check-data: $(STAMP)
	@$(BIN)/python -m otsc_site check

## schemas : réécrire schemas/*.schema.json (complétion et contrôle des YAML dans l'éditeur) après un changement de modèle
schemas: $(STAMP)
	$(BIN)/python -m otsc_site schemas

## export : un projet MkDocs ordinaire dans build/export (pages déjà rendues ; se construit sans ce projet installé)
export: $(STAMP)
	$(BIN)/python -m otsc_site export build/export

# Zensical, le successeur de Material, dans son propre environnement (il épingle ses propres
# versions de Markdown et de Jinja) : la version la plus récente que l'index de paquets sert ici.
ZVENV  := .venv-zensical
ZSTAMP := $(ZVENV)/.installed
$(ZSTAMP): requirements-zensical.lock pyproject.toml
	@test -x $(ZVENV)/bin/python || $(PYTHON) -m venv $(ZVENV)
	$(ZVENV)/bin/pip install --quiet --disable-pip-version-check -r requirements-zensical.lock
	@# Nothing of this project in it: the export must build with Zensical alone.
	@rm -f "$$($(ZVENV)/bin/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/otsc-expliquee.pth"
	@touch $@

## build-zensical : l'export construit par Zensical, dans build/export/site (pour essayer l'après-Material)
build-zensical: export $(ZSTAMP)
	cd build/export && ../../$(ZVENV)/bin/zensical build -f mkdocs.yml

# Chromium de Debian pour les tests dans un navigateur (jamais `playwright install`).
$(CHROMIUM):
	@echo "Installation de Chromium (paquet Debian)…"
	@if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null

# faketime de Debian : les tests qui lisent une date passent aussi l'horloge avancée.
$(FAKETIME_BIN):
	@echo "Installation de faketime (paquet Debian)…"
	@if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq faketime >/dev/null

## test : toutes les vérifications (données, pages, liens, navigateur, accessibilité), puis celles qui
##        lisent une date, l'historique git ou la date de construction, l'horloge avancée d'un an
test: $(STAMP) $(ZSTAMP) $(CHROMIUM) $(FAKETIME_BIN)
	@$(BIN)/python -m otsc_site check
	$(BIN)/ruff check --quiet . && $(BIN)/ruff format --check --quiet .
	$(BIN)/python -m pytest -n 2 --dist worksteal
	@echo "L'horloge avancée ($(CLOCK_AHEAD)) pour les tests qui lisent une date :"
	$(FAKETIME_BIN) -f '$(CLOCK_AHEAD)' $(BIN)/python -m pytest -n 2 --dist worksteal -m horloge -p no:cacheprovider

## bench : temps de construction, échelle 1×/10×/100×, rechargement, poids des pages (≈ 11 min) ;
##         rapport dans bench/results/ et dans README (section Performances)
bench: $(STAMP) $(CHROMIUM)
	$(BIN)/python bench/run.py

## lock : régénérer requirements.lock depuis requirements.in (versions exactes)
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet --disable-pip-version-check -r requirements.in
	.lock-venv/bin/pip freeze --all --exclude-editable | grep -v '^pip==' > requirements.lock
	rm -rf .lock-venv

## linkcheck-external : vérifie en ligne les adresses des sources (jamais dans make test) ; rapport dans build/
linkcheck-external: build
	@mkdir -p build
	$(BIN)/python scripts/serve_compressed.py site 8002 & SERVER=$$!; sleep 1; \
	$(BIN)/linkchecker --check-extern --recursion-level=1 --ignore-url='^data:' --ignore-url='\#' \
	  --timeout=30 --threads=4 --output=text --file-output=html/utf-8/build/liens-externes.html \
	  http://127.0.0.1:8002/sources/; STATUS=$$?; kill $$SERVER; \
	echo "Rapport : build/liens-externes.html"; exit $$STATUS

LIGHTHOUSE := .tools/node_modules/.bin/lighthouse
$(LIGHTHOUSE):
	mkdir -p .tools && cd .tools && npm install --no-audit --no-fund --silent lighthouse@12.2.3

## audit : Lighthouse (mobile et bureau) sur chaque page, servie compressée ; tableau dans README.md
audit: build $(CHROMIUM) $(LIGHTHOUSE)
	$(BIN)/python scripts/audit.py

## map : redessine data/map.json depuis Natural Earth (paquet npm world-atlas) ; à lancer à la main
map: $(STAMP)
	$(BIN)/python scripts/build_map.py

clean:
	rm -rf $(VENV) $(ZVENV) site site.old .site-tmp.* .site.lock build .pytest_cache .tools
