/*
 * build-bench shims: one program that build-bench compiles once per machine (src/shims/compile-shims.ts) and
 * runs inside a timed build. A shell script cannot do this work in O(n): rebuilding "$@" one argument at a
 * time is quadratic (4.3 s for 3,000 arguments), and reading a response file needs another process.
 *
 * Three roles, chosen by the start of the program's file name (the names are in src/shims/shim-env.ts):
 * - build-bench-link-shim (and any name not below), cargo's target linker: reads its arguments (and @file
 *   response files) once for -o, drops rustc's bundled-lld selection when asked (rewriting a response file
 *   that holds it), appends the variant's flags, runs the real driver, and appends
 *   "start end status overhead output" to the link log.
 * - build-bench-rustc-wrapper, cargo's RUSTC_WRAPPER: runs rustc (through the user's own wrapper when there
 *   is one) and appends "start end status overhead package version crate kinds options" to the crate log,
 *   where options are the codegen options that profile settings become (opt-level=1,debuginfo=2,incremental).
 * - build-bench-set-times, the time setter for the source files a benchmark touches or edits: reads lines of
 *   "atime_ns mtime_ns path" on standard input and sets each file's access and modification times to the
 *   nanosecond. It writes no log: it names each file it could not set on standard error, then exits 1.
 * Log times are ns since the epoch; overhead is the shim's own time around the child, in ns.
 *
 * The names of the environment variables build-bench sets for the shims are not written here: each is a
 * string macro (BB_ENV_LINK_LOG and the others checked below) that the compiler receives as a -D argument,
 * built from SHIM_ENV by shimDefines() in src/shims/shim-env.ts, so the TypeScript that sets a variable and
 * the C that reads it always agree on its name.
 */
#define _GNU_SOURCE

#ifndef BB_ENV_LINK_LOG
#error "BB_ENV_LINK_LOG is not defined: compile with the -D arguments of shimDefines() in shim-env.ts"
#endif
#ifndef BB_ENV_REAL_LINKER
#error "BB_ENV_REAL_LINKER is not defined: compile with the -D arguments of shimDefines() in shim-env.ts"
#endif
#ifndef BB_ENV_LINK_APPEND
#error "BB_ENV_LINK_APPEND is not defined: compile with the -D arguments of shimDefines() in shim-env.ts"
#endif
#ifndef BB_ENV_DROP_LLD
#error "BB_ENV_DROP_LLD is not defined: compile with the -D arguments of shimDefines() in shim-env.ts"
#endif
#ifndef BB_ENV_PATH_PREFIX
#error "BB_ENV_PATH_PREFIX is not defined: compile with the -D arguments of shimDefines() in shim-env.ts"
#endif
#ifndef BB_ENV_CRATE_LOG
#error "BB_ENV_CRATE_LOG is not defined: compile with the -D arguments of shimDefines() in shim-env.ts"
#endif
#ifndef BB_ENV_USER_WRAPPER
#error "BB_ENV_USER_WRAPPER is not defined: compile with the -D arguments of shimDefines() in shim-env.ts"
#endif

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static long long now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_REALTIME, &t);
  return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

static const char *env_or(const char *name, const char *fallback) {
  const char *value = getenv(name);
  return value != NULL && value[0] != '\0' ? value : fallback;
}

/* A growable list of strings. */
typedef struct { char **items; size_t count, capacity; } list;

static void push(list *l, char *item) {
  if (l->count + 1 >= l->capacity) {
    l->capacity = l->capacity ? l->capacity * 2 : 64;
    l->items = realloc(l->items, l->capacity * sizeof(char *));
    if (l->items == NULL) { perror("build-bench shim"); exit(127); }
  }
  l->items[l->count++] = item;
  l->items[l->count] = NULL;
}

/* The whole file, NUL-terminated; NULL when unreadable. */
static char *read_file(const char *path, size_t *size) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return NULL;
  struct stat st;
  if (fstat(fd, &st) != 0) { close(fd); return NULL; }
  char *text = malloc((size_t)st.st_size + 1);
  size_t got = 0;
  while (text != NULL && got < (size_t)st.st_size) {
    ssize_t n = read(fd, text + got, (size_t)st.st_size - got);
    if (n <= 0) break;
    got += (size_t)n;
  }
  close(fd);
  if (text == NULL) return NULL;
  text[got] = '\0';
  *size = got;
  return text;
}

