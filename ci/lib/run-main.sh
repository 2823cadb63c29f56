# Sourced by the CI scripts: runs one of shotload's command-line classes and captures its output.
#
# run_main MAIN_CLASS EXEC_ID CLASS_PATH [ARGUMENT ...]
#   Runs MAIN_CLASS with `java -cp CLASS_PATH` when CLASS_PATH is set, otherwise through Maven as
#   `mvn compile exec:java@EXEC_ID`, whose System.exit sets Maven's exit code. Sets `output` to the
#   program's standard output without ANSI colour codes, and `status` to the exit status.
#   Needs `project_dir`; honours JAVA_HOME and MVN (default: mvn).
run_main() {
    local main_class="$1" exec_id="$2" class_path="$3"
    shift 3
    if [ -n "$class_path" ]; then
        local java_command="${JAVA_HOME:+$JAVA_HOME/bin/}java"
        output="$("$java_command" -cp "$class_path" "$main_class" "$@")"
        status=$?
    else
        # Each argument is quoted so that a path with spaces stays one argument of exec.args.
        local arguments="" argument
        for argument in "$@"; do
            arguments="$arguments \"$argument\""
        done
        # shellcheck disable=SC2086 # MVN may carry options, such as "mvn -o".
        output="$(${MVN:-mvn} -q -B -Dstyle.color=never -f "$project_dir/pom.xml" compile "exec:java@$exec_id" \
            -Dexec.args="${arguments# }")"
        status=$?
    fi
    # Maven 3.8.7 writes ANSI colour reset codes into the program's output even with -B and
    # -Dstyle.color=never, and a reader of the KEY=value lines must not see them.
    local escape
    escape="$(printf '\033')"
    output="$(printf '%s\n' "$output" | sed "s/${escape}\[[0-9;]*m//g")"
}
