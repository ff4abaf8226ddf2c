/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Runs the sync fuzz target on the seed corpus and a few thousand seeded mutations of it, under
 * a watchdog: a hang or a crash fails 'make check' (TAP).  Usage: fuzz-sync-replay [CORPUS]. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fuzz-sync.h"

#define MUTATIONS 3000
#define SECONDS_PER_INPUT 5
#define MAX_SEEDS 64

struct seed {
	unsigned char *p;
	size_t n;
};

static struct seed seeds[MAX_SEEDS];
static int nseeds;
static unsigned long long rng = 20261125;

static void hang(int sig)
{
	static const char msg[] = "not ok 1 - an input ran past the time limit (saved as "
				  "fuzz-sync-last.input)\n";
	(void)sig;
	if (write(1, msg, sizeof msg - 1) < 0)
		_exit(2);
	_exit(1);
}

static unsigned long long next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static void add_seed(const unsigned char *p, size_t n, unsigned char prefix)
{
	if (nseeds == MAX_SEEDS || !(seeds[nseeds].p = malloc(n + 1)))
		return;
	unsigned char *q = seeds[nseeds].p;
	if (prefix)
		*q++ = prefix;
	memcpy(q, p, n);
	seeds[nseeds++].n = n + (prefix != 0);
}

static void read_corpus(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;
	char name[4096 + 256 + 2];
	while (d && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(name, sizeof name, "%s/%s", path, e->d_name);
		FILE *f = fopen(name, "rb");
		static unsigned char buf[1 << 20];
		size_t n = f ? fread(buf, 1, sizeof buf, f) : 0;
		if (f)
			fclose(f);
		add_seed(buf, n, 0);
	}
	if (d)
		closedir(d);
}

/* Runs one input, kept on disk first so that a hang can be replayed by hand. */
static void run(const unsigned char *p, size_t n)
{
	FILE *f = fopen("fuzz-sync-last.input", "wb");
	if (f) {
		fwrite(p, 1, n, f);
		fclose(f);
	}
	alarm(SECONDS_PER_INPUT);
	LLVMFuzzerTestOneInput(p, n);
	alarm(0);
}

/* One to four changes to a copy of a seed: bytes set, bits flipped, cut short, bytes repeated. */
static size_t mutate(const struct seed *s, unsigned char *out, size_t cap)
{
	size_t n = s->n < cap ? s->n : cap;
	memcpy(out, s->p, n);
	for (int k = 1 + (int)(next() % 4); k > 0 && n > 0; k--) {
		size_t at = next() % n;
		switch (next() % 5) {
		case 0: out[at] = (unsigned char)next(); break;
		case 1: out[at] ^= (unsigned char)(1u << (next() % 8)); break;
		case 2: n = at + 1; break;
		case 3: out[at] = (unsigned char)"\x00\x01\x7f\x80\xff"[next() % 5]; break;
		default:
			if (n < cap) {
				memmove(out + at + 1, out + at, n - at);
				n++;
			}
		}
	}
	return n;
}

int main(int argc, char **argv)
{
	const char *top = getenv("TOP_SRCDIR");
	char corpus[4096];
	static unsigned char buf[1 << 20];
	time_t start = time(NULL);
	signal(SIGALRM, hang);
	snprintf(corpus, sizeof corpus, "%s/tests/fuzz/corpus-sync", top ? top : ".");
	LLVMFuzzerInitialize(&argc, &argv);
	if (argc > 2) { /* fuzz-sync-replay CORPUS FILE: the signed seed, written for the corpus */
		FILE *f = fopen(argv[2], "wb");
		return !f || fwrite(fuzz_signed_file, 1, fuzz_signed_size, f) != fuzz_signed_size ||
		       fclose(f) != 0;
	}
	read_corpus(argc > 1 ? argv[1] : corpus);
	add_seed(fuzz_signed_file, fuzz_signed_size, 0);
	add_seed(fuzz_changeset, fuzz_changeset_size, 'C');
	int from_disk = nseeds - 2;
	for (int i = 0; i < nseeds; i++)
		run(seeds[i].p, seeds[i].n);
	for (int i = 0; i < MUTATIONS; i++)
		run(buf, mutate(&seeds[next() % (unsigned)nseeds], buf, sizeof buf));
	printf("1..1\nok 1 - %d seeds (%d from the corpus) and %d mutations in %lds, no hang\n", nseeds,
	       from_disk, MUTATIONS, (long)(time(NULL) - start));
	return 0;
}
