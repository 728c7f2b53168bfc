# Shared by bench.sh and pair.sh (sourced).

# snapshot_kit CHECKOUT DEST: the kit a grader is given (harness, exercises, the runner), copied,
# so edits to the checkout during a run cannot change the kit version.
snapshot_kit() {
  mkdir -p "$2/grader"
  cp -r "$1/harness" "$1/exercises" "$2/"
  cp -r "$1/grader/runner" "$2/grader/"
}
now() { date +%s.%N; }
# The machine's busy time in clock ticks (user, nice, system, irq and softirq in /proc/stat; not
# idle, I/O wait or steal): every process, whoever reaps it, and the kernel's deferred work
# (namespace and cgroup teardown). Not the shell's `times`: that counts only the processes the
# grader reaped itself, and graders before 5cfd9d6 left part of each sandbox to be reaped by
# init (`times` saw 0.3 s of a 2.6 s grade).
busy_jiffies() { awk '/^cpu /{print $2 + $3 + $4 + $7 + $8}' /proc/stat; }
