# hoptac_module(NAME SOURCES ... DEPS ... PRIVATE_DEPS ...)
# Declares one src/<module> library: public headers at the top of its folder, private ones under internal/.
function(hoptac_module name)
  cmake_parse_arguments(M "" "" "SOURCES;DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(hoptac_${name} STATIC ${M_SOURCES})
  target_include_directories(hoptac_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(hoptac_${name} PUBLIC ${M_DEPS} hoptac_options PRIVATE ${M_PRIVATE_DEPS})
endfunction()