/* Splits a response file as GCC's libiberty does: whitespace separates, quotes group, backslash escapes. */
static void split_response(char *text, list *out) {
  char *read = text, *write = text;
  while (*read != '\0') {
    while (*read == ' ' || *read == '\t' || *read == '\n' || *read == '\r' || *read == '\f' || *read == '\v') read++;
    if (*read == '\0') break;
    char *start = write;
    char quote = 0;
    while (*read != '\0') {
      char c = *read;
      if (quote == 0 && (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')) break;
      read++;
      if (c == '\\' && *read != '\0') { *write++ = *read++; continue; }
      if (quote != 0 && c == quote) { quote = 0; continue; }
      if (quote == 0 && (c == '\'' || c == '"')) { quote = c; continue; }
      *write++ = c;
    }
    if (*read != '\0') read++;
    *write++ = '\0';
    push(out, start);
  }
}

static int is_lld_selection(const char *arg) {
  if (strcmp(arg, "-fuse-ld=lld") == 0) return 1;
  if (strncmp(arg, "-B", 2) != 0) return 0;
  size_t n = strlen(arg);
  return (n >= 7 && strcmp(arg + n - 7, "/gcc-ld") == 0) || (n >= 8 && strcmp(arg + n - 8, "/gcc-ld/") == 0);
}

/* Writes arguments one per line, escaped for libiberty (backslash before whitespace, quotes and backslash). */
static int write_response(int fd, list *args) {
  for (size_t i = 0; i < args->count; i++) {
    const char *arg = args->items[i];
    size_t n = strlen(arg);
    char *escaped = malloc(2 * n + 2);
    if (escaped == NULL) return -1;
    size_t k = 0;
    for (size_t j = 0; j < n; j++) {
      char c = arg[j];
      if (c == '\\' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\'' || c == '"') escaped[k++] = '\\';
      escaped[k++] = c;
    }
    escaped[k++] = '\n';
    ssize_t written = write(fd, escaped, k);
    free(escaped);
    if (written != (ssize_t)k) return -1;
  }
  return 0;
}

/* Appends one line with a single write(2): O_APPEND keeps lines of parallel links whole. */
static void append_line(const char *log, const char *line) {
  if (log == NULL || log[0] == '\0') return;
  int fd = open(log, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return;
  ssize_t ignored = write(fd, line, strlen(line));
  (void)ignored;
  close(fd);
}

/* Runs argv[0] with PATH lookup; returns the wait status, or -1 when it could not start. */
static int run_child(char **argv, long long *spawned_ns, long long *exited_ns) {
  pid_t pid;
  *spawned_ns = now_ns();
  int error = posix_spawnp(&pid, argv[0], NULL, NULL, argv, environ);
  if (error != 0) {
    fprintf(stderr, "build-bench shim: cannot run %s: %s\n", argv[0], strerror(error));
    *exited_ns = now_ns();
    return -1;
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {}
  *exited_ns = now_ns();
  return status;
}

static int exit_code_of(int status) {
  if (status < 0) return 127;
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return 1;
}

/* Ends like the child did: the same exit code, or the same signal. */
static void finish(int status) {
  if (status >= 0 && WIFSIGNALED(status)) {
    signal(WTERMSIG(status), SIG_DFL);
    raise(WTERMSIG(status));
  }
  exit(exit_code_of(status));
}

/* No newline may end a log line early. */
static void one_line(char *text) {
  for (; *text != '\0'; text++) if (*text == '\n' || *text == '\r') *text = '?';
}

static int link_main(int argc, char **argv) {
  long long started = now_ns();
  const char *real = env_or(BB_ENV_REAL_LINKER, "cc");
  int drop_lld = strcmp(env_or(BB_ENV_DROP_LLD, "0"), "1") == 0;
  const char *prefix = getenv(BB_ENV_PATH_PREFIX);
  if (prefix != NULL && prefix[0] != '\0') {
    const char *old = env_or("PATH", "/usr/bin:/bin");
    char *path = malloc(strlen(prefix) + strlen(old) + 2);
    if (path != NULL) { sprintf(path, "%s:%s", prefix, old); setenv("PATH", path, 1); }
  }
  list out = {0};
  push(&out, (char *)real);
  const char *output = "";
  char rewritten[4096] = "";
  for (int i = 1; i < argc; i++) {
    char *arg = argv[i];
    if (strcmp(arg, "-o") == 0 && i + 1 < argc) output = argv[i + 1];
    else if (strncmp(arg, "-o", 2) == 0 && arg[2] != '\0' && (i == 1 || strcmp(argv[i - 1], "-o") != 0)) output = arg + 2;
    if (drop_lld && is_lld_selection(arg)) continue;
    if (arg[0] == '@') {
      size_t size = 0;
      char *text = read_file(arg + 1, &size);
      if (text != NULL) {
        list inner = {0};
        split_response(text, &inner);
        int dropped = 0;
        list kept = {0};
        for (size_t j = 0; j < inner.count; j++) {
          if (strcmp(inner.items[j], "-o") == 0 && j + 1 < inner.count) output = inner.items[j + 1];
          if (drop_lld && is_lld_selection(inner.items[j])) { dropped = 1; continue; }
          push(&kept, inner.items[j]);
        }
        if (dropped && rewritten[0] == '\0' && strlen(arg) + 16 < sizeof rewritten) {
          snprintf(rewritten, sizeof rewritten, "%s.bb-XXXXXX", arg + 1);
          int fd = mkstemp(rewritten);
          if (fd >= 0 && write_response(fd, &kept) == 0) {
            close(fd);
            char *replacement = malloc(strlen(rewritten) + 2);
            sprintf(replacement, "@%s", rewritten);
            push(&out, replacement);
            continue;
          }
          if (fd >= 0) { close(fd); unlink(rewritten); }
          rewritten[0] = '\0';
        }
      }
    }
    push(&out, arg);
  }
  char *append = getenv(BB_ENV_LINK_APPEND);
  if (append != NULL && append[0] != '\0') {
    char *flags = strdup(append);
    for (char *flag = strtok(flags, "\n"); flag != NULL; flag = strtok(NULL, "\n")) push(&out, flag);
  }
  long long spawned, exited;
  int status = run_child(out.items, &spawned, &exited);
  if (rewritten[0] != '\0') unlink(rewritten);
  char *copy = strdup(output);
  one_line(copy);
  long long before_log = now_ns();
  size_t size = strlen(copy) + 128;
  char *line = malloc(size);
  long long overhead = (spawned - started) + (before_log - exited);
  snprintf(line, size, "%lld %lld %d %lld %s\n", spawned, exited, exit_code_of(status), overhead, copy);
  append_line(getenv(BB_ENV_LINK_LOG), line);
  finish(status);
  return 0;
}

/* The codegen options that Cargo profile settings become; what proves a settings variant. */
static const char *LOGGED_OPTIONS[] = {"opt-level", "debuginfo", "codegen-units", "incremental", "lto",
  "split-debuginfo", "strip", "debug-assertions", "overflow-checks", "panic", "rpath", "codegen-backend", NULL};

/* Appends "key=value" (just "incremental" for that one: its value is a path) when the key is logged. */
static void add_option(char *flags, size_t size, const char *option, int unstable) {
  size_t key_length = strcspn(option, "=");
  for (const char **known = LOGGED_OPTIONS; *known != NULL; known++) {
    if (strlen(*known) != key_length || strncmp(option, *known, key_length) != 0) continue;
    if (unstable != (strcmp(*known, "codegen-backend") == 0)) return;
    size_t length = strcmp(*known, "incremental") == 0 ? key_length : strcspn(option, " \t\n\r,");
    if (strlen(flags) + length + 2 >= size) return;
    if (flags[0] != '\0') strcat(flags, ",");
    strncat(flags, option, length);
    return;
  }
}

/* rustc's --crate-name, --crate-type and codegen options; cargo's probes (rustc -vV, crate ___) get no line. */
static int rustc_main(int argc, char **argv) {
  long long started = now_ns();
  if (argc < 2) { fprintf(stderr, "build-bench rustc wrapper: no rustc to run\n"); return 2; }
  const char *crate = NULL;
  char kinds[256] = "";
  char flags[768] = "";
  for (int i = 1; i < argc; i++) {
    const char *arg = argv[i], *next = i + 1 < argc ? argv[i + 1] : "";
    if (strcmp(arg, "--crate-name") == 0) crate = next;
    if (strcmp(arg, "--crate-type") == 0 && strlen(kinds) + strlen(next) + 2 < sizeof kinds) {
      if (kinds[0] != '\0') strcat(kinds, ",");
      strcat(kinds, next);
    }
    if (strcmp(arg, "-C") == 0 || strcmp(arg, "--codegen") == 0) add_option(flags, sizeof flags, next, 0);
    else if (strncmp(arg, "-C", 2) == 0) add_option(flags, sizeof flags, arg + 2, 0);
    else if (strncmp(arg, "--codegen=", 10) == 0) add_option(flags, sizeof flags, arg + 10, 0);
    else if (strcmp(arg, "-Z") == 0) add_option(flags, sizeof flags, next, 1);
    else if (strncmp(arg, "-Z", 2) == 0) add_option(flags, sizeof flags, arg + 2, 1);
    else if (strcmp(arg, "-g") == 0) add_option(flags, sizeof flags, "debuginfo=2", 0);
    else if (strcmp(arg, "-O") == 0) add_option(flags, sizeof flags, "opt-level=3", 0);
  }
  list out = {0};
  const char *user = getenv(BB_ENV_USER_WRAPPER);
  if (user != NULL && user[0] != '\0') push(&out, (char *)user);
  for (int i = 1; i < argc; i++) push(&out, argv[i]);
  long long spawned, exited;
  int status = run_child(out.items, &spawned, &exited);
  if (crate != NULL && strcmp(crate, "___") != 0) {
    char line[2048];
    long long overhead = (spawned - started) + (now_ns() - exited);
    snprintf(line, sizeof line, "%lld %lld %d %lld %s %s %s %s %s\n", spawned, exited, exit_code_of(status),
             overhead, env_or("CARGO_PKG_NAME", "-"), env_or("CARGO_PKG_VERSION", "-"), crate, kinds[0] ? kinds : "-",
             flags[0] ? flags : "-");
    append_line(getenv(BB_ENV_CRATE_LOG), line);
  }
  finish(status);
  return 0;
}

/* Lines of "atime_ns mtime_ns path"; exit 1 when any file could not be set (each is named on stderr). */
static int set_times_main(void) {
  char *line = NULL;
  size_t capacity = 0;
  ssize_t length;
  int failed = 0;
  while ((length = getline(&line, &capacity, stdin)) > 0) {
    if (line[length - 1] == '\n') line[length - 1] = '\0';
    long long atime = 0, mtime = 0;
    int offset = 0;
    if (sscanf(line, "%lld %lld %n", &atime, &mtime, &offset) < 2 || offset == 0) { failed = 1; continue; }
    struct timespec times[2] = {
      { (time_t)(atime / 1000000000LL), (long)(atime % 1000000000LL) },
      { (time_t)(mtime / 1000000000LL), (long)(mtime % 1000000000LL) },
    };
    if (utimensat(AT_FDCWD, line + offset, times, 0) != 0) {
      fprintf(stderr, "build-bench: cannot set the times of %s\n", line + offset);
      failed = 1;
    }
  }
  free(line);
  return failed;
}

int main(int argc, char **argv) {
  const char *name = strrchr(argv[0], '/');
  name = name == NULL ? argv[0] : name + 1;
  if (strncmp(name, "build-bench-rustc-wrapper", 25) == 0) return rustc_main(argc, argv);
  if (strncmp(name, "build-bench-set-times", 21) == 0) return set_times_main();
  return link_main(argc, argv);
}
