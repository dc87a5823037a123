# SPDX-License-Identifier: GPL-2.0
# mlxsim: one entry point for build, install, demo and tests.
#
#   make                 module (against KDIR) + userspace tools
#   make module KDIR=... MODBUILD=dir   module built in a copy under dir
#   make unit            userspace unit tests (ASan + UBSan)
#   make fuzz [FUZZ_SECONDS=N]  libFuzzer targets of the logic, N s each
#   make vm KERNEL=deb61|bpo612|debug   VM suite on one kernel
#   make check           unit tests + VM suites on all three kernels
#   make demo            boot a VM, build a topology, show it
#   make install         modules_install, dkms.conf, tools
#   make deb             Debian packages mlxsim-dkms, mlxsim-tools (build/deb/)

TOP := $(CURDIR)
BUILD := $(TOP)/build

# The running kernel's build dir, else the newest installed headers.
ifeq ($(origin KDIR), undefined)
KDIR := $(shell d=/lib/modules/$$(uname -r)/build; \
	  if [ -d $$d ]; then echo $$d; else \
	  ls -d /usr/src/linux-headers-*-amd64 2>/dev/null | sort -V | tail -n1; fi)
# Said only when a goal builds the module against that guess.
KDIR_GOALS := $(filter all module install sparse,$(or $(MAKECMDGOALS),all))
KDIR_NOTE := $(if $(KDIR_GOALS),$(if $(wildcard /lib/modules/$(shell uname -r)/build),,\
	$(info mlxsim: no headers for the running kernel $(shell uname -r); building against $(KDIR))))
endif

MODBUILD ?=
KERNEL ?= deb61
PREFIX ?= /usr/local
DESTDIR ?=
VERSION := 0.1

MODSRC := driver include tracepoints

.PHONY: all module tools unit vm check demo install clean sparse checkpatch \
	deps bench deb fuzz

all: module tools

deps:
	@$(TOP)/scripts/install-deps.sh

ifeq ($(MODBUILD),)
module:
	@test -n "$(KDIR)" || { echo "mlxsim: no kernel headers found; install linux-headers-amd64 or set KDIR" >&2; exit 1; }
	$(MAKE) -C $(KDIR) M=$(TOP)/driver W=1 modules
else
# A private copy per kernel, so builds for several kernels never collide.
module:
	@mkdir -p $(MODBUILD)
	@cp -a $(addprefix $(TOP)/,$(MODSRC)) $(MODBUILD)/
	@rm -f $(MODBUILD)/driver/*.ko
	$(MAKE) -C $(KDIR) M=$(MODBUILD)/driver W=1 modules
endif

tools:
	@if [ -f $(TOP)/tools/Makefile ]; then $(MAKE) -C $(TOP)/tools; fi

unit:
	@$(MAKE) --no-print-directory -C $(TOP)/tests/unit run

fuzz:
	@$(MAKE) --no-print-directory -C $(TOP)/tests/fuzz run \
		$(if $(FUZZ_SECONDS),FUZZ_SECONDS=$(FUZZ_SECONDS))

vm:
	$(TOP)/tests/vm/run.sh $(KERNEL)

check: deps
	@$(TOP)/tests/run-all.sh

demo: deps
	@$(TOP)/tests/vm/demo.sh

bench:
	@$(TOP)/tests/bench/run.sh

# Static checks of the kernel code: sparse and checkpatch --strict.
sparse:
	$(MAKE) -C $(KDIR) M=$(TOP)/driver C=2 CHECK="sparse -Wno-unknown-attribute" modules

checkpatch:
	@$(TOP)/scripts/checkpatch.sh

install: module tools
	$(MAKE) -C $(KDIR) M=$(TOP)/driver INSTALL_MOD_DIR=extra modules_install
	install -d $(DESTDIR)/usr/src/mlxsim-$(VERSION)
	cp -a $(addprefix $(TOP)/,$(MODSRC)) $(DESTDIR)/usr/src/mlxsim-$(VERSION)/
	sed 's/@VERSION@/$(VERSION)/' $(TOP)/dkms.conf.in > $(DESTDIR)/usr/src/mlxsim-$(VERSION)/dkms.conf
	@if [ -f $(TOP)/tools/Makefile ]; then $(MAKE) -C $(TOP)/tools install PREFIX=$(PREFIX) DESTDIR=$(DESTDIR); fi

# Debian packages mlxsim-dkms and mlxsim-tools (debian/), built with
# dpkg-buildpackage in a clean copy of the sources; the .debs land in build/deb/.
DEB_FILES := Makefile LICENSE README.md dkms.conf.in debian docs driver include \
	tracepoints tools
deb:
	@rm -rf $(BUILD)/deb && mkdir -p $(BUILD)/deb/mlxsim-$(VERSION)
	@tar -C $(TOP) -c --exclude='*.o' --exclude='*.ko' --exclude='*.so' \
		--exclude='.*.cmd' --exclude='*.mod' --exclude='*.mod.c' \
		--exclude='modules.order' --exclude='Module.symvers' \
		--exclude='tools/mlxtop/mlxtop' --exclude='tools/mlxsimctl/mlxsimctl' \
		--exclude='tools/mlxsimctl/test_smp_build' \
		$(DEB_FILES) | tar -C $(BUILD)/deb/mlxsim-$(VERSION) -x
	cd $(BUILD)/deb/mlxsim-$(VERSION) && dpkg-buildpackage -us -uc -b
	@ls -1 $(BUILD)/deb/*.deb

clean:
	-$(MAKE) -C $(KDIR) M=$(TOP)/driver clean
	@if [ -f $(TOP)/tools/Makefile ]; then $(MAKE) -C $(TOP)/tools clean; fi
	rm -rf $(BUILD)
