# partsmith_module(NAME [QT] DEPS ...): a static library from every .cpp in the calling
# directory, so adding a source file needs no CMake edit.
function(partsmith_module name)
  cmake_parse_arguments(ARG "" "" "DEPS;PCH" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
  if(NOT sources)  # a module whose first source file is not written yet
    add_library(${name} INTERFACE)
    target_include_directories(${name} INTERFACE ${PROJECT_SOURCE_DIR}/src)
    target_link_libraries(${name} INTERFACE ${ARG_DEPS})
    return()
  endif()
  add_library(${name} STATIC ${sources})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(${name} PUBLIC ${ARG_DEPS})
  partsmith_warnings(${name})
  if(PARTSMITH_USE_PCH AND ARG_PCH)
    target_precompile_headers(${name} PRIVATE ${ARG_PCH})
  endif()
endfunction()

function(partsmith_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wno-unused-parameter -Wno-trigraphs
    # OCCT < 7.7 uses std::iterator (occt-qt-notes.md §0.10)
    -Wno-deprecated-declarations)
endfunction()
