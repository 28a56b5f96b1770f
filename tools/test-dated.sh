#!/usr/bin/env bash
# `npm run test:dated`: the time-sensitive suites again, with the machine's clock set (by libfaketime)
# to days where a date bomb would go off: the last minute of a year in Shanghai, Spring Festival week,
# a leap day. Every test names the day it lives on, so each run must pass whatever the clock says.
# Needs Debian's `faketime` (.ci/run installs it). Run after `npm run build` (as `npm test` does).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v faketime >/dev/null 2>&1; then
  echo "test:dated 需要 libfaketime：在 Debian/Ubuntu 上运行 apt-get install faketime" >&2
  exit 1
fi

# UTC instants (TZ=UTC below): by default 2026-12-31 23:59 and 2027-02-10 10:00 in Shanghai; name
# others as arguments, e.g. npm run test:dated -- "2026-12-31 16:01:00" "2028-02-29 04:00:00".
if [ "$#" -gt 0 ]; then
  DATES=("$@")
else
  DATES=("2026-12-31 15:59:00" "2027-02-10 02:00:00")
fi

# The suites whose answers depend on the day: money by month and year, deadlines, overdue marks,
# notices, the scheduler, and the pages that show them.
SUITES=(
  'tests/miniprogram/.*(payments|home|supervise|approval|declarations|notices|tipoff|finance|mine|provisional)'
  tests/cloud/payment
  tests/cloud/supervision
  tests/cloud/approval
  tests/cloud/declaration
  tests/cloud/tipoff
  tests/cloud/notices
  tests/cloud/shared
  tests/cloud/admin
  tests/cloud/_shared/audit/audit-log.test.ts
  tests/cloud/_shared/domain
  tests/cloud/gateway/scheduler.test.ts
  tests/cloud/gateway/clock.test.ts
)

for at in "${DATES[@]}"; do
  echo "› 本机时钟设为 ${at} UTC：$(TZ=UTC faketime "${at}" date -u '+%Y-%m-%d %H:%M UTC')"
  TZ=UTC faketime "${at}" npx jest --selectProjects cloud miniprogram --ci "${SUITES[@]}"
done
