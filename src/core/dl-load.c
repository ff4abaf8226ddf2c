/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* A library loaded when first needed, its calls looked up by name. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <dlfcn.h>

#include "dl-load.h"

int dl_load(const char *soname, const char *const *names, void **const *slots, size_t n,
	    const char **missing, const char **err)
{
	void *h = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
	*missing = NULL;
	*err = NULL;
	if (!h) {
		*err = dlerror();
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		if (!(*slots[i] = dlsym(h, names[i]))) {
			*missing = names[i];
			dlclose(h);
			return -1;
		}
	return 0;
}
