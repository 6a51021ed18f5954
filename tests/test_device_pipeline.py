"""The batched raw-keypoint path (pipelines/batch_ops.py, pipelines/device_pipeline.py) computes what the per-sample
pipeline computes: the same sampled frames run through the per-sample steps and through PadKeypointPersons +
BatchPipeline with the random draws the per-sample steps made (their ``flip`` and ``keypoint_affine``), on CPU
tensors."""
import copy

import numpy as np
import pytest
import torch
from mmcv.parallel import collate

from conftest import ROOT
from keypoint_plugin.apis import inference_recognizer, init_recognizer
from keypoint_plugin.config_utils import apply_settings, load_config
from keypoint_plugin.host import Compose, build_model
from keypoint_plugin.pipelines.device_pipeline import RAW_KEYS, BatchPipeline, PadKeypointPersons, split_device_pipeline

ALL_FEATS = ('joint', 'bone', 'joint_motion', 'bone_motion')


def make_samples(num, dims, persons, seed=0, frames=20):
    """``num`` annotations: 2D COCO-17 pixels with scores, a fifth of the joints missing by score (and one NaN), or
    3D NTU-25 without scores, a fifth of the joints all-zero; varying lengths."""
    rng = np.random.default_rng(seed)
    num_joints = 17 if dims == 2 else 25
    samples = []
    for i in range(num):
        total = frames + 7 * i
        shape = (persons, total, num_joints)
        missing = rng.random(shape) < 0.2
        if dims == 2:
            keypoint = (rng.random(shape + (2, )) * [640, 480]).astype(np.float32)
            score = np.where(missing, 0, rng.uniform(0.1, 1, shape)).astype(np.float32)
            keypoint[0, 0, 3] = np.nan  # a non-finite joint: missing too
            sample = dict(keypoint=keypoint, keypoint_score=score, img_shape=(480, 640))
        else:
            keypoint = rng.normal(0, 0.5, shape + (3, )).astype(np.float32)
            keypoint[missing] = 0
            sample = dict(keypoint=keypoint)
        samples.append(dict(sample, total_frames=total, start_index=0, modality='Pose', label=i % 3,
                            frame_dir=f'sample_{i}'))
    return samples


def raw_batch(padded):
    """The batch of PadKeypointPersons' outputs that the model's batched pipeline reads."""
    return {key: torch.as_tensor(np.stack([p[key] for p in padded])) for key in RAW_KEYS}


def run_both(samples, tail, num_clips=1, test_mode=False, clip_len=8):
    """Per-sample outputs of ``tail`` and BatchPipeline's outputs with the same draws, both [N, ...] tensors."""
    prefix = Compose([dict(type='KeypointSampleFrames', clip_len=clip_len, num_clips=num_clips,
                           test_mode=test_mode, p_interval=0.5), dict(type='PoseDecode')])
    per_sample, flips, matrices, kept, padded = [], [], [], [], []
    num_person = max(len(s['keypoint']) for s in samples)
    pad = PadKeypointPersons(num_person=num_person)
    dims = samples[0]['keypoint'].shape[-1]
    for i, sample in enumerate(samples):
        np.random.seed(i)
        decoded = prefix(copy.deepcopy(sample))
        out = Compose(tail)(copy.deepcopy(decoded))
        per_sample.append(torch.from_numpy(out['keypoint']))
        flips.append(bool(out.get('flip', False)))
        matrices.append(torch.from_numpy(out.get('keypoint_affine', np.eye(dims, dtype=np.float32))))
        drop = np.ones((num_person, 1, sample['keypoint'].shape[2]), dtype=bool)  # padded persons: nothing to drop
        drop[:len(sample['keypoint'])] = out.get('joint_drop_kept', True)
        kept.append(torch.from_numpy(drop))
        padded.append(pad(decoded))
    batch = raw_batch(padded)
    pipeline = BatchPipeline(tail)
    draws = [torch.tensor(flips) if step['type'] == 'KeypointFlip' else
             torch.stack(matrices) if step['type'] == 'RandomKeypointAffine' else
             torch.stack(kept) if step['type'] == 'RandomJointDrop' else None for step in tail]
    return torch.stack(per_sample), pipeline(**batch, draws=draws), flips


def training_steps(layout, mode='skeleton', feats=ALL_FEATS, with_score=True):
    return [dict(type='KeypointFlip', flip_ratio=0.5, layout=layout),
            dict(type='KeypointNormalize', mode=mode, layout=layout),
            dict(type='RandomKeypointAffine', angle=0.3, scale=0.3, p=0.7),
            dict(type='RandomJointDrop', p=0.3),
            dict(type='PackRawKeypoint', num_person=2, feats=feats, with_score=with_score, layout=layout)]


def scoring_steps(layout, mode='skeleton', with_score=True):
    return [dict(type='KeypointNormalize', mode=mode, layout=layout),
            dict(type='PackRawKeypoint', num_person=2, feats=ALL_FEATS, with_score=with_score, double=True,
                 layout=layout)]


