/* SPDX-License-Identifier: GPL-2.0 */
/* --prom: one scrape in the Prometheus text exposition format. */
#ifndef MLXTOP_OUT_PROM_H
#define MLXTOP_OUT_PROM_H

#include <stdio.h>

#include "model.h"

void mt_out_prom(FILE *out, const struct mt_model *m);

#endif
