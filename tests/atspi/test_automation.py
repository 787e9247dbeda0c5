#!/usr/bin/python3
"""The editor as an AT-SPI client sees it (issue 15, items 7 and 8).

Starts its own Xvfb, openbox, D-Bus session and accessibility bus, runs kernel-studio on a test
image with Qt's AT-SPI bridge on, and checks with pyatspi, as Orca, dogtail or Accerciser would:
  - every accessible name of the README's automation table (the `...` of its second column) is
    found in the application's tree by that name;
  - the combo boxes are found under their names (not their current item) and the status bar's
    texts are readable (their descriptions);
  - the "Render state" label: the README's pyatspi example runs as printed; a value set through
    AT-SPI makes the counter grow with "full resolution", and the same value typed again (text,
    then Return) makes it grow again with "full resolution, unchanged";
  - with a sigma-88 Gaussian the tree stays small (the kernel grid is one summarised element).

usage: test_automation.py KERNEL_STUDIO README IMAGE
Exit 0 passed, 1 failed, 77 skipped (no D-Bus session bus can start here: ctest SKIP_RETURN_CODE).
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

SKIP = 77
# Generous: a loaded two-core machine, maybe a sanitizer build.
START_TIMEOUT = 120
RENDER_TIMEOUT = 120


def log(message):
    print(f"test_automation: {message}", flush=True)


def fail(message):
    log(f"FAIL: {message}")
    sys.exit(1)


# ---- names the README promises -------------------------------------------------------------

def readme_names(readme):
    """The accessible names in backticks in the second column of the automation table."""
    text = open(readme, encoding="utf-8").read()
    section = text.split("## Automating the GUI", 1)[1].split("\n## ", 1)[0]
    names = []
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 3 or not line.startswith("|") or set(cells[0]) <= set("-"):
            continue
        names += re.findall(r"`([^`]+)`", cells[1])
    if len(names) < 40:
        fail(f"found only {len(names)} names in the automation table of {readme}; its format changed?")
    return names


# ---- the outer part: X server and window manager, then a D-Bus session ---------------------

def start_xvfb():
    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x800x24",
                             "-nolisten", "tcp"], pass_fds=[write_fd], stderr=subprocess.DEVNULL)
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        number = pipe.readline().strip()
    if not number:
        fail("Xvfb did not start")
    return xvfb, f":{number}"


def outer(args):
    for tool in ("Xvfb", "openbox"):
        if not shutil.which(tool):
            fail(f"{tool} is missing (scripts/common.sh installs it)")
    if not shutil.which("dbus-run-session") or not shutil.which("dbus-daemon"):
        log(f"SKIP: no D-Bus here (dbus-run-session or dbus-daemon missing): cannot start a session bus")
        sys.exit(SKIP)
    xvfb, display = start_xvfb()
    env = dict(os.environ, DISPLAY=display)
    openbox = subprocess.Popen(["openbox", "--sm-disable"], env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    try:
        started = tempfile.NamedTemporaryFile(prefix="ks-atspi-", delete=False).name
        os.unlink(started)
        env["KS_ATSPI_STARTED"] = started
        rc = subprocess.call(["dbus-run-session", "--", sys.executable, __file__, "--inside"] + args, env=env)
        if rc != 0 and not os.path.exists(started):
            log(f"SKIP: no D-Bus session bus could start here (dbus-run-session exit {rc})")
            sys.exit(SKIP)
        if os.path.exists(started):
            os.unlink(started)
        sys.exit(rc)
    finally:
        openbox.terminate()
        xvfb.terminate()
        openbox.wait()
        xvfb.wait()


# ---- the inner part: inside the session bus ------------------------------------------------

def start_accessibility_bus():
    launcher = subprocess.Popen(["/usr/libexec/at-spi-bus-launcher", "--launch-immediately"],
                                stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        probe = subprocess.run(["dbus-send", "--session", "--dest=org.a11y.Bus", "--print-reply",
                                "/org/a11y/bus", "org.a11y.Bus.GetAddress"], capture_output=True)
        if probe.returncode == 0:
            return launcher
        time.sleep(0.2)
    fail("the accessibility bus (at-spi-bus-launcher) did not come up")


def wait_for(what, predicate, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    fail(f"timed out after {timeout} s waiting for {what}")


def find_app(pyatspi, pid):
    desktop = pyatspi.Registry.getDesktop(0)
    for app in desktop:
        try:
            if app is not None and app.get_process_id() == pid:
                return app
        except Exception:  # an application that went away meanwhile
            pass
    return None


def walk(root):
    """Every accessible under root (breadth first)."""
    seen, queue = [], [root]
    while queue:
        node = queue.pop(0)
        seen.append(node)
        try:
            count = node.childCount
        except Exception:
            continue
        for i in range(count):
            child = node.getChildAtIndex(i)
            if child is not None:
                queue.append(child)
    return seen


def by_name(nodes, name, role=None):
    for node in nodes:
        if node.name == name and (role is None or node.getRole() == role):
            return node
    return None


def readme_example(readme):
    """The pyatspi example of the README's automation section, as printed there."""
    text = open(readme, encoding="utf-8").read()
    section = text.split("**Waiting for a render from outside.**", 1)[1]
    return section.split("```python\n", 1)[1].split("```", 1)[0]


def ready_count(description):
    match = re.fullmatch(r"ready (\d+): (.*)", description)
    return (int(match.group(1)), match.group(2)) if match else None


