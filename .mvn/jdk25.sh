# Sourced by ./mvnw and ./machina (POSIX sh). Makes JAVA_HOME point at a JDK 25 or newer:
# keeps JAVA_HOME when it already is one, else takes the newest JDK >= 25 under /usr/lib/jvm
# (or under MACHINA_JDK_DIR when set).
# Leaves JAVA_HOME unchanged when none is found; the build's enforcer rule then says so.
machina_java_feature() {
  # $1 = JDK home; prints the feature release (25, 26, ...) read from its 'release' file, or 0
  if [ -r "$1/release" ] && [ -x "$1/bin/javac" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release")
    echo "${v:-0}"
  else
    echo 0
  fi
}
machina_find_jdk25() {
  if [ -n "${JAVA_HOME-}" ] && [ "$(machina_java_feature "$JAVA_HOME")" -ge 25 ]; then
    return 0
  fi
  best="" best_v=0 noglob=""
  case $- in *f*) noglob=1; set +f ;; esac   # mvnw runs with 'set -f'
  for d in "${MACHINA_JDK_DIR:-/usr/lib/jvm}"/*; do
    [ -d "$d" ] || continue
    v=$(machina_java_feature "$d")
    if [ "$v" -ge 25 ] && [ "$v" -gt "$best_v" ]; then best=$d best_v=$v; fi
  done
  [ -z "$noglob" ] || set -f
  if [ -n "$best" ]; then
    JAVA_HOME=$best
    export JAVA_HOME
    return 0
  fi
  return 1
}
