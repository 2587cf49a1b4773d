/*
 * The C reference of the DTW kernel benchmark (scripts/bench/dtw-kernel.ts): a plain full DTW, two
 * rows of doubles, squared-difference cost, steps (i-1, j), (i, j-1), (i-1, j-1), no band, no
 * abandoning, the same definition as lib/dtw. Compiled with `cc -O2` at bench time.
 *
 *   dtw-ref FILE COUNT LENGTH SECONDS
 *
 * reads COUNT float32 series of LENGTH points (native byte order) from FILE, computes the distances
 * of the pairs (s, s + 1 mod COUNT) over and over for at least SECONDS, and prints the milliseconds
 * per distance on the first line, then each pair's distance (%.17g: exact for a double).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double dtw(const float *a, int n, const float *b, int m, double *prev, double *curr) {
  for (int k = 0; k <= m; k++) prev[k] = INFINITY;
  prev[0] = 0;
  for (int i = 0; i < n; i++) {
    double ai = a[i];
    double left = INFINITY;
    curr[0] = INFINITY;
    for (int k = 1; k <= m; k++) {
      double d = ai - (double)b[k - 1];
      double best = prev[k - 1];
      double up = prev[k];
      if (up < best) best = up;
      if (left < best) best = left;
      left = d * d + best;
      curr[k] = left;
    }
    double *t = prev;
    prev = curr;
    curr = t;
  }
  return sqrt(prev[m]);
}

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
  if (argc != 5) return 2;
  int count = atoi(argv[2]), length = atoi(argv[3]);
  double seconds = atof(argv[4]);
  float *series = malloc(sizeof(float) * count * length);
  double *prev = malloc(sizeof(double) * (length + 1)), *curr = malloc(sizeof(double) * (length + 1));
  double *dist = malloc(sizeof(double) * count);
  FILE *f = fopen(argv[1], "rb");
  if (!f || !series || !prev || !curr || !dist) return 1;
  if (fread(series, sizeof(float), (size_t)count * length, f) != (size_t)count * length) return 1;
  fclose(f);
  long calls = 0;
  double start = now(), elapsed;
  do {
    for (int s = 0; s < count; s++, calls++) {
      dist[s] = dtw(series + (size_t)s * length, length, series + (size_t)((s + 1) % count) * length, length, prev, curr);
    }
    elapsed = now() - start;
  } while (elapsed < seconds);
  printf("%.6f\n", elapsed / calls * 1e3);
  for (int s = 0; s < count; s++) printf("%.17g\n", dist[s]);
  return 0;
}
