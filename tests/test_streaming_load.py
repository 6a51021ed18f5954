"""Many StreamingRecognizers at once, one thread each, over one small model: every stream's predictions equal the
offline predictions on the same windows, and a malformed frame in one stream is refused there (a clear error)
while every other stream goes on untouched. The throughput, latency and memory over a long run are
tools/stream_benchmark.py's (docs/benchmark.md)."""
import numpy as np
import pytest
import torch

from keypoint_plugin.apis import StreamingRecognizer, inference_recognizer, init_recognizer
from keypoint_plugin.apis.streaming import replay_streams
from keypoint_plugin.config_utils import dataset_config, family_config_path, load_config
from keypoint_plugin.data import make_synthetic_dataset
from keypoint_plugin.host import build_model
from keypoint_plugin.pipelines.sample import SAMPLERS

# Both host families: they also run on the MMAction2 1.x stack (tools/run_tests.sh).
pytestmark = pytest.mark.mmaction1x

NUM_STREAMS = 32
WINDOW, STRIDE, FRAMES = 16, 8, 40
IMG_SHAPE = (480, 640)


@pytest.fixture(scope='module')
def model(tmp_path_factory):
    """The raw-keypoint synthetic config, narrowed and on two test clips, from a checkpoint of its initial
    weights."""
    cfg = load_config(family_config_path('raw_kp/synthetic.py'))
    cfg.model.backbone.update(embed_channels=16, widths=(16, 24, 32))
    cfg.model.cls_head.in_channels = 32
    for step in dataset_config(cfg, 'test')[1].pipeline:
        if step['type'] in SAMPLERS:
            step['num_clips'] = 2
    torch.manual_seed(0)
    checkpoint = str(tmp_path_factory.mktemp('stream') / 'tiny.pth')
    torch.save(dict(state_dict=build_model(cfg.model).state_dict()), checkpoint)
    return init_recognizer(cfg, checkpoint, device='cpu')


@pytest.fixture(scope='module')
def recordings():
    """32 skeleton streams of 40 frames of two persons (generated clips of the six actions), frame by frame."""
    data = make_synthetic_dataset(num_classes=6, train_per_class=6, test_per_class=0, num_frames=FRAMES,
                                  num_person=2, seed=5, img_shape=IMG_SHAPE)
    samples = data['annotations'][:NUM_STREAMS]
    return [[(sample['keypoint'][:, t], sample['keypoint_score'][:, t]) for t in range(FRAMES)] for sample in samples]


def offline(model, frames, end):
    """The prediction on the window that ends at frame ``end``, from the whole sequence at once."""
    window = frames[end - WINDOW + 1:end + 1]
    num_person = max(1, max(keypoint.shape[0] for keypoint, _ in window))
    keypoint = np.zeros((num_person, WINDOW, 17, 2), np.float32)
    score = np.zeros((num_person, WINDOW, 17), np.float32)
    for t, (kp, sc) in enumerate(window):
        keypoint[:len(kp), t], score[:len(kp), t] = kp, sc
    return inference_recognizer(model, dict(keypoint=keypoint, keypoint_score=score, img_shape=IMG_SHAPE), topk=3)


def test_32_streams_at_once_equal_offline_and_a_bad_frame_stays_in_its_stream(model, recordings):
    bad = [list(frames) for frames in recordings]
    kp, sc = bad[0][10]
    bad[0][10] = (kp[:, :13], sc[:, :13])  # 13 joints where the layout has 17: refused
    bad[1][12] = (np.zeros(0), None)  # not [M, V, C]: refused
    bad[2][20] = (kp, sc[:, :5])  # scores of another shape: refused
    bad[3][14] = (np.full_like(kp, np.nan), sc)  # NaN joints: missing joints, kept
    bad[4][15] = (np.zeros((0, 17, 2), np.float32), np.zeros((0, 17), np.float32))  # nobody in view: kept
    bad[5][16] = (np.full_like(kp, np.inf), np.full_like(sc, np.nan))

    results = replay_streams(model, bad, window=WINDOW, stride=STRIDE, img_shape=IMG_SHAPE, topk=3)

    assert [r['failure'] for r in results] == [None] * NUM_STREAMS
    errors = {index: r['errors'] for index, r in enumerate(results) if r['errors']}
    assert sorted(errors) == [0, 1, 2]
    assert errors[0][0][0] == 10 and 'stream 0, frame 10' in errors[0][0][1] and 'V=17 joints' in errors[0][0][1]
    assert errors[1][0][0] == 12 and 'stream 1, frame 12' in errors[1][0][1] and '[M, V, C]' in errors[1][0][1]
    assert errors[2][0][0] == 20 and 'keypoint_score has shape (2, 5)' in errors[2][0][1]
    for index, result in enumerate(results):
        # A refused frame is as if it had not come: the stream's frames are the recording without it.
        frames = [frame for t, frame in enumerate(bad[index]) if t not in {t for t, _ in result['errors']}]
        ends = list(range(WINDOW - 1, len(frames), STRIDE))
        assert len(result['predictions']) == len(ends), index
        for (_, topk, _), end in zip(result['predictions'], ends):
            expected = offline(model, frames, end)
            assert [label for label, _, _ in topk] == [label for label, _, _ in expected], (index, end)
            np.testing.assert_allclose([s for _, _, s in topk], [s for _, _, s in expected], rtol=1e-5)
    # The NaN frame counts as a frame of missing joints, the empty one as a frame without anyone.
    assert all(len(topk) == 3 for r in results for _, topk, _ in r['predictions'])


def test_a_refused_frame_names_the_stream_and_leaves_it_usable(model, recordings):
    stream = StreamingRecognizer(model, window=WINDOW, stride=STRIDE, img_shape=IMG_SHAPE, name='camera 7')
    keypoint, score = recordings[0][0]
    with pytest.raises(ValueError, match=r'camera 7, frame 0: keypoint has shape \(2, 17, 3\)'):
        stream.push(np.zeros((2, 17, 3)), score)
    with pytest.raises(ValueError, match='camera 7, frame 0: keypoint and keypoint_score must be numeric'):
        stream.push([[['a', 'b']]], None)
    assert stream.seen == 0 and not stream.frames
    outputs = [stream.push(*frame) for frame in recordings[0][:WINDOW]]
    assert outputs[-1]['frame'] == WINDOW - 1 and len(outputs[-1]['topk']) == 5
