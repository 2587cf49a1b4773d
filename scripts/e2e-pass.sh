# Sourced by scripts/e2e.sh and scripts/test-postgres.sh. `e2e_pass NAME GREP-OPTION PATTERN [ARGS…]`:
# one Playwright pass (report in playwright-report/NAME); when it fails, the spec files of its failed
# tests run once more, whole (a serial chain's later test needs the earlier ones) and traced, one
# worker (report in playwright-report/NAME-trace, each failure's trace.zip in test-results/).
# Recording a trace for every test cost about a fifth of the suite's time on two cores, so passing
# tests are not traced. The pass's status stands whatever the second try gives: a test that passes
# only then is flaky, and the suite still fails.
e2e_pass() {
  local name="$1" grep_option="$2" pattern="$3"
  shift 3
  local status=0
  E2E_REPORT="playwright-report/$name" npx playwright test "$grep_option" "$pattern" --pass-with-no-tests "$@" || status=$?
  if [ "$status" != 0 ]; then
    local files
    files="$(npx playwright test --list --last-failed --reporter=json "$grep_option" "$pattern" "$@" 2>/dev/null |
      node -e 'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => { try { for (const f of JSON.parse(s).suites) console.log(`e2e/${f.file}`); } catch {} });')"
    if [ -n "$files" ]; then
      echo "e2e: the $name pass failed; its failed tests' files once more, traced (playwright-report/$name-trace):" $files
      # shellcheck disable=SC2086 # one spec file per word
      E2E_REPORT="playwright-report/$name-trace" npx playwright test $files "$grep_option" "$pattern" --trace retain-on-failure --workers 1 ||
        true
    fi
  fi
  return "$status"
}
