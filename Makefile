# mtasts: build, install and uninstall the release binaries, the Exim module, man pages,
# shell completions, the example configuration, the systemd units and the Exim snippets.
#
#   make                 release builds (what `make install` installs)
#   make install         PREFIX=/usr by default, DESTDIR honoured; never overwrites
#                        /etc/mtasts/mtasts.yaml or an existing Exim snippet
#   make uninstall       removes what install put there (not the configuration, cache or state)
#   make man             regenerates man/ with swift-argument-parser's generate-manual plugin
#   make check-man       fails when man/ is not current (run by scripts/test)
#   make test            scripts/test

PREFIX     ?= /usr
DESTDIR    ?=
SYSCONFDIR ?= /etc
BINDIR      = $(PREFIX)/bin
LIBDIR      = $(PREFIX)/lib/mtasts
MANDIR      = $(PREFIX)/share/man/man1
SHAREDIR    = $(PREFIX)/share/mtasts
DOCDIR      = $(PREFIX)/share/doc/mtasts
SYSTEMDDIR ?= /lib/systemd/system
EXIMCONFD  ?= $(SYSCONFDIR)/exim4/conf.d
BASHCOMP    = $(PREFIX)/share/bash-completion/completions
ZSHCOMP     = $(PREFIX)/share/zsh/vendor-completions
FISHCOMP    = $(PREFIX)/share/fish/vendor_completions.d
STATEDIR   ?= /var/lib/mtasts
EXIMUSER   ?= Debian-exim
SWIFT      ?= swift
MAN_DATE   ?= 2026-11-25

# The lookup helper is linked fully static (start-up time is what Exim pays per ${run}); it
# builds in its own scratch path so its flags never reach the other products.
STATIC      = .build-static
RELEASE     = .build/release

.PHONY: all build install uninstall man check-man test
all: build

build:
	$(SWIFT) build -c release --static-swift-stdlib --product mtasts
	$(SWIFT) build -c release --product mtasts_exim
	$(SWIFT) build -c release --scratch-path $(STATIC) --product mtasts-lookup -Xswiftc -static-executable

install: build
	install -D -m 0755 $(RELEASE)/mtasts $(DESTDIR)$(BINDIR)/mtasts
	install -D -m 0755 $(STATIC)/release/mtasts-lookup $(DESTDIR)$(BINDIR)/mtasts-lookup
	install -D -m 0644 $(RELEASE)/libmtasts_exim.so $(DESTDIR)$(LIBDIR)/libmtasts_exim.so
	# The module's RUNPATH includes $$ORIGIN: the Swift runtime it needs goes beside it.
	for lib in $$(ldd $(RELEASE)/libmtasts_exim.so | awk '/\/swift\// {print $$3}'); do \
	  install -m 0644 "$$lib" $(DESTDIR)$(LIBDIR)/; done
	# The units' Documentation= lines point here.
	install -d $(DESTDIR)$(DOCDIR)
	install -m 0644 README.md docs/*.md $(DESTDIR)$(DOCDIR)/
	install -d $(DESTDIR)$(MANDIR)
	install -m 0644 man/*.1 $(DESTDIR)$(MANDIR)/
	install -d $(DESTDIR)$(BASHCOMP) $(DESTDIR)$(ZSHCOMP) $(DESTDIR)$(FISHCOMP)
	$(RELEASE)/mtasts --generate-completion-script bash > $(DESTDIR)$(BASHCOMP)/mtasts
	$(RELEASE)/mtasts --generate-completion-script zsh > $(DESTDIR)$(ZSHCOMP)/_mtasts
	$(RELEASE)/mtasts --generate-completion-script fish > $(DESTDIR)$(FISHCOMP)/mtasts.fish
	test -e $(DESTDIR)$(SYSCONFDIR)/mtasts/mtasts.yaml || \
	  install -D -m 0644 config/mtasts.yaml $(DESTDIR)$(SYSCONFDIR)/mtasts/mtasts.yaml
	install -d $(DESTDIR)$(SYSTEMDDIR)
	install -m 0644 systemd/*.service systemd/*.timer $(DESTDIR)$(SYSTEMDDIR)/
	install -d $(DESTDIR)$(SHAREDIR)/exim
	cp -R exim/conf.d exim/exim.conf.mtasts $(DESTDIR)$(SHAREDIR)/exim/
	# Debian's split configuration reads /etc/exim4/conf.d; an existing file is left alone.
	for file in $$(cd exim/conf.d && find . -type f); do \
	  test -e $(DESTDIR)$(EXIMCONFD)/$$file || install -D -m 0644 exim/conf.d/$$file $(DESTDIR)$(EXIMCONFD)/$$file; done
	install -d -m 0750 $(DESTDIR)$(STATEDIR)
	if [ -z "$(DESTDIR)" ] && id $(EXIMUSER) >/dev/null 2>&1; then chown $(EXIMUSER): $(STATEDIR); fi

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/mtasts $(DESTDIR)$(BINDIR)/mtasts-lookup
	rm -rf $(DESTDIR)$(LIBDIR) $(DESTDIR)$(SHAREDIR) $(DESTDIR)$(DOCDIR)
	for page in man/*.1; do rm -f $(DESTDIR)$(MANDIR)/$$(basename $$page); done
	rm -f $(DESTDIR)$(BASHCOMP)/mtasts $(DESTDIR)$(ZSHCOMP)/_mtasts $(DESTDIR)$(FISHCOMP)/mtasts.fish
	for unit in systemd/*.service systemd/*.timer; do rm -f $(DESTDIR)$(SYSTEMDDIR)/$$(basename $$unit); done
	# Exim snippets are removed only when unchanged since install.
	for file in $$(cd exim/conf.d && find . -type f); do \
	  cmp -s exim/conf.d/$$file $(DESTDIR)$(EXIMCONFD)/$$file && rm -f $(DESTDIR)$(EXIMCONFD)/$$file; done; true

man:
	rm -rf man && mkdir -p man
	$(SWIFT) package --allow-writing-to-directory man generate-manual --multi-page --date $(MAN_DATE) --output-directory man

check-man:
	rm -rf .build-man && mkdir -p .build-man
	$(SWIFT) package --allow-writing-to-directory .build-man generate-manual --multi-page --date $(MAN_DATE) --output-directory .build-man
	diff -r man .build-man || { echo "man/ is out of date: run 'make man' and commit it" >&2; exit 1; }

test:
	scripts/test
