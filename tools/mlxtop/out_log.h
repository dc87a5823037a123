/* SPDX-License-Identifier: GPL-2.0 */
/* Front end: -l/--log, one line per interval (text or CSV), flushed. */
#ifndef MLXTOP_OUT_LOG_H
#define MLXTOP_OUT_LOG_H

#include <stdio.h>

#include "model.h"

void mt_out_log_header(FILE *out, int csv);
void mt_out_log_line(FILE *out, const struct mt_model *m, int csv);

#endif
