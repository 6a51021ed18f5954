"""The two config families stay one definition: each MMAction2 1.x raw and grayscale pipeline equals its mmcv 1.x
twin's step for step but for the packing tail (Collect + ToTensor there, the host's PackActionInputs here); every
config's first line names its inheritance chain; one-person datasets inherit no NTU config. Read with mmcv 1.x's
Config (mmengine's cannot read the mmcv 1.x chains: their root is found through an import, which mmengine takes
for its other, lazy-import config format)."""
import glob
import os.path as osp
import re
import shutil

import pytest

ROOT = osp.dirname(osp.dirname(osp.abspath(__file__)))
CONFIG_ROOT = osp.join(ROOT, 'configs')
ALL_CONFIGS = sorted(osp.relpath(path, CONFIG_ROOT) for path in glob.glob(osp.join(CONFIG_ROOT, '**', '*.py'),
                                                                          recursive=True)
                     if osp.basename(path) != '__init__.py')
# The 1.x raw and grayscale configs; the heatmap and GCN ones run each host's own PoseC3D or GCN pipelines, which
# differ.
TWINS = sorted(osp.relpath(path, osp.join(CONFIG_ROOT, 'mmaction1x'))
               for variant in ('_base_', 'raw_kp', 'grayscale')
               for path in glob.glob(osp.join(CONFIG_ROOT, 'mmaction1x', variant, '*.py'))
               if not re.match(r'(heatmap|gcn)', osp.basename(path)))
TAILS = dict(mmcv1=['Collect', 'ToTensor'], mmengine=['PackActionInputs'])


def chain(name):
    """The header a config must start with: its ``_base_`` files up to the host's PoseC3D or GCN config, named
    relative to the config family's folder (``configs/`` or ``configs/mmaction1x/``)."""
    family = osp.join(CONFIG_ROOT, 'mmaction1x') if name.startswith('mmaction1x' + osp.sep) else CONFIG_ROOT
    path, names = osp.join(CONFIG_ROOT, name), []
    while True:
        names.append(osp.relpath(path, family)[:-3])
        with open(path, encoding='utf-8') as f:
            base = re.search(r'^_base_ = (.*)$', f.read(), flags=re.M).group(1)
        if any(root in base for root in ('posec3d_config(', 'gcn_config(', 'mmaction::')):
            prefix = 'mmaction1x: ' if family != CONFIG_ROOT else ''
            host = 'host GCN' if 'gcn' in base else 'host PoseC3D'
            return f"# {prefix}{' -> '.join(names + [host])}"
        path = osp.normpath(osp.join(osp.dirname(path), re.search(r"'([^']+)'", base).group(1)))


@pytest.mark.every_stack
@pytest.mark.parametrize('name', ALL_CONFIGS)
def test_config_header_names_its_chain(name):
    with open(osp.join(CONFIG_ROOT, name), encoding='utf-8') as f:
        first = f.readline().rstrip('\n')
    assert first == chain(name), f'{name}: the first line should be {chain(name)!r}, not {first!r}'


@pytest.mark.every_stack
def test_one_person_datasets_inherit_no_ntu_config():
    one_person = [name for name in ALL_CONFIGS if re.match(r'(penn_action|synthetic|nw_ucla)', osp.basename(name))]
    assert len(one_person) >= 20 and sum(f'gcn{osp.sep}' in name for name in one_person) >= 10
    for name in one_person:
        assert 'ntu' not in chain(name), f'{name} inherits an NTU config: {chain(name)}'


def _pipelines(cfg, family):
    """The train, val and test pipelines of a loaded config, as plain lists of dicts."""
    if family == 'mmcv1':
        train, val, test = cfg.data.train, cfg.data.val, cfg.data.test
    else:
        train, val, test = (cfg[f'{split}_dataloader'].dataset for split in ('train', 'val', 'test'))
    train = train.get('dataset', train)  # inside the repeat wrapper
    return {split: [dict(step) for step in dataset.pipeline]
            for split, dataset in dict(train=train, val=val, test=test).items()}


@pytest.fixture(scope='module')
def mmaction1x_root(tmp_path_factory):
    """A copy of configs/mmaction1x whose root, MMAction2 1.x's PoseC3D config (``_base_ = 'mmaction::...'``, which
    mmcv 1.x's Config cannot resolve), is cut off: the raw and grayscale pipelines are all in our own files, so
    mmcv 1.x's Config reads them as they are, beside the mmcv 1.x twins it reads through the real host."""
    root = tmp_path_factory.mktemp('configs') / 'mmaction1x'
    shutil.copytree(osp.join(CONFIG_ROOT, 'mmaction1x'), root)
    base = root / '_base_' / 'heatmap.py'
    text, cuts = re.subn(r"^_base_ = 'mmaction::.*$", '', base.read_text(), flags=re.M)
    assert cuts == 1, f'no mmaction:: root in {base}'
    base.write_text(text)
    return root


@pytest.mark.every_stack
@pytest.mark.parametrize('name', TWINS)
def test_mmaction1x_pipelines_equal_their_mmcv1_twins_but_the_packing(name, mmaction1x_root):
    from mmcv import Config

    ours = _pipelines(Config.fromfile(str(mmaction1x_root / name)), 'mmengine')
    twin = _pipelines(Config.fromfile(osp.join(CONFIG_ROOT, name)), 'mmcv1')
    for split in ('train', 'val', 'test'):
        steps = dict(mmengine=ours[split], mmcv1=twin[split])
        for family, tail in TAILS.items():
            assert [step['type'] for step in steps[family][-len(tail):]] == tail, f'{name} {split} ({family})'
        assert ours[split][:-1] == twin[split][:-2], f'{name}: the {split} pipelines differ from the twin\'s'
