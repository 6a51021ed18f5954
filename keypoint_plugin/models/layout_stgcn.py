"""The host's ST-GCN backbone on a plugin joint layout."""
from ..host import BACKBONES, layout_graph
from ..layouts import LAYOUT_HINT, get_layout


@BACKBONES.register_module()
class LayoutSTGCN(BACKBONES.get('STGCN')):
    """The host's own ``STGCN`` (pyskl: ST-GCN / ST-GCN++ by its arguments; MMAction2 0.x: ST-GCN; MMAction2 1.x:
    ST-GCN / ST-GCN++), its graph built from a plugin ``layout`` in place of a skeleton name the host knows.

    The layout's limbs (each joint to its parent) are the graph's inward edges and its root is the graph's center;
    the host computes the adjacency from them (``graph_cfg``'s ``mode`` / ``strategy``). Only the graph is
    supplied: layers, initialization and forward are the host's (:func:`keypoint_plugin.host.layout_graph`); the
    forward first checks the input's joint count against the layout, which the host's layers would only meet as a
    shape error deep inside (its first BatchNorm's size).

    Args:
        layout (str | dict | Layout): Joint layout (a name in ``keypoint_plugin.layouts`` or a dict; the configs
            give it once, as their top-level ``layout``). Default: ``'coco'``.
        graph_cfg (dict): The host's graph arguments; its ``layout`` entry, if any, is replaced. Default:
            ``dict(mode='spatial')`` (pyskl / MMAction2 1.x); MMAction2 0.x's configs give ``strategy``.
        **kwargs: The host ``STGCN``'s other arguments.
    """

    def __init__(self, layout='coco', graph_cfg=None, **kwargs):
        self.layout = get_layout(layout)
        graph_cfg = dict(mode='spatial') if graph_cfg is None else dict(graph_cfg)
        with layout_graph(type(self), self.layout, graph_cfg) as host_graph_cfg:
            super().__init__(graph_cfg=host_graph_cfg, **kwargs)

    def forward(self, x):
        # Every host's STGCN input has the joints on axis 3: [N, M, T, V, C] (pyskl, MMAction2 1.x) or
        # [N, C, T, V, M] (MMAction2 0.x).
        if x.shape[3] != self.layout.num_joints:
            raise ValueError(f'LayoutSTGCN: the input {tuple(x.shape)} has {x.shape[3]} joints but its layout '
                             f'{self.layout.name!r} has {self.layout.num_joints}{LAYOUT_HINT}')
        return super().forward(x)
