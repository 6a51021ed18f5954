"""A non-finite joint is a missing joint, whatever its score, in every variant (raw keypoints, grayscale render,
heatmap baseline) and on every path to the model: an annotation file through the config's dataset and its train,
val and test pipelines, and a sequence through the inference API. NaN or infinite coordinates with any score give
exactly what the same joints give with score 0 (and any coordinates), and the model's input is finite.

Runs on the installed host's config family; the pipelines are the configs' own, with their frame samplers set to
one short clip and the heatmap network slimmed, so that each example takes a fraction of a second.
"""
import pickle
import random

import numpy as np
import pytest
import torch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from keypoint_plugin.apis import init_recognizer, inference_recognizer
from keypoint_plugin.config_utils import dataset_config, family_config_path, load_config
from keypoint_plugin.host import build_dataset
from keypoint_plugin.pipelines.sample import SAMPLERS

# Both host families: they also run on the MMAction2 1.x stack (tools/run_tests.sh).
pytestmark = pytest.mark.mmaction1x

VARIANTS = ('raw_kp', 'grayscale', 'heatmap')
SETTINGS = settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
IMG_SHAPE = (240, 320)
NUM_JOINTS = 17
# Scores a NaN joint may come with: every one must leave the joint missing.
ANY_SCORE = st.sampled_from([1., 0.5, 0., -1., np.nan, np.inf, -np.inf, 1e30])


def _config(variant):
    """The variant's synthetic config: short clips (one per sample), and for the heatmaps a narrow SlowOnly."""
    cfg = load_config(family_config_path(f'{variant}/synthetic.py'))
    for split in ('train', 'val', 'test'):
        for step in dataset_config(cfg, split)[1].pipeline:
            if step['type'] in SAMPLERS:
                step.update(clip_len=6, num_clips=1)
    if variant == 'heatmap':
        cfg.model.backbone.update(base_channels=8, stage_blocks=(1, 1, 1))
        cfg.model.cls_head.in_channels = 128
    return cfg


@pytest.fixture(scope='module', params=VARIANTS)
def variant(request):
    return request.param, _config(request.param)


@st.composite
def nan_pairs(draw):
    """Two samples alike but for some joints ("gone"): in ``nan`` each has a non-finite coordinate and any score; in
    ``zero`` it has score 0 and any coordinates (finite or not)."""
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    shape = (draw(st.integers(1, 2)), draw(st.integers(1, 12)), NUM_JOINTS)
    centre = rng.uniform(60, 200, 2)
    keypoint = (centre + rng.normal(0, 30, shape + (2, ))).astype(np.float32)
    score = rng.uniform(0.05, 1, shape).astype(np.float32)
    gone = rng.random(shape) < draw(st.sampled_from([0.1, 0.5, 1.]))
    nan_kp, zero_kp = keypoint.copy(), keypoint.copy()
    bad_coord = rng.random(shape + (2, )) < 0.5
    bad_coord[..., 0] |= ~bad_coord[..., 1]  # at least one coordinate
    nan_kp[gone[..., None] & bad_coord] = draw(st.sampled_from([np.nan, np.inf, -np.inf]))
    nan_score, zero_score = score.copy(), score.copy()
    nan_score[gone] = draw(ANY_SCORE)
    zero_score[gone] = 0
    zero_kp[gone] = draw(st.sampled_from([0., np.nan])) if draw(st.booleans()) else \
        rng.uniform(-500, 800, (gone.sum(), 2))
    label = draw(st.integers(0, 5))

    def sample(name, kp, sc):
        return dict(frame_dir=name, label=label, img_shape=IMG_SHAPE, original_shape=IMG_SHAPE,
                    total_frames=shape[1], keypoint=kp, keypoint_score=sc)
    return sample('nan', nan_kp, nan_score), sample('zero', zero_kp, zero_score)


def _model_input(item):
    """The tensor a dataset item hands the model: ``imgs`` / ``keypoint`` (mmcv 1.x), ``inputs`` (mmengine)."""
    for key in ('inputs', 'imgs', 'keypoint'):
        if key in item:
            return item[key]
    raise KeyError(f'no model input among {sorted(item)}')


@SETTINGS
@given(pair=nan_pairs())
def test_annotation_file_to_model_input(variant, pair, tmp_path):
    name, cfg = variant
    ann_file = str(tmp_path / 'nan.pkl')
    with open(ann_file, 'wb') as f:
        pickle.dump(dict(annotations=list(pair), split=dict(all=['nan', 'zero'])), f)
    for split in ('train', 'val', 'test'):
        dataset_cfg = dict(dataset_config(cfg, split)[1], ann_file=ann_file, split='all', test_mode=split != 'train')
        dataset = build_dataset(dataset_cfg)
        inputs = []
        for index in range(2):
            np.random.seed(0), random.seed(0), torch.manual_seed(0)  # the train pipelines' augmentation
            inputs.append(_model_input(dataset[index]))
        assert torch.isfinite(inputs[0]).all(), (name, split)
        torch.testing.assert_close(inputs[0], inputs[1], rtol=0, atol=0, msg=f'{name} {split}')


@pytest.fixture(scope='module')
def model(variant):
    torch.manual_seed(0)
    return init_recognizer(variant[1], device='cpu')


@SETTINGS
@given(pair=nan_pairs())
def test_inference_api_to_scores(model, pair):
    nan, zero = (dict(sample) for sample in pair)
    kept = nan['keypoint'].copy()
    results = [inference_recognizer(model, sample, topk=6) for sample in (nan, zero)]
    assert np.array_equal(nan['keypoint'], kept, equal_nan=True)  # the caller's arrays are left as they are
    assert results[0] == results[1]
    assert all(np.isfinite(score) for _, _, score in results[0])
