"""Errors carry the command line's messages; kernels and filter classes follow the catalogue."""

import inspect
import re

import numpy as np
import pytest

import kernelstudio as ks


def cli_reason(stderr):
    line = stderr.strip().splitlines()[-1]
    assert line.startswith("kernel-studio-cli: ")
    return line[len("kernel-studio-cli: "):]


@pytest.mark.parametrize("spec", ["gaussian:sigma=0", "gaussian:size=4", "blur:size=3", "median:size=2",
                                  "box:radius=3", 'custom:kernel="3x3: 1,2"', "motion:angle=abc",
                                  "gaussian:border=sideways", "deconvolution:snr=0"])
def test_bad_specs_raise_value_error_with_the_cli_message(run_cli, spec):
    code, _, err = run_cli("kernel", spec)
    assert code == 2
    with pytest.raises(ValueError) as raised:
        ks.apply(np.zeros((4, 4), np.uint8), spec)
    assert str(raised.value) == cli_reason(err)
    with pytest.raises(ValueError) as raised:
        ks.kernel(spec)
    assert str(raised.value) == cli_reason(err)


def test_filter_objects_check_their_values(run_cli):
    _, _, err = run_cli("kernel", "median:size=4")
    with pytest.raises(ValueError) as raised:
        ks.Median(4)
    assert str(raised.value) == cli_reason(err)
    with pytest.raises(ValueError, match="sigma must be a number from 0.01 to 1000"):
        ks.GaussianBlur(5, 0)
    with pytest.raises(ValueError, match="unknown border mode"):
        ks.GaussianBlur(border="sideways")
    with pytest.raises(TypeError, match="unexpected keyword argument 'radius'"):
        ks.BoxBlur(radius=3)


def test_file_errors_raise_os_error_with_the_cli_message(run_cli, tmp_path, samples):
    missing = tmp_path / "missing.png"
    code, _, err = run_cli("apply", missing, "-f", "identity", "-o", tmp_path / "o.png")
    assert code == 1
    with pytest.raises(OSError) as raised:
        ks.load(missing)
    assert str(raised.value) == cli_reason(err)
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\nnot really")
    code, _, err = run_cli("apply", broken, "-f", "identity", "-o", tmp_path / "o.png")
    with pytest.raises(OSError) as raised:
        ks.load(broken)
    assert str(raised.value) == cli_reason(err)
    target = tmp_path / "no-such-dir" / "out.png"
    code, _, err = run_cli("apply", samples / "photo.png", "-f", "identity", "-o", target)
    assert code == 1
    with pytest.raises(OSError) as raised:
        ks.save(target, np.zeros((4, 4, 3), np.uint8))
    assert str(raised.value) == cli_reason(err)
    with pytest.raises(OSError):
        ks.Recipe.load(missing)
    bad_recipe = tmp_path / "bad.json"
    bad_recipe.write_text('{"format": "something else"}')
    with pytest.raises(ValueError, match="not a Kernel Studio recipe"):
        ks.Recipe.load(bad_recipe)


def test_image_errors():
    with pytest.raises(TypeError, match="uint8 or uint16"):
        ks.apply(np.zeros((4, 4), np.float32), "identity")
    with pytest.raises(ValueError, match="HxW, HxWx3 or HxWx4"):
        ks.apply(np.zeros((4, 4, 2), np.uint8), "identity")
    with pytest.raises(ValueError, match="empty"):
        ks.apply(np.zeros((0, 4), np.uint8), "identity")
    with pytest.raises(ValueError, match="lies outside the 4x4 image"):
        ks.apply(np.zeros((4, 4), np.uint8), "identity", region=(10, 10, 2, 2))
    with pytest.raises(ValueError, match="unknown alpha mode"):
        ks.apply(np.zeros((4, 4), np.uint8), "identity", alpha="none")
    with pytest.raises(ValueError, match="threads"):
        ks.apply(np.zeros((4, 4), np.uint8), "identity", threads=-1)
    with pytest.raises(TypeError):
        ks.apply(np.zeros((4, 4), np.uint8), 42)


def test_kernels_match_the_cli(run_cli):
    for spec in ["gaussian:size=5,sigma=1.5", "motion:size=7,angle=30", "binomial5x5", "sharpen5x5",
                 'custom:kernel="5x3+0+1: 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15"']:
        _, out, _ = run_cli("kernel", spec)
        text = re.search(r"^as text: (.*)$", out, re.M).group(1)
        k = ks.kernel(spec)
        assert str(k) == text
        assert ks.Kernel.from_text(text).weights.tobytes() == k.weights.tobytes()
        separable = "separable: column" in out
        assert (k.separable is not None) == separable
        if separable:
            column, row = k.separable
            assert np.allclose(np.outer(column, row) * 1.0, k.weights, atol=1e-6)


