/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Unit tests for unctrl.c and its users in core: control characters become \xHH, nothing else changes. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <string.h>

#include <criterion/criterion.h>

#include <wangge/core.h>
#include <wangge/problems.h>
#include <wangge/unctrl.h>

static const char *str(const char *s, unsigned flags)
{
	static char out[256];
	wg_unctrl_str(s, out, sizeof out, flags);
	return out;
}

Test(unctrl, terminal_sequences_become_visible)
{
	cr_assert_str_eq(str("张\033]0;pwned\007三", 0), "张\\x1b]0;pwned\\x07三");
	cr_assert_str_eq(str("\033[2J\033[H", 0), "\\x1b[2J\\x1b[H");
	cr_assert_str_eq(str("a\rb\x7f\x01", 0), "a\\x0db\\x7f\\x01");
}

Test(unctrl, tab_and_newline_stay_only_when_asked)
{
	cr_assert_str_eq(str("a\tb\nc", 0), "a\\x09b\\x0ac");
	cr_assert_str_eq(str("a\tb\nc\r", WG_UNCTRL_KEEP_LAYOUT), "a\tb\nc\\x0d");
}

Test(unctrl, c1_controls_in_utf8_are_escaped_and_other_text_is_not)
{
	cr_assert_str_eq(str("a\xc2\x9b" "2J", 0), "a\\x9b2J", "U+009B, the one-byte CSI");
	cr_assert_str_eq(str("\xc2\x85", 0), "\\x85");
	cr_assert_str_eq(str("\xc2\xa0é中文\\x1b", 0), "\xc2\xa0é中文\\x1b", "no-break space, accents, "
			 "Chinese and backslashes stay");
	cr_assert_str_eq(str("\xff\xc2", 0), "\xff\xc2", "invalid bytes are not controls");
}

Test(unctrl, a_stream_may_split_a_c1_control_between_writes)
{
	char out[WG_UNCTRL_BYTES(8)];
	int held = 0;
	size_t n = wg_unctrl(&held, "ab\xc2", 3, out, 0);
	cr_assert_eq(n, 2);
	n += wg_unctrl(&held, "\x9b", 1, out + n, 0);
	out[n] = '\0';
	cr_assert_str_eq(out, "ab\\x9b");
	n = wg_unctrl(&held, "\xc2", 1, out, 0);
	n += wg_unctrl(&held, "\xa9", 1, out + n, 0);
	n += wg_unctrl(&held, "\xc2", 1, out + n, 0);
	n += wg_unctrl(&held, NULL, 0, out + n, 0);
	out[n] = '\0';
	cr_assert_str_eq(out, "\xc2\xa9\xc2", "a held byte comes out with the next or at the end");
}

Test(unctrl, a_short_buffer_never_cuts_an_escape_or_a_character)
{
	char out[8];
	wg_unctrl_str("ab\033cd", out, 5, 0);
	cr_assert_str_eq(out, "ab");
	wg_unctrl_str("a中文", out, 6, 0);
	cr_assert_str_eq(out, "a中");
	wg_unctrl_str("中", out, 3, 0);
	cr_assert_str_eq(out, "");
}

Test(unctrl, core_messages_and_problem_lists_quote_input_escaped)
{
	struct wg_ctx *ctx = wg_ctx_new();
	cr_assert_eq(wg_fail(ctx, WG_EINVAL, "no resident matches '%s'", "x\033[2J\ny"), WG_EINVAL);
	cr_assert_str_eq(wg_error(ctx), "no resident matches 'x\\x1b[2J\\x0ay'", "one line, nothing raw");
	wg_ctx_free(ctx);
	struct wg_problems p;
	wg_problems_init(&p);
	wg_problems_add(&p, "a\033]0;t\007.csv", 2, "cell_code", "no cell %s", "1\033[2J");
	cr_assert_str_eq(wg_problems_get(&p, 0), "a\\x1b]0;t\\x07.csv:2: cell_code: no cell 1\\x1b[2J");
	wg_problems_free(&p);
}
