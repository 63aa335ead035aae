# Shell functions shared by run.sh, .ci/run and the benchmark scripts (source it, do not run it): pick a JDK 21 or
# newer, and tell whether a module's jar needs building.

# The major version of a java launcher.
java_major() {
    "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}' | cut -d. -f1
}

# Exports JAVA_HOME as a JDK 21 or newer: the one already set, else the default java, else one under /usr/lib/jvm.
# Returns 1 when there is none; the caller says so in its own words.
pick_jdk() {
    if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ "$(java_major "$JAVA_HOME/bin/java")" -ge 21 ]; then
        return 0
    fi
    if command -v java >/dev/null && [ "$(java_major java)" -ge 21 ]; then
        JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
        export JAVA_HOME
        return 0
    fi
    local candidate
    for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
        if [ -x "$candidate/bin/javac" ] && [ "$(java_major "$candidate/bin/java")" -ge 21 ]; then
            export JAVA_HOME="$candidate"
            return 0
        fi
    done
    return 1
}

# The executable jar Maven built for a module (not its stubs or sources jar), or nothing.
jar_of() {
    local jar
    for jar in "$1"/target/"$1"-*.jar; do
        case $jar in
            *-stubs.jar|*-sources.jar) ;;
            *) if [ -f "$jar" ]; then echo "$jar"; return; fi ;;
        esac
    done
}

# Whether a module needs building: its jar is missing or older than its sources or poms.
stale() {
    local module=$1 jar
    jar=$(jar_of "$module")
    [ -z "$jar" ] && return 0
    [ -n "$(find "$module/src" "$module/pom.xml" pom.xml -newer "$jar" -type f -print -quit 2>/dev/null)" ]
}
