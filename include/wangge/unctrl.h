/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Control characters made visible, so that no stored or typed text can drive a terminal. */
#ifndef WANGGE_UNCTRL_H
#define WANGGE_UNCTRL_H

#include <stddef.h>

/*
 * The one escaping rule of every door text leaves by (command-line output and messages,
 * core's error messages, CSV exports): a control character U+00HH (C0 U+0000..U+001F, DEL
 * U+007F, C1 U+0080..U+009F in UTF-8) is written as the four characters \xHH, for example
 * ESC as \x1b.  Everything else, invalid UTF-8 and backslashes included, is copied as it is
 * (so "\x1b" typed as text reads the same; it is text either way).
 */
enum wg_unctrl_flags {
	WG_UNCTRL_KEEP_LAYOUT = 1u << 0, /* tab and newline stay (output lines, CSV fields) */
};

/* Output bytes enough for n input bytes (and a byte held from an earlier call). */
#define WG_UNCTRL_BYTES(n) ((n) * 4 + 8)

/*
 * Streams: copies the n bytes of s into out (WG_UNCTRL_BYTES(n) bytes), escaped, and returns
 * the bytes written (not terminated).  *held carries a UTF-8 lead byte C2 that ended one call
 * to the next (start it at 0); a call with n = 0 writes out what is held.
 */
size_t wg_unctrl(int *held, const char *s, size_t n, char *out, unsigned flags);

/* The whole string s into out (outsz bytes, always terminated; cut short, never inside an
 * escape, when it does not fit). */
void wg_unctrl_str(const char *s, char *out, size_t outsz, unsigned flags);

#endif
