// What a 3MF file holds, read back with lib3mf: how many mesh objects and triangles.
#pragma once
#include <string>

#include <catch2/catch.hpp>

#include <Model/COM/NMR_DLLInterfaces.h>

namespace partsmith::app::testing {

struct ThreeMfMeshes {
  int objects = 0;
  int triangles = 0;
};

inline ThreeMfMeshes read3mfMeshes(const std::string& path) {
  NMR::PLib3MFModel* model = nullptr;
  REQUIRE(NMR::lib3mf_createmodel(&model) == LIB3MF_OK);
  NMR::PLib3MFModelReader* reader = nullptr;
  REQUIRE(NMR::lib3mf_model_queryreader(model, "3mf", &reader) == LIB3MF_OK);
  REQUIRE(NMR::lib3mf_reader_readfromfileutf8(reader, path.c_str()) == LIB3MF_OK);
  NMR::PLib3MFModelResourceIterator* meshes = nullptr;
  REQUIRE(NMR::lib3mf_model_getmeshobjects(model, &meshes) == LIB3MF_OK);
  ThreeMfMeshes result;
  BOOL hasNext = false;
  while (NMR::lib3mf_resourceiterator_movenext(meshes, &hasNext) == LIB3MF_OK && hasNext) {
    NMR::PLib3MFBase* resource = nullptr;
    REQUIRE(NMR::lib3mf_resourceiterator_getcurrent(meshes, &resource) == LIB3MF_OK);
    DWORD count = 0;
    REQUIRE(NMR::lib3mf_meshobject_gettrianglecount(resource, &count) == LIB3MF_OK);
    ++result.objects;
    result.triangles += int(count);
    NMR::lib3mf_release(resource);
  }
  NMR::lib3mf_release(meshes);
  NMR::lib3mf_release(reader);
  NMR::lib3mf_release(model);
  return result;
}

}  // namespace partsmith::app::testing
