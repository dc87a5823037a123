/* SPDX-License-Identifier: GPL-2.0 */
/* Provider: the mlxsim debugfs tables, polled once per refresh. */
#ifndef MLXTOP_PROVIDER_DEBUGFS_H
#define MLXTOP_PROVIDER_DEBUGFS_H

#include "model.h"

#define MT_DEBUGFS_ROOT "/sys/kernel/debug/mlxsim"

/*
 * Is everything there to read the tables?  0, or -1 with a one-line
 * message saying how to fix it in msg.
 */
int mt_debugfs_check(const char *root, int need_root, char *msg, size_t n);

/* Does root look like mlxsim's tables (multiport, or mlxsim<ID>/)? */
int mt_debugfs_has_tables(const char *root);

/*
 * --save: copy every readable file under root to dir (created), skipping
 * write-only ones; files counts them.  0, or -1 with a message.
 */
int mt_debugfs_save(const char *root, const char *dir, int *files, char *msg,
		    size_t n);

/* Read every table under root into the model; 0 or -1 (root vanished). */
int mt_debugfs_poll(struct mt_model *m, const char *root);

/* Parsers of single tables, also used by the unit tests. */
void mt_parse_multiport(struct mt_model *m, const char *text);
void mt_parse_unaffiliated(struct mt_model *m, const char *text);
void mt_parse_caps(struct mt_model *m, int id, const char *text);
void mt_parse_ports(struct mt_model *m, int dev, const char *text);
void mt_parse_pkey_cache(struct mt_pkport *pk, const char *text, double now);
void mt_parse_virt2phys(struct mt_pkport *pk, const char *text, double now);
/* vf<S>/active: 1 or 0, for every port of device dev. */
void mt_parse_vf_active(struct mt_model *m, int dev, int slave,
			const char *text);
void mt_parse_counters(struct mt_pkport *pk, const char *text);
void mt_parse_vf_events(struct mt_model *m, int dev, int slave,
			const char *text);
/*
 * port<P>/guids: per VF its admin GUID, alias GUID, slave port state,
 * pending and retry.  NULL (no file) leaves them not known, as does a
 * malformed table (-1): it is taken whole or not at all.
 */
int mt_parse_guids(struct mt_pkport *pk, const char *text, double now);
/* port<P>/sma (key=value) into the SMA record of dev's port. */
void mt_parse_sma(struct mt_model *m, int dev, int port, const char *text);
/* The global links table: "a port b port", one row per cable. */
void mt_parse_links(struct mt_model *m, const char *text);
/* Bound/unaffiliated state from the masters' port tables (no multiport). */
void mt_derive_bindings(struct mt_model *m);

#endif