def wait_ready(state, after, timeout=RENDER_TIMEOUT):
    """Waits until the Render state reads 'ready N: ...' with N > after; returns (N, what)."""
    def check():
        got = ready_count(state.description)
        return got if got and got[0] > after else None
    return wait_for(f"'ready N' with N > {after} (last: '{state.description}')", check, timeout)


def inner(gui, readme, image):
    open(os.environ["KS_ATSPI_STARTED"], "w").close()
    launcher = start_accessibility_bus()
    import pyatspi  # after the bus is up: it connects on import

    config = tempfile.mkdtemp(prefix="ks-atspi-config-")
    env = dict(os.environ, QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1", QT_QPA_PLATFORM="xcb",
               XDG_CONFIG_HOME=config, QT_ACCESSIBILITY="1")
    studio = subprocess.Popen([gui, image], env=env)
    try:
        app = wait_for("kernel-studio on the accessibility bus", lambda: find_app(pyatspi, studio.pid),
                       START_TIMEOUT)
        nodes = wait_for("the main window in the tree",
                         lambda: (lambda n: n if by_name(n, "Render state") else None)(walk(app)), START_TIMEOUT)
        state = by_name(nodes, "Render state")
        first, what = wait_ready(state, 0)
        if what != "full resolution":
            fail(f"first render: '{state.description}'")
        log(f"first render: '{state.description}'")

        # Every name of the README table, found by that name.
        nodes = walk(app)
        present = {n.name for n in nodes}
        names = readme_names(readme)
        missing = [n for n in names if n not in present]
        log(f"{len(names) - len(missing)} of {len(names)} names of the README table found ({len(nodes)} accessibles)")
        if missing:
            fail("not found by name: " + ", ".join(missing))

        # The README's example, run as printed: it sets sigma 3 and waits for the next "ready".
        before = ready_count(state.description)[0]
        example = subprocess.run([sys.executable, "-c", readme_example(readme)], capture_output=True, text=True,
                                 timeout=RENDER_TIMEOUT + 60)
        printed = example.stdout.strip()
        got = ready_count(printed)
        if example.returncode != 0 or not got or got[0] <= before or got[1] != "full resolution":
            fail(f"the README example printed '{printed}' (exit {example.returncode}): {example.stderr[-500:]}")
        log(f"the README example: '{printed}'")

        # Combo boxes by their names, with their items as values; status texts readable.
        border = by_name(nodes, "Border mode", pyatspi.ROLE_COMBO_BOX)
        if border is None:
            fail("no combo box named 'Border mode'")
        zoom = by_name(nodes, "Zoom", pyatspi.ROLE_LABEL)
        if zoom is None or not re.fullmatch(r"[\d.]+ %", zoom.description):
            fail(f"the Zoom label's text is not readable: '{zoom and zoom.description}'")
        image_info = by_name(nodes, "Image size and depth")
        if "px" not in image_info.description:
            fail(f"the image info is not readable: '{image_info.description}'")
        log(f"zoom '{zoom.description}', image '{image_info.description}'")

        # A change made through AT-SPI: the counter grows once the exact result is on screen.
        sigma = by_name(nodes, "Sigma value", pyatspi.ROLE_SPIN_BUTTON)
        if sigma is None:
            fail("no spin box 'Sigma value'")
        before = ready_count(state.description)[0]
        sigma.queryValue().currentValue = 4.0
        after, what = wait_ready(state, before)
        if what != "full resolution":
            fail(f"after setting sigma 4: '{state.description}'")
        log(f"sigma 4: '{state.description}'")

        # The same value typed again: nothing to render, and the counter still grows.
        sigma.queryComponent().grabFocus()
        wait_for("focus in the sigma spin box", lambda: sigma.getState().contains(pyatspi.STATE_FOCUSED), 60)
        # As a person would: replace the text, press Return.
        sigma.queryEditableText().setTextContents("4")
        pyatspi.Registry.generateKeyboardEvent(0xff0d, None, pyatspi.KEY_SYM)  # Return
        again, what = wait_ready(state, after)
        if what != "full resolution, unchanged":
            fail(f"after retyping sigma 4: '{state.description}' (sigma now {sigma.queryValue().currentValue})")
        log(f"sigma 4 retyped: '{state.description}'")

        # A sigma-88 Gaussian (529x529): the kernel grid is one summarised element, so a walk of
        # the whole tree still ends (Qt listed 280,000 cells).
        before = ready_count(state.description)[0]
        sigma.queryValue().currentValue = 88.0
        wait_ready(state, before)
        nodes = walk(app)
        grid = by_name(nodes, "Kernel weights")
        if len(nodes) > 2000 or grid is None or grid.childCount != 0 or "529 columns" not in grid.description:
            fail(f"sigma 88: {len(nodes)} accessibles; kernel grid '{grid and grid.description}'")
        log(f"sigma 88: {len(nodes)} accessibles; kernel grid: '{grid.description}'")
        log("PASS")
    finally:
        studio.terminate()
        try:
            studio.wait(30)
        except subprocess.TimeoutExpired:
            studio.kill()
        launcher.terminate()
        shutil.rmtree(config, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "--inside":
        inner(*sys.argv[2:5])
    elif len(sys.argv) == 4:
        outer(sys.argv[1:4])
    else:
        print(__doc__)
        sys.exit(2)
