# Writes OUTPUT: the files of lib/locale/data/*.yaml as a C++ array of
# {name, text} (raw string literals), compiled into tmlint_locale, so the
# installed binary needs no data folder and a rule never reads a file.
# Run as: cmake -DDATA_DIR=... -DOUTPUT=... -P embed_data.cmake
file(GLOB files "${DATA_DIR}/*.yaml")
list(SORT files)
set(out "// Generated from lib/locale/data/*.yaml by lib/locale/embed_data.cmake. Do not edit.\n")
string(APPEND out "constexpr EmbeddedFile kEmbeddedLocaleData[] = {\n")
foreach(f ${files})
  get_filename_component(name "${f}" NAME_WE)
  file(READ "${f}" text)
  string(FIND "${text}" ")tmlint_yaml\"" bad)
  if(NOT bad EQUAL -1)
    message(FATAL_ERROR "${f}: contains the raw-string delimiter")
  endif()
  string(APPEND out "  {\"${name}\", R\"tmlint_yaml(${text})tmlint_yaml\"},\n")
endforeach()
string(APPEND out "};\n")
# Only rewrite when changed, so an unchanged tree does not rebuild.
if(EXISTS "${OUTPUT}")
  file(READ "${OUTPUT}" old)
  if(old STREQUAL out)
    return()
  endif()
endif()
file(WRITE "${OUTPUT}" "${out}")