@pytest.mark.every_stack
@pytest.mark.parametrize('persons', [1, 2, 3])
@pytest.mark.parametrize('mode', ['skeleton', 'box', 'image'])
def test_batched_training_steps_equal_per_sample_2d(persons, mode):
    expected, actual, flips = run_both(make_samples(8, 2, persons), training_steps('coco', mode))
    assert 0 < sum(flips) < len(flips)  # both branches of the flip are compared
    assert actual.shape == (8, 1, 2 * 4 + 1, 8, 17, 2)
    torch.testing.assert_close(actual, expected)


@pytest.mark.every_stack
@pytest.mark.parametrize('persons', [1, 2])
def test_batched_training_steps_equal_per_sample_3d(persons):
    expected, actual, flips = run_both(make_samples(8, 3, persons), training_steps('nturgb+d', with_score=False))
    assert 0 < sum(flips) < len(flips)
    assert actual.shape == (8, 1, 3 * 4, 8, 25, 2)
    torch.testing.assert_close(actual, expected)


@pytest.mark.parametrize('align', ['yaw', 'body', 'level'])
def test_batched_3d_tilt_and_body_frame_equal_per_sample(align):
    steps = training_steps('nturgb+d', with_score=False)
    steps[1]['align'] = align
    steps[2]['tilt'] = 1.0
    expected, actual, _ = run_both(make_samples(6, 3, 2), steps)
    torch.testing.assert_close(actual, expected)
    scoring = scoring_steps('nturgb+d', with_score=False)
    scoring[0]['align'] = align
    expected, actual, _ = run_both(make_samples(4, 3, 1), scoring, num_clips=3, test_mode=True)
    torch.testing.assert_close(actual, expected)


def test_batched_distance_feature_equals_per_sample():
    steps = training_steps('nturgb+d', feats=('distance', 'joint'), with_score=False)
    expected, actual, _ = run_both(make_samples(6, 3, 2), steps)
    assert actual.shape == (6, 1, 25 + 3, 8, 25, 2)
    torch.testing.assert_close(actual, expected)


@pytest.mark.parametrize('dims,persons', [(2, 1), (2, 3), (3, 2)])
def test_batched_test_steps_equal_per_sample(dims, persons):
    layout = 'coco' if dims == 2 else 'nturgb+d'
    expected, actual, _ = run_both(make_samples(5, dims, persons), scoring_steps(layout, with_score=dims == 2),
                                   num_clips=3, test_mode=True)
    assert actual.shape[1] == 6  # 3 clips and their mirrored copies
    torch.testing.assert_close(actual, expected)


def test_flip_off_and_always():
    samples = make_samples(4, 2, 2)
    for ratio in (0., 1.):
        tail = training_steps('coco')
        tail[0]['flip_ratio'] = ratio
        expected, actual, flips = run_both(samples, tail)
        assert flips == [bool(ratio)] * 4
        torch.testing.assert_close(actual, expected)


def test_drawn_batches_follow_the_draw_distribution():
    """Without given draws the pipeline draws its own: flips at the ratio, affine matrices of the per-sample form."""
    torch.manual_seed(0)
    pipeline = BatchPipeline(training_steps('coco'))
    draws = pipeline.draw((4000, 2, 8, 17, 2), torch.device('cpu'))
    assert abs(draws[0].float().mean().item() - 0.5) < 0.03
    assert abs(draws[3].float().mean().item() - 0.7) < 0.01 and draws[3].shape == (4000, 2, 1, 17)  # p = 0.3
    matrices = draws[2]
    identity = (matrices == torch.eye(2)).all(-1).all(-1)
    assert abs(identity.float().mean().item() - 0.3) < 0.03  # p = 0.7
    scale = torch.linalg.vector_norm(matrices[~identity], dim=-1)  # rows: rotation scaled per output axis
    assert scale.min() >= 0.7 - 1e-6 and scale.max() <= 1.3 + 1e-6
    prefix = Compose([dict(type='KeypointSampleFrames', clip_len=8), dict(type='PoseDecode')])
    batch = raw_batch([PadKeypointPersons()(prefix(s)) for s in make_samples(3, 2, 1)])
    assert torch.isfinite(pipeline(**batch)).all()


