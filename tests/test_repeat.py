"""ScaledRepeatDataset: epochs of a small training set with a floor on their samples."""
import os.path as osp

import pytest

import keypoint_plugin  # noqa: F401
from keypoint_plugin.config_utils import load_config
from keypoint_plugin.data import dump_annotations, make_synthetic_dataset
from keypoint_plugin.host import build_dataset
from conftest import ROOT

pytestmark = pytest.mark.every_stack


@pytest.fixture(scope='module')
def ann_file(tmp_path_factory):
    path = tmp_path_factory.mktemp('small') / 'ann.pkl'
    dump_annotations(make_synthetic_dataset(num_classes=3, train_per_class=4, test_per_class=1, seed=0), str(path))
    return str(path)


@pytest.mark.parametrize('times, min_samples, repeats', [(1, 0, 1), (1, 30, 3), (1, 36, 3), (1, 37, 4), (5, 30, 5)])
def test_scaled_repeat_dataset_repeats_to_the_floor(ann_file, times, min_samples, repeats):
    train = load_config(osp.join(ROOT, 'configs', 'raw_kp', 'penn_action.py')).data.train
    train.dataset.update(ann_file=ann_file, split='train')
    train.update(times=times, min_samples=min_samples)
    dataset = build_dataset(train)
    assert type(dataset).__name__ == 'ScaledRepeatDataset' and len(dataset.dataset) == 12
    assert dataset.times == repeats and len(dataset) == 12 * repeats
    assert dataset[len(dataset) - 1]['keypoint'].shape[-2:] == (17, 2)  # the wrapped dataset's samples


def test_scaled_repeat_dataset_rejects_bad_arguments(ann_file):
    with pytest.raises(ValueError, match='min_samples'):
        build_dataset(dict(type='ScaledRepeatDataset', times=1, min_samples=-1,
                           dataset=dict(type='KeypointPoseDataset', ann_file=ann_file, pipeline=[])))
