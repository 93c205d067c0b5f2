# cmake -P script: install this build into a scratch prefix, then configure, build and run each
# consumer project against it (CONSUMERS: their names, folders beside this script). A consumer
# named in NO_YAML must not link yaml-cpp.
cmake_minimum_required(VERSION 3.25)

function(run)
  execute_process(COMMAND ${ARGV} RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT code EQUAL 0)
    message(FATAL_ERROR "failed (${code}): ${ARGV}\n${out}\n${err}")
  endif()
  message("${out}")
  set(last_output "${out}" PARENT_SCOPE)
endfunction()

file(REMOVE_RECURSE ${PREFIX})
run(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${PREFIX})
foreach(consumer IN LISTS CONSUMERS)
  set(build ${CONSUMER_BUILD}/${consumer})
  file(REMOVE_RECURSE ${build})
  run(${CMAKE_COMMAND} -S ${CONSUMER_SOURCE}/${consumer} -B ${build} -G ${GENERATOR}
      -DCMAKE_PREFIX_PATH=${PREFIX} -DCMAKE_CXX_COMPILER=${CXX_COMPILER}
      -DCMAKE_CXX_COMPILER_LAUNCHER=${COMPILER_LAUNCHER}
      -DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_CXX_FLAGS=${CXX_FLAGS}"
      "-DCMAKE_EXE_LINKER_FLAGS=${LINKER_FLAGS}")
  run(${CMAKE_COMMAND} --build ${build})
  run(${build}/${consumer})
  if(consumer IN_LIST NO_YAML)
    run(ldd ${build}/${consumer})
    if(last_output MATCHES "yaml")
      message(FATAL_ERROR "${consumer} links yaml-cpp:\n${last_output}")
    endif()
    message("${consumer} links without yaml-cpp")
  endif()
endforeach()
