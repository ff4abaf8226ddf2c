/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* libxlsxwriter, loaded with dlopen when a workbook is first written.  Loaded by hand rather
 * than linked: linking maps it and the OpenSSL libcrypto it needs (for MD5) into every start
 * of the screens, 1.4 MB of the 8 MiB they may keep (README, "Performance"). */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#ifdef HAVE_XLSXWRITER

#include <dlfcn.h>
#include <stdio.h>

#include <wangge/i18n.h>
#define XLSX_LIB_LOADER /* the real names here, not the table's */
#include "xlsx-lib.h"

struct xlsx_lib xlsx_lib;

const struct xlsx_lib *xlsx_lib_load(char *why, size_t whysz)
{
	static int loaded;
	if (loaded)
		return &xlsx_lib;
	void *h = dlopen(XLSXWRITER_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		snprintf(why, whysz, _("the library that writes .xlsx workbooks, %s, cannot be loaded "
				       "(%s); install the Debian package libxlsxwriter4, or use "
				       "--format csv"), XLSXWRITER_SONAME, dlerror());
		return NULL;
	}
#define XLSX_LIB_LOAD(name)                                                                  \
	if (!(*(void **)(&xlsx_lib.name) = dlsym(h, #name))) {                               \
		snprintf(why, whysz, _("the library that writes .xlsx workbooks, %s, lacks %s; " \
				       "install the version wangge was built with"),           \
			 XLSXWRITER_SONAME, #name);                                           \
		dlclose(h);                                                                  \
		return NULL;                                                                 \
	}
	XLSX_LIB_CALLS(XLSX_LIB_LOAD)
#undef XLSX_LIB_LOAD
	loaded = 1;
	return &xlsx_lib;
}

#endif