def test_device_pipeline_config_equals_per_sample_config(root):
    """The config switch: the test split of raw_kp/synthetic.py packed by the model equals the per-sample pipeline's
    output (deterministic, no draws), and the training split trains through the recognizer."""
    per_sample = load_config(f'{root}/configs/raw_kp/synthetic.py')
    batched = load_config(f'{root}/configs/raw_kp/synthetic.py', dict(device_pipeline=True))
    assert [s['type'] for s in batched.data.test.pipeline][-3:] == ['PadKeypointPersons', 'Collect', 'ToTensor']
    assert batched.data.val.pipeline == per_sample.data.val.pipeline  # validation stays per-sample
    assert apply_settings(copy.deepcopy(batched)).pretty_text == batched.pretty_text  # a dumped config reloads as is
    samples = make_samples(3, 2, 2)
    expected = collate([Compose(per_sample.data.test.pipeline)(copy.deepcopy(s)) for s in samples],
                       samples_per_gpu=3)['keypoint']
    raw = collate([Compose(batched.data.test.pipeline)(copy.deepcopy(s)) for s in samples], samples_per_gpu=3)
    model = build_model(batched.model)
    packed = model.pack(raw['keypoint'], raw['keypoint_score'], raw['img_shape'], raw['num_clips'], 'test')
    torch.testing.assert_close(packed, expected)
    model.eval()
    np.testing.assert_allclose(model(return_loss=False, **raw), model(return_loss=False, keypoint=expected),
                               rtol=1e-5, atol=1e-6)
    # inference_recognizer runs the reduced test pipeline and the model's batched steps.
    inferred = [init_recognizer(cfg, device='cpu') for cfg in (batched, per_sample)]
    inferred[1].load_state_dict(inferred[0].state_dict())
    got, want = (inference_recognizer(m, samples[0]) for m in inferred)
    assert [label for label, _, _ in got] == [label for label, _, _ in want]
    np.testing.assert_allclose([p for _, _, p in got], [p for _, _, p in want], rtol=1e-5)
    model.train()
    train = collate([Compose(batched.data.train.dataset.pipeline)(copy.deepcopy(s)) for s in samples],
                    samples_per_gpu=3)
    losses = model(return_loss=True, **train)
    assert torch.isfinite(losses['loss_cls'])


def test_steps_without_a_batched_form_are_errors():
    pipeline = [dict(type='KeypointSampleFrames', clip_len=8), dict(type='PoseDecode'),
                dict(type='KeypointNormalize'), dict(type='GrayscaleRender'), dict(type='PackRawKeypoint'),
                dict(type='Collect', keys=['keypoint', 'label'], meta_keys=[]),
                dict(type='ToTensor', keys=['keypoint'])]
    with pytest.raises(ValueError, match=r'data.train.pipeline.3 \(GrayscaleRender\) has no batched form'):
        split_device_pipeline(pipeline, 'data.train.pipeline')
    with pytest.raises(ValueError, match='must end with PackRawKeypoint'):
        split_device_pipeline(pipeline[:3] + pipeline[5:], 'data.train.pipeline')
    with pytest.raises(ValueError, match=r'step 1 \(Flip\) has no batched form'):
        BatchPipeline([dict(type='KeypointNormalize'), dict(type='Flip'), dict(type='PackRawKeypoint')])
    per_sample, steps = split_device_pipeline(pipeline[:3] + pipeline[4:], 'data.train.pipeline', max_person=4)
    assert [s['type'] for s in steps] == ['KeypointNormalize', 'PackRawKeypoint']
    assert per_sample[2] == dict(type='PadKeypointPersons', num_person=4)


def test_more_persons_than_padded_is_an_error():
    sample = make_samples(1, 2, 3)[0]
    with pytest.raises(ValueError, match=r"'sample_0' holds 3 persons, more than PadKeypointPersons\(num_person=2\)"):
        PadKeypointPersons(num_person=2)(sample)


def test_raw_batch_without_batch_pipeline_is_an_error():
    cfg = load_config(f'{ROOT}/configs/raw_kp/synthetic.py')
    model = build_model(cfg.model)
    with pytest.raises(ValueError, match=r"needs batch_pipeline\['train'\]"):
        model(keypoint=torch.zeros(1, 2, 8, 17, 2), keypoint_score=torch.ones(1, 2, 8, 17),
              img_shape=torch.ones(1, 2), num_clips=torch.ones(1, 1), label=torch.zeros(1, 1))



def test_autocast_leaves_the_pipeline_in_float32():
    """Mixed precision wraps the model's steps in autocast; the batched pipeline keeps the per-sample precision."""
    prefix = Compose([dict(type='KeypointSampleFrames', clip_len=8, test_mode=True), dict(type='PoseDecode')])
    batch = raw_batch([PadKeypointPersons()(prefix(s)) for s in make_samples(3, 2, 2)])
    pipeline = BatchPipeline(training_steps('coco'))
    draws = pipeline.draw(batch['keypoint'].shape, torch.device('cpu'))
    expected = pipeline(**batch, draws=draws)
    with torch.autocast('cpu', dtype=torch.bfloat16):
        packed = pipeline(**batch, draws=draws)
    assert packed.dtype == torch.float32
    torch.testing.assert_close(packed, expected, rtol=0, atol=0)


def test_missing_img_shape_fails_only_where_needed():
    """As per sample: a 2D sample without img_shape normalizes by skeleton, but cannot be flipped."""
    sample = make_samples(1, 2, 1)[0]
    del sample['img_shape']
    prefix = Compose([dict(type='KeypointSampleFrames', clip_len=8, test_mode=True), dict(type='PoseDecode')])
    batch = raw_batch([PadKeypointPersons()(prefix(sample))])
    assert torch.isfinite(BatchPipeline(scoring_steps('coco'))(**batch)).all()
    flip = BatchPipeline(training_steps('coco'))
    with pytest.raises(ValueError, match="KeypointFlip of 2D keypoints needs every sample's img_shape"):
        flip(**batch, draws=flip.draw(batch['keypoint'].shape, torch.device('cpu')))
