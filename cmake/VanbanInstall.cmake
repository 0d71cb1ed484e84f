# `cmake --install build --prefix P`: bin/vanban, share/vanban (rule packs and models, staged by
# VanbanData.cmake), the public headers, the stage libraries, and a CMake package
# (find_package(vanban) -> vanban::vanban) and a pkg-config file (vanban.pc) for programs that use
# vanban as a library.
include(CMakePackageConfigHelpers)

install(TARGETS ${VANBAN_LIBRARY_TARGETS} vanban_builtin_extractors
        EXPORT vanbanTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/core/include/vanban ${PROJECT_SOURCE_DIR}/plugins/include/vanban
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT vanbanTargets NAMESPACE vanban:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/vanban)
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/vanbanConfig.cmake.in
                              ${CMAKE_BINARY_DIR}/vanbanConfig.cmake
                              INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/vanban)
write_basic_package_version_file(${CMAKE_BINARY_DIR}/vanbanConfigVersion.cmake COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_BINARY_DIR}/vanbanConfig.cmake ${CMAKE_BINARY_DIR}/vanbanConfigVersion.cmake
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/vanban)

# pkg-config: the stage libraries in link order, and what they need (static libraries).
set(VANBAN_PC_LIBS "-lvanban_pipeline -lvanban_builtin_extractors -lvanban_report -lvanban_extract -lvanban_ocr -lvanban_source -lvanban_image -lvanban_structure -lvanban_text -lvanban_base")
# The prefix is found from the .pc file's own place, so the installed tree can be moved.
file(RELATIVE_PATH VANBAN_PC_TO_PREFIX /prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig /prefix)
configure_file(${PROJECT_SOURCE_DIR}/cmake/vanban.pc.in ${CMAKE_BINARY_DIR}/vanban.pc @ONLY)
install(FILES ${CMAKE_BINARY_DIR}/vanban.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
