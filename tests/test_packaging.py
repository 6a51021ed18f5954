"""The wheel a pip user installs: every config inside it, and its configs found and loaded from the installed
package, run from outside the checkout."""
import glob
import json
import os.path as osp
import shutil
import site
import sys
import textwrap
import zipfile

import pytest

from conftest import ROOT, run_tool

pytestmark = pytest.mark.mmaction1x  # there it loads the 1.x configs
VARIANTS = ('raw_kp', 'grayscale', 'heatmap')


@pytest.fixture(scope='module')
def wheel(tmp_path_factory):
    """A wheel built by ``pip wheel --no-deps`` from a copy of the sources (an in-tree build would reuse a stale
    build/ folder of the checkout)."""
    tmp = tmp_path_factory.mktemp('wheel')
    for name in ('keypoint_plugin', 'configs'):
        shutil.copytree(osp.join(ROOT, name), tmp / 'src' / name, ignore=shutil.ignore_patterns('__pycache__'))
    for name in ('setup.py', 'README.md'):
        shutil.copy(osp.join(ROOT, name), tmp / 'src' / name)
    run_tool([sys.executable, '-m', 'pip', 'wheel', '-q', '--no-deps', '--no-build-isolation',
              '--disable-pip-version-check', '-w', tmp / 'dist', tmp / 'src'], timeout=300)
    wheels = glob.glob(str(tmp / 'dist' / 'keypoint_plugin-*.whl'))
    assert len(wheels) == 1, wheels
    return wheels[0]


def test_wheel_holds_every_config(wheel):
    configs = {osp.relpath(path, osp.join(ROOT, 'configs'))
               for path in glob.glob(osp.join(ROOT, 'configs', '**', '*.py'), recursive=True)}
    with zipfile.ZipFile(wheel) as archive:
        shipped = {name[len('keypoint_plugin/configs/'):] for name in archive.namelist()
                   if name.startswith('keypoint_plugin/configs/') and name.endswith('.py')}
    assert any(name.startswith('mmaction1x/') for name in configs)
    assert configs == shipped, f'missing from the wheel: {sorted(configs - shipped)}'


def test_installed_wheel_loads_each_variant_config_of_the_host_family(wheel, tmp_path):
    """Installed with ``--no-deps`` into a scratch venv that sees this environment's packages (a .pth file), the
    package finds its configs in itself (``config_path``) and loads each variant's config of the running host's
    family (mmcv 1.x: ``configs/<variant>``; MMAction2 1.x: ``configs/mmaction1x/<variant>``)."""
    venv = tmp_path / 'venv'
    run_tool([sys.executable, '-m', 'venv', '--without-pip', venv], timeout=300)
    python = str(venv / 'bin' / 'python')
    purelib = run_tool([python, '-c', 'import sysconfig; print(sysconfig.get_paths()["purelib"])']).stdout.strip()
    with open(osp.join(purelib, 'test_environment.pth'), 'w') as f:
        f.write('\n'.join(site.getsitepackages()) + '\n')
    # --ignore-installed: the test environment's own keypoint_plugin stays untouched.
    run_tool([python, '-m', 'pip', 'install', '-q', '--no-deps', '--no-index', '--ignore-installed',
              '--disable-pip-version-check', wheel], timeout=300)
    code = textwrap.dedent(f"""
        import json
        import keypoint_plugin
        from keypoint_plugin.config_utils import CONFIG_ROOT, family_config_path, load_config
        configs = {{v: load_config(family_config_path(v + '/synthetic.py')) for v in {VARIANTS!r}}}
        print(json.dumps(dict(package=keypoint_plugin.__file__, root=CONFIG_ROOT,
                              configs={{v: [cfg.filename, cfg.model.backbone.type] for v, cfg in configs.items()}})))
    """)
    found = json.loads(run_tool([python, '-c', code], tmp_path, env=dict(PYTHONPATH='')).stdout.splitlines()[-1])
    installed = osp.join(purelib, 'keypoint_plugin')
    assert found['package'] == osp.join(installed, '__init__.py')
    assert found['root'] == osp.join(installed, 'configs')
    from keypoint_plugin.config_utils import family_config_path, load_config
    from keypoint_plugin.host import FAMILY
    family = 'mmaction1x/' if FAMILY == 'mmengine' else ''
    assert sorted(found['configs']) == sorted(VARIANTS)
    for variant, (filename, backbone) in found['configs'].items():
        assert filename == osp.join(installed, 'configs', f'{family}{variant}', 'synthetic.py')
        assert backbone == load_config(family_config_path(f'{variant}/synthetic.py')).model.backbone.type
