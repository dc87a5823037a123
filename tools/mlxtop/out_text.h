/* SPDX-License-Identifier: GPL-2.0 */
/* Front end: --once, a plain-text snapshot of the model. */
#ifndef MLXTOP_OUT_TEXT_H
#define MLXTOP_OUT_TEXT_H

#include <stdio.h>

#include "model.h"

void mt_out_text(FILE *out, const struct mt_model *m);
/* P_Key in table notation, membership from bit 15. */
const char *mt_pkey_membership(uint16_t pkey);

#endif
