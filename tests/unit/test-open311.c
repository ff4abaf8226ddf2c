/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Unit tests for the Open311 GeoReport v2 export: services, requests, statuses, times, privacy. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include <wangge/open311.h>
#include <wangge/task.h>
#include "task-fixture.h"

TestSuite(open311, .init = fx_setup, .fini = fx_teardown);

static char *exported(long *services, long *requests)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	cr_assert_eq(wg_export_open311(fx.ctx, f, services, requests), WG_OK, "%s", wg_error(fx.ctx));
	fclose(f);
	return buf;
}

static int64_t add_reported_by(const char *who)
{
	struct wg_task_new in = { .cell_id = fx.cell[0], .category_code = "01010101",
				  .title = "路灯不亮", .description = "三号楼前", .reporter_text = who,
				  .source = WG_SRC_PHONE };
	char number[WG_TASK_NUMBER_SIZE];
	int64_t id = 0;
	cr_assert_eq(wg_task_add(fx.ctx, &in, WG_TASK_ALLOW_DUPLICATE, &id, number, NULL), WG_OK, "%s",
		     wg_error(fx.ctx));
	return id;
}

Test(open311, services_and_requests_in_geo_report_shapes)
{
	long services, requests;
	add_reported_by("报告人丁 13900001111");
	int64_t closed = fx_case_in(WG_TS_CLOSED);
	fx_case_in(WG_TS_REJECTED);
	(void)closed;
	char *json = exported(&services, &requests);
	cr_assert_eq(requests, 3);
	cr_assert_gt(services, 0);
	cr_assert(strncmp(json, "{\"services\": [", 14) == 0, "%.40s", json);
	const char *want[] = { "\"service_code\": \"01010101\"", "\"metadata\": false",
			       "\"type\": \"batch\"", "\"requests\": [", "\"status\": \"open\"",
			       "\"status\": \"closed\"", "\"description\": \"路灯不亮\\n三号楼前\"",
			       "\"requested_datetime\": \"2026-03-02T09:00:00+08:00\"",
			       "\"agency_responsible\": \"", "\"lat\": null" };
	for (size_t i = 0; i < sizeof want / sizeof *want; i++)
		cr_assert_not_null(strstr(json, want[i]), "lacks %s", want[i]);
	cr_assert_null(strstr(json, "报告人丁"), "who reported is never exported");
	cr_assert_null(strstr(json, "13900001111"));
	int open = 0, closed_n = 0;
	for (const char *p = json; (p = strstr(p, "\"status\": \"")); p++)
		strncmp(p + 11, "open", 4) == 0 ? open++ : closed_n++;
	cr_assert_eq(open, 1);
	cr_assert_eq(closed_n, 2, "closed and rejected cases are closed requests");
	free(json);
}

Test(open311, only_clerks_and_administrators)
{
	long services, requests;
	fx_as(WG_ROLE_VIEWER);
	FILE *f = fopen("/dev/null", "w");
	cr_assert_eq(wg_export_open311(fx.ctx, f, &services, &requests), WG_EPERM);
	fclose(f);
}
