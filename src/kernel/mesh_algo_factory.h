// The face triangulators BRepMesh uses for our meshes: OCCT's Delabella-based ones, except
// for cylindrical faces whose (u, v) domain is a rectangle (holes, pockets, bosses, shafts,
// rounded corners). Those are ruled along v, so a strip between the two boundary rows is
// exact to the edges' own deflection; BRepMesh's general algorithm inserts and re-triangulates
// interior nodes there, which made cylinders most of the meshing time of a typical part.
// A cylinder that is not such a rectangle (a hole crossing another cylinder, a slanted cut)
// goes to OCCT's algorithm unchanged.
#pragma once
#include <IMeshTools_MeshAlgoFactory.hxx>

namespace partsmith::kernel {

class MeshAlgoFactory : public IMeshTools_MeshAlgoFactory {
 public:
  MeshAlgoFactory();
  Handle(IMeshTools_MeshAlgo)
      GetAlgo(const GeomAbs_SurfaceType surfaceType, const IMeshTools_Parameters& parameters) const override;

  DEFINE_STANDARD_RTTI_INLINE(MeshAlgoFactory, IMeshTools_MeshAlgoFactory)

 private:
  Handle(IMeshTools_MeshAlgoFactory) m_occt;
};

}  // namespace partsmith::kernel
