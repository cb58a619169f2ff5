/*
 * build-bench shims: one program that build-bench compiles once per machine (src/shims/compile-shims.ts) and
 * runs inside a timed build. A shell script cannot do this work in O(n): rebuilding "$@" one argument at a
 * time is quadratic (4.3 s for 3,000 arguments), and reading a response file needs another process.
 *
 * Four roles, chosen by the start of the program's file name (the names are in src/shims/shim-env.ts):
 * - build-bench-link-shim (and any name not below), cargo's target linker: reads its arguments (and @file
 *   response files) once for -o, drops rustc's bundled-lld selection when asked (rewriting a response file
 *   that holds it), appends the variant's flags, runs the real driver, and appends
 *   "start end status overhead output" to the link log. When the capture folder is set (in an untimed
 *   prepare build only), a link that succeeded is kept there to be replayed: its arguments with response
 *   files expanded, its working directory and environment, and the inputs under the target directory or the
 *   temp directory (rustc deletes its temp files and codegen units after the link) hard-linked, or copied
 *   where a hard link cannot be made, the arguments pointing at those.
 * - build-bench-link-replay <capture folder>...: links each captured link again, as the link shim does (the
 *   variant's flags, the link log), with its own working directory and environment but build-bench's
 *   variables of this run, writing the output into the capture folder instead of the build's.
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
#ifndef BB_ENV_DROP_FUSE_LD
#error "BB_ENV_DROP_FUSE_LD is not defined: compile with the -D arguments of shimDefines() in shim-env.ts"
#endif
#ifndef BB_ENV_PATH_PREFIX
#error "BB_ENV_PATH_PREFIX is not defined: compile with the -D arguments of shimDefines() in shim-env.ts"
#endif
#ifndef BB_ENV_CRATE_LOG
#error "BB_ENV_CRATE_LOG is not defined: compile with the -D arguments of shimDefines() in shim-env.ts"
#endif
#ifndef BB_ENV_PREFIX
#error "BB_ENV_PREFIX is not defined: compile with the -D arguments of shimDefines() in shim-env.ts"
#endif
#ifndef BB_ENV_LINK_CAPTURE
#error "BB_ENV_LINK_CAPTURE is not defined: compile with the -D arguments of shimDefines() in shim-env.ts"
#endif
#ifndef BB_ENV_USER_WRAPPER
#error "BB_ENV_USER_WRAPPER is not defined: compile with the -D arguments of shimDefines() in shim-env.ts"
#endif

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
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

/* A linker choice that is not rustc's own: -fuse-ld=<anything but lld> (what a project's link-arg adds). */
static int is_configured_linker(const char *arg) {
  return strncmp(arg, "-fuse-ld=", 9) == 0 && strcmp(arg + 9, "lld") != 0;
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

static void capture_link(int argc, char **argv, const char *output);

/* One link as cargo asked for it, through the variant; returns the driver's wait status. */
static int link_run(int argc, char **argv) {
  long long started = now_ns();
  const char *real = env_or(BB_ENV_REAL_LINKER, "cc");
  int drop_lld = strcmp(env_or(BB_ENV_DROP_LLD, "0"), "1") == 0;
  int drop_fuse = strcmp(env_or(BB_ENV_DROP_FUSE_LD, "0"), "1") == 0;
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
    if ((drop_lld && is_lld_selection(arg)) || (drop_fuse && is_configured_linker(arg))) continue;
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
          if ((drop_lld && is_lld_selection(inner.items[j])) || (drop_fuse && is_configured_linker(inner.items[j]))) {
            dropped = 1;
            continue;
          }
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
  const char *capture = getenv(BB_ENV_LINK_CAPTURE);
  if (capture != NULL && capture[0] != '\0' && exit_code_of(status) == 0) capture_link(argc, argv, output);
  return status;
}

static int link_main(int argc, char **argv) {
  finish(link_run(argc, argv));
  return 0;
}


/* The codegen options that Cargo profile settings become; what proves a settings variant. */

/* Writes a whole buffer to a new file; 0 on success. */
static int write_file(const char *path, const char *data, size_t size) {
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return -1;
  size_t done = 0;
  while (done < size) {
    ssize_t n = write(fd, data + done, size - done);
    if (n <= 0) { close(fd); return -1; }
    done += (size_t)n;
  }
  return close(fd);
}

/* A copy of a regular file, where a hard link cannot be made (another file system). */
static int copy_file(const char *from, const char *to) {
  size_t size = 0;
  char *data = read_file(from, &size);
  if (data == NULL) return -1;
  int result = write_file(to, data, size);
  free(data);
  return result;
}

/* Whether path is root or inside it. */
static int is_under(const char *path, const char *root) {
  size_t n = strlen(root);
  while (n > 1 && root[n - 1] == '/') n--;
  return n > 0 && strncmp(path, root, n) == 0 && (path[n] == '/' || path[n] == '\0');
}

/*
 * An input to keep: an existing regular file under the target directory or the temp directory, linked (or
 * copied) into the capture folder; returns its new path, or NULL when the argument is not one.
 */
static char *keep_input(const char *folder, size_t index, const char *arg) {
  struct stat st;
  if (arg[0] == '\0' || stat(arg, &st) != 0 || !S_ISREG(st.st_mode)) return NULL;
  char full[PATH_MAX];
  if (realpath(arg, full) == NULL) return NULL;
  const char *target = getenv("CARGO_TARGET_DIR");
  const char *temp = env_or("TMPDIR", "/tmp");
  char target_real[PATH_MAX] = "", temp_real[PATH_MAX] = "";
  if (target != NULL && realpath(target, target_real) == NULL) target_real[0] = '\0';
  if (realpath(temp, temp_real) == NULL) temp_real[0] = '\0';
  if (!(target_real[0] != '\0' && is_under(full, target_real)) && !(temp_real[0] != '\0' && is_under(full, temp_real)))
    return NULL;
  const char *base = strrchr(full, '/') + 1;
  size_t size = strlen(folder) + strlen(base) + 32;
  char *kept = malloc(size);
  if (kept == NULL) return NULL;
  snprintf(kept, size, "%s/in%zu-%s", folder, index, base);
  if (link(full, kept) != 0 && copy_file(full, kept) != 0) { free(kept); return NULL; }
  return kept;
}

/* Appends one NUL-terminated string to a growing buffer. */
static void add_field(char **buffer, size_t *size, size_t *capacity, const char *text) {
  size_t n = strlen(text) + 1;
  if (*size + n > *capacity) {
    *capacity = (*size + n) * 2;
    *buffer = realloc(*buffer, *capacity);
    if (*buffer == NULL) { perror("build-bench shim"); exit(127); }
  }
  memcpy(*buffer + *size, text, n);
  *size += n;
}

/*
 * Keeps a link that succeeded, to be replayed: capture/<start>-<pid>/ with "args" (NUL-separated, response files
 * expanded, inputs pointing at the kept copies), "cwd", "env", "output" and, written last, "done". A capture that
 * fails leaves no "done", and is never replayed; the build itself is not affected.
 */
static void capture_link(int argc, char **argv, const char *output) {
  const char *root = getenv(BB_ENV_LINK_CAPTURE);
  char folder[PATH_MAX];
  snprintf(folder, sizeof folder, "%s/%lld-%d", root, now_ns(), (int)getpid());
  if (mkdir(root, 0755) != 0 && errno != EEXIST) return;
  if (mkdir(folder, 0755) != 0) return;
  list expanded = {0};
  for (int i = 1; i < argc; i++) {
    size_t size = 0;
    char *text = argv[i][0] == '@' ? read_file(argv[i] + 1, &size) : NULL;
    if (text != NULL) split_response(text, &expanded);
    else push(&expanded, argv[i]);
  }
  char *args = NULL;
  size_t size = 0, capacity = 0;
  for (size_t i = 0; i < expanded.count; i++) {
    const char *arg = expanded.items[i];
    char *kept = (i > 0 && strcmp(expanded.items[i - 1], "-o") == 0) ? NULL : keep_input(folder, i, arg);
    const char *equals = strrchr(arg, '=');
    if (kept == NULL && equals != NULL && arg[0] == '-') {
      /* An input inside an option: -Wl,--version-script=/tmp/rustc…/list */
      char *inner = keep_input(folder, i, equals + 1);
      if (inner != NULL) {
        size_t prefix = (size_t)(equals + 1 - arg);
        kept = malloc(prefix + strlen(inner) + 1);
        if (kept != NULL) { memcpy(kept, arg, prefix); strcpy(kept + prefix, inner); }
        free(inner);
      }
    }
    add_field(&args, &size, &capacity, kept != NULL ? kept : arg);
    free(kept);
  }
  char path[PATH_MAX + 16];
  snprintf(path, sizeof path, "%s/args", folder);
  if (write_file(path, args, size) != 0) return;
  char *env = NULL;
  size_t env_size = 0, env_capacity = 0;
  for (char **entry = environ; *entry != NULL; entry++) add_field(&env, &env_size, &env_capacity, *entry);
  snprintf(path, sizeof path, "%s/env", folder);
  if (write_file(path, env, env_size) != 0) return;
  char cwd[PATH_MAX];
  if (getcwd(cwd, sizeof cwd) == NULL) return;
  snprintf(path, sizeof path, "%s/cwd", folder);
  if (write_file(path, cwd, strlen(cwd)) != 0) return;
  snprintf(path, sizeof path, "%s/output", folder);
  if (write_file(path, output, strlen(output)) != 0) return;
  snprintf(path, sizeof path, "%s/done", folder);
  write_file(path, "", 0);
  free(args);
  free(env);
}

/* A file of NUL-separated fields as a list (the text stays allocated: the list points into it). */
static int read_fields(const char *folder, const char *name, list *out) {
  char path[PATH_MAX + 16];
  snprintf(path, sizeof path, "%s/%s", folder, name);
  size_t size = 0;
  char *text = read_file(path, &size);
  if (text == NULL) return -1;
  for (size_t start = 0; start < size;) {
    push(out, text + start);
    start += strlen(text + start) + 1;
  }
  return 0;
}

/*
 * Replays captured links, one after another: each with its own working directory and environment, but this
 * run's build-bench variables (the variant, the link log), and its output written as <folder>/out/<name>.
 * Stops at the first link that fails, ending as it did.
 */
static int replay_main(int argc, char **argv) {
  list own = {0};
  for (char **entry = environ; *entry != NULL; entry++)
    if (strncmp(*entry, BB_ENV_PREFIX, strlen(BB_ENV_PREFIX)) == 0) push(&own, strdup(*entry));
  for (int i = 1; i < argc; i++) {
    const char *folder = argv[i];
    list args = {0}, captured = {0}, cwd = {0};
    push(&args, "build-bench-link-shim");
    if (read_fields(folder, "args", &args) != 0 || read_fields(folder, "env", &captured) != 0 ||
        read_fields(folder, "cwd", &cwd) != 0 || cwd.count == 0) {
      fprintf(stderr, "build-bench replay: %s is not a complete capture\n", folder);
      return 1;
    }
    list env = {0};
    for (size_t j = 0; j < captured.count; j++)
      if (strncmp(captured.items[j], BB_ENV_PREFIX, strlen(BB_ENV_PREFIX)) != 0) push(&env, strdup(captured.items[j]));
    for (size_t j = 0; j < own.count; j++) push(&env, strdup(own.items[j]));
    environ = env.items;
    for (size_t j = 1; j + 1 < args.count; j++) {
      if (strcmp(args.items[j], "-o") != 0) continue;
      const char *name = strrchr(args.items[j + 1], '/');
      name = name == NULL ? args.items[j + 1] : name + 1;
      size_t size = strlen(folder) + strlen(name) + 8;
      char *replayed = malloc(size);
      if (replayed == NULL) return 127;
      snprintf(replayed, size, "%s/out", folder);
      if (mkdir(replayed, 0755) != 0 && errno != EEXIST) {
        fprintf(stderr, "build-bench replay: cannot make %s: %s\n", replayed, strerror(errno));
        return 1;
      }
      snprintf(replayed, size, "%s/out/%s", folder, name);
      args.items[j + 1] = replayed;
    }
    if (chdir(cwd.items[0]) != 0) {
      fprintf(stderr, "build-bench replay: cannot enter %s: %s\n", cwd.items[0], strerror(errno));
      return 1;
    }
    int status = link_run((int)args.count, args.items);
    if (exit_code_of(status) != 0) finish(status);
  }
  return 0;
}

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
  if (strncmp(name, "build-bench-link-replay", 23) == 0) return replay_main(argc, argv);
  return link_main(argc, argv);
}
