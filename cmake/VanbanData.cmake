# The data directory: rule packs (plugins/<name>/rules) and models, staged into the build tree at
# ${VANBAN_STAGED_DATA_DIR} (build/share/vanban, where the built programs find it beside
# ../share/vanban) and installed into share/vanban. vanban never reads the source tree.
include(GNUInstallDirs)
set(VANBAN_STAGED_DATA_DIR ${CMAKE_BINARY_DIR}/share/vanban)
set(VANBAN_INSTALL_DATA_DIR ${CMAKE_INSTALL_DATADIR}/vanban)

# Copies every file below `source` into the staged data directory at `destination` (relative), at
# configure time; editing or adding a file there re-runs the configure step.
function(vanban_stage_data source destination)
  file(GLOB_RECURSE files CONFIGURE_DEPENDS RELATIVE ${source} ${source}/*)
  foreach(file ${files})
    configure_file(${source}/${file} ${VANBAN_STAGED_DATA_DIR}/${destination}/${file} COPYONLY)
  endforeach()
  install(DIRECTORY ${source}/ DESTINATION ${VANBAN_INSTALL_DATA_DIR}/${destination})
endfunction()

# A built-in extractor in plugins/<name>/: its sources join vanban_builtin_extractors, and its
# rules/ folder (when it has one) is its rule pack.
function(vanban_builtin_extractor name)
  cmake_parse_arguments(PARSE_ARGV 1 ARG "" "" "SOURCES")
  target_sources(vanban_builtin_extractors PRIVATE ${ARG_SOURCES})
  if(IS_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}/rules)
    vanban_stage_data(${CMAKE_CURRENT_SOURCE_DIR}/rules plugins/${name}/rules)
  endif()
endfunction()
