#!/usr/bin/env bash
# Shared by the scripts: repository root, the personal-data key of this checkout, quiet builds.

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

# The key that encrypts resident registration numbers at rest; made once per checkout (never committed).
treatment_personal_data_key() {
  if [ -n "${TREATMENT_PERSONAL_DATA_KEY:-}" ]; then echo "$TREATMENT_PERSONAL_DATA_KEY"; return; fi
  local f="$repo_root/.data/personal-data.key"
  if [ ! -s "$f" ]; then
    mkdir -p "$repo_root/.data"
    (umask 077; head -c 32 /dev/urandom | base64 > "$f")
  fi
  cat "$f"
}

ensure_dotnet() {
  command -v dotnet >/dev/null 2>&1 || { echo "error: the .NET 10 SDK (dotnet) is not on PATH" >&2; exit 1; }
}

# The gen-0 budget of the server collector (decision 007): at the default (a few MB per heap, sized from the CPU
# cache) the inbox's load collects thousands of times a minute, each pause stopping every request in flight. The
# runtime reads this knob from the environment only (runtimeconfig.json has no name for it), so the launchers set it;
# a deployment sets the same variable in its service unit. An explicit value in the environment wins.
treatment_runtime_env() {
  export DOTNET_GCgen0size="${DOTNET_GCgen0size:-0x4000000}"
}
