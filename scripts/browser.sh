# Sourced by ./warden test and .ci/run: makes sure the console browser tests (ConsoleBrowserTest,
# console-e2e/) find Chromium and Node.js, installing the Debian packages when they are missing.
# Quiet and idempotent: nothing happens when both are there or when WARDEN_SKIP_BROWSER=1.
# Without apt-get or root it only says what is missing; the test then fails naming the fix.
warden_browser_deps() {
  [ "${WARDEN_SKIP_BROWSER:-}" = "1" ] && return 0
  local missing=()
  command -v chromium >/dev/null 2>&1 || [ -x "${CHROMIUM:-/usr/bin/chromium}" ] || missing+=(chromium)
  command -v node >/dev/null 2>&1 || missing+=(nodejs npm)
  [ "${#missing[@]}" -eq 0 ] && return 0
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
    echo "warden: installing ${missing[*]} for the console browser tests..." >&2
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        "${missing[@]}" >/dev/null || echo "warden: installing ${missing[*]} failed; the browser tests will fail" >&2
  else
    echo "warden: the console browser tests need ${missing[*]} (apt-get install ${missing[*]}, or WARDEN_SKIP_BROWSER=1 to skip them)" >&2
  fi
}
warden_browser_deps
