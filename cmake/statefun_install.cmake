# Installation: headers, libraries and a CMake package, so that a project can
#   find_package(statefun 0.1 REQUIRED)
#   target_link_libraries(app PRIVATE statefun::sdk)   # or statefun::testkit
include(CMakePackageConfigHelpers)

set(STATEFUN_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/statefun)

install(DIRECTORY sdk/include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
# The internal targets are installed as archives the SDK links, without their headers.
set(statefun_install_targets statefun_sdk statefun_wire statefun_http statefun_text)
if(STATEFUN_BUILD_TOOLS)
  install(DIRECTORY protocol/include/ testkit/include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
  list(APPEND statefun_install_targets statefun_protocol statefun_testkit)
  install(TARGETS sft RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()
install(TARGETS ${statefun_install_targets}
  EXPORT statefun-targets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT statefun-targets NAMESPACE statefun:: DESTINATION ${STATEFUN_INSTALL_CMAKEDIR})

configure_package_config_file(cmake/statefun-config.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/statefun-config.cmake
  INSTALL_DESTINATION ${STATEFUN_INSTALL_CMAKEDIR})
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/statefun-config-version.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/statefun-config.cmake
              ${CMAKE_CURRENT_BINARY_DIR}/statefun-config-version.cmake
  DESTINATION ${STATEFUN_INSTALL_CMAKEDIR})
