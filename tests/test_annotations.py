"""Bad annotations are caught when the dataset loads, naming the sample and the problem; non-finite joints
become missing joints; nothing reaches the host's transforms unchecked."""
import copy
import logging
import os.path as osp

import numpy as np
import pytest

import keypoint_plugin  # noqa: F401
from keypoint_plugin.data import dump_annotations, make_synthetic_dataset
from keypoint_plugin.config_utils import load_config
from keypoint_plugin.host import build_dataset
from conftest import ROOT

pytestmark = pytest.mark.every_stack
DATA = make_synthetic_dataset(num_classes=6, train_per_class=2, test_per_class=1, seed=3)
VARIANTS = ('raw_kp', 'grayscale')
# The sample the cases change: the first of the test split (whose pipeline is deterministic).
INDEX = next(i for i, s in enumerate(DATA['annotations']) if s['frame_dir'] in DATA['split']['test'])
FRAME_DIR = DATA['annotations'][INDEX]['frame_dir']


def _config(variant, path):
    cfg = load_config(osp.join(ROOT, 'configs', variant, 'synthetic.py'))
    for split in ('train', 'val', 'test'):
        cfg.data[split].get('dataset', cfg.data[split]).ann_file = str(path)
    return cfg


def _build(variant, tmp_path, change=None, split='test', **options):
    data = copy.deepcopy(DATA)
    if change:
        change(data['annotations'][INDEX])
    path = tmp_path / 'ann.pkl'
    dump_annotations(data, str(path))
    cfg = _config(variant, path)
    cfg.data[split].get('dataset', cfg.data[split]).update(options)
    return build_dataset(cfg.data[split], dict(test_mode=split != 'train'))


def _set(key, value):
    return lambda sample: sample.__setitem__(key, value)


CASES = {
    'T=0': (lambda s: s.update(keypoint=s['keypoint'][:, :0], keypoint_score=s['keypoint_score'][:, :0],
                               total_frames=0), '0 frames'),
    'total_frames=0': (_set('total_frames', 0), '"total_frames" is 0 but "keypoint" has'),
    'V=13': (lambda s: s.update(keypoint=s['keypoint'][:, :, :13], keypoint_score=s['keypoint_score'][:, :, :13]),
             "13 joints; the config's joint layout has 17"),
    'C=3': (lambda s: s.update(keypoint=np.concatenate([s['keypoint'], s['keypoint'][..., :1]], -1)),
            '3 coordinates per joint; the config expects 2'),
    'label 9 of 6': (_set('label', 9), '"label" 9 is not a class index in [0, 6)'),
    'no img_shape': (lambda s: s.pop('img_shape'), 'needs "img_shape"'),
    'score T-1': (lambda s: s.update(keypoint_score=s['keypoint_score'][:, 1:]), '"keypoint_score" has shape'),
    'no keypoint': (lambda s: s.pop('keypoint'), 'no "keypoint"'),
    'keypoint 3D array': (lambda s: s.update(keypoint=s['keypoint'][0]), 'expected [M persons, T frames'),
    'strings': (_set('keypoint', np.array([['a']])), 'not a numeric array'),
}


@pytest.mark.parametrize('variant', VARIANTS)
@pytest.mark.parametrize('case', list(CASES))
def test_bad_sample_is_an_error_naming_it(variant, case, tmp_path):
    change, message = CASES[case]
    with pytest.raises(ValueError) as err:
        _build(variant, tmp_path, change)
    assert message in str(err.value) and f"frame_dir '{FRAME_DIR}'" in str(err.value)


def test_skip_option_leaves_bad_samples_out_and_logs_them(tmp_path, caplog):
    good = _build('raw_kp', tmp_path)
    with caplog.at_level(logging.WARNING, logger='keypoint_plugin'):
        skipped = _build('raw_kp', tmp_path, _set('label', 9), bad_samples='skip')
    assert len(skipped) == len(good) - 1 and FRAME_DIR not in [s['frame_dir'] for s in skipped.video_infos]
    assert f"skipping sample 0 (frame_dir '{FRAME_DIR}'): \"label\" 9" in caplog.text


@pytest.mark.parametrize('variant', VARIANTS)
@pytest.mark.parametrize('value', [np.nan, np.inf, -np.inf])
def test_non_finite_joints_become_missing_joints(variant, value, tmp_path):
    def poison(sample):
        sample['keypoint'] = sample['keypoint'].copy()
        sample['keypoint'][0, :, 9] = value  # the left wrist, all frames

    def mark_missing(sample):
        sample['keypoint_score'] = sample['keypoint_score'].copy()
        sample['keypoint'] = sample['keypoint'].copy()
        sample['keypoint'][0, :, 9] = sample['keypoint_score'][0, :, 9] = 0

    poisoned, marked = _build(variant, tmp_path, poison), _build(variant, tmp_path, mark_missing)
    index = [s['frame_dir'] for s in poisoned.video_infos].index(FRAME_DIR)
    sample = poisoned.video_infos[index]
    assert (sample['keypoint'][0, :, 9] == 0).all() and (sample['keypoint_score'][0, :, 9] == 0).all()
    # Every variant then sees exactly a missing joint: no phantom limb in the grayscale render.
    key = 'keypoint' if variant == 'raw_kp' else 'imgs'
    out, expected = np.asarray(poisoned[index][key]), np.asarray(marked[index][key])
    assert np.isfinite(out).all()
    np.testing.assert_array_equal(out, expected)


