/* The libcsv floor: a raw parse of a CSV file with libcsv, counting fields and records and
 * nothing else. Same parser options as datacheck (strict, strict fini, a 64 KiB block), read
 * through a 1 MiB buffer.  usage: csvcount FILE   build: cc -O2 -o csvcount csvcount.c -lcsv */
#include <csv.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

struct counts { unsigned long long fields, records; };

static void on_field(void *s, size_t len, void *data) {
  (void)s; (void)len;
  ((struct counts *)data)->fields++;
}

static void on_record(int c, void *data) {
  (void)c;
  ((struct counts *)data)->records++;
}

int main(int argc, char **argv) {
  if (argc != 2) { fprintf(stderr, "usage: csvcount FILE\n"); return 2; }
  int fd = open(argv[1], O_RDONLY);
  if (fd < 0) { perror(argv[1]); return 2; }
  struct csv_parser p;
  if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0) return 2;
  csv_set_blk_size(&p, 64 * 1024);
  struct counts n = {0, 0};
  static char buf[1 << 20];
  ssize_t got;
  while ((got = read(fd, buf, sizeof buf)) > 0) {
    if (csv_parse(&p, buf, (size_t)got, on_field, on_record, &n) != (size_t)got) {
      fprintf(stderr, "%s: %s\n", argv[1], csv_strerror(csv_error(&p)));
      return 1;
    }
  }
  if (got < 0) { perror(argv[1]); return 2; }
  if (csv_fini(&p, on_field, on_record, &n) != 0) {
    fprintf(stderr, "%s: %s\n", argv[1], csv_strerror(csv_error(&p)));
    return 1;
  }
  csv_free(&p);
  close(fd);
  printf("%llu fields, %llu records\n", n.fields, n.records);
  return 0;
}
