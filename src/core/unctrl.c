/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Control characters made visible as \xHH, for every way text leaves the program. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <string.h>

#include <wangge/unctrl.h>

#define LEAD_C2 0xC2 /* U+0080..U+00BF are C2 80..C2 BF in UTF-8; the C1 controls C2 80..C2 9F */

static int kept(unsigned char c, unsigned flags)
{
	return (flags & WG_UNCTRL_KEEP_LAYOUT) && (c == '\t' || c == '\n');
}

static size_t escape(unsigned code, char *out)
{
	static const char hex[] = "0123456789abcdef";
	out[0] = '\\';
	out[1] = 'x';
	out[2] = hex[code >> 4 & 0xF];
	out[3] = hex[code & 0xF];
	return 4;
}

size_t wg_unctrl(int *held, const char *s, size_t n, char *out, unsigned flags)
{
	size_t len = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (*held) { /* a C2 before: C1 control, or the C2 goes out as it was */
			*held = 0;
			if (c >= 0x80 && c <= 0x9F) {
				len += escape(c, out + len);
				continue;
			}
			out[len++] = (char)LEAD_C2;
		}
		if (c == LEAD_C2)
			*held = 1;
		else if ((c < 0x20 || c == 0x7F) && !kept(c, flags))
			len += escape(c, out + len);
		else
			out[len++] = (char)c;
	}
	if (n == 0 && *held) {
		*held = 0;
		out[len++] = (char)LEAD_C2;
	}
	return len;
}

/* Drops a character's first bytes when the byte that did not fit (next) continues it. */
static void cut_to_character(const char *out, size_t *len, char next)
{
	if (((unsigned char)next & 0xC0) != 0x80)
		return;
	while (*len > 0 && ((unsigned char)out[*len - 1] & 0xC0) == 0x80)
		--*len;
	if (*len > 0 && (unsigned char)out[*len - 1] >= 0xC0)
		--*len;
}

void wg_unctrl_str(const char *s, char *out, size_t outsz, unsigned flags)
{
	int held = 0;
	size_t len = 0;
	if (outsz == 0)
		return;
	for (; *s; s++) {
		char piece[WG_UNCTRL_BYTES(1)];
		size_t k = wg_unctrl(&held, s, 1, piece, flags);
		if (!s[1])
			k += wg_unctrl(&held, NULL, 0, piece + k, flags);
		if (len + k >= outsz) {
			cut_to_character(out, &len, *s);
			break;
		}
		memcpy(out + len, piece, k);
		len += k;
	}
	out[len] = '\0';
}
