# Finds every third-party package from Debian (list: cmake/debian-packages.txt).
find_package(OpenCASCADE CONFIG REQUIRED)
find_package(Qt6 6.4 REQUIRED COMPONENTS Core Gui Qml Widgets Test)
find_package(nlohmann_json 3 REQUIRED)
find_package(spdlog REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(LIB3MF REQUIRED IMPORTED_TARGET lib3MF)
find_package(Threads REQUIRED)

# OCCT's exported flags define OCC_CONVERT_SIGNALS only for RelWithDebInfo; without it
# OCC_CATCH_SIGNALS is empty and kernel faults abort the worker (occt-qt-notes.md §0.4).
add_library(partsmith_occt INTERFACE)
target_include_directories(partsmith_occt SYSTEM INTERFACE ${OpenCASCADE_INCLUDE_DIR})
target_compile_definitions(partsmith_occt INTERFACE OCC_CONVERT_SIGNALS)
target_link_libraries(partsmith_occt INTERFACE
  TKernel TKMath TKG2d TKG3d TKGeomBase TKBRep TKGeomAlgo TKTopAlgo TKPrim TKBO TKBool
  TKFillet TKOffset TKFeat TKShHealing TKMesh TKHLR)
