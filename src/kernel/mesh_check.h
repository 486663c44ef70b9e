// Checks over triangle meshes: what 3MF demands (closed, consistently oriented) and the
// enclosed volume, used by the mesh tests and the 3MF writer.
#pragma once

namespace partsmith::kernel {

struct Mesh;

// True when every undirected edge is used by exactly two triangles that traverse it in
// opposite directions (closed, 2-manifold at edges, consistently oriented) and no triangle
// repeats an index. An empty mesh is not manifold.
bool isManifoldOriented(const Mesh& mesh);

// Signed volume by the divergence theorem: positive when triangles are counter-clockwise
// seen from outside. Only meaningful for a closed mesh.
double meshVolume(const Mesh& mesh);

}  // namespace partsmith::kernel
