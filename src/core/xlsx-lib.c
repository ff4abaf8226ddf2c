/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* libxlsxwriter, loaded with dlopen when a workbook is first written.  Loaded by hand rather
 * than linked: linking maps it and the OpenSSL libcrypto it needs (for MD5) into every start
 * of the screens, 1.4 MB of the 8 MiB they may keep (README, "Performance"). */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#ifdef HAVE_XLSXWRITER

#include <stdio.h>

#include <wangge/i18n.h>
#define XLSX_LIB_LOADER /* the real names here, not the table's */
#include "xlsx-lib.h"
#include "dl-load.h"

struct xlsx_lib xlsx_lib;

const struct xlsx_lib *xlsx_lib_load(char *why, size_t whysz)
{
	static int loaded;
#define XLSX_LIB_NAME(name) #name,
#define XLSX_LIB_SLOT(name) (void **)&xlsx_lib.name,
	static const char *const names[] = { XLSX_LIB_CALLS(XLSX_LIB_NAME) };
	void **const slots[] = { XLSX_LIB_CALLS(XLSX_LIB_SLOT) };
	const char *missing, *err;
	if (loaded)
		return &xlsx_lib;
	if (dl_load(XLSXWRITER_SONAME, names, slots, sizeof names / sizeof *names, &missing, &err) != 0) {
		if (missing)
			snprintf(why, whysz, _("the library that writes .xlsx workbooks, %s, lacks %s; "
					       "install the version wangge was built with"),
				 XLSXWRITER_SONAME, missing);
		else
			snprintf(why, whysz, _("the library that writes .xlsx workbooks, %s, cannot be "
					       "loaded (%s); install the Debian package libxlsxwriter4, "
					       "or use --format csv"), XLSXWRITER_SONAME, err);
		return NULL;
	}
	loaded = 1;
	return &xlsx_lib;
}

#endif
