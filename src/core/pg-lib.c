/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* libpq, loaded with dlopen on the feed's first use.  Loaded by hand rather than linked: linking
 * would map libpq and the TLS, Kerberos and LDAP libraries it needs into every start of the
 * screens, which never talk to PostgreSQL and have a memory budget (README, "Performance"). */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#ifdef HAVE_LIBPQ

#include <stdio.h>

#include <wangge/i18n.h>
#include "dl-load.h"
#include "pg-lib.h"

/* The library's soname: 5 since PostgreSQL 8.0, kept by every release since. */
#define PG_LIB_SONAME "libpq.so.5"

const struct pg_lib *pg_lib_load(char *why, size_t whysz)
{
	static struct pg_lib lib;
	static int loaded;
#define PG_LIB_NAME(name) #name,
#define PG_LIB_SLOT(name) (void **)&lib.name,
	static const char *const names[] = { PG_LIB_CALLS(PG_LIB_NAME) };
	void **const slots[] = { PG_LIB_CALLS(PG_LIB_SLOT) };
	const char *missing, *err;
	if (loaded)
		return &lib;
	if (dl_load(PG_LIB_SONAME, names, slots, sizeof names / sizeof *names, &missing, &err) != 0) {
		if (missing)
			snprintf(why, whysz, _("the PostgreSQL client library %s lacks %s; install a newer "
					       "libpq5"), PG_LIB_SONAME, missing);
		else
			snprintf(why, whysz, _("the PostgreSQL client library %s cannot be loaded (%s); "
					       "install the Debian package libpq5"), PG_LIB_SONAME, err);
		return NULL;
	}
	loaded = 1;
	return &lib;
}

#endif
