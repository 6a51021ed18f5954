"""Fuzzed annotation files through dataset loading, each lightweight variant's train pipeline and one model
step: every outcome is a finite loss or an error naming the sample."""
import copy
import os.path as osp

import numpy as np
import torch
from hypothesis import event, given, settings
from hypothesis import strategies as st
from mmcv.parallel import collate

import keypoint_plugin  # noqa: F401
from keypoint_plugin.data import dump_annotations, make_synthetic_dataset
from keypoint_plugin.config_utils import load_config
from keypoint_plugin.host import build_dataset, build_model
from conftest import ROOT

DATA = make_synthetic_dataset(num_classes=6, train_per_class=1, test_per_class=0, num_frames=(20, 30),
                              num_person=2, seed=5)
FRAME_DIR = DATA['annotations'][0]['frame_dir']
CONFIGS = {variant: load_config(osp.join(ROOT, 'configs', variant, 'synthetic.py'))
           for variant in ('raw_kp', 'grayscale')}
MODELS = {}


def _mutations():
    arrays = st.sampled_from(['keypoint', 'keypoint_score'])
    return st.one_of(
        st.tuples(st.just('non-finite'), arrays, st.sampled_from([np.nan, np.inf, -np.inf]), st.floats(0, 1)),
        st.tuples(st.just('frames'), st.integers(0, 25), st.booleans()),
        st.tuples(st.just('joints'), st.integers(0, 20)),
        st.tuples(st.just('coords'), st.integers(1, 4)),
        st.tuples(st.just('persons'), st.integers(0, 3)),
        st.tuples(st.just('label'), st.one_of(st.integers(-2, 9), st.floats(0, 5), st.text(max_size=2))),
        st.tuples(st.just('drop'), st.sampled_from(['keypoint', 'keypoint_score', 'img_shape', 'total_frames',
                                                     'label'])),
        st.tuples(st.just('img_shape'), st.sampled_from([(0, 10), (10, ), 'abc', 5, None, (480.5, 640)])),
        st.tuples(st.just('type'), arrays, st.sampled_from(['text', None, [[1, 2]], np.zeros(3, object)])),
        st.tuples(st.just('scores'), st.sampled_from([0., 1e-6, 1.])),
    )


def _mutate(sample, mutation, rng):
    kind, *args = mutation
    kp, score = sample['keypoint'], sample['keypoint_score']
    if kind == 'non-finite':
        key, value, fraction = args
        array = sample[key].copy()
        array[rng.random(array.shape) < fraction] = value
        sample[key] = array
    elif kind == 'frames':
        frames, consistent = args
        sample['keypoint'] = kp[:, :frames]
        if consistent:
            sample.update(keypoint_score=score[:, :frames], total_frames=sample['keypoint'].shape[1])
    elif kind == 'joints':
        sample.update(keypoint=kp[:, :, :args[0]], keypoint_score=score[:, :, :args[0]])
    elif kind == 'coords':
        sample['keypoint'] = np.resize(kp, kp.shape[:3] + (args[0], )).astype(np.float32)
    elif kind == 'persons':
        index = np.arange(args[0]) % kp.shape[0]
        sample.update(keypoint=kp[index], keypoint_score=score[index])
    elif kind == 'label':
        sample['label'] = args[0]
    elif kind == 'drop':
        sample.pop(args[0])
    elif kind == 'img_shape':
        sample['img_shape'] = args[0]
    elif kind == 'type':
        sample[args[0]] = args[1]
    elif kind == 'scores':
        sample['keypoint_score'] = np.full_like(score, args[0])


def _model(variant):
    if variant not in MODELS:
        torch.manual_seed(0)
        MODELS[variant] = build_model(CONFIGS[variant].model).train()
    return MODELS[variant]


@settings(max_examples=60, deadline=None)
@given(mutation=_mutations(), variant=st.sampled_from(sorted(CONFIGS)), seed=st.integers(0, 2**16))
def test_fuzzed_annotation_trains_to_a_finite_loss_or_names_the_sample(tmp_path_factory, mutation, variant, seed):
    data = copy.deepcopy(DATA)
    data['annotations'] = data['annotations'][:1]
    data['split'] = dict(train=[FRAME_DIR])
    _mutate(data['annotations'][0], mutation, np.random.default_rng(seed))
    path = str(tmp_path_factory.mktemp('fuzz') / 'ann.pkl')
    dump_annotations(data, path)
    cfg = copy.deepcopy(CONFIGS[variant])
    cfg.data.train.dataset.ann_file = path
    try:
        dataset = build_dataset(cfg.data.train)
    except (ValueError, KeyError, TypeError) as err:
        assert FRAME_DIR in str(err) and 'sample 0' in str(err), f'{mutation}: {err}'
        event('an error naming the sample')
        return
    event('trained')
    batch = collate([dataset[0], dataset[1]], samples_per_gpu=2)
    out = _model(variant).train_step(batch, None)
    assert torch.isfinite(out['loss']), mutation
