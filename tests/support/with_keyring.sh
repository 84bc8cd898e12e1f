#!/usr/bin/env bash
# Run a command inside a private D-Bus session with a fresh, unlocked gnome-keyring (Secret Service).
# Usage: tests/support/with_keyring.sh COMMAND [ARGS...]
set -euo pipefail

if [[ $# -eq 0 ]]; then
    echo "usage: $0 COMMAND [ARGS...]" >&2
    exit 2
fi

if [[ "${FIELDAPP_KEYRING_INNER:-}" != 1 ]]; then
    missing=""
    if ! command -v dbus-run-session >/dev/null || ! command -v dbus-send >/dev/null; then
        missing+=" dbus"
    fi
    command -v gnome-keyring-daemon >/dev/null || missing+=" gnome-keyring"
    if [[ -n "$missing" ]]; then
        echo "with_keyring.sh: dbus-run-session, dbus-send and gnome-keyring-daemon are needed." >&2
        echo "Install them with: sudo bash tests/support/install_system_packages.sh" >&2
        exit 127
    fi
    FIELDAPP_KEYRING_INNER=1 exec dbus-run-session -- bash "${BASH_SOURCE[0]}" "$@"
fi
unset FIELDAPP_KEYRING_INNER

# A throwaway home for the keyring files, and a private runtime dir (Qt wants one with mode 0700).
scratch="$(mktemp -d -t fieldapp-keyring.XXXXXX)"
export XDG_DATA_HOME="$scratch/data" XDG_RUNTIME_DIR="$scratch/run"
mkdir -m 700 "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"

secrets() {  # secrets OBJECT_PATH INTERFACE.METHOD [ARGS...]: call the Secret Service, print the reply
    local path="$1" method="$2"
    shift 2
    dbus-send --session --print-reply=literal --dest=org.freedesktop.secrets "$path" "$method" "$@"
}
bus() {  # bus METHOD [ARGS...]: call the bus itself
    local method="$1"
    shift
    dbus-send --session --print-reply=literal --dest=org.freedesktop.DBus / "org.freedesktop.DBus.$method" "$@"
}

# --unlock reads the password on stdin, creates the "login" keyring if missing and unlocks it.
# It prints environment assignments (GNOME_KEYRING_CONTROL=... when it has any): export them.
while IFS= read -r line; do
    [[ "$line" == *=* ]] && export "${line?}"
done < <(printf 'fieldapp-test\n' | gnome-keyring-daemon --unlock --components=secrets)

# The daemon returns before it owns its bus name; wait for it rather than let D-Bus activate a second one.
for _ in $(seq 100); do
    [[ "$(bus NameHasOwner string:org.freedesktop.secrets)" == *true* ]] && break
    sleep 0.1
done
keyring_pid="$(bus GetConnectionUnixProcessID string:org.freedesktop.secrets | awk '{print $2}')"
cleanup() {
    kill "$keyring_pid" 2>/dev/null || true
    rm -rf "$scratch"
}
trap cleanup EXIT

# Make sure the "default" alias points at the unlocked login collection, so no prompt is ever needed.
login=/org/freedesktop/secrets/collection/login
if [[ "$(secrets /org/freedesktop/secrets org.freedesktop.Secret.Service.ReadAlias string:default)" != *"$login"* ]]; then
    secrets /org/freedesktop/secrets org.freedesktop.Secret.Service.SetAlias \
        string:default objpath:"$login" >/dev/null
fi
if [[ "$(secrets "$login" org.freedesktop.DBus.Properties.Get \
    string:org.freedesktop.Secret.Collection string:Locked)" != *false* ]]; then
    echo "with_keyring.sh: the login keyring is still locked; cannot use the Secret Service." >&2
    exit 1
fi

export FIELDAPP_KEYRING_HARNESS=1
"$@"
