"""Classify one skeleton sequence and optionally draw it with the predicted label.

    python tools/demo.py CONFIG CHECKPOINT data/penn_action/penn_action.pkl --index 0 --out demo.gif
    python tools/demo.py CONFIG CHECKPOINT skeleton.npy --img-shape 480 640 [--scores scores.npy]
    python tools/demo.py CONFIG CHECKPOINT skeleton.npy --img-shape 480 640 --video clip.mp4 --out demo.mp4

A ``.npy`` skeleton is ``[M, T, V, C]`` (persons, frames, joints, coordinates), as pyskl stores ``keypoint``.
"""
import argparse
import time

import numpy as np

import keypoint_plugin  # noqa: F401
from keypoint_plugin.apis import StreamingRecognizer, inference_recognizer, init_recognizer, skeleton_sample
from keypoint_plugin.safe_load import add_unsafe_load_argument, load_data_file
from keypoint_plugin.visualization import draw_skeleton_frames, write_animation


def load_sample(args):
    if args.input.endswith('.pkl'):
        data = load_data_file(args.input)
        annotations = data['annotations'] if isinstance(data, dict) else data
        if not 0 <= args.index < len(annotations):
            raise IndexError(f'--index {args.index} is outside the {len(annotations)} samples of {args.input}')
        return annotations[args.index]
    scores = None if args.scores is None else np.load(args.scores)
    return skeleton_sample(np.load(args.input), scores, args.img_shape)


def stream_latency(model, sample, window, stride):
    """Feed ``sample`` frame by frame to a StreamingRecognizer; print each window's label and latency."""
    stream = StreamingRecognizer(model, window=window, stride=stride, img_shape=sample.get('img_shape'), topk=1)
    score = sample.get('keypoint_score')
    latencies = []
    for t in range(sample['keypoint'].shape[1]):
        start = time.perf_counter()
        prediction = stream.push(sample['keypoint'][:, t], None if score is None else score[:, t])
        if prediction is not None:
            latencies.append(1000 * (time.perf_counter() - start))
            print(f'frame {prediction["frame"]:>4}: {prediction["topk"][0][1]} ({prediction["topk"][0][2]:.2f})')
    if latencies:
        print(f'{len(latencies)} windows of {window} frames, median latency {np.median(latencies):.1f} ms per window')


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('config')
    parser.add_argument('checkpoint')
    parser.add_argument('input', help='a pyskl annotation pickle (.pkl) or a skeleton array (.npy)')
    parser.add_argument('--index', type=int, default=0, help='sample of the .pkl to classify')
    parser.add_argument('--scores', help='.npy [M, T, V] joint confidences for a .npy skeleton')
    parser.add_argument('--img-shape', type=int, nargs=2, metavar=('H', 'W'), help='frame size of a 2D .npy')
    parser.add_argument('--topk', type=int, default=5)
    parser.add_argument('--device', default=None, help='cpu or cuda (default: cuda when available)')
    parser.add_argument('--out', help='write an animation (.gif or .mp4) of the skeleton and its label')
    parser.add_argument('--video', help='draw over this video\'s frames (read with decord)')
    parser.add_argument('--fps', type=float, default=15)
    parser.add_argument('--stream', type=int, nargs=2, metavar=('WINDOW', 'STRIDE'),
                        help='also feed the frames one by one to a StreamingRecognizer and report its latency')
    add_unsafe_load_argument(parser)
    args = parser.parse_args()

    sample = load_sample(args)
    model = init_recognizer(args.config, args.checkpoint, device=args.device)
    results = inference_recognizer(model, sample, topk=args.topk)
    for label, name, score in results:
        print(f'{name:<24} (label {label:>3})  {score:.4f}')

    if args.stream:
        stream_latency(model, sample, *args.stream)
    if args.out:
        background = None
        if args.video:
            import decord
            reader = decord.VideoReader(args.video)
            background = reader.get_batch(range(len(reader))).asnumpy()
        frames = draw_skeleton_frames(sample['keypoint'], sample.get('keypoint_score'), sample.get('img_shape'),
                                      text=f'{results[0][1]} ({results[0][2]:.2f})', background=background)
        write_animation(frames, args.out, args.fps)
        print(f'wrote {args.out}')


if __name__ == '__main__':
    main()
