#!/usr/bin/env bash
# The app as it opens on a real X screen at common laptop and desktop sizes: the round and the
# first visit, under Xvfb with the openbox window manager (the window manager's frame and the
# screen's free area are what window_place fits the windows to).
# Needs: Xvfb, openbox, xdotool, ImageMagick's import. Run from the repository:
#   bash docs/screenshots/screens.sh            (display :93; SHOTS_DISPLAY=:N to change)
set -euo pipefail
cd "$(dirname "$0")/../.."
python="${PYTHON:-.venv/bin/python}"
display="${SHOTS_DISPLAY:-:93}"
out=docs/screenshots
for size in 1366x768 1920x1080; do
    work="$(mktemp -d)"
    Xvfb "$display" -screen 0 "${size}x24" -nolisten tcp >/dev/null 2>&1 &
    xvfb=$!
    sleep 1
    DISPLAY="$display" openbox >/dev/null 2>&1 &
    wm=$!
    DISPLAY="$display" QT_QPA_PLATFORM=xcb FIELDAPP_CONFIG_DIR="$work/config" \
        "$python" main.py --demo --data-dir "$work/data" >"$work/app.log" 2>&1 &
    app=$!
    export DISPLAY="$display"
    round=""
    for _ in $(seq 60); do
        round="$(xdotool search --onlyvisible --name 'FieldApp — ' 2>/dev/null | head -1 || true)"
        [ -n "$round" ] && break
        sleep 1
    done
    sleep 4  # the first sync and the columns
    import -window root "$out/screen-$size-round.png"
    xdotool windowactivate --sync "$round" key Return
    sleep 4
    import -window root "$out/screen-$size-visit.png"
    kill "$app"
    wait "$app" || true
    kill "$wm" "$xvfb"
    wait "$wm" "$xvfb" 2>/dev/null || true
    rm -rf "$work"
    echo "wrote $out/screen-$size-round.png and -visit.png"
done
