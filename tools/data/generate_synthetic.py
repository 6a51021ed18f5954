"""Generate the synthetic skeleton action dataset as a pyskl annotation pickle.

Example:
    python tools/data/generate_synthetic.py data/synthetic/synthetic_coco.pkl --num-classes 6
"""
import argparse
import time

from keypoint_plugin.data import describe_annotations, dump_annotations, make_synthetic_dataset


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('out', help='output .pkl file')
    parser.add_argument('--num-classes', type=int, default=6,
                        help='actions (2-8; 2-10 with --num-person 2, the last two being interactions)')
    parser.add_argument('--train-per-class', type=int, default=60)
    parser.add_argument('--test-per-class', type=int, default=20)
    parser.add_argument('--min-frames', type=int, default=40)
    parser.add_argument('--max-frames', type=int, default=80)
    parser.add_argument('--num-person', type=int, default=1, choices=(1, 2))
    parser.add_argument('--layout', default='coco', choices=('coco', 'nturgb+d'))
    parser.add_argument('--dim', type=int, default=2, choices=(2, 3),
                        help='2: pixel coordinates with scores; 3: camera coordinates in metres')
    parser.add_argument('--height', type=int, default=480, help='frame height for 2D data')
    parser.add_argument('--width', type=int, default=640, help='frame width for 2D data')
    parser.add_argument('--seed', type=int, default=0)
    return parser.parse_args()


def main():
    args = parse_args()
    start = time.perf_counter()
    data = make_synthetic_dataset(
        num_classes=args.num_classes, train_per_class=args.train_per_class, test_per_class=args.test_per_class,
        num_frames=(args.min_frames, args.max_frames), num_person=args.num_person, seed=args.seed,
        img_shape=(args.height, args.width), layout=args.layout, dim=args.dim)
    dump_annotations(data, args.out)
    print(describe_annotations(data))
    print(f'wrote {args.out} in {time.perf_counter() - start:.1f}s')


if __name__ == '__main__':
    main()
