/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Unit tests for the import problem list: message format, counting and printing. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>

#include <criterion/criterion.h>

#include <wangge/problems.h>

/* Prints P (at most MAX) into a fresh string the caller frees. */
static char *print_to_string(const struct wg_problems *p, size_t max)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	cr_assert_not_null(out);
	wg_problems_print(p, out, max);
	fclose(out);
	return buf;
}

Test(problems, empty_list)
{
	struct wg_problems p;
	wg_problems_init(&p);
	cr_assert_eq(wg_problems_count(&p), 0);
	cr_assert_null(wg_problems_get(&p, 0));
	char *s = print_to_string(&p, 0);
	cr_assert_str_eq(s, "");
	free(s);
	wg_problems_free(&p);
}

Test(problems, formats_file_line_column_reason)
{
	struct wg_problems p;
	wg_problems_init(&p);
	wg_problems_add(&p, "people.csv", 12, "id_number", "bad check digit %c", 'X');
	wg_problems_add(&p, "people.csv", 3, NULL, "row has %d cells", 11);
	wg_problems_add(&p, "people.csv", 0, "ignored", "file is empty");
	wg_problems_add(&p, NULL, 4, "姓名", "empty");
	cr_assert_eq(wg_problems_count(&p), 4);
	cr_assert_str_eq(wg_problems_get(&p, 0), "people.csv:12: id_number: bad check digit X");
	cr_assert_str_eq(wg_problems_get(&p, 1), "people.csv:3: row has 11 cells");
	cr_assert_str_eq(wg_problems_get(&p, 2), "people.csv: file is empty");
	cr_assert_str_eq(wg_problems_get(&p, 3), "-:4: 姓名: empty");
	cr_assert_null(wg_problems_get(&p, 4));
	wg_problems_free(&p);
	cr_assert_eq(wg_problems_count(&p), 0);
}

Test(problems, keeps_many_in_order)
{
	struct wg_problems p;
	wg_problems_init(&p);
	for (int i = 1; i <= 1000; i++)
		wg_problems_add(&p, "f.csv", i, "c", "n%d", i);
	cr_assert_eq(wg_problems_count(&p), 1000);
	cr_assert_str_eq(wg_problems_get(&p, 0), "f.csv:1: c: n1");
	cr_assert_str_eq(wg_problems_get(&p, 999), "f.csv:1000: c: n1000");
	wg_problems_free(&p);
}

/* Past WG_PROBLEMS_KEPT they are counted, not kept, and the printout says how many more. */
Test(problems, a_file_wrong_on_every_line_is_counted_not_kept)
{
	struct wg_problems p;
	wg_problems_init(&p);
	for (int i = 1; i <= 100000; i++)
		wg_problems_add(&p, "f.csv", i, "c", "n%d", i);
	cr_assert_eq(wg_problems_count(&p), 100000);
	cr_assert_eq(p.stored, WG_PROBLEMS_KEPT);
	cr_assert_null(wg_problems_get(&p, WG_PROBLEMS_KEPT));
	char *s = print_to_string(&p, 0);
	char want[80];
	snprintf(want, sizeof want, "f.csv:%d: c: n%d\n... and %d more problems\n", WG_PROBLEMS_KEPT,
		 WG_PROBLEMS_KEPT, 100000 - WG_PROBLEMS_KEPT);
	cr_assert(strlen(s) > strlen(want) && strcmp(s + strlen(s) - strlen(want), want) == 0, "%s",
		  s + strlen(s) - 100);
	free(s);
	wg_problems_free(&p);
}

Test(problems, prints_all_when_max_is_zero)
{
	struct wg_problems p;
	wg_problems_init(&p);
	wg_problems_add(&p, "a.csv", 2, "name", "empty");
	wg_problems_add(&p, "a.csv", 5, NULL, "too many cells");
	char *s = print_to_string(&p, 0);
	cr_assert_str_eq(s, "a.csv:2: name: empty\na.csv:5: too many cells\n");
	free(s);
	s = print_to_string(&p, 2);
	cr_assert_str_eq(s, "a.csv:2: name: empty\na.csv:5: too many cells\n");
	free(s);
	wg_problems_free(&p);
}

Test(problems, prints_how_many_more_past_max)
{
	struct wg_problems p;
	wg_problems_init(&p);
	for (int i = 1; i <= 5; i++)
		wg_problems_add(&p, "a.csv", i + 1, NULL, "bad %d", i);
	char *s = print_to_string(&p, 2);
	cr_assert_str_eq(s, "a.csv:2: bad 1\na.csv:3: bad 2\n... and 3 more problems\n");
	free(s);
	s = print_to_string(&p, 4);
	cr_assert_str_eq(s, "a.csv:2: bad 1\na.csv:3: bad 2\na.csv:4: bad 3\na.csv:5: bad 4\n"
	                    "... and 1 more problem\n");
	free(s);
	wg_problems_free(&p);
}
