#!/usr/bin/env bash
# The system packages the tests need (Debian/Ubuntu): installs what is missing when run as root,
# otherwise names the one command to run. Called by `make test` (target system-packages) and .ci/run.
# Usage: tests/support/install_system_packages.sh [--check]   (--check: only say what is missing)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
self="tests/support/install_system_packages.sh"

packages=(
    make util-linux                # make; runuser for PostgreSQL as root
    dbus gnome-keyring             # a real Secret Service for keyring (tests/support/with_keyring.sh)
    xvfb xauth                     # a virtual screen for runs that want real windows
    fonts-dejavu-core              # Qt offscreen still needs one font
    desktop-file-utils appstream   # desktop-file-validate, appstreamcli (tests/test_packaging.py)
    libegl1 libgl1 libxkbcommon0 libfontconfig1 libfreetype6 libdbus-1-3 libglib2.0-0  # Qt GUI
    libgssapi-krb5-2               # QtNetwork
    libx11-xcb1 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
    libxcb-render-util0 libxcb-shape0 libxcb-randr0 libxcb-xkb1  # Qt xcb platform under Xvfb
    chromium chromium-driver       # the customer page in a real browser (Playwright drives it)
)
# The PostgreSQL the tests start (tests/support/postgres.py): 15 where the distribution has it.
postgres_package=postgresql-15

have_postgres() {
    { command -v initdb >/dev/null && command -v pg_ctl >/dev/null; } ||
        compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null
}

missing=()
if command -v dpkg-query >/dev/null; then
    for package in "${packages[@]}"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'ok installed' ||
            missing+=("$package")
    done
else  # not Debian: check for the commands the tests run; the rest is up to the machine
    command -v dbus-run-session >/dev/null && command -v dbus-send >/dev/null || missing+=(dbus)
    command -v gnome-keyring-daemon >/dev/null || missing+=(gnome-keyring)
fi
have_postgres || missing+=("$postgres_package")
# Debian's Python makes venvs (make's first step) only with python3-venv.
"${PYTHON:-python3}" -c 'import ensurepip, venv' 2>/dev/null || missing+=(python3-venv)

as_root=false
[[ "$(id -u)" == 0 ]] && as_root=true
# PostgreSQL refuses to run as root: as root the tests run it as `postgres` through runuser.
needs_user=false
if $as_root && ! id -u postgres >/dev/null 2>&1; then
    needs_user=true
fi

if [[ ${#missing[@]} -eq 0 ]] && ! $needs_user; then
    exit 0
fi
if [[ "${1:-}" == "--check" ]]; then
    [[ ${#missing[@]} -gt 0 ]] && echo "missing system packages: ${missing[*]}"
    $needs_user && echo "missing user: postgres"
    exit 1
fi
if ! $as_root || ! command -v apt-get >/dev/null; then
    echo "The tests need these system packages: ${missing[*]}." >&2
    if command -v apt-get >/dev/null; then
        echo "Install them with: sudo bash $self" >&2
    else
        echo "This machine has no apt-get: install them with its package manager." >&2
    fi
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
if [[ ${#missing[@]} -gt 0 ]]; then
    echo "$self: installing ${missing[*]}"
    apt-get update -qq </dev/null
    if [[ " ${missing[*]} " == *" $postgres_package "* ]] &&
        ! apt-cache show "$postgres_package" >/dev/null 2>&1; then
        # A newer distribution ships another major version; the tests take the newest found.
        missing=("${missing[@]/#$postgres_package/postgresql}")
    fi
    apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
fi
if $needs_user; then
    useradd --system --user-group --home-dir /var/lib/postgresql --shell /usr/sbin/nologin postgres
fi
