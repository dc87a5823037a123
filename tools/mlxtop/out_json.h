/* SPDX-License-Identifier: GPL-2.0 */
/* Front end: --json, one JSON document of the whole model. */
#ifndef MLXTOP_OUT_JSON_H
#define MLXTOP_OUT_JSON_H

#include <stdio.h>

#include "model.h"

void mt_out_json(FILE *out, const struct mt_model *m);

#endif
