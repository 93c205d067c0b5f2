# The fuzz targets of tests/fuzz/ (tests/fuzz/README.md).
#
# statefun_add_fuzz_target(<name> SOURCES <files...> LIBS <targets...>)
# The target tests/fuzz/<name>/: its LLVMFuzzerTestOneInput compiled once (an object library),
# then linked
#   - always into fuzz_<name>_replay with replay_main.cpp: the test fuzz.<name> (label fuzz)
#     replays tests/fuzz/<name>/corpus and tests/fuzz/<name>/crashes (when present), with any
#     compiler;
#   - with STATEFUN_FUZZ (clang) into the libFuzzer binary fuzz_<name> (-fsanitize=fuzzer),
#     which the target `fuzzers` builds and scripts/fuzz runs.
# Coverage needs the code under test compiled with -fsanitize=fuzzer-no-link: the asan preset
# puts it in CMAKE_CXX_FLAGS, so every library of that build is instrumented.
if(STATEFUN_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "STATEFUN_FUZZ needs clang and libFuzzer: use the asan preset")
  endif()
  if(NOT CMAKE_CXX_FLAGS MATCHES "fuzzer-no-link")
    message(WARNING "STATEFUN_FUZZ without -fsanitize=fuzzer-no-link in CMAKE_CXX_FLAGS: the "
                    "libraries carry no coverage instrumentation and libFuzzer searches blind")
  endif()
  if(NOT TARGET fuzzers)
    add_custom_target(fuzzers)
  endif()
endif()

function(statefun_add_fuzz_target name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
  set(input fuzz_${name}_input)
  add_library(${input} OBJECT ${ARG_SOURCES})
  target_link_libraries(${input} PUBLIC ${ARG_LIBS})
  statefun_set_warnings(${input})

  add_executable(fuzz_${name}_replay)
  target_link_libraries(fuzz_${name}_replay PRIVATE ${input} statefun_fuzz_replay_main)
  set(dir ${CMAKE_CURRENT_SOURCE_DIR}/${name})
  # Git keeps no empty directory: a target that never crashed has no crashes/ in a clone, and
  # the replay refuses a path that does not exist (it catches typos). Configure again when the
  # target's directory changes, so the first crash input committed is replayed.
  set(inputs ${dir}/corpus)
  if(EXISTS ${dir}/crashes)
    list(APPEND inputs ${dir}/crashes)
  endif()
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${dir})
  add_test(NAME fuzz.${name} COMMAND fuzz_${name}_replay ${inputs})
  set_tests_properties(fuzz.${name} PROPERTIES LABELS fuzz TIMEOUT 300)

  if(STATEFUN_FUZZ)
    add_executable(fuzz_${name})
    target_link_libraries(fuzz_${name} PRIVATE ${input})
    target_link_options(fuzz_${name} PRIVATE -fsanitize=fuzzer)
    add_dependencies(fuzzers fuzz_${name})
  endif()
endfunction()
