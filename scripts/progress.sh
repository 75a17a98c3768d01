# Sourced by the setup scripts: long steps say what they do, how long they usually take,
# and that they are still running, so a first run never looks stuck.

# run_step "<what>" "<usual duration>" <log file> <command…>
# Runs the command with its output in the log; prints a line every 20 s (YOUOPS_PROGRESS_SECONDS)
# while it runs, then how long it took. On failure prints the end of the log and returns the command's status.
run_step() {
  local what="$1" usual="$2" log="$3"
  shift 3
  local start=$SECONDS every="${YOUOPS_PROGRESS_SECONDS:-20}"
  echo "youops: ${what} (${usual})…" >&2
  "$@" >"$log" 2>&1 &
  local pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    for _ in $(seq "$every"); do
      sleep 1
      kill -0 "$pid" 2>/dev/null || break 2
    done
    echo "youops:   … still ${what} ($((SECONDS - start)) s; log: ${log})" >&2
  done
  local status=0
  wait "$pid" || status=$?
  if ((status != 0)); then
    tail -40 "$log" >&2
    echo "youops: ${what} failed (exit ${status}; full log: ${log})" >&2
    return "$status"
  fi
  echo "youops: ${what}: done in $((SECONDS - start)) s" >&2
}