def test_kernel_values():
    k = ks.Kernel(np.arange(6, dtype=np.int64).reshape(2, 3), factor=0.5, bias=3)
    assert k.weights.dtype == np.float32 and k.shape == (2, 3) and k.anchor == (1, 0)
    assert k.factor == 0.5 and k.bias == 3 and k.sum == 15
    assert str(k) == "3x2: 0,1,2,3,4,5"
    assert ks.Kernel.from_text("3x2+0+1: 0 1 2 3 4 5").anchor == (0, 1)
    assert ks.get_gaussian(5, 1.5) == ks.kernel("gaussian:size=5,sigma=1.5") == ks.GaussianBlur(5, 1.5).kernel
    assert ks.get_blur_box(3) == ks.kernel("box:size=3")
    assert ks.get_blur_motion(5, 45) == ks.kernel("motion:size=5,angle=45")
    for name in ("sharpen_3x3", "sharpen_5x5", "emboss_3x3", "emboss_5x5"):
        assert getattr(ks, "get_" + name)() == ks.kernel(name.replace("_", ""))
    assert ks.get_sharpen_5x5().factor == 0.125
    assert ks.kernel("binomial5x5").separable[0].tolist() == [1, 4, 6, 4, 1]
    assert ks.get_emboss_3x3().separable is None
    assert abs(ks.Kernel(np.ones((3, 3))).normalized().sum - 1) < 1e-6
    with pytest.raises(ValueError):
        ks.Kernel(np.ones(3))
    with pytest.raises(ValueError):
        ks.Kernel(np.ones((3, 3)), anchor=(3, 0))
    with pytest.raises(ValueError):
        ks.Kernel([[np.nan]])
    with pytest.raises(ValueError, match="kernel"):
        ks.Kernel.from_text("3x3: 1,2")

def test_kernel_weights_are_read_only():
    k = ks.get_gaussian(3, 1)
    with pytest.raises(ValueError):
        k.weights[0, 0] = 1


def test_convolution_takes_the_kernels_factor_and_bias():
    k = ks.Kernel(np.ones((3, 3)), factor=1 / 9, bias=5)
    image = np.random.default_rng(1).integers(0, 200, (20, 20, 3), dtype=np.uint8)
    assert np.array_equal(ks.apply(image, ks.Convolution(k)),
                          ks.apply(image, 'custom:kernel="3x3: 1,1,1,1,1,1,1,1,1",factor=0.1111111111111111,bias=5'))
    assert ks.Convolution(k, bias=0).bias == 0


def test_classes_come_from_the_catalogue(run_cli):
    _, out, _ = run_cli("list")
    names = re.findall(r"^(\S+)  ", out, re.M)
    assert names == [f["name"] for f in ks.filters()]
    for f in ks.filters():
        cls = f["class"]
        assert ks.filter_class(f["name"]) is cls and cls.name == f["name"]
        params = list(inspect.signature(cls).parameters)
        assert params[:len(f["params"])] == [p["key"].replace("-", "_") for p in f["params"]]
        assert params[len(f["params"]):] == ["border", "alpha", "linear", "region", "enabled"]
        assert cls.__doc__ and f["display_name"] in cls.__doc__
        for p in f["params"]:
            assert re.search(rf"^    {p['key']}: .*\(default ", out, re.M)
    assert ks.GaussianBlur is ks.Gaussian and ks.Convolution is ks.Custom
    assert ks.MotionWiener(5, 1.5, 45).spec == "motion-wiener:size=5,sigma=1.5,angle=45"
    assert ks.Bilateral(7, spatial_factor=3).spec == "bilateral:size=7,spatial-factor=3"
    f = ks.Filter.from_spec("median:size=7,border=reflect")
    assert isinstance(f, ks.Median) and f.size == 7 and f.border == "reflect"
    assert ks.GaussianBlur().sigma == 1.5 and ks.Deconvolution().snr == 0.007


def test_load_and_save_keep_depth(tmp_path, samples):
    rng = np.random.default_rng(3)
    for shape, dtype in [((30, 40), np.uint8), ((30, 40), np.uint16), ((30, 40, 3), np.uint8),
                         ((30, 40, 3), np.uint16), ((30, 40, 4), np.uint8), ((30, 40, 4), np.uint16)]:
        image = rng.integers(0, np.iinfo(dtype).max, shape, dtype=dtype, endpoint=True)
        path = tmp_path / f"{len(shape)}-{np.dtype(dtype).name}.png"
        ks.save(path, image)
        loaded = ks.load(path)
        assert loaded.dtype == dtype
        if len(shape) == 3 and shape[2] == 3 and dtype == np.uint16:
            assert np.array_equal(loaded[..., :3], image)  # 16-bit RGB comes back as RGBA64
        else:
            assert loaded.shape == shape and np.array_equal(loaded, image), path.name
    svg = ks.load(samples / "shapes.svg")
    assert svg.shape == (320, 480, 4)
    assert ks.load(samples / "shapes.svg", svg_scale=0.5).shape == (160, 240, 4)
    assert ks.load(samples / "shapes.svg", svg_width=96).shape == (64, 96, 4)
    assert "png" in ks.writable_extensions()
    ks.save(tmp_path / "q.jpg", svg[..., :3].copy(), quality=50)
    assert ks.load(tmp_path / "q.jpg").shape == (320, 480, 3)


def test_docstrings():
    for name in ks.__all__:
        assert getattr(ks, name).__doc__, name
    assert "threads" in ks.apply.__doc__ and "border" in ks.apply.__doc__
