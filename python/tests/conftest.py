"""Shared fixtures: the built command line (KS_CLI, set by ctest) and the bundled samples."""

import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def cli():
    path = os.environ.get("KS_CLI")
    if not path or not os.access(path, os.X_OK):
        pytest.fail("KS_CLI must name the built kernel-studio-cli (ctest sets it)")
    return path


@pytest.fixture(scope="session")
def samples():
    return pathlib.Path(os.environ.get("KS_SAMPLES_DIR", ROOT / "resources" / "samples"))


@pytest.fixture(scope="session")
def run_cli(cli):
    """Runs the CLI; returns (exit code, stdout, stderr)."""
    def run(*args):
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        p = subprocess.run([cli, *map(str, args)], capture_output=True, text=True, env=env, timeout=600)
        return p.returncode, p.stdout, p.stderr
    return run
