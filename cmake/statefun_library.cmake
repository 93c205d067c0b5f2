# statefun_add_library(<name> [STATIC] [INTERNAL] [PRIVATE_SRC] SOURCES <files...>)
# One library of the project: the target statefun_<name>, its alias statefun::<name> and export
# name <name>, C++20, its include/ directory public, the project's warnings.
#   STATIC       always a static library (otherwise BUILD_SHARED_LIBS decides)
#   INTERNAL     static and position-independent (the shared SDK links it); its headers serve
#                the build tree only: not installed, not for use outside this project
#   PRIVATE_SRC  its src/ directory on its own include path, for the headers beside the sources
function(statefun_add_library name)
  cmake_parse_arguments(ARG "STATIC;INTERNAL;PRIVATE_SRC" "" "SOURCES" ${ARGN})
  set(target statefun_${name})
  if(ARG_STATIC OR ARG_INTERNAL)
    add_library(${target} STATIC ${ARG_SOURCES})
  else()
    add_library(${target} ${ARG_SOURCES})
  endif()
  add_library(statefun::${name} ALIAS ${target})
  set_target_properties(${target} PROPERTIES EXPORT_NAME ${name})
  target_compile_features(${target} PUBLIC cxx_std_20)
  set(include_dir ${CMAKE_CURRENT_SOURCE_DIR}/include)
  if(ARG_INTERNAL)
    set_target_properties(${target} PROPERTIES POSITION_INDEPENDENT_CODE ON)
    target_include_directories(${target} PUBLIC $<BUILD_INTERFACE:${include_dir}>)
  else()
    target_include_directories(${target}
      PUBLIC $<BUILD_INTERFACE:${include_dir}> $<INSTALL_INTERFACE:include>)
  endif()
  if(ARG_PRIVATE_SRC)
    target_include_directories(${target} PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
  endif()
  statefun_set_warnings(${target})
endfunction()
