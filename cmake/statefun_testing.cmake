# statefun_add_test(<name> SOURCES <files...> LIBS <targets...> [LABEL <label>])
# One GoogleTest executable whose tests ctest discovers one by one; LABEL (e.g. slow) lets
# `ctest -L` select or `ctest -LE` skip them (one label: gtest_discover_tests splits lists).
function(statefun_add_test name)
  cmake_parse_arguments(ARG "" "LABEL" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_LIBS} GTest::gmock GTest::gtest_main)
  statefun_set_warnings(${name})
  set(properties TIMEOUT 120)
  if(ARG_LABEL)
    list(APPEND properties LABELS ${ARG_LABEL})
  endif()
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 30 PROPERTIES ${properties})
endfunction()