def test_split_ids_that_match_no_sample(tmp_path):
    data = copy.deepcopy(DATA)
    data['split']['train'] = ['nope_1', 'nope_2'] + data['split']['train']
    dump_annotations(data, str(tmp_path / 'ann.pkl'))
    cfg = _config('raw_kp', tmp_path / 'ann.pkl')
    with pytest.raises(ValueError, match=r"2 of the \d+ ids of split 'train' match no annotation's 'frame_dir'"):
        build_dataset(cfg.data.train)
    data['split']['train'] = ['nope_1']
    dump_annotations(data, str(tmp_path / 'ann.pkl'))
    cfg.data.train.dataset.bad_samples = 'skip'
    with pytest.raises(ValueError, match="split 'train' has no samples"):
        with pytest.warns(UserWarning, match='match no annotation'):
            build_dataset(cfg.data.train)


@pytest.mark.parametrize('convert', ['[0, 1]', 'centred'])
def test_coordinates_that_are_not_pixels_warn(convert, tmp_path):
    def change(sample):
        size = np.array(sample['img_shape'][::-1], np.float32)
        sample['keypoint'] = sample['keypoint'] / size if convert == '[0, 1]' else sample['keypoint'] - size / 2

    with pytest.warns(UserWarning, match='do not look like pixels'):
        _build('raw_kp', tmp_path, change)


def test_chunked_checks_equal_the_per_sample_checks():
    """check_annotations (vectorized over chunks) finds what sanitize_and_check and not_in_pixels find per sample."""
    import copy

    from keypoint_plugin.datasets.validation import check_annotations, not_in_pixels, sanitize_and_check
    rng = np.random.default_rng(0)
    samples = []
    for index in range(40):
        frames = 8 + index % 3  # three shapes, so three groups
        keypoint = rng.uniform(0, 400, (2, frames, 17, 2)).astype(np.float32 if index % 2 else np.float16)
        score = rng.uniform(-0.2, 1, (2, frames, 17)).astype(np.float32)
        kind = index % 5
        if kind == 1:
            keypoint[0, 1, 3] = np.nan  # becomes a missing joint
        elif kind == 2:
            keypoint = (keypoint / 400).astype(keypoint.dtype)  # normalized: not pixels
        elif kind == 3:
            keypoint -= np.array([300, 200], keypoint.dtype)  # centred: not pixels
        samples.append(dict(frame_dir=f's{index}', keypoint=keypoint, keypoint_score=score, total_frames=frames,
                            label=index % 4 if index != 7 else 9, img_shape=(480, 640)))
    one_by_one = copy.deepcopy(samples)
    bad = {i: p for i, s in enumerate(one_by_one) if (p := sanitize_and_check(s, num_classes=4))}
    odd = [i for i, s in enumerate(one_by_one) if i not in bad and not_in_pixels(s)]
    chunked_bad, chunked_odd = check_annotations(samples, num_classes=4, chunk_bytes=3 * 2 * 9 * 17 * 2 * 4)
    assert chunked_bad == bad and list(bad) == [7]
    assert chunked_odd == odd and len(odd) == 15  # kinds 2 and 3 but sample 7, unusable
    for ours, theirs in zip(samples, one_by_one):
        np.testing.assert_array_equal(ours['keypoint'], theirs['keypoint'])
        np.testing.assert_array_equal(ours['keypoint_score'], theirs['keypoint_score'])
    assert samples[1]['keypoint'][0, 1, 3].tolist() == [0, 0] and samples[1]['keypoint_score'][0, 1, 3] == 0


def test_interpolated_sampling_decoded_by_the_hosts_posedecode_is_refused(tmp_path):
    """Fractional frame positions need KeypointDecode: the host's PoseDecode would fail on the first sample."""
    dump_annotations(DATA, str(tmp_path / 'ann.pkl'))
    cfg = _config('raw_kp', tmp_path / 'ann.pkl')
    assert [step['type'] for step in cfg.data.test.pipeline[:2]] == ['KeypointSampleFrames', 'KeypointDecode']
    assert cfg.data.test.pipeline[0].interpolate
    build_dataset(cfg.data.test, dict(test_mode=True))
    cfg.data.test.pipeline[1] = dict(type='PoseDecode')
    with pytest.raises(ValueError, match=r"interpolate=True.*KeypointDecode.*not the host's PoseDecode"):
        build_dataset(cfg.data.test, dict(test_mode=True))
    cfg.data.test.pipeline[0].interpolate = False  # integer frame indices: the host's PoseDecode takes them
    build_dataset(cfg.data.test, dict(test_mode=True))
