"""RawKeypointConv3D and RawKeypointRecognizer: shapes, gradients, learning, the host's train/test paths."""
import numpy as np
import pytest
import torch

from keypoint_plugin.adapters.mmcv1.recognizer import RawKeypointRecognizer
from keypoint_plugin.models import RawKeypointConv3D
from conftest import build_recognizer

SMALL = dict(embed_channels=16, widths=(16, 32), depths=(1, 1), strides=(1, 2))


@pytest.fixture(autouse=True)
def single_thread():
    """These models are tiny: a second intra-op thread only adds synchronisation, and on a busy machine a
    descheduled thread stalls every op, so the tests run single-threaded."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


@pytest.mark.parametrize('in_channels', [2, 3, 5, 7])
@pytest.mark.parametrize('num_joints', [17, 25])
@pytest.mark.parametrize('num_persons', [1, 2])
def test_backbone_output_shape(in_channels, num_joints, num_persons):
    x = torch.randn(3, in_channels, 48, num_joints, num_persons)
    out = RawKeypointConv3D(in_channels=in_channels, num_joints=num_joints)(x)
    # Joints collapsed, persons pooled; temporal strides (1, 2, 2) take 48 frames to 12 for the head to average.
    assert out.shape == (3, 192, 12, 1, 1)
    assert torch.isfinite(out).all()
    out = RawKeypointConv3D(in_channels=in_channels, num_joints=num_joints, temporal_pool='max', motion=False)(x)
    assert out.shape == (3, 192, 1, 1, 1)


def test_backbone_rejects_wrong_input():
    model = RawKeypointConv3D(in_channels=3, num_joints=17)
    with pytest.raises(ValueError, match=r'C\'=3.*V=17.*\[2, 3, 48, 25, 1\]'):
        model(torch.randn(2, 3, 48, 25, 1))
    with pytest.raises(ValueError, match='got \\[2, 3, 48, 17\\]'):
        model(torch.randn(2, 3, 48, 17))
    with pytest.raises(ValueError, match='one entry per stage'):
        RawKeypointConv3D(widths=(8, 16), depths=(1, ), strides=(1, 2))
    with pytest.raises(ValueError, match='person_pool'):
        RawKeypointConv3D(person_pool='sum')
    with pytest.raises(ValueError, match='temporal_pool'):
        RawKeypointConv3D(temporal_pool='mean')
    with pytest.raises(ValueError, match='kernel_size'):
        RawKeypointConv3D(kernel_size=4)


def test_init_is_identity_residual():
    model = RawKeypointConv3D()
    for block in [b for stage in model.stages for b in stage] + list(model.interactions):
        assert torch.all(block.bn2.weight == 0)
    assert torch.all(model.embed_bn.weight == 1) and torch.all(model.embed_bn.bias == 0)


def test_gradient_reaches_every_parameter():
    torch.manual_seed(0)
    model = RawKeypointConv3D(in_channels=5, num_joints=25, **SMALL)
    x = torch.randn(4, 5, 16, 25, 2)
    target = torch.randn(4, 32)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    # The zero-initialised closing BatchNorms block the gradient of their branch's earlier layers for the
    # first step only; after one update every parameter must receive a gradient.
    for _ in range(2):
        optimizer.zero_grad()
        loss = ((model(x).mean(dim=(2, 3, 4)) - target) ** 2).mean()
        loss.backward()
        optimizer.step()
    for name, param in model.named_parameters():
        assert param.grad is not None and torch.isfinite(param.grad).all(), name
        assert param.grad.abs().sum() > 0, name


def test_padded_person_changes_nothing():
    torch.manual_seed(0)
    for pool in ('max', 'mean'):
        model = RawKeypointConv3D(person_pool=pool, **SMALL).eval()
        alone = torch.randn(2, 3, 16, 17, 1)
        padded = torch.cat([alone, torch.zeros_like(alone)], dim=4)
        with torch.no_grad():
            torch.testing.assert_close(model(padded), model(alone))
            # Either slot may be the padded one.
            torch.testing.assert_close(model(padded.flip(4)), model(alone))


def test_no_nan_for_empty_input():
    model = build_recognizer(**SMALL)
    keypoint = torch.zeros(4, 2, 3, 16, 17, 2)
    losses = model(keypoint, torch.tensor([0, 1, 2, 3]), return_loss=True)
    losses['loss_cls'].backward()
    assert torch.isfinite(losses['loss_cls'])
    assert all(torch.isfinite(p.grad).all() for p in model.parameters() if p.grad is not None)
    model.eval()
    scores = model(keypoint=keypoint, return_loss=False)
    assert np.isfinite(scores).all()
    np.testing.assert_allclose(scores.sum(axis=1), 1, rtol=1e-5)


def _data_batch(rng, n, num_classes, num_clips=1, channels=3, frames=16, persons=1):
    keypoint = rng.normal(size=(n, num_clips, channels, frames, 17, persons)).astype(np.float32)
    return dict(keypoint=torch.from_numpy(keypoint), label=torch.from_numpy(rng.integers(0, num_classes, n)))


def test_host_train_step_and_test_path():
    rng = np.random.default_rng(0)
    model = build_recognizer(num_classes=5, dropout=0.5, **SMALL)
    assert isinstance(model, RawKeypointRecognizer)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    for label_shape in [(6, ), (6, 1)]:
        batch = _data_batch(rng, 6, 5, num_clips=2, persons=2)
        batch['label'] = batch['label'].reshape(label_shape)
        outputs = model.train_step(batch, optimizer)
        assert set(outputs) == {'loss', 'log_vars', 'num_samples'}
        assert outputs['num_samples'] == 6 and outputs['loss'].requires_grad
        assert 'loss_cls' in outputs['log_vars'] and np.isfinite(outputs['log_vars']['loss'])
        outputs['loss'].backward()
    with torch.no_grad():
        assert model.val_step(batch, optimizer)['num_samples'] == 6
    model.eval()
    with torch.no_grad():
        scores = model(keypoint=batch['keypoint'], label=batch['label'], return_loss=False)
    assert isinstance(scores, np.ndarray) and scores.shape == (6, 5)
    with pytest.raises(ValueError, match='label'):
        model(batch['keypoint'])
    with pytest.raises(ValueError, match='one class index per sample'):
        model(batch['keypoint'], torch.zeros(6, 2, dtype=torch.long))
    with pytest.raises(ValueError, match=r'\[N, num_clips'):
        model(keypoint=batch['keypoint'][:, 0], return_loss=False)


def test_training_repeats_labels_over_clips():
    """With two clips per sample, the loss must equal the loss of the clips fed as separate samples."""
    rng = np.random.default_rng(1)
    model = build_recognizer(num_classes=3, **SMALL).eval()
    batch = _data_batch(rng, 4, 3, num_clips=2)
    flat = dict(keypoint=batch['keypoint'].reshape(8, 1, *batch['keypoint'].shape[2:]),
                label=batch['label'].repeat_interleave(2))
    with torch.no_grad():
        torch.testing.assert_close(model(**batch)['loss_cls'], model(**flat)['loss_cls'])


@pytest.mark.parametrize('average_clips', ['prob', 'score', None])
@pytest.mark.parametrize('max_testing_views', [None, 1, 3, 4])
def test_average_clips_and_chunking(average_clips, max_testing_views):
    torch.manual_seed(0)
    test_cfg = dict(average_clips=average_clips)
    if max_testing_views is not None:
        test_cfg['max_testing_views'] = max_testing_views
    model = build_recognizer(num_classes=6, test_cfg=test_cfg, **SMALL).eval()
    keypoint = torch.from_numpy(np.random.default_rng(2).normal(size=(2, 5, 3, 16, 17, 2)).astype(np.float32))
    with torch.no_grad():
        scores = model(keypoint=keypoint, return_loss=False)
        clip_scores = model.forward_dummy(keypoint)[0].numpy().reshape(2, 5, 6)
    if average_clips is None:
        expected = clip_scores.reshape(10, 6)
    elif average_clips == 'score':
        expected = clip_scores.mean(axis=1)
    else:
        exp = np.exp(clip_scores - clip_scores.max(axis=2, keepdims=True))
        expected = (exp / exp.sum(axis=2, keepdims=True)).mean(axis=1)
    np.testing.assert_allclose(scores, expected, rtol=1e-5, atol=1e-6)


def test_bad_average_clips():
    with pytest.raises(ValueError, match="average_clips.*'mean'"):
        build_recognizer(test_cfg=dict(average_clips='mean'), **SMALL)


def test_tiny_overfit():
    torch.manual_seed(0)
    rng = np.random.default_rng(3)
    batch = _data_batch(rng, 8, 4, channels=3, frames=16)
    batch['label'] = torch.tensor([0, 1, 2, 3, 0, 1, 2, 3])
    model = build_recognizer(num_classes=4, **SMALL)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
    for _ in range(60):
        optimizer.zero_grad()
        model.train_step(batch, optimizer)['loss'].backward()
        optimizer.step()
    model.eval()
    with torch.no_grad():
        predictions = model(keypoint=batch['keypoint'], return_loss=False).argmax(axis=1)
    np.testing.assert_array_equal(predictions, batch['label'].numpy())


def motion_only_dataset(rng, num, periodic=False, frames=32, num_joints=17):
    """Four classes whose frames are identically distributed; only the order of the frames tells them apart.

    Class 0: the body drifts sideways. Class 2: the wrists rise (``periodic``: rise slowly and snap back down,
    one to three times, a sawtooth). Classes 1 and 3 are the same sequences played backwards, so every static
    frame of class 1 (3) is also a frame of class 0 (2). Input is [num, 1, 3, frames, num_joints, 1]: x, y and
    a score of 1.
    """
    kind = rng.integers(0, 2, num)
    backwards = rng.integers(0, 2, num)
    pose = rng.normal(scale=0.5, size=(num, 1, num_joints, 2))
    time = np.linspace(0, 1, frames)[None, :, None]
    drift = rng.uniform(0.5, 1.5, (num, 1, 1)) * (time - 0.5)
    if periodic:
        cycles = rng.uniform(1.5, 3.0, (num, 1, 1))
        rise = (time * cycles + rng.uniform(0, 1, (num, 1, 1))) % 1.0
    else:
        rise = time
    rise = rng.uniform(0.3, 0.6, (num, 1, 1)) * rise
    motion = np.zeros((num, frames, num_joints, 2))
    motion[..., 0] = np.where(kind[:, None, None] == 0, drift, 0)
    motion[:, :, 9:11, 1] = np.where(kind[:, None, None] == 1, rise, 0)
    seq = pose + motion + rng.normal(scale=0.02, size=motion.shape)
    seq = np.where(backwards[:, None, None, None] == 1, seq[:, ::-1], seq)
    keypoint = np.concatenate([seq, np.ones_like(seq[..., :1])], axis=-1)
    keypoint = keypoint.transpose(0, 3, 1, 2)[:, None, ..., None].astype(np.float32)
    return torch.from_numpy(np.ascontiguousarray(keypoint)), torch.from_numpy(2 * kind + backwards)


def _train_and_test(model, periodic, epochs):
    rng = np.random.default_rng(4)
    train_x, train_y = motion_only_dataset(rng, 512, periodic)
    test_x, test_y = motion_only_dataset(rng, 256, periodic)
    optimizer = torch.optim.Adam(model.parameters(), lr=3e-3)
    for _ in range(epochs):
        for idx in torch.randperm(len(train_y)).split(32):
            optimizer.zero_grad()
            model.train_step(dict(keypoint=train_x[idx], label=train_y[idx]), optimizer)['loss'].backward()
            optimizer.step()
    model.eval()
    with torch.no_grad():
        return (model(keypoint=test_x, return_loss=False).argmax(axis=1) == test_y.numpy()).mean()


def test_learns_classes_that_differ_only_in_motion():
    torch.manual_seed(0)
    model = build_recognizer(num_classes=4, embed_channels=32, widths=(32, 64), depths=(1, 1), strides=(1, 2))
    assert _train_and_test(model, periodic=False, epochs=6) >= 0.97


def test_max_over_time_learns_direction_of_periodic_motion():
    """A sawtooth and its reverse rise and fall by the same amounts, so time-averaged rectified features barely
    tell them apart; the max over time keeps the sharp snap that gives the direction away."""
    torch.manual_seed(0)
    model = build_recognizer(num_classes=4, embed_channels=32, widths=(32, 64), depths=(1, 1), strides=(1, 2),
                             temporal_pool='max')
    assert _train_and_test(model, periodic=True, epochs=12) >= 0.97


def test_export_jit_trace_and_onnx(tmp_path):
    onnx = pytest.importorskip('onnx')
    ort = pytest.importorskip('onnxruntime')
    torch.manual_seed(0)
    model = RawKeypointConv3D(in_channels=5, num_joints=17).eval()
    x = torch.randn(2, 5, 48, 17, 2)
    x[1, ..., 1] = 0  # an empty person slot
    with torch.no_grad():
        expected = model(x)
        traced = torch.jit.trace(model, x)
        torch.testing.assert_close(traced(x), expected)

        path = str(tmp_path / 'raw_keypoint_conv3d.onnx')
        torch.onnx.export(model, (x, ), path, opset_version=17, input_names=['keypoint'], output_names=['feature'],
                          dynamic_axes=dict(keypoint={0: 'batch'}, feature={0: 'batch'}), dynamo=False)
    onnx.checker.check_model(onnx.load(path))
    session = ort.InferenceSession(path, providers=['CPUExecutionProvider'])
    x3 = torch.randn(3, 5, 48, 17, 2)
    for inputs in (x, x3):
        with torch.no_grad():
            reference = model(inputs).numpy()
        (output, ) = session.run(None, dict(keypoint=inputs.numpy()))
        np.testing.assert_allclose(output, reference, rtol=1e-4, atol=1e-5)
