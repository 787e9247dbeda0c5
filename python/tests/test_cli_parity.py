"""Every filter gives the command line's result byte for byte on the bundled samples."""

import os
import pathlib
import subprocess
import sys

import numpy as np
import pytest

import kernelstudio as ks

# Every filter of the catalogue at its defaults, and variants of parameters and options.
VARIANTS = [
    "gaussian:size=0,sigma=3",
    "gaussian:size=7,sigma=2,border=reflect",
    "gaussian:size=9,sigma=3,border=transparent",
    "gaussian:size=31,sigma=8",
    "box:size=4,border=wrap",
    "motion:size=9,angle=30,alpha=straight",
    'custom:kernel="3x3: 0,-1,0,-1,5,-1,0,-1,0",bias=10',
    'custom:kernel="5x3+0+1: 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15",factor=0.01',
    "sharpen3x3:linear=true",
    "box:size=5,region=10;10;100;50",
    "laplace8:border=unfiltered",
    "median:size=7,alpha=ignore",
    "bilateral:size=7,color-factor=30",
    "gauss-wiener:size=7,sigma=2,grayscale=true",
]


def every_spec():
    return [f["name"] for f in ks.filters()] + VARIANTS


@pytest.fixture(scope="module")
def cli_results(run_cli, samples, tmp_path_factory):
    """The CLI's `each` on both samples with every spec: {(stem, index): path}."""
    out = tmp_path_factory.mktemp("cli")
    specs = every_spec()
    args = ["each", samples / "photo.png", samples / "shapes.svg", "-d", out]
    for spec in specs:
        args += ["-f", spec]
    code, _, err = run_cli(*args)
    assert code == 0, err
    return out, specs


@pytest.mark.parametrize("sample", ["photo.png", "shapes.svg"])
def test_every_filter_equals_cli(cli_results, samples, sample, tmp_path):
    out, specs = cli_results
    image = ks.load(samples / sample)
    stem = pathlib.Path(sample).stem
    for index, spec in enumerate(specs, start=1):
        expected_path = out / ks.each_file_name(stem, index, len(specs))
        result = ks.apply(image, spec)
        assert result.dtype == image.dtype and result.shape == image.shape, spec
        expected = ks.load(expected_path)
        assert np.array_equal(result, expected), f"{sample}: {spec}"
        # The file written from the array is the CLI's file, byte for byte.
        mine = tmp_path / f"{index}.png"
        ks.save(mine, result)
        assert mine.read_bytes() == expected_path.read_bytes(), f"{sample}: {spec} (file bytes)"


def test_filter_objects_give_the_same_specs_as_strings(samples):
    image = ks.load(samples / "photo.png")
    for f in ks.filters():
        obj = f["class"]()
        assert obj.spec == f["name"]
        assert np.array_equal(ks.apply(image, obj), ks.apply(image, f["name"]))


def test_recipe_file_equals_cli(run_cli, samples, tmp_path):
    recipe_path = tmp_path / "r.json"
    code, _, err = run_cli("recipe", "-f", "median:size=3", "-f", "gaussian-sharpen:size=5,sigma=1,amount=2",
                           "--border", "reflect", "-o", recipe_path)
    assert code == 0, err
    cli_out = tmp_path / "cli.png"
    code, _, err = run_cli("apply", samples / "photo.png", "--recipe", recipe_path, "-o", cli_out)
    assert code == 0, err
    recipe = ks.Recipe.load(recipe_path)
    assert len(recipe) == 2
    image = ks.load(samples / "photo.png")
    # The steps keep their own border (reflect) whatever apply() is given.
    result = ks.apply(image, recipe, border="wrap")
    assert np.array_equal(result, ks.load(cli_out))
    # Saving and loading again keeps the steps.
    recipe.save(tmp_path / "again.json")
    assert ks.Recipe.load(tmp_path / "again.json") == recipe


def test_reference_example_script_writes_the_clis_32_files(run_cli, samples, tmp_path):
    examples = pathlib.Path(os.environ.get("KS_EXAMPLES_DIR", pathlib.Path(__file__).parents[2] / "examples"))
    mine, theirs = tmp_path / "py", tmp_path / "cli"
    p = subprocess.run([sys.executable, str(examples / "reference_example.py"), str(mine), "--samples", str(samples)],
                       capture_output=True, text=True, timeout=600)
    assert p.returncode == 0, p.stderr
    files = sorted(f.name for f in mine.iterdir())
    assert len(files) == 32
    code, _, err = run_cli("each", samples / "photo.png", samples / "shapes.svg", "--example", "-d", theirs)
    assert code == 0, err
    assert files == sorted(f.name for f in theirs.iterdir())
    for name in files:
        assert (mine / name).read_bytes() == (theirs / name).read_bytes(), name


def test_reference_example_steps_are_the_cores():
    import importlib.util
    examples = pathlib.Path(os.environ.get("KS_EXAMPLES_DIR", pathlib.Path(__file__).parents[2] / "examples"))
    spec = importlib.util.spec_from_file_location("reference_example", examples / "reference_example.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert ks.Recipe(module.reference_filters()) == ks.Recipe.reference_example()
