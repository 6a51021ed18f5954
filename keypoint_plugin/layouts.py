"""Joint layouts: joint count, skeleton tree, left/right pairs and reference joints per skeleton format.

A layout is looked up by name (``'coco'`` for COCO-17 2D keypoints, ``'nturgb+d'`` for NTU RGB+D's 25 Kinect
v2 joints, ``'kinect_v1'`` for the 20 joints of Kinect v1 datasets such as NW-UCLA) or passed as a dict with the
same fields, so any skeleton format can be used.
"""
from dataclasses import dataclass
from typing import Sequence, Tuple


@dataclass(frozen=True)
class Layout:
    """A skeleton format.

    Args:
        name (str): Layout name.
        parents (tuple[int]): Parent joint of each joint; the root is its own parent. Bones are
            ``(joint, parent)`` pairs and limbs are the bones without the root's self-loop.
        left (tuple[int]): Left joints, swapped with ``right`` by a horizontal flip.
        right (tuple[int]): Right joints, in the order matching ``left``.
        center (tuple[int]): Joints whose mean is the body center (the hips by default).
        upper (tuple[int]): Joints whose mean, with ``center``'s, spans the torso (the shoulders).
    """
    name: str
    parents: Tuple[int, ...]
    left: Tuple[int, ...]
    right: Tuple[int, ...]
    center: Tuple[int, ...]
    upper: Tuple[int, ...]

    @property
    def num_joints(self):
        return len(self.parents)

    @property
    def bones(self):
        """``(joint, parent)`` for every joint; the root's bone is a zero vector."""
        return tuple(enumerate(self.parents))

    @property
    def limbs(self):
        """Drawable ``(joint, parent)`` segments."""
        return tuple((j, p) for j, p in enumerate(self.parents) if j != p)

    @property
    def graph(self):
        """The skeleton as MMAction2 1.x's ``Graph`` takes a custom layout: ``num_node``, ``inward`` (the limbs,
        each pointing from a joint to its parent) and ``center`` (the root: the first joint that is its own
        parent). What the hosts' graph networks read from a layout, for any layout."""
        root = next((j for j, p in enumerate(self.parents) if j == p), None)
        if root is None:
            raise ValueError(f'layout {self.name!r}: parents has no root (a joint that is its own parent), which '
                             'a graph network needs as its center')
        return dict(num_node=self.num_joints, inward=[list(limb) for limb in self.limbs], center=root)

    @property
    def flip_index(self):
        """Index array mapping each joint to its mirror joint."""
        index = list(range(self.num_joints))
        for a, b in zip(self.left, self.right):
            index[a], index[b] = b, a
        return tuple(index)

    def __post_init__(self):
        n = len(self.parents)
        for field in ('parents', 'left', 'right', 'center', 'upper'):
            bad = [j for j in getattr(self, field) if not 0 <= j < n]
            if bad:
                raise ValueError(f'layout {self.name!r}: {field} has joint indices {bad} out of range '
                                 f'for {n} joints')
        if len(self.left) != len(self.right):
            raise ValueError(f'layout {self.name!r}: {len(self.left)} left joints but '
                             f'{len(self.right)} right joints')


LAYOUTS = {
    # COCO-17: nose, eyes, ears, shoulders, elbows, wrists, hips, knees, ankles (left before right).
    'coco': Layout(
        name='coco',
        parents=(0, 0, 0, 1, 2, 0, 0, 5, 6, 7, 8, 5, 6, 11, 12, 13, 14),
        left=(1, 3, 5, 7, 9, 11, 13, 15),
        right=(2, 4, 6, 8, 10, 12, 14, 16),
        center=(11, 12),
        upper=(5, 6)),
    # NTU RGB+D (Kinect v2, 25 joints), rooted at the spine joint between the shoulders (index 20).
    'nturgb+d': Layout(
        name='nturgb+d',
        parents=(1, 20, 20, 2, 20, 4, 5, 6, 20, 8, 9, 10, 0, 12, 13, 14, 0, 16, 17, 18, 20, 22, 7, 24, 11),
        left=(4, 5, 6, 7, 12, 13, 14, 15, 21, 22),
        right=(8, 9, 10, 11, 16, 17, 18, 19, 23, 24),
        center=(12, 16),
        upper=(4, 8)),
    # Kinect v1 (20 joints; NW-UCLA, MSR Action3D, UTKinect): hip centre, spine, shoulder centre, head, left
    # arm, right arm, left leg, right leg (shoulder/hip, elbow/knee, wrist/ankle, hand/foot), rooted at the hip centre.
    'kinect_v1': Layout(
        name='kinect_v1',
        parents=(0, 0, 1, 2, 2, 4, 5, 6, 2, 8, 9, 10, 0, 12, 13, 14, 0, 16, 17, 18),
        left=(4, 5, 6, 7, 12, 13, 14, 15),
        right=(8, 9, 10, 11, 16, 17, 18, 19),
        center=(12, 16),
        upper=(4, 8)),
}


# Appended to joint-count errors: a config's top-level ``layout`` reaches the steps and the model only through the
# plugin's loading (config_utils.load_config); the hosts' own tools read a config as it is.
LAYOUT_HINT = ("; a config's top-level `layout` is spread to the steps and the model by the plugin's tools: for the "
               "hosts' own tools write the config out first (python tools/print_config.py CONFIG --out FILE)")


def get_layout(layout):
    """Return a :class:`Layout` from a name, ``dict(name=<name>)``, a dict of its fields, or a Layout.

    Raises:
        KeyError: for an unknown layout name (the message lists the known ones).
    """
    if isinstance(layout, Layout):
        return layout
    if isinstance(layout, dict) and set(layout) == {'name'}:
        # Configs write a named layout as dict(name=...), so that a child config's custom dict merges over it.
        layout = layout['name']
    elif isinstance(layout, dict):
        fields = dict(layout)
        fields.setdefault('name', 'custom')
        return Layout(**{k: tuple(v) if isinstance(v, Sequence) and not isinstance(v, str) else v
                         for k, v in fields.items()})
    if layout not in LAYOUTS:
        raise KeyError(f'unknown joint layout {layout!r}; known: {sorted(LAYOUTS)} (or pass a dict with '
                       'parents, left, right, center, upper)')
    return LAYOUTS[layout]
