/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* libpq, loaded with dlopen on the feed's first use.  Loaded by hand rather than linked: linking
 * would map libpq and the TLS, Kerberos and LDAP libraries it needs into every start of the
 * screens, which never talk to PostgreSQL and have a memory budget (README, "Performance"). */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <dlfcn.h>
#include <stdio.h>

#include <wangge/i18n.h>
#include "pg-lib.h"

/* The library's soname: 5 since PostgreSQL 8.0, kept by every release since. */
#define PG_LIB_SONAME "libpq.so.5"

const struct pg_lib *pg_lib_load(char *why, size_t whysz)
{
	static struct pg_lib lib;
	static int loaded;
	if (loaded)
		return &lib;
	void *h = dlopen(PG_LIB_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		snprintf(why, whysz, _("the PostgreSQL client library %s cannot be loaded (%s); install "
				       "the Debian package libpq5"), PG_LIB_SONAME, dlerror());
		return NULL;
	}
#define PG_LIB_LOAD(name)                                                                   \
	if (!(*(void **)(&lib.name) = dlsym(h, #name))) {                                   \
		snprintf(why, whysz, _("the PostgreSQL client library %s lacks %s; install a " \
				       "newer libpq5"), PG_LIB_SONAME, #name);               \
		dlclose(h);                                                                 \
		return NULL;                                                                \
	}
	PG_LIB_CALLS(PG_LIB_LOAD)
#undef PG_LIB_LOAD
	loaded = 1;
	return &lib;
}
