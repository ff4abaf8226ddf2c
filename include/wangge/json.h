/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Writing JSON text for exports and --format json. */
#ifndef WANGGE_JSON_H
#define WANGGE_JSON_H

#include <stdio.h>

/* Writes s as a JSON string with its quotes; UTF-8 passes through, controls are escaped. */
void wg_json_string(FILE *out, const char *s);

#endif
