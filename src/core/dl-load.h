/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* A library loaded when first needed (core-private): pg-lib.c, xlsx-lib.c. */
#ifndef WANGGE_DL_LOAD_H
#define WANGGE_DL_LOAD_H

#include <stddef.h>

/* Opens soname and fills slots[i] with names[i], for n names: 0; or -1 with *missing NULL when
 * the library cannot be opened (why in *err, dlerror's) or naming the first symbol it lacks. */
int dl_load(const char *soname, const char *const *names, void **const *slots, size_t n,
	    const char **missing, const char **err);

#endif
